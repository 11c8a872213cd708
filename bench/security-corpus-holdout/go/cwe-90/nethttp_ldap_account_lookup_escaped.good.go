package auth

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/go-ldap/ldap/v3"
)

func (s *Service) LookupAccount(w http.ResponseWriter, r *http.Request) {
	account := r.URL.Query().Get("account")
	conn, err := ldap.DialURL(s.ldapURL)
	if err != nil {
		http.Error(w, "directory unavailable", http.StatusServiceUnavailable)
		return
	}
	defer conn.Close()
	filter := fmt.Sprintf("(&(objectClass=user)(sAMAccountName=%s))", ldap.EscapeFilter(account))
	req := ldap.NewSearchRequest("dc=corp,dc=example,dc=com", ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 0, 0, false, filter, []string{"displayName", "mail"}, nil)
	res, err := conn.Search(req)
	if err != nil {
		http.Error(w, "search failed", http.StatusInternalServerError)
		return
	}
	out := []map[string]string{}
	for _, e := range res.Entries {
		out = append(out, map[string]string{"dn": e.DN, "name": e.GetAttributeValue("displayName"), "mail": e.GetAttributeValue("mail")})
	}
	json.NewEncoder(w).Encode(out)
}
