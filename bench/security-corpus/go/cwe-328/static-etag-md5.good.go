package static

import (
	"crypto/md5"
	"encoding/hex"
	"net/http"
	"os"
	"path/filepath"
)

func ServeStylesheet(w http.ResponseWriter, r *http.Request) {
	data, err := os.ReadFile(filepath.Join("assets", "app.css"))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	sum := md5.Sum(data)
	etag := `"` + hex.EncodeToString(sum[:]) + `"`
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("ETag", etag)
	w.Header().Set("Content-Type", "text/css")
	w.Write(data)
}
