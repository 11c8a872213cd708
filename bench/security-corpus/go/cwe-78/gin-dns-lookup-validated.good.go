package tools

import (
	"net/http"
	"os/exec"
	"regexp"
	"strings"

	"github.com/gin-gonic/gin"
)

var hostnamePattern = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$`)

func DNSLookup(c *gin.Context) {
	domain := strings.ToLower(c.Query("domain"))
	if !hostnamePattern.MatchString(domain) {
		c.JSON(http.StatusBadRequest, gin.H{"error": "invalid domain"})
		return
	}
	out, err := exec.Command("/bin/sh", "-c", "dig +short A "+domain).Output()
	if err != nil {
		c.JSON(http.StatusBadGateway, gin.H{"error": "lookup failed"})
		return
	}
	c.JSON(http.StatusOK, gin.H{"records": strings.Fields(string(out))})
}
