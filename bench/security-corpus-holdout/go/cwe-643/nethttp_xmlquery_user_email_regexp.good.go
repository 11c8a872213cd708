package directory

import (
	"fmt"
	"net/http"
	"os"
	"regexp"

	"github.com/antchfx/xmlquery"
)

var userName = regexp.MustCompile(`^[a-z][a-z0-9_.]{1,31}$`)

func UserEmail(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	if !userName.MatchString(name) {
		http.Error(w, "invalid name", http.StatusBadRequest)
		return
	}
	f, err := os.Open("/etc/app/users.xml")
	if err != nil {
		http.Error(w, "directory unavailable", http.StatusServiceUnavailable)
		return
	}
	defer f.Close()
	doc, err := xmlquery.Parse(f)
	if err != nil {
		http.Error(w, "directory unreadable", http.StatusInternalServerError)
		return
	}
	nodes := xmlquery.Find(doc, fmt.Sprintf("//user[@name='%s']/email", name))
	for _, n := range nodes {
		fmt.Fprintln(w, n.InnerText())
	}
}
