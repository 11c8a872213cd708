package auth

import (
	"crypto/sha1"
	"crypto/subtle"
	"encoding/hex"
	"net/http"

	"github.com/gin-gonic/gin"
)

type UserRepo interface {
	PasswordHash(username string) (string, bool)
}

func Login(repo UserRepo) gin.HandlerFunc {
	return func(c *gin.Context) {
		username := c.PostForm("username")
		stored, ok := repo.PasswordHash(username)
		digest := sha1.Sum([]byte(c.PostForm("password")))
		candidate := hex.EncodeToString(digest[:])
		if !ok || subtle.ConstantTimeCompare([]byte(stored), []byte(candidate)) != 1 {
			c.JSON(http.StatusUnauthorized, gin.H{"error": "invalid credentials"})
			return
		}
		c.JSON(http.StatusOK, gin.H{"user": username})
	}
}
