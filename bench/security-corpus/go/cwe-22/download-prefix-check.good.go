package files

import (
	"net/http"
	"path/filepath"
	"strings"
)

const filesRoot = "/srv/files"

func Download(w http.ResponseWriter, r *http.Request) {
	name := r.FormValue("name")
	fullPath := filepath.Clean(filepath.Join(filesRoot, name))
	if !strings.HasPrefix(fullPath, filesRoot+string(filepath.Separator)) {
		http.Error(w, "invalid file name", http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Disposition", "attachment")
	http.ServeFile(w, r, fullPath)
}
