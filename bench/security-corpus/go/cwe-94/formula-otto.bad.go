package sheets

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/robertkrimen/otto"
)

func EvaluateCell(w http.ResponseWriter, r *http.Request) {
	formula := strings.TrimPrefix(r.URL.Query().Get("formula"), "=")
	vm := otto.New()
	if _, err := vm.Run("var result = " + formula + ";"); err != nil {
		http.Error(w, "invalid formula", http.StatusBadRequest)
		return
	}
	result, _ := vm.Get("result")
	fmt.Fprint(w, result.String())
}
