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

var previewTmpl = template.Must(template.New("preview").Parse("{{.Greeting}} {{.Name}},\n\nYour weekly summary is ready.\n"))

func PreviewEmail(c *gin.Context) {
	acct := c.MustGet("account").(*Account)
	greeting := c.DefaultQuery("greeting", "Hi")
	c.Header("Content-Type", "text/plain; charset=utf-8")
	if err := previewTmpl.Execute(c.Writer, map[string]string{"Greeting": greeting, "Name": acct.Name}); err != nil {
		c.Status(http.StatusInternalServerError)
	}
}
