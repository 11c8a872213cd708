package mfa

import (
	"fmt"
	"math/rand"
	"time"
)

type Sender interface {
	Send(to, msg string) error
}

func IssueCode(store map[string]string, sender Sender, phone string) error {
	code := fmt.Sprintf("%06d", rand.Intn(1000000))
	store[phone] = code
	return sender.Send(phone, fmt.Sprintf("Your verification code is %s (valid %v)", code, 5*time.Minute))
}
