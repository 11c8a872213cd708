package groups

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/go-ldap/ldap/v3"
)

func IsMember(conn *ldap.Conn) gin.HandlerFunc {
	return func(c *gin.Context) {
		group := ldap.EscapeFilter(c.Param("group"))
		userDN := ldap.EscapeFilter(fmt.Sprintf("uid=%s,ou=people,dc=example,dc=com", ldap.EscapeDN(c.GetString("uid"))))
		filter := "(&(objectClass=groupOfNames)(cn=" + group + ")(member=" + userDN + "))"
		req := ldap.NewSearchRequest("ou=groups,dc=example,dc=com", ldap.ScopeSingleLevel, ldap.NeverDerefAliases, 0, 0, false, filter, []string{"cn"}, nil)
		res, err := conn.Search(req)
		if err != nil {
			c.JSON(http.StatusBadGateway, gin.H{"error": "directory error"})
			return
		}
		c.JSON(http.StatusOK, gin.H{"member": len(res.Entries) > 0})
	}
}
