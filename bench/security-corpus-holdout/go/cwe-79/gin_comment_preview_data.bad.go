package blog

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

func PreviewComment(c *gin.Context) {
	author := c.PostForm("author")
	text := c.PostForm("text")
	paragraphs := strings.Split(text, "\n\n")
	var b strings.Builder
	b.WriteString("<article><header>" + author + "</header>")
	for _, p := range paragraphs {
		b.WriteString("<p>" + p + "</p>")
	}
	b.WriteString("</article>")
	c.Data(http.StatusOK, "text/html; charset=utf-8", []byte(b.String()))
}
