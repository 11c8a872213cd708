package files

import (
	"net/http"
)

func Download(w http.ResponseWriter, r *http.Request) {
	name := r.FormValue("name")
	fullPath := "/srv/files/" + name
	w.Header().Set("Content-Disposition", "attachment")
	http.ServeFile(w, r, fullPath)
}
