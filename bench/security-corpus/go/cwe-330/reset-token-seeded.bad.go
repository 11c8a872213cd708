package accounts

import (
	"math/rand"
	"strconv"
	"time"
)

type ResetStore interface {
	Put(token string, userID int64, expires time.Time) error
}

func IssueResetToken(store ResetStore, userID int64) (string, error) {
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	token := strconv.FormatInt(rng.Int63(), 36) + strconv.FormatInt(rng.Int63(), 36)
	if err := store.Put(token, userID, time.Now().Add(time.Hour)); err != nil {
		return "", err
	}
	return token, nil
}
