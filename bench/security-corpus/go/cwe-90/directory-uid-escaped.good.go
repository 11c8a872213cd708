package directory

import (
	"encoding/json"
	"net/http"

	"github.com/go-ldap/ldap/v3"
)

type Directory struct {
	Conn *ldap.Conn
}

func (d *Directory) Lookup(w http.ResponseWriter, r *http.Request) {
	uid := ldap.EscapeFilter(r.URL.Query().Get("uid"))
	req := ldap.NewSearchRequest("ou=people,dc=example,dc=com", ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 0, 0, false, "(uid="+uid+")", []string{"cn", "mail"}, nil)
	res, err := d.Conn.Search(req)
	if err != nil {
		http.Error(w, "directory error", http.StatusBadGateway)
		return
	}
	out := make([]map[string]string, 0, len(res.Entries))
	for _, e := range res.Entries {
		out = append(out, map[string]string{"cn": e.GetAttributeValue("cn"), "mail": e.GetAttributeValue("mail")})
	}
	json.NewEncoder(w).Encode(out)
}
