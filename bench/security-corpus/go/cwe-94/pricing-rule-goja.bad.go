package pricing

import (
	"encoding/json"
	"net/http"

	"github.com/dop251/goja"
)

func PreviewRule(w http.ResponseWriter, r *http.Request) {
	script := r.FormValue("script")
	vm := goja.New()
	vm.Set("basePrice", 100.0)
	value, err := vm.RunString(script)
	if err != nil {
		http.Error(w, "script error", http.StatusUnprocessableEntity)
		return
	}
	json.NewEncoder(w).Encode(map[string]any{"price": value.Export()})
}
