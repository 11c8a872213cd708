package plugins

import (
	"encoding/json"
	"net/http"

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

type pluginRequest struct {
	Name   string `json:"name"`
	Source string `json:"source"`
}

func RunPlugin(w http.ResponseWriter, r *http.Request) {
	var req pluginRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, "invalid request", http.StatusBadRequest)
		return
	}
	i := interp.New(interp.Options{})
	i.Use(stdlib.Symbols)
	res, err := i.Eval(req.Source)
	if err != nil {
		http.Error(w, err.Error(), http.StatusUnprocessableEntity)
		return
	}
	json.NewEncoder(w).Encode(map[string]any{"plugin": req.Name, "result": res.Interface()})
}
