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
	page := `<div class="alert alert-` + level + `">` + msg + `</div>`
	c.Data(http.StatusOK, "text/html; charset=utf-8", []byte(page))
}
