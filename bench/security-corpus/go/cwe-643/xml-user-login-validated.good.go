package legacy

import (
	"net/http"
	"os"
	"regexp"

	"github.com/antchfx/xmlquery"
)

var usernamePattern = regexp.MustCompile(`^[a-z][a-z0-9_]{2,31}$`)
var pinPattern = regexp.MustCompile(`^[0-9]{4,8}$`)

func Login(w http.ResponseWriter, r *http.Request) {
	user := r.PostFormValue("username")
	pin := r.PostFormValue("pin")
	if !usernamePattern.MatchString(user) || !pinPattern.MatchString(pin) {
		http.Error(w, "login failed", http.StatusUnauthorized)
		return
	}
	f, err := os.Open("/etc/legacy/users.xml")
	if err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	defer f.Close()
	doc, _ := xmlquery.Parse(f)
	matches := xmlquery.Find(doc, "//user[username='"+user+"' and pin='"+pin+"']")
	if len(matches) == 0 {
		http.Error(w, "login failed", http.StatusUnauthorized)
		return
	}
	w.Write([]byte(matches[0].SelectAttr("id")))
}
