package auth

import (
	"net/http"

	"github.com/gorilla/sessions"
	"golang.org/x/crypto/bcrypt"
)

type Users interface {
	ByEmail(email string) (id int64, hash []byte, ok bool)
}

func Login(store sessions.Store, users Users) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, hash, ok := users.ByEmail(r.PostFormValue("email"))
		if !ok || bcrypt.CompareHashAndPassword(hash, []byte(r.PostFormValue("password"))) != nil {
			http.Error(w, "invalid credentials", http.StatusUnauthorized)
			return
		}
		sess, _ := store.Get(r, "app-session")
		sess.Values["user_id"] = id
		sess.Save(r, w)
		http.Redirect(w, r, "/dashboard", http.StatusSeeOther)
	}
}
