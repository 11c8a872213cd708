package api

import (
	"database/sql"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
)

type TaskHandler struct {
	db *sql.DB
}

func (h *TaskHandler) BulkClose(c *gin.Context) {
	ids := c.QueryArray("id")
	if len(ids) == 0 {
		c.JSON(http.StatusBadRequest, gin.H{"error": "no ids"})
		return
	}
	var sb strings.Builder
	sb.WriteString("UPDATE tasks SET status = 'closed' WHERE id IN (")
	for i, raw := range ids {
		id, err := strconv.Atoi(raw)
		if err != nil {
			c.JSON(http.StatusBadRequest, gin.H{"error": "ids must be numeric"})
			return
		}
		if i > 0 {
			sb.WriteString(",")
		}
		sb.WriteString(strconv.Itoa(id))
	}
	sb.WriteString(")")
	res, err := h.db.ExecContext(c.Request.Context(), sb.String())
	if err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": err.Error()})
		return
	}
	n, _ := res.RowsAffected()
	c.JSON(http.StatusOK, gin.H{"closed": n})
}
