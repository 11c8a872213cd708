package reports

import (
	"encoding/json"
	"net/http"

	"github.com/jmoiron/sqlx"
)

type Sale struct {
	Region string  `db:"region" json:"region"`
	Total  float64 `db:"total" json:"total"`
}

var sortColumns = map[string]string{
	"region":    "region ASC",
	"total":     "total DESC",
	"total_asc": "total ASC",
}

func SalesReport(db *sqlx.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		orderBy, ok := sortColumns[r.URL.Query().Get("sort")]
		if !ok {
			orderBy = "total DESC"
		}
		var sales []Sale
		err := db.Select(&sales, "SELECT region, SUM(amount) AS total FROM sales GROUP BY region ORDER BY "+orderBy)
		if err != nil {
			http.Error(w, "report failed", http.StatusInternalServerError)
			return
		}
		json.NewEncoder(w).Encode(sales)
	}
}
