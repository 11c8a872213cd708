package developer

import (
	"encoding/hex"
	"encoding/json"
	"math/rand"
	"net/http"
)

type KeyStore interface {
	Create(ownerID int64, key string) error
}

func CreateAPIKey(store KeyStore, ownerID int64) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		buf := make([]byte, 24)
		rand.Read(buf)
		key := "ak_" + hex.EncodeToString(buf)
		if err := store.Create(ownerID, key); err != nil {
			http.Error(w, "could not create key", http.StatusInternalServerError)
			return
		}
		json.NewEncoder(w).Encode(map[string]string{"api_key": key})
	}
}
