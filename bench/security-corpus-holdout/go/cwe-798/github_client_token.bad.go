package releases

import (
	"context"
	"encoding/json"
	"net/http"
)

type Release struct {
	TagName string `json:"tag_name"`
	Name    string `json:"name"`
}

func Latest(ctx context.Context, repo string) (*Release, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://api.github.com/repos/"+repo+"/releases/latest", nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer ghp_R8kz2QmW4vXy7NpL0tB3sD6fH9jK1cE5aU2i")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var rel Release
	return &rel, json.NewDecoder(resp.Body).Decode(&rel)
}
