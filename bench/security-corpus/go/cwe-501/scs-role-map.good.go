package admin

import (
	"net/http"
	"strings"

	"github.com/alexedwards/scs/v2"
)

type Handlers struct {
	Sessions *scs.SessionManager
}

var viewRoles = map[string]string{
	"viewer":  "viewer",
	"auditor": "auditor",
}

func (h *Handlers) SwitchRole(w http.ResponseWriter, r *http.Request) {
	role, ok := viewRoles[strings.ToLower(r.URL.Query().Get("role"))]
	if !ok {
		http.Error(w, "unknown role", http.StatusBadRequest)
		return
	}
	h.Sessions.Put(r.Context(), "active_role", role)
	http.Redirect(w, r, "/admin", http.StatusFound)
}
