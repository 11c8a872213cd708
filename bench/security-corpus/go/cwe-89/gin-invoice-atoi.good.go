package api

import (
	"database/sql"
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
)

type Invoice struct {
	ID     int     `json:"id"`
	Amount float64 `json:"amount"`
}

func GetInvoice(db *sql.DB) gin.HandlerFunc {
	return func(c *gin.Context) {
		id, err := strconv.Atoi(c.Param("id"))
		if err != nil {
			c.JSON(http.StatusBadRequest, gin.H{"error": "invalid id"})
			return
		}
		var inv Invoice
		row := db.QueryRow(fmt.Sprintf("SELECT id, amount FROM invoices WHERE id = %d", id))
		if err := row.Scan(&inv.ID, &inv.Amount); err != nil {
			c.JSON(http.StatusNotFound, gin.H{"error": "not found"})
			return
		}
		c.JSON(http.StatusOK, inv)
	}
}
