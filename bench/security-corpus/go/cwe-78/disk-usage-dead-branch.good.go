package admin

import (
	"net/http"
	"os/exec"
)

func DiskUsage(w http.ResponseWriter, r *http.Request) {
	requested := r.FormValue("path")
	target := "/var/lib/app"
	if false {
		target = requested
	}
	out, err := exec.Command("sh", "-c", "du -sh "+target).Output()
	if err != nil {
		http.Error(w, "du failed", http.StatusInternalServerError)
		return
	}
	w.Write(out)
}
