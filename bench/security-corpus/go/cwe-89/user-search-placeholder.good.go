package handlers

import (
	"database/sql"
	"encoding/json"
	"net/http"
)

type UserHandler struct {
	DB *sql.DB
}

func (h *UserHandler) Search(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	rows, err := h.DB.Query("SELECT id, name, email FROM users WHERE name = $1", name)
	if err != nil {
		http.Error(w, "query failed", http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	var out []map[string]any
	for rows.Next() {
		var id int
		var n, email string
		if err := rows.Scan(&id, &n, &email); err == nil {
			out = append(out, map[string]any{"id": id, "name": n, "email": email})
		}
	}
	json.NewEncoder(w).Encode(out)
}
