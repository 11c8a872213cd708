package admin

import (
	"net/http"
	"os"

	"github.com/gin-gonic/gin"
)

func ViewLog(c *gin.Context) {
	logName := c.Query("file")
	path := "/var/log/app/" + logName
	if _, err := os.Stat(path); err != nil {
		c.JSON(http.StatusNotFound, gin.H{"error": "no such log"})
		return
	}
	c.File(path)
}
