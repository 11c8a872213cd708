package sso

import (
	"net/http"

	"github.com/go-ldap/ldap/v3"
	"github.com/labstack/echo/v4"
)

func (h *Handler) Login(c echo.Context) error {
	email := ldap.EscapeFilter(c.FormValue("email"))
	password := c.FormValue("password")
	conn, err := ldap.DialURL("ldaps://ldap.example.org:636")
	if err != nil {
		return echo.ErrServiceUnavailable
	}
	defer conn.Close()
	if err := conn.Bind(h.bindDN, h.bindPassword); err != nil {
		return echo.ErrInternalServerError
	}
	search := ldap.NewSearchRequest("ou=people,dc=example,dc=org", ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 1, 5, false,
		"(mail="+email+")", []string{"dn"}, nil)
	res, err := conn.Search(search)
	if err != nil || len(res.Entries) != 1 {
		return echo.ErrUnauthorized
	}
	if err := conn.Bind(res.Entries[0].DN, password); err != nil {
		return echo.ErrUnauthorized
	}
	return c.JSON(http.StatusOK, map[string]string{"dn": res.Entries[0].DN})
}
