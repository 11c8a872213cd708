package dashboard

import (
	"net/http"

	"github.com/labstack/echo-contrib/session"
	"github.com/labstack/echo/v4"
)

func SwitchOrg(c echo.Context) error {
	sess, err := session.Get("dash", c)
	if err != nil {
		return err
	}
	org := c.QueryParam("org")
	sess.Values["org_id"] = org
	if err := sess.Save(c.Request(), c.Response()); err != nil {
		return err
	}
	return c.Redirect(http.StatusFound, "/dashboard")
}
