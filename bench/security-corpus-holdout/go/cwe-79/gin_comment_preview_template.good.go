package blog

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

func PreviewComment(c *gin.Context) {
	author := c.PostForm("author")
	text := c.PostForm("text")
	c.HTML(http.StatusOK, "comment_preview.tmpl", gin.H{
		"Author":     author,
		"Paragraphs": strings.Split(text, "\n\n"),
	})
}
