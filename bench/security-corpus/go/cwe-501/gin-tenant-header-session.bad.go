package middleware

import (
	"github.com/gin-contrib/sessions"
	"github.com/gin-gonic/gin"
)

func TenantFromHeader() gin.HandlerFunc {
	return func(c *gin.Context) {
		session := sessions.Default(c)
		tenant := c.GetHeader("X-Tenant-ID")
		if tenant != "" {
			session.Set("tenant_id", tenant)
			session.Save()
		}
		c.Next()
	}
}
