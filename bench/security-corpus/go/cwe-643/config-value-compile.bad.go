package config

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/antchfx/xmlquery"
	"github.com/antchfx/xpath"
)

func Setting(doc *xmlquery.Node) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		key := strings.ToLower(r.URL.Query().Get("key"))
		compiled, err := xpath.Compile(fmt.Sprintf(`//setting[@key="%s"]/@value`, key))
		if err != nil {
			http.Error(w, "invalid key", http.StatusBadRequest)
			return
		}
		for _, n := range xmlquery.QuerySelectorAll(doc, compiled) {
			fmt.Fprintln(w, n.InnerText())
		}
	}
}
