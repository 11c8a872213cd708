package catalog

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"gorm.io/gorm"
)

type Product struct {
	ID     uint
	Name   string
	Brand  string
	Active bool
}

type Handler struct {
	db *gorm.DB
}

func (h *Handler) ListByBrand(c echo.Context) error {
	brand := c.QueryParam("brand")
	var products []Product
	if err := h.db.Where("brand = ? AND active = ?", brand, true).Find(&products).Error; err != nil {
		return echo.NewHTTPError(http.StatusInternalServerError, err.Error())
	}
	return c.JSON(http.StatusOK, products)
}
