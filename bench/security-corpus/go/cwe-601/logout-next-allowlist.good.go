package auth

import (
	"net/http"
)

var postLogoutPages = map[string]string{
	"home":      "/",
	"login":     "/login",
	"signedout": "/signed-out",
}

func Logout(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: "session", Value: "", Path: "/", MaxAge: -1, Secure: true, HttpOnly: true})
	next, ok := postLogoutPages[r.URL.Query().Get("next")]
	if !ok {
		next = "/"
	}
	http.Redirect(w, r, next, http.StatusFound)
}
