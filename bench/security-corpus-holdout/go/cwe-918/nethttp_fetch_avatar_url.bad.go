package profile

import (
	"io"
	"net/http"
	"time"
)

var client = &http.Client{Timeout: 5 * time.Second}

func ImportAvatar(w http.ResponseWriter, r *http.Request) {
	src := r.URL.Query().Get("url")
	resp, err := client.Get(src)
	if err != nil {
		http.Error(w, "fetch failed", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	w.Header().Set("Content-Type", resp.Header.Get("Content-Type"))
	io.Copy(w, io.LimitReader(resp.Body, 2<<20))
}
