package ops

import (
	"net/http"
	"os/exec"

	"github.com/go-chi/chi/v5"
)

var maintenanceTasks = map[string][]string{
	"vacuum":  {"psql", "-d", "app", "-c", "VACUUM ANALYZE"},
	"reindex": {"psql", "-d", "app", "-c", "REINDEX DATABASE app"},
	"rotate":  {"logrotate", "/etc/logrotate.d/app"},
}

func RunTask(w http.ResponseWriter, r *http.Request) {
	argv, ok := maintenanceTasks[chi.URLParam(r, "task")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	out, err := exec.CommandContext(r.Context(), argv[0], argv[1:]...).CombinedOutput()
	if err != nil {
		http.Error(w, string(out), http.StatusInternalServerError)
		return
	}
	w.Write(out)
}
