package notify

import (
	"net/http"
	"text/template"

	"github.com/gin-gonic/gin"
)

type Account struct {
	Name   string
	Email  string
	APIKey string
}

func PreviewEmail(c *gin.Context) {
	acct := c.MustGet("account").(*Account)
	greeting := c.DefaultQuery("greeting", "Hi")
	body := greeting + " {{.Name}},\n\nYour weekly summary is ready.\n"
	c.Header("Content-Type", "text/plain; charset=utf-8")
	if err := template.Must(template.New("preview").Parse(body)).Execute(c.Writer, acct); err != nil {
		c.Status(http.StatusInternalServerError)
	}
}
