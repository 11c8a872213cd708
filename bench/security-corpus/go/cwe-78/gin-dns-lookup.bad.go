package tools

import (
	"net/http"
	"os/exec"
	"strings"

	"github.com/gin-gonic/gin"
)

func DNSLookup(c *gin.Context) {
	domain := strings.ToLower(c.Query("domain"))
	recordType := "A"
	if t := c.Query("type"); t == "MX" || t == "TXT" {
		recordType = t
	}
	out, err := exec.Command("/bin/sh", "-c", "dig +short "+recordType+" "+domain).Output()
	if err != nil {
		c.JSON(http.StatusBadGateway, gin.H{"error": "lookup failed"})
		return
	}
	c.JSON(http.StatusOK, gin.H{"records": strings.Fields(string(out))})
}
