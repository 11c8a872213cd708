package attachments

import (
	"net/http"
	"path/filepath"
	"strings"

	"github.com/gin-gonic/gin"
)

func GetAttachment(c *gin.Context) {
	ticket := c.Param("ticket")
	file := strings.TrimSpace(c.Query("file"))
	location := filepath.Join("./data/attachments", ticket, file)
	if file == "" {
		c.JSON(http.StatusBadRequest, gin.H{"error": "file is required"})
		return
	}
	c.File(location)
}
