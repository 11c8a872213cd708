package games

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/go-chi/chi/v5"
)

var orderColumns = map[string]string{
	"score":  "score DESC",
	"recent": "achieved_at DESC",
	"name":   "player_name ASC",
}

func Leaderboard(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		game := chi.URLParam(r, "game")
		order, ok := orderColumns[r.URL.Query().Get("order")]
		if !ok {
			order = orderColumns["score"]
		}
		q := fmt.Sprintf("SELECT player_name, score FROM scores WHERE game = $1 ORDER BY %s LIMIT 50", order)
		rows, err := db.QueryContext(r.Context(), q, game)
		if err != nil {
			http.Error(w, "query failed", http.StatusInternalServerError)
			return
		}
		defer rows.Close()
		type entry struct {
			Player string `json:"player"`
			Score  int    `json:"score"`
		}
		var out []entry
		for rows.Next() {
			var e entry
			_ = rows.Scan(&e.Player, &e.Score)
			out = append(out, e)
		}
		json.NewEncoder(w).Encode(out)
	}
}
