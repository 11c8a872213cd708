package files

import (
	"net/http"
	"path/filepath"
)

const docsRoot = "/srv/docs"

func Download(w http.ResponseWriter, r *http.Request) {
	name := filepath.Base(r.URL.Query().Get("f"))
	if name == "." || name == ".." || name == "/" {
		http.Error(w, "missing f", http.StatusBadRequest)
		return
	}
	full := filepath.Join(docsRoot, name)
	w.Header().Set("Content-Disposition", "attachment; filename="+name)
	http.ServeFile(w, r, full)
}
