package uploads

import (
	"net/http"
	"os/exec"
	"path/filepath"
)

const extractDir = "/srv/extract"

func ExtractArchive(w http.ResponseWriter, r *http.Request) {
	archive := filepath.Base(r.PostFormValue("archive"))
	source := filepath.Join("/srv/uploads", archive)
	cmd := exec.Command("tar", "-xzf", source, "-C", extractDir)
	if err := cmd.Run(); err != nil {
		http.Error(w, "extraction failed", http.StatusUnprocessableEntity)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
