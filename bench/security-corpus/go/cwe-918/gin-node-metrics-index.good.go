package cluster

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
)

var client = &http.Client{Timeout: 5 * time.Second}
var nodes = []string{"10.0.1.11", "10.0.1.12", "10.0.1.13"}

func NodeMetrics(c *gin.Context) {
	idx, err := strconv.Atoi(c.Query("node"))
	if err != nil || idx < 0 || idx >= len(nodes) {
		c.String(http.StatusBadRequest, "unknown node")
		return
	}
	resp, err := client.Get(fmt.Sprintf("http://%s:9100/metrics", nodes[idx]))
	if err != nil {
		c.String(http.StatusBadGateway, "node unreachable")
		return
	}
	defer resp.Body.Close()
	c.Status(resp.StatusCode)
	io.Copy(c.Writer, resp.Body)
}
