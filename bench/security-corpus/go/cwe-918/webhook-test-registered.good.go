package webhooks

import (
	"bytes"
	"encoding/json"
	"net/http"
)

var registeredEndpoints = map[string]string{
	"billing":   "https://hooks.partner-a.example/billing",
	"inventory": "https://api.partner-b.example/inventory/events",
}

func SendTest(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Endpoint string `json:"endpoint"`
		Event    string `json:"event"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, "invalid body", http.StatusBadRequest)
		return
	}
	target, ok := registeredEndpoints[req.Endpoint]
	if !ok {
		http.Error(w, "unknown endpoint", http.StatusNotFound)
		return
	}
	payload, _ := json.Marshal(map[string]string{"event": req.Event, "source": "test"})
	resp, err := http.Post(target, "application/json", bytes.NewReader(payload))
	if err != nil {
		http.Error(w, "delivery failed", http.StatusBadGateway)
		return
	}
	resp.Body.Close()
	json.NewEncoder(w).Encode(map[string]int{"status": resp.StatusCode})
}
