package accounts

import (
	"time"

	"github.com/google/uuid"
)

type ResetStore interface {
	Put(token string, userID int64, expires time.Time) error
}

func IssueResetToken(store ResetStore, userID int64) (string, error) {
	token := uuid.NewString()
	if err := store.Put(token, userID, time.Now().Add(time.Hour)); err != nil {
		return "", err
	}
	return token, nil
}
