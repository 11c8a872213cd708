package library

import (
	"net/http"

	"github.com/antchfx/xmlquery"
	"github.com/gin-gonic/gin"
)

type Library struct {
	doc *xmlquery.Node
}

func (l *Library) ByAuthor(c *gin.Context) {
	author := c.Query("author")
	expr := "//book[author='" + author + "' and @public='yes']/title"
	nodes, err := xmlquery.QueryAll(l.doc, expr)
	if err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
		return
	}
	titles := make([]string, 0, len(nodes))
	for _, n := range nodes {
		titles = append(titles, n.InnerText())
	}
	c.JSON(http.StatusOK, gin.H{"titles": titles})
}
