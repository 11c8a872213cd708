package diag

import (
	"encoding/json"
	"net/http"
	"os/exec"
)

func Ping(w http.ResponseWriter, r *http.Request) {
	host := r.FormValue("host")
	if host == "" {
		http.Error(w, "host required", http.StatusBadRequest)
		return
	}
	out, err := exec.Command("sh", "-c", "ping -c 2 -W 1 "+host).CombinedOutput()
	json.NewEncoder(w).Encode(map[string]any{
		"host":   host,
		"ok":     err == nil,
		"output": string(out),
	})
}
