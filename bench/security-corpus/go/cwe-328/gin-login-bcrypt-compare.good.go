package auth

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"golang.org/x/crypto/bcrypt"
)

type UserRepo interface {
	PasswordHash(username string) (string, bool)
}

func Login(repo UserRepo) gin.HandlerFunc {
	return func(c *gin.Context) {
		username := c.PostForm("username")
		stored, ok := repo.PasswordHash(username)
		if !ok || bcrypt.CompareHashAndPassword([]byte(stored), []byte(c.PostForm("password"))) != nil {
			c.JSON(http.StatusUnauthorized, gin.H{"error": "invalid credentials"})
			return
		}
		c.JSON(http.StatusOK, gin.H{"user": username})
	}
}
