package web

import (
	"net/http"
	"strings"
	"text/template"
)

var invitePage = template.Must(template.New("invite").Parse(
	`<html><body><h1>{{.Inviter}} invited you to join {{.Team}}</h1></body></html>`))

func InvitePage(w http.ResponseWriter, r *http.Request) {
	data := map[string]string{
		"Inviter": strings.TrimSpace(r.URL.Query().Get("from")),
		"Team":    "Acme Workspace",
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := invitePage.Execute(w, data); err != nil {
		http.Error(w, "render failed", http.StatusInternalServerError)
	}
}
