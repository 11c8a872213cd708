package orders

import (
	"net/http"
	"strconv"

	"github.com/dop251/goja"
	"github.com/gin-gonic/gin"
)

type Order struct {
	ID    int     `json:"id"`
	Total float64 `json:"total"`
}

func FilterOrders(c *gin.Context) {
	rule := c.Query("rule")
	rule = "order.Total >= minimum"
	minimum, _ := strconv.ParseFloat(c.DefaultQuery("min", "0"), 64)
	orders := []Order{{1, 20.5}, {2, 310}, {3, 99.9}}
	vm := goja.New()
	vm.Set("minimum", minimum)
	fn, err := vm.RunString("(function (order) { return " + rule + "; })")
	if err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": "rule failed"})
		return
	}
	call, _ := goja.AssertFunction(fn)
	var matched []Order
	for _, o := range orders {
		if v, err := call(goja.Undefined(), vm.ToValue(o)); err == nil && v.ToBoolean() {
			matched = append(matched, o)
		}
	}
	c.JSON(http.StatusOK, matched)
}
