package session

import (
	"encoding/base64"
	"math/rand"
	"time"
)

var rng = rand.New(rand.NewSource(time.Now().UnixNano()))

func NewToken() string {
	b := make([]byte, 32)
	rng.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
