package admin

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/gin-gonic/gin"
)

const logDir = "/var/log/app"

func ViewLog(c *gin.Context) {
	path := filepath.Clean(filepath.Join(logDir, c.Query("file")))
	if !strings.HasPrefix(path, logDir+string(os.PathSeparator)) {
		c.JSON(http.StatusForbidden, gin.H{"error": "outside log directory"})
		return
	}
	if _, err := os.Stat(path); err != nil {
		c.JSON(http.StatusNotFound, gin.H{"error": "no such log"})
		return
	}
	c.File(path)
}
