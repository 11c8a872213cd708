package portal

import (
	"net/http"
	"strconv"

	"github.com/gorilla/sessions"
)

var store = sessions.NewCookieStore([]byte(mustEnv("SESSION_KEY")))

func SelectWorkspace(w http.ResponseWriter, r *http.Request) {
	sess, _ := store.Get(r, "portal")
	uid, ok := sess.Values["uid"].(int64)
	if !ok {
		http.Redirect(w, r, "/login", http.StatusFound)
		return
	}
	wsID, err := strconv.ParseInt(r.PostFormValue("workspace"), 10, 64)
	if err != nil {
		http.Error(w, "invalid workspace", http.StatusBadRequest)
		return
	}
	m, err := lookupMembership(r.Context(), uid, wsID)
	if err != nil {
		http.Error(w, "not a member", http.StatusForbidden)
		return
	}
	sess.Values["workspace"] = m.WorkspaceID
	sess.Values["role"] = m.Role
	sess.Save(r, w)
	http.Redirect(w, r, "/workspace", http.StatusFound)
}
