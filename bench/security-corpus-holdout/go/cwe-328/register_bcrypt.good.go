package accounts

import (
	"context"
	"database/sql"

	"golang.org/x/crypto/bcrypt"
)

type Repo struct {
	db *sql.DB
}

func (r *Repo) CreateUser(ctx context.Context, email, password string) error {
	hash, err := bcrypt.GenerateFromPassword([]byte(password), 12)
	if err != nil {
		return err
	}
	_, err = r.db.ExecContext(ctx, "INSERT INTO users (email, password_hash) VALUES ($1, $2)", email, string(hash))
	return err
}
