package search

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

func NoResults(c echo.Context) error {
	q := c.QueryParam("q")
	page := `<section class="empty"><h2>Nothing found</h2><p>We couldn't find anything for <b>` + q + `</b>.</p></section>`
	return c.HTML(http.StatusOK, page)
}
