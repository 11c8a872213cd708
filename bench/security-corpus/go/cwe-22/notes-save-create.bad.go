package notes

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
)

func SaveNote(w http.ResponseWriter, r *http.Request) {
	title := r.Header.Get("X-Note-Title")
	var target string
	if title == "" {
		target = filepath.Join("/var/notes", "untitled.txt")
	} else {
		target = filepath.Join("/var/notes", title+".txt")
	}
	f, err := os.Create(target)
	if err != nil {
		http.Error(w, "cannot save", http.StatusInternalServerError)
		return
	}
	defer f.Close()
	io.Copy(f, io.LimitReader(r.Body, 1<<20))
	w.WriteHeader(http.StatusCreated)
}
