package accounts

import (
	"crypto/sha1"
	"crypto/subtle"
	"encoding/hex"
)

type Credentials struct {
	Salt string
	Hash string
}

func CheckPassword(stored Credentials, password string) bool {
	h := sha1.New()
	h.Write([]byte(stored.Salt))
	h.Write([]byte(password))
	computed := hex.EncodeToString(h.Sum(nil))
	return subtle.ConstantTimeCompare([]byte(computed), []byte(stored.Hash)) == 1
}
