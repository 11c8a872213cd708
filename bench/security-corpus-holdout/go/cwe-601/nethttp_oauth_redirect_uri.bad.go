package oauth

import (
	"net/http"
	"net/url"
)

func (s *Server) Authorize(w http.ResponseWriter, r *http.Request) {
	redirectURI := r.FormValue("redirect_uri")
	state := r.FormValue("state")
	code, err := s.issueCode(r.Context(), r.FormValue("client_id"))
	if err != nil {
		http.Error(w, "unknown client", http.StatusBadRequest)
		return
	}
	target := redirectURI + "?code=" + url.QueryEscape(code) + "&state=" + url.QueryEscape(state)
	http.Redirect(w, r, target, http.StatusFound)
}
