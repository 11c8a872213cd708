package api

import (
	"database/sql"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"
)

type Invoice struct {
	ID     string  `json:"id"`
	Amount float64 `json:"amount"`
}

func GetInvoice(db *sql.DB) gin.HandlerFunc {
	return func(c *gin.Context) {
		id := c.Param("id")
		var inv Invoice
		row := db.QueryRow(fmt.Sprintf("SELECT id, amount FROM invoices WHERE id = %s", id))
		if err := row.Scan(&inv.ID, &inv.Amount); err != nil {
			c.JSON(http.StatusNotFound, gin.H{"error": "not found"})
			return
		}
		c.JSON(http.StatusOK, inv)
	}
}
