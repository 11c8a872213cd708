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
		query := fmt.Sprintf("UPDATE orders SET status = 'cancelled', reason = '%s' WHERE reference = '%s'", reason, reference)
		res, err := db.Exec(query)
		if err != nil {
			http.Error(w, "update failed", http.StatusInternalServerError)
			return
		}
		n, _ := res.RowsAffected()
		fmt.Fprintf(w, "cancelled %d order(s)", n)
	}
}
