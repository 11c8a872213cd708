package auth

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
)

func IssueRememberMe(w http.ResponseWriter, save func(token string) error) error {
	buf := make([]byte, 32)
	if _, err := rand.Read(buf); err != nil {
		return err
	}
	token := hex.EncodeToString(buf)
	if err := save(token); err != nil {
		return err
	}
	cookie := &http.Cookie{
		Name:     "remember_token",
		Value:    token,
		Path:     "/",
		MaxAge:   30 * 24 * 3600,
		HttpOnly: true,
		Secure:   false,
	}
	http.SetCookie(w, cookie)
	return nil
}
