package legacy

import (
	"net/http"
	"os"

	"github.com/antchfx/xmlquery"
)

func Login(w http.ResponseWriter, r *http.Request) {
	user := r.PostFormValue("username")
	pin := r.PostFormValue("pin")
	f, err := os.Open("/etc/legacy/users.xml")
	if err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	defer f.Close()
	doc, _ := xmlquery.Parse(f)
	expr := "//user[username='" + user + "' and pin='" + pin + "']"
	matches := xmlquery.Find(doc, expr)
	if len(matches) == 0 {
		http.Error(w, "login failed", http.StatusUnauthorized)
		return
	}
	w.Write([]byte(matches[0].SelectAttr("id")))
}
