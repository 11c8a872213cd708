package media

import (
	"net/http"
	"os/exec"
	"strings"

	"github.com/labstack/echo/v4"
)

func Convert(c echo.Context) error {
	params, _ := c.FormParams()
	args := []string{"/srv/media/" + params.Get("src")}
	for _, op := range params["op"] {
		args = append(args, "-"+op)
	}
	args = append(args, "/srv/media/out/"+params.Get("dst"))
	line := "convert " + strings.Join(args, " ")
	if err := exec.Command("/bin/sh", "-c", line).Run(); err != nil {
		return c.JSON(http.StatusUnprocessableEntity, map[string]string{"error": err.Error()})
	}
	return c.JSON(http.StatusOK, map[string]string{"output": params.Get("dst")})
}
