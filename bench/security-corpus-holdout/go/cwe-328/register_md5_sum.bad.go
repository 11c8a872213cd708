package accounts

import (
	"context"
	"crypto/md5"
	"database/sql"
	"encoding/hex"
)

type Repo struct {
	db *sql.DB
}

func (r *Repo) CreateUser(ctx context.Context, email, password string) error {
	sum := md5.Sum([]byte(password))
	_, err := r.db.ExecContext(ctx, "INSERT INTO users (email, password_hash) VALUES ($1, $2)", email, hex.EncodeToString(sum[:]))
	return err
}
