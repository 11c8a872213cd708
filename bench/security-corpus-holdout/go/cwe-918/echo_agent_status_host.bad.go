package fleet

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"
)

func AgentStatus(c echo.Context) error {
	host := c.Param("host")
	port := c.QueryParam("port")
	if port == "" {
		port = "8500"
	}
	endpoint := fmt.Sprintf("http://%s:%s/v1/agent/self", host, port)
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
