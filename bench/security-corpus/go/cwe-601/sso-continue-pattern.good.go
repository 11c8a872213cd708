package sso

import (
	"net/http"
	"regexp"
	"strings"
)

var appPath = regexp.MustCompile(`^/[A-Za-z0-9_\-/]*$`)

func Continue(w http.ResponseWriter, r *http.Request) {
	target := strings.TrimSpace(r.FormValue("continue"))
	if !appPath.MatchString(target) || strings.HasPrefix(target, "//") {
		target = "/home"
	}
	w.Header().Set("Location", target)
	w.WriteHeader(http.StatusFound)
}
