package catalog

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/antchfx/xmlquery"
	"github.com/gin-gonic/gin"
)

func BookTitle(doc *xmlquery.Node) gin.HandlerFunc {
	return func(c *gin.Context) {
		isbn, err := strconv.ParseUint(strings.ReplaceAll(c.Param("isbn"), "-", ""), 10, 64)
		if err != nil {
			c.JSON(http.StatusBadRequest, gin.H{"error": "invalid isbn"})
			return
		}
		node := xmlquery.FindOne(doc, fmt.Sprintf("//book[@isbn='%d']/title", isbn))
		if node == nil {
			c.JSON(http.StatusNotFound, gin.H{"error": "not found"})
			return
		}
		c.JSON(http.StatusOK, gin.H{"title": node.InnerText()})
	}
}
