package portal

import (
	"net/http"

	"github.com/gorilla/sessions"
)

var store = sessions.NewCookieStore([]byte(mustEnv("SESSION_KEY")))

func SelectWorkspace(w http.ResponseWriter, r *http.Request) {
	sess, _ := store.Get(r, "portal")
	if sess.Values["uid"] == nil {
		http.Redirect(w, r, "/login", http.StatusFound)
		return
	}
	role := r.PostFormValue("role")
	sess.Values["workspace"] = r.PostFormValue("workspace")
	sess.Values["role"] = role
	sess.Save(r, w)
	http.Redirect(w, r, "/workspace", http.StatusFound)
}
