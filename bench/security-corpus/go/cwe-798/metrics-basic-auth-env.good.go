package ops

import (
	"crypto/subtle"
	"net/http"
	"os"
)

func RequireMetricsAuth(next http.Handler) http.Handler {
	wantUser := []byte(os.Getenv("METRICS_USER"))
	wantPass := []byte(os.Getenv("METRICS_PASSWORD"))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, pass, ok := r.BasicAuth()
		if !ok || len(wantPass) == 0 ||
			subtle.ConstantTimeCompare([]byte(user), wantUser) != 1 ||
			subtle.ConstantTimeCompare([]byte(pass), wantPass) != 1 {
			w.Header().Set("WWW-Authenticate", `Basic realm="metrics"`)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}
