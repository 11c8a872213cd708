package cluster

import (
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

var client = &http.Client{Timeout: 5 * time.Second}

func NodeMetrics(c *gin.Context) {
	node := c.Query("node")
	endpoint := fmt.Sprintf("http://%s:9100/metrics", node)
	resp, err := client.Get(endpoint)
	if err != nil {
		c.String(http.StatusBadGateway, "node unreachable")
		return
	}
	defer resp.Body.Close()
	c.Status(resp.StatusCode)
	io.Copy(c.Writer, resp.Body)
}
