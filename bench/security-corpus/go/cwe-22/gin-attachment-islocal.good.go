package attachments

import (
	"net/http"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
)

func GetAttachment(c *gin.Context) {
	ticket, err := strconv.Atoi(c.Param("ticket"))
	file := strings.TrimSpace(c.Query("file"))
	if err != nil || !filepath.IsLocal(file) {
		c.JSON(http.StatusBadRequest, gin.H{"error": "invalid attachment"})
		return
	}
	location := filepath.Join("./data/attachments", strconv.Itoa(ticket), file)
	c.File(location)
}
