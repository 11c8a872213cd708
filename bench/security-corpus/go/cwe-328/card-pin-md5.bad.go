package cards

import (
	"crypto/md5"
	"fmt"
	"net/http"
	"regexp"
)

var pinFormat = regexp.MustCompile(`^\d{4}$`)

type CardStore interface {
	SetPinHash(cardID, hash string) error
}

func SetPin(store CardStore) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		pin := r.PostFormValue("pin")
		if !pinFormat.MatchString(pin) {
			http.Error(w, "pin must be 4 digits", http.StatusBadRequest)
			return
		}
		hash := fmt.Sprintf("%x", md5.Sum([]byte(pin)))
		if err := store.SetPinHash(r.PostFormValue("card_id"), hash); err != nil {
			http.Error(w, "update failed", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}
}
