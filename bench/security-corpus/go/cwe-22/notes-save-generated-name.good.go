package notes

import (
	"crypto/rand"
	"encoding/hex"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
)

func SaveNote(w http.ResponseWriter, r *http.Request) {
	title := r.Header.Get("X-Note-Title")
	if title == "" {
		title = "untitled"
	}
	buf := make([]byte, 12)
	rand.Read(buf)
	id := hex.EncodeToString(buf)
	f, err := os.Create(filepath.Join("/var/notes", id+".txt"))
	if err != nil {
		http.Error(w, "cannot save", http.StatusInternalServerError)
		return
	}
	defer f.Close()
	io.Copy(f, io.LimitReader(r.Body, 1<<20))
	w.Header().Set("Location", "/notes/"+id+"?title="+url.QueryEscape(title))
	w.WriteHeader(http.StatusCreated)
}
