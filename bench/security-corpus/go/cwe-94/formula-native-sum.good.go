package sheets

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

func EvaluateCell(w http.ResponseWriter, r *http.Request) {
	formula := strings.TrimPrefix(r.URL.Query().Get("formula"), "=")
	var total float64
	for _, part := range strings.Split(formula, "+") {
		v, err := strconv.ParseFloat(strings.TrimSpace(part), 64)
		if err != nil {
			http.Error(w, "only sums of numbers are supported", http.StatusBadRequest)
			return
		}
		total += v
	}
	fmt.Fprint(w, strconv.FormatFloat(total, 'f', -1, 64))
}
