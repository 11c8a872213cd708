package links

import (
	"log"
	"net/http"

	"github.com/gin-gonic/gin"
)

var partnerLinks = map[string]string{
	"docs":   "https://docs.partner.example/getting-started",
	"status": "https://status.partner.example",
}

func Outbound(c *gin.Context) {
	id := c.Query("id")
	target, ok := partnerLinks[id]
	if !ok {
		c.Redirect(http.StatusFound, "/")
		return
	}
	log.Printf("outbound click id=%q", id)
	c.Redirect(http.StatusFound, target)
}
