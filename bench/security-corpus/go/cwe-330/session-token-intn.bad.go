package session

import (
	"math/rand"
	"net/http"
	"time"
)

const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

func newSessionToken(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = letters[rand.Intn(len(letters))]
	}
	return string(b)
}

func StartSession(w http.ResponseWriter, userID int64, store map[string]int64) {
	token := newSessionToken(32)
	store[token] = userID
	http.SetCookie(w, &http.Cookie{Name: "sid", Value: token, Path: "/", HttpOnly: true, Secure: true, Expires: time.Now().Add(12 * time.Hour)})
}
