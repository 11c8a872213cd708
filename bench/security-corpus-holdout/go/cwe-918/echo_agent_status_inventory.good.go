package fleet

import (
	"encoding/json"
	"net/http"

	"github.com/labstack/echo/v4"
)

var agents = map[string]string{
	"eu-1": "http://10.20.0.11:8500/v1/agent/self",
	"eu-2": "http://10.20.0.12:8500/v1/agent/self",
	"us-1": "http://10.30.0.11:8500/v1/agent/self",
}

func AgentStatus(c echo.Context) error {
	endpoint, ok := agents[c.Param("host")]
	if !ok {
		return echo.NewHTTPError(http.StatusNotFound, "unknown agent")
	}
	req, _ := http.NewRequestWithContext(c.Request().Context(), http.MethodGet, endpoint, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return echo.NewHTTPError(http.StatusBadGateway, err.Error())
	}
	defer resp.Body.Close()
	var payload map[string]any
	json.NewDecoder(resp.Body).Decode(&payload)
	return c.JSON(http.StatusOK, payload)
}
