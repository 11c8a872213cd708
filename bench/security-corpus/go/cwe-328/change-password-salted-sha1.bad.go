package accounts

import (
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
)

type PasswordStore interface {
	Save(userID int64, salt, hash string) error
}

func SetPassword(store PasswordStore, userID int64, newPassword string) error {
	saltBytes := make([]byte, 16)
	if _, err := rand.Read(saltBytes); err != nil {
		return err
	}
	salt := base64.StdEncoding.EncodeToString(saltBytes)
	h := sha1.New()
	h.Write([]byte(salt + newPassword))
	return store.Save(userID, salt, base64.StdEncoding.EncodeToString(h.Sum(nil)))
}
