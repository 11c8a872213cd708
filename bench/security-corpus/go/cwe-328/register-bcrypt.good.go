package accounts

import (
	"database/sql"
	"net/http"

	"golang.org/x/crypto/bcrypt"
)

func Register(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		email := r.PostFormValue("email")
		password := r.PostFormValue("password")
		if len(password) < 10 {
			http.Error(w, "password too short", http.StatusBadRequest)
			return
		}
		hash, err := bcrypt.GenerateFromPassword([]byte(password), 12)
		if err != nil {
			http.Error(w, "could not register", http.StatusInternalServerError)
			return
		}
		if _, err := db.Exec("INSERT INTO users (email, password_hash) VALUES ($1, $2)", email, string(hash)); err != nil {
			http.Error(w, "could not register", http.StatusConflict)
			return
		}
		w.WriteHeader(http.StatusCreated)
	}
}
