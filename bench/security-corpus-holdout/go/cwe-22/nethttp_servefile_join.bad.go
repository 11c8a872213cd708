package files

import (
	"net/http"
	"path/filepath"
)

const docsRoot = "/srv/docs"

func Download(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("f")
	if name == "" {
		http.Error(w, "missing f", http.StatusBadRequest)
		return
	}
	full := filepath.Join(docsRoot, name)
	w.Header().Set("Content-Disposition", "attachment; filename="+filepath.Base(full))
	http.ServeFile(w, r, full)
}
