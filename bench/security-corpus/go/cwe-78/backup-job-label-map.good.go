package admin

import (
	"context"
	"net/http"
	"os/exec"
	"time"
)

var backupCommands = map[string]string{
	"nightly": "pg_dump --format=custom --file=/backups/nightly.dump appdb",
	"weekly":  "pg_dump --format=custom --file=/backups/weekly.dump appdb",
}

func TriggerBackup(w http.ResponseWriter, r *http.Request) {
	command, ok := backupCommands[r.Header.Get("X-Backup-Label")]
	if !ok {
		http.Error(w, "unknown backup label", http.StatusBadRequest)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 10*time.Minute)
	defer cancel()
	if err := exec.CommandContext(ctx, "sh", "-c", command).Run(); err != nil {
		http.Error(w, "backup failed", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}
