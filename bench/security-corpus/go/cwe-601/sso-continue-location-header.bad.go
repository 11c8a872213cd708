package sso

import (
	"net/http"
	"strings"
)

func Continue(w http.ResponseWriter, r *http.Request) {
	target := strings.TrimSpace(r.FormValue("continue"))
	if !strings.HasPrefix(target, "/") {
		target = "/home"
	}
	w.Header().Set("Location", target)
	w.WriteHeader(http.StatusFound)
}
