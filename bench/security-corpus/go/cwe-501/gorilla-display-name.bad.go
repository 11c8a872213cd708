package web

import (
	"net/http"

	"github.com/gorilla/sessions"
)

type ProfileHandler struct {
	Store sessions.Store
}

func (h *ProfileHandler) SetDisplayName(w http.ResponseWriter, r *http.Request) {
	sess, err := h.Store.Get(r, "app-session")
	if err != nil {
		http.Error(w, "session error", http.StatusInternalServerError)
		return
	}
	name := r.FormValue("display_name")
	sess.Values["display_name"] = name
	if err := sess.Save(r, w); err != nil {
		http.Error(w, "session error", http.StatusInternalServerError)
		return
	}
	http.Redirect(w, r, "/profile", http.StatusSeeOther)
}
