package web

import (
	"net/http"
	"os"

	"github.com/gorilla/sessions"
)

var store = newStore()

func newStore() *sessions.CookieStore {
	s := sessions.NewCookieStore([]byte(os.Getenv("SESSION_KEY")))
	s.Options = &sessions.Options{Path: "/", MaxAge: 86400, HttpOnly: true, Secure: true, SameSite: http.SameSiteLaxMode}
	return s
}

func Dashboard(w http.ResponseWriter, r *http.Request) {
	sess, _ := store.Get(r, "app-session")
	if _, ok := sess.Values["user_id"]; !ok {
		http.Redirect(w, r, "/login", http.StatusFound)
		return
	}
	w.Write([]byte("welcome back"))
}
