package dashboard

import (
	"net/http"

	"github.com/labstack/echo-contrib/session"
	"github.com/labstack/echo/v4"
)

var regions = map[string]string{
	"eu": "eu-central-1",
	"us": "us-east-1",
	"ap": "ap-southeast-2",
}

func SwitchRegion(c echo.Context) error {
	sess, err := session.Get("dash", c)
	if err != nil {
		return err
	}
	region, ok := regions[c.QueryParam("region")]
	if !ok {
		region = regions["eu"]
	}
	sess.Values["region"] = region
	if err := sess.Save(c.Request(), c.Response()); err != nil {
		return err
	}
	return c.Redirect(http.StatusFound, "/dashboard")
}
