package catalog

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/antchfx/xmlquery"
	"github.com/gin-gonic/gin"
)

func BookTitle(doc *xmlquery.Node) gin.HandlerFunc {
	return func(c *gin.Context) {
		isbn := strings.TrimSpace(c.Param("isbn"))
		node := xmlquery.FindOne(doc, fmt.Sprintf("//book[@isbn='%s']/title", isbn))
		if node == nil {
			c.JSON(http.StatusNotFound, gin.H{"error": "not found"})
			return
		}
		c.JSON(http.StatusOK, gin.H{"title": node.InnerText()})
	}
}
