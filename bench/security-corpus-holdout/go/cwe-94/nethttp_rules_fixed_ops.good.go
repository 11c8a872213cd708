package rules

import (
	"encoding/json"
	"net/http"
	"strconv"
)

func EvaluateRule(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	a, errA := strconv.ParseFloat(q.Get("a"), 64)
	b, errB := strconv.ParseFloat(q.Get("b"), 64)
	if errA != nil || errB != nil {
		http.Error(w, "operands must be numbers", http.StatusBadRequest)
		return
	}
	var result float64
	switch q.Get("op") {
	case "add":
		result = a + b
	case "sub":
		result = a - b
	case "mul":
		result = a * b
	default:
		http.Error(w, "unknown operator", http.StatusBadRequest)
		return
	}
	json.NewEncoder(w).Encode(map[string]any{"result": result})
}
