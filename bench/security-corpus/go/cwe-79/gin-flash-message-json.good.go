package web

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

func Flash(c *gin.Context) {
	msg := c.Query("msg")
	level := "info"
	if c.Query("error") == "1" {
		level = "danger"
	}
	c.JSON(http.StatusOK, gin.H{
		"level":   level,
		"message": msg,
	})
}
