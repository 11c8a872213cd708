package pricing

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/dop251/goja"
)

const discountScript = `basePrice * (1 - Math.min(Math.max(discount, 0), 0.5))`

func PreviewRule(w http.ResponseWriter, r *http.Request) {
	discount, err := strconv.ParseFloat(r.FormValue("discount"), 64)
	if err != nil {
		http.Error(w, "discount must be a number", http.StatusBadRequest)
		return
	}
	vm := goja.New()
	vm.Set("basePrice", 100.0)
	vm.Set("discount", discount)
	value, err := vm.RunString(discountScript)
	if err != nil {
		http.Error(w, "script error", http.StatusInternalServerError)
		return
	}
	json.NewEncoder(w).Encode(map[string]any{"price": value.Export()})
}
