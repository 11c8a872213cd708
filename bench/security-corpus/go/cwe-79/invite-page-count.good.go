package web

import (
	"fmt"
	"net/http"
	"strconv"
)

func InvitePage(w http.ResponseWriter, r *http.Request) {
	seats, err := strconv.Atoi(r.URL.Query().Get("seats"))
	if err != nil || seats < 1 {
		seats = 1
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, "<html><body><h1>You have been invited</h1><p>%d seat(s) reserved for your team.</p></body></html>", seats)
}
