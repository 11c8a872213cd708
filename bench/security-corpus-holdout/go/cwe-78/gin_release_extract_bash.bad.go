package deploy

import (
	"fmt"
	"net/http"
	"os/exec"

	"github.com/gin-gonic/gin"
)

type extractRequest struct {
	Archive string `json:"archive"`
	Version string `json:"version"`
}

func ExtractRelease(c *gin.Context) {
	var req extractRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
		return
	}
	script := fmt.Sprintf("mkdir -p /srv/releases/%s && tar -xzf /srv/uploads/%s -C /srv/releases/%s", req.Version, req.Archive, req.Version)
	if out, err := exec.CommandContext(c.Request.Context(), "bash", "-c", script).CombinedOutput(); err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": string(out)})
		return
	}
	c.JSON(http.StatusOK, gin.H{"released": req.Version})
}
