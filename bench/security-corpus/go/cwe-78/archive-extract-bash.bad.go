package uploads

import (
	"fmt"
	"net/http"
	"os/exec"
)

const extractDir = "/srv/extract"

func ExtractArchive(w http.ResponseWriter, r *http.Request) {
	archive := r.PostFormValue("archive")
	script := fmt.Sprintf("tar -xzf /srv/uploads/%s -C %s", archive, extractDir)
	cmd := exec.Command("bash", "-c", script)
	if err := cmd.Run(); err != nil {
		http.Error(w, "extraction failed", http.StatusUnprocessableEntity)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
