package plugins

import (
	"encoding/json"
	"net/http"

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

var registeredPlugins = map[string]string{
	"uppercase": `strings.ToUpper("hello")`,
	"wordcount": `len(strings.Fields("the quick brown fox"))`,
}

func RunPlugin(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Name string `json:"name"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, "invalid request", http.StatusBadRequest)
		return
	}
	source, ok := registeredPlugins[req.Name]
	if !ok {
		http.Error(w, "unknown plugin", http.StatusNotFound)
		return
	}
	i := interp.New(interp.Options{})
	i.Use(stdlib.Symbols)
	i.Eval(`import "strings"`)
	res, err := i.Eval(source)
	if err != nil {
		http.Error(w, "plugin failed", http.StatusInternalServerError)
		return
	}
	json.NewEncoder(w).Encode(map[string]any{"plugin": req.Name, "result": res.Interface()})
}
