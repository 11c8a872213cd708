package flags

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/antchfx/xmlquery"
)

type FlagStore struct {
	Doc *xmlquery.Node
}

func (s *FlagStore) ForTenant(w http.ResponseWriter, r *http.Request) {
	conditions := []string{"@enabled='true'"}
	if tenant := r.Header.Get("X-Tenant"); tenant != "" {
		conditions = append(conditions, "tenant='"+tenant+"'")
	}
	expr := "//flag[" + strings.Join(conditions, " and ") + "]/@name"
	nodes, err := xmlquery.QueryAll(s.Doc, expr)
	if err != nil {
		http.Error(w, "invalid query", http.StatusBadRequest)
		return
	}
	names := make([]string, 0, len(nodes))
	for _, n := range nodes {
		names = append(names, n.InnerText())
	}
	json.NewEncoder(w).Encode(names)
}
