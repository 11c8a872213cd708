package accounts

import (
	"crypto/md5"
	"database/sql"
	"encoding/hex"
	"net/http"
)

func Register(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		email := r.PostFormValue("email")
		password := r.PostFormValue("password")
		if len(password) < 10 {
			http.Error(w, "password too short", http.StatusBadRequest)
			return
		}
		sum := md5.Sum([]byte(password))
		_, err := db.Exec("INSERT INTO users (email, password_hash) VALUES ($1, $2)", email, hex.EncodeToString(sum[:]))
		if err != nil {
			http.Error(w, "could not register", http.StatusConflict)
			return
		}
		w.WriteHeader(http.StatusCreated)
	}
}
