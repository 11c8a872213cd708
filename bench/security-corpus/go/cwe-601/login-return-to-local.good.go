package auth

import (
	"net/http"
	"net/url"
	"strings"
)

type Authenticator interface {
	Login(w http.ResponseWriter, email, password string) bool
}

func isLocalPath(p string) bool {
	u, err := url.Parse(p)
	return err == nil && u.Scheme == "" && u.Host == "" && strings.HasPrefix(p, "/") &&
		!strings.HasPrefix(p, "//") && !strings.Contains(p, "\\")
}

func LoginHandler(a Authenticator) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !a.Login(w, r.PostFormValue("email"), r.PostFormValue("password")) {
			http.Redirect(w, r, "/login?failed=1", http.StatusSeeOther)
			return
		}
		destination := "/dashboard"
		if rt := r.PostFormValue("return_to"); isLocalPath(rt) {
			destination = rt
		}
		http.Redirect(w, r, destination, http.StatusSeeOther)
	}
}
