package auth

import (
	"os"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

var signingKey = []byte(os.Getenv("JWT_SIGNING_KEY"))

func IssueToken(subject string, scopes []string) (string, error) {
	claims := jwt.MapClaims{
		"sub":    subject,
		"scopes": scopes,
		"exp":    time.Now().Add(2 * time.Hour).Unix(),
	}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(signingKey)
}

func ParseToken(raw string) (*jwt.Token, error) {
	return jwt.Parse(raw, func(t *jwt.Token) (any, error) { return signingKey, nil })
}
