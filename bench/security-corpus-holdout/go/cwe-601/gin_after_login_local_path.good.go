package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-contrib/sessions"
	"github.com/gin-gonic/gin"
)

func localPath(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.IsAbs() || u.Host != "" || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(raw, "//") || strings.HasPrefix(raw, "/\\") {
		return "/home"
	}
	return u.RequestURI()
}

func (a *App) LoginSubmit(c *gin.Context) {
	user, err := a.auth.Check(c.PostForm("email"), c.PostForm("password"))
	if err != nil {
		c.HTML(http.StatusUnauthorized, "login.tmpl", gin.H{"error": "invalid credentials"})
		return
	}
	s := sessions.Default(c)
	s.Set("uid", user.ID)
	s.Save()
	c.Redirect(http.StatusSeeOther, localPath(c.DefaultQuery("next", "/home")))
}
