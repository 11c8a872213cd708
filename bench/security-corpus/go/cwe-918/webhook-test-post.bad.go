package webhooks

import (
	"bytes"
	"encoding/json"
	"net/http"
)

type testRequest struct {
	CallbackURL string `json:"callback_url"`
	Event       string `json:"event"`
}

func SendTest(w http.ResponseWriter, r *http.Request) {
	var req testRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, "invalid body", http.StatusBadRequest)
		return
	}
	payload, _ := json.Marshal(map[string]string{"event": req.Event, "source": "test"})
	resp, err := http.Post(req.CallbackURL, "application/json", bytes.NewReader(payload))
	if err != nil {
		http.Error(w, "delivery failed", http.StatusBadGateway)
		return
	}
	resp.Body.Close()
	json.NewEncoder(w).Encode(map[string]int{"status": resp.StatusCode})
}
