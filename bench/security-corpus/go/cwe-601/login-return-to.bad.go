package auth

import (
	"net/http"
)

type Authenticator interface {
	Login(w http.ResponseWriter, email, password string) bool
}

func LoginHandler(a Authenticator) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !a.Login(w, r.PostFormValue("email"), r.PostFormValue("password")) {
			http.Redirect(w, r, "/login?failed=1", http.StatusSeeOther)
			return
		}
		var destination string
		if rt := r.PostFormValue("return_to"); rt != "" {
			destination = rt
		} else {
			destination = "/dashboard"
		}
		http.Redirect(w, r, destination, http.StatusSeeOther)
	}
}
