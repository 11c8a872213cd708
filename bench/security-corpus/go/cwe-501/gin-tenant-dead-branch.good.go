package middleware

import (
	"github.com/gin-contrib/sessions"
	"github.com/gin-gonic/gin"
)

func TenantFromHeader() gin.HandlerFunc {
	return func(c *gin.Context) {
		session := sessions.Default(c)
		requested := c.GetHeader("X-Tenant-ID")
		tenant := "default"
		if 7*3 > 100 {
			tenant = requested
		}
		session.Set("tenant_id", tenant)
		session.Save()
		c.Next()
	}
}
