package library

import (
	"net/http"

	"github.com/antchfx/xmlquery"
	"github.com/gin-gonic/gin"
)

type Library struct {
	doc *xmlquery.Node
}

var shelfQueries = map[string]string{
	"new":      "//book[@shelf='new' and @public='yes']/title",
	"classics": "//book[@shelf='classics' and @public='yes']/title",
	"kids":     "//book[@shelf='kids' and @public='yes']/title",
}

func (l *Library) ByShelf(c *gin.Context) {
	expr, ok := shelfQueries[c.Query("shelf")]
	if !ok {
		c.JSON(http.StatusNotFound, gin.H{"error": "unknown shelf"})
		return
	}
	nodes, err := xmlquery.QueryAll(l.doc, expr)
	if err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": err.Error()})
		return
	}
	titles := make([]string, 0, len(nodes))
	for _, n := range nodes {
		titles = append(titles, n.InnerText())
	}
	c.JSON(http.StatusOK, gin.H{"titles": titles})
}
