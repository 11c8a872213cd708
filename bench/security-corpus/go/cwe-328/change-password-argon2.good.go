package accounts

import (
	"crypto/rand"
	"encoding/base64"

	"golang.org/x/crypto/argon2"
)

type PasswordStore interface {
	Save(userID int64, salt, hash string) error
}

func SetPassword(store PasswordStore, userID int64, newPassword string) error {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return err
	}
	key := argon2.IDKey([]byte(newPassword), salt, 3, 64*1024, 2, 32)
	enc := base64.RawStdEncoding
	return store.Save(userID, enc.EncodeToString(salt), enc.EncodeToString(key))
}
