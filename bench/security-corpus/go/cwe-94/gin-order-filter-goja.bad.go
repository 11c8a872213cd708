package orders

import (
	"fmt"
	"net/http"

	"github.com/dop251/goja"
	"github.com/gin-gonic/gin"
)

type Order struct {
	ID    int     `json:"id"`
	Total float64 `json:"total"`
}

func FilterOrders(c *gin.Context) {
	rule := c.Query("rule")
	orders := []Order{{1, 20.5}, {2, 310}, {3, 99.9}}
	vm := goja.New()
	fn, err := vm.RunString(fmt.Sprintf("(function (order) { return %s; })", rule))
	if err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": "invalid rule"})
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
