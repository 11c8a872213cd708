package auth

import (
	"encoding/json"
	"net/http"

	"github.com/go-ldap/ldap/v3"
)

func ResolveServiceAccount(conn *ldap.Conn) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Login string `json:"login"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			http.Error(w, "invalid body", http.StatusBadRequest)
			return
		}
		parts := map[string]string{"requested": body.Login, "service": "svc-deploy"}
		filter := "(&(objectClass=person)(uid=" + parts["service"] + "))"
		res, err := conn.Search(ldap.NewSearchRequest("dc=example,dc=com", ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 2, 5, false, filter, []string{"dn"}, nil))
		if err != nil || len(res.Entries) != 1 {
			http.Error(w, "unknown account", http.StatusNotFound)
			return
		}
		json.NewEncoder(w).Encode(map[string]string{"dn": res.Entries[0].DN})
	}
}
