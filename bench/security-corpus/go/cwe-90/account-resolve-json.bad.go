package auth

import (
	"encoding/json"
	"net/http"

	"github.com/go-ldap/ldap/v3"
)

type resolveRequest struct {
	Login string `json:"login"`
}

func ResolveAccount(conn *ldap.Conn) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var body resolveRequest
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			http.Error(w, "invalid body", http.StatusBadRequest)
			return
		}
		parts := map[string]string{"uid": body.Login, "mail": body.Login}
		filter := "(&(objectClass=person)(|(uid=" + parts["uid"] + ")(mail=" + parts["mail"] + ")))"
		res, err := conn.Search(ldap.NewSearchRequest("dc=example,dc=com", ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 2, 5, false, filter, []string{"dn"}, nil))
		if err != nil || len(res.Entries) != 1 {
			http.Error(w, "unknown account", http.StatusNotFound)
			return
		}
		json.NewEncoder(w).Encode(map[string]string{"dn": res.Entries[0].DN})
	}
}
