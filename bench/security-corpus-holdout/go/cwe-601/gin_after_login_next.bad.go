package web

import (
	"net/http"

	"github.com/gin-contrib/sessions"
	"github.com/gin-gonic/gin"
)

func (a *App) LoginSubmit(c *gin.Context) {
	user, err := a.auth.Check(c.PostForm("email"), c.PostForm("password"))
	if err != nil {
		c.HTML(http.StatusUnauthorized, "login.tmpl", gin.H{"error": "invalid credentials"})
		return
	}
	s := sessions.Default(c)
	s.Set("uid", user.ID)
	s.Save()
	next := c.DefaultQuery("next", "/home")
	c.Redirect(http.StatusSeeOther, next)
}
