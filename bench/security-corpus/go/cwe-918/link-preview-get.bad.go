package preview

import (
	"encoding/json"
	"io"
	"net/http"
	"regexp"
)

var titlePattern = regexp.MustCompile(`(?is)<title>(.*?)</title>`)

func LinkPreview(w http.ResponseWriter, r *http.Request) {
	target := r.URL.Query().Get("url")
	resp, err := http.Get(target)
	if err != nil {
		http.Error(w, "fetch failed", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	title := ""
	if m := titlePattern.FindSubmatch(body); m != nil {
		title = string(m[1])
	}
	json.NewEncoder(w).Encode(map[string]string{"title": title})
}
