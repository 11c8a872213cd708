package flags

import (
	"encoding/json"
	"net/http"

	"github.com/antchfx/xmlquery"
)

type FlagStore struct {
	Doc *xmlquery.Node
}

var tenantQueries = map[string]string{
	"acme":   "//flag[@enabled='true' and tenant='acme']/@name",
	"globex": "//flag[@enabled='true' and tenant='globex']/@name",
}

func (s *FlagStore) ForTenant(w http.ResponseWriter, r *http.Request) {
	expr, ok := tenantQueries[r.Header.Get("X-Tenant")]
	if !ok {
		expr = "//flag[@enabled='true' and not(tenant)]/@name"
	}
	nodes, err := xmlquery.QueryAll(s.Doc, expr)
	if err != nil {
		http.Error(w, "invalid query", http.StatusInternalServerError)
		return
	}
	names := make([]string, 0, len(nodes))
	for _, n := range nodes {
		names = append(names, n.InnerText())
	}
	json.NewEncoder(w).Encode(names)
}
