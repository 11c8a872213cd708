package storage

import (
	"database/sql"
	"errors"
	"os"
	"time"

	_ "github.com/lib/pq"
)

func OpenDatabase() (*sql.DB, error) {
	dsn := os.Getenv("BILLING_DATABASE_URL")
	if dsn == "" {
		return nil, errors.New("BILLING_DATABASE_URL is not set")
	}
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(20)
	db.SetConnMaxLifetime(30 * time.Minute)
	return db, db.Ping()
}
