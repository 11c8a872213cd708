package mfa

import (
	"crypto/rand"
	"fmt"
	"math/big"
	"net/http"
)

type Sender interface {
	SendSMS(phone, text string) error
}

func SendCode(sender Sender, codes map[string]string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		phone := r.Context().Value("phone").(string)
		n, err := rand.Int(rand.Reader, big.NewInt(1000000))
		if err != nil {
			http.Error(w, "could not generate code", http.StatusInternalServerError)
			return
		}
		code := fmt.Sprintf("%06d", n.Int64())
		codes[phone] = code
		if err := sender.SendSMS(phone, "Your verification code is "+code); err != nil {
			http.Error(w, "could not send code", http.StatusBadGateway)
			return
		}
		w.WriteHeader(http.StatusAccepted)
	}
}
