package admin

import (
	"context"
	"net/http"
	"os/exec"
	"strings"
	"time"
)

func TriggerBackup(w http.ResponseWriter, r *http.Request) {
	parts := []string{"pg_dump", "--format=custom"}
	parts = append(parts, "--file=/backups/"+r.Header.Get("X-Backup-Label")+".dump")
	parts = append(parts, "appdb")
	ctx, cancel := context.WithTimeout(r.Context(), 10*time.Minute)
	defer cancel()
	if err := exec.CommandContext(ctx, "sh", "-c", strings.Join(parts, " ")).Run(); err != nil {
		http.Error(w, "backup failed", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}
