package oauth

import (
	"net/http"
	"net/url"
)

func (s *Server) Authorize(w http.ResponseWriter, r *http.Request) {
	client, ok := s.clients[r.FormValue("client_id")]
	if !ok {
		http.Error(w, "unknown client", http.StatusBadRequest)
		return
	}
	redirectURI := r.FormValue("redirect_uri")
	if redirectURI != client.RedirectURI {
		http.Error(w, "redirect_uri mismatch", http.StatusBadRequest)
		return
	}
	code, err := s.issueCode(r.Context(), client.ID)
	if err != nil {
		http.Error(w, "could not issue code", http.StatusInternalServerError)
		return
	}
	target := client.RedirectURI + "?code=" + url.QueryEscape(code) + "&state=" + url.QueryEscape(r.FormValue("state"))
	http.Redirect(w, r, target, http.StatusFound)
}
