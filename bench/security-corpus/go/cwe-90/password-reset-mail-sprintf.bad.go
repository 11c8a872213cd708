package account

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/go-ldap/ldap/v3"
)

func ForgotPassword(conn *ldap.Conn) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		email := strings.TrimSpace(r.FormValue("email"))
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
