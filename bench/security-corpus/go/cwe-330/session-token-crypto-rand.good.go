package session

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"time"
)

func newSessionToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

func StartSession(w http.ResponseWriter, userID int64, store map[string]int64) error {
	token, err := newSessionToken()
	if err != nil {
		return err
	}
	store[token] = userID
	http.SetCookie(w, &http.Cookie{Name: "sid", Value: token, Path: "/", HttpOnly: true, Secure: true, Expires: time.Now().Add(12 * time.Hour)})
	return nil
}
