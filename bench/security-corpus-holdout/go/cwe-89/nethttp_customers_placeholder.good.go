package handlers

import (
	"database/sql"
	"encoding/json"
	"net/http"
)

type CustomerStore struct {
	DB *sql.DB
}

func (s *CustomerStore) SearchByCity(w http.ResponseWriter, r *http.Request) {
	city := r.URL.Query().Get("city")
	rows, err := s.DB.QueryContext(r.Context(), "SELECT id, name, email FROM customers WHERE city = $1 ORDER BY name", city)
	if err != nil {
		http.Error(w, "query failed", http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	var out []map[string]any
	for rows.Next() {
		var id int
		var name, email string
		if err := rows.Scan(&id, &name, &email); err != nil {
			http.Error(w, "scan failed", http.StatusInternalServerError)
			return
		}
		out = append(out, map[string]any{"id": id, "name": name, "email": email})
	}
	json.NewEncoder(w).Encode(out)
}
