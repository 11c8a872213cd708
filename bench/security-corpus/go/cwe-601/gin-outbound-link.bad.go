package links

import (
	"log"
	"net/http"

	"github.com/gin-gonic/gin"
)

func Outbound(c *gin.Context) {
	target := c.Query("url")
	campaign := c.DefaultQuery("utm_campaign", "none")
	log.Printf("outbound click campaign=%q", campaign)
	c.Redirect(http.StatusFound, target)
}
