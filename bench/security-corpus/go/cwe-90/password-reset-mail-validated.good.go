package account

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"

	"github.com/go-ldap/ldap/v3"
)

var emailPattern = regexp.MustCompile(`^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}$`)

func ForgotPassword(conn *ldap.Conn) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		email := strings.TrimSpace(r.FormValue("email"))
		if !emailPattern.MatchString(email) {
			http.Error(w, "invalid email", http.StatusBadRequest)
			return
		}
		filter := fmt.Sprintf("(&(objectClass=inetOrgPerson)(mail=%s))", email)
		req := ldap.NewSearchRequest("dc=example,dc=com", ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 1, 10, false, filter, []string{"dn"}, nil)
		res, err := conn.Search(req)
		if err == nil && len(res.Entries) == 1 {
			go sendResetLink(res.Entries[0].DN)
		}
		w.WriteHeader(http.StatusAccepted)
	}
}

func sendResetLink(dn string) {}
