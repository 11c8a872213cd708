package deploy

import (
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"

	"github.com/gin-gonic/gin"
)

var versionRe = regexp.MustCompile(`^v\d+\.\d+\.\d+$`)

type extractRequest struct {
	Archive string `json:"archive"`
	Version string `json:"version"`
}

func ExtractRelease(c *gin.Context) {
	var req extractRequest
	if err := c.ShouldBindJSON(&req); err != nil || !versionRe.MatchString(req.Version) {
		c.JSON(http.StatusBadRequest, gin.H{"error": "invalid request"})
		return
	}
	dest := filepath.Join("/srv/releases", req.Version)
	archive := filepath.Join("/srv/uploads", filepath.Base(req.Archive))
	if err := os.MkdirAll(dest, 0o755); err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": err.Error()})
		return
	}
	if out, err := exec.CommandContext(c.Request.Context(), "tar", "-xzf", archive, "-C", dest).CombinedOutput(); err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": string(out)})
		return
	}
	c.JSON(http.StatusOK, gin.H{"released": req.Version})
}
