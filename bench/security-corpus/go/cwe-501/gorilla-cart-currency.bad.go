package shop

import (
	"encoding/json"
	"net/http"

	"github.com/gorilla/sessions"
)

type currencyRequest struct {
	Currency string `json:"currency"`
}

func SetCurrency(store sessions.Store) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req currencyRequest
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, "invalid body", http.StatusBadRequest)
			return
		}
		sess, _ := store.Get(r, "shop")
		var currency string
		if req.Currency != "" {
			currency = req.Currency
		} else {
			currency = "EUR"
		}
		sess.Values["currency"] = currency
		sess.Save(r, w)
		w.WriteHeader(http.StatusNoContent)
	}
}
