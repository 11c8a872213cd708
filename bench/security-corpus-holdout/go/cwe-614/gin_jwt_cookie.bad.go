package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

func (h *AuthHandler) Login(c *gin.Context) {
	var body struct {
		Username string `json:"username"`
		Password string `json:"password"`
	}
	if err := c.ShouldBindJSON(&body); err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	jwt, err := h.svc.Authenticate(body.Username, body.Password)
	if err != nil {
		c.AbortWithStatus(http.StatusUnauthorized)
		return
	}
	c.SetCookie("access_token", jwt, 3600, "/", "", false, true)
	c.JSON(http.StatusOK, gin.H{"ok": true})
}
