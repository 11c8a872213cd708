package admin

import (
	"net/http"
	"strings"

	"github.com/alexedwards/scs/v2"
)

type Handlers struct {
	Sessions *scs.SessionManager
}

func (h *Handlers) SwitchRole(w http.ResponseWriter, r *http.Request) {
	role := strings.ToLower(r.URL.Query().Get("role"))
	if role == "" {
		http.Error(w, "role required", http.StatusBadRequest)
		return
	}
	h.Sessions.Put(r.Context(), "active_role", role)
	http.Redirect(w, r, "/admin", http.StatusFound)
}
