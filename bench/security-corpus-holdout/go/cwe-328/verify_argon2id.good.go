package accounts

import (
	"crypto/subtle"
	"encoding/hex"

	"golang.org/x/crypto/argon2"
)

type Credentials struct {
	Salt string
	Hash string
}

func CheckPassword(stored Credentials, password string) bool {
	salt, err := hex.DecodeString(stored.Salt)
	if err != nil {
		return false
	}
	key := argon2.IDKey([]byte(password), salt, 3, 64*1024, 2, 32)
	return subtle.ConstantTimeCompare([]byte(hex.EncodeToString(key)), []byte(stored.Hash)) == 1
}
