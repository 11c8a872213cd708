package geo

import (
	"io"
	"net/http"
	"net/url"
)

func Geocode(w http.ResponseWriter, r *http.Request) {
	address := r.URL.Query().Get("address")
	params := url.Values{}
	params.Set("q", address)
	params.Set("format", "json")
	resp, err := http.Get("https://geocoder.example.com/v1/search?" + params.Encode())
	if err != nil {
		http.Error(w, "geocoder unavailable", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	w.Header().Set("Content-Type", "application/json")
	io.Copy(w, io.LimitReader(resp.Body, 1<<20))
}
