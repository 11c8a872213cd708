package auth

import (
	"encoding/json"
	"net/http"
)

type discovery struct {
	Issuer   string `json:"issuer"`
	JWKSURI  string `json:"jwks_uri"`
	TokenURL string `json:"token_endpoint"`
}

func Discover(w http.ResponseWriter, r *http.Request) {
	issuerHost := r.Header.Get("X-Issuer-Host")
	if issuerHost == "" {
		issuerHost = "login.example.com"
	}
	resp, err := http.DefaultClient.Get("https://" + issuerHost + "/.well-known/openid-configuration")
	if err != nil {
		http.Error(w, "discovery failed", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	var d discovery
	json.NewDecoder(resp.Body).Decode(&d)
	json.NewEncoder(w).Encode(d)
}
