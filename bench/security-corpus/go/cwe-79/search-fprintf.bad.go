package web

import (
	"fmt"
	"net/http"
)

func SearchPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, "<html><body>")
	fmt.Fprintf(w, "<h1>Results for %s</h1>", q)
	fmt.Fprint(w, "<p>No products matched your search.</p></body></html>")
}
