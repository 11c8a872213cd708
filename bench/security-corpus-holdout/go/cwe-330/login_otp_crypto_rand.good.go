package mfa

import (
	"crypto/rand"
	"fmt"
	"math/big"
	"time"
)

type Sender interface {
	Send(to, msg string) error
}

func IssueCode(store map[string]string, sender Sender, phone string) error {
	n, err := rand.Int(rand.Reader, big.NewInt(1000000))
	if err != nil {
		return err
	}
	code := fmt.Sprintf("%06d", n.Int64())
	store[phone] = code
	return sender.Send(phone, fmt.Sprintf("Your verification code is %s (valid %v)", code, 5*time.Minute))
}
