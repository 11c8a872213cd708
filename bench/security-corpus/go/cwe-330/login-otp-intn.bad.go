package mfa

import (
	"fmt"
	"math/rand"
	"net/http"
)

type Sender interface {
	SendSMS(phone, text string) error
}

func SendCode(sender Sender, codes map[string]string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		phone := r.Context().Value("phone").(string)
		code := fmt.Sprintf("%06d", rand.Intn(1000000))
		codes[phone] = code
		if err := sender.SendSMS(phone, "Your verification code is "+code); err != nil {
			http.Error(w, "could not send code", http.StatusBadGateway)
			return
		}
		w.WriteHeader(http.StatusAccepted)
	}
}
