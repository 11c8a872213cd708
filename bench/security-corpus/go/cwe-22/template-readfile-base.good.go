package templates

import (
	"net/http"
	"os"
	"path/filepath"
)

const templateDir = "/srv/app/email-templates"

func Preview(w http.ResponseWriter, r *http.Request) {
	name := filepath.Base(r.URL.Query().Get("template"))
	path := filepath.Join(templateDir, name)
	data, err := os.ReadFile(path)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write(data)
}
