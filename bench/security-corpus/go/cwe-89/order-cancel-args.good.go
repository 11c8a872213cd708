package handlers

import (
	"database/sql"
	"fmt"
	"net/http"
	"strings"
)

func CancelOrder(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		reference := strings.TrimSpace(r.FormValue("reference"))
		reason := "customer request"
		res, err := db.Exec("UPDATE orders SET status = 'cancelled', reason = ? WHERE reference = ?", reason, reference)
		if err != nil {
			http.Error(w, "update failed", http.StatusInternalServerError)
			return
		}
		n, _ := res.RowsAffected()
		fmt.Fprintf(w, "cancelled %d order(s)", n)
	}
}
