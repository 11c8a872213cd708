package store

import (
	"database/sql"
	"errors"
	"os"
	"time"

	_ "github.com/go-sql-driver/mysql"
)

func Open() (*sql.DB, error) {
	dsn := os.Getenv("BILLING_DSN")
	if dsn == "" {
		return nil, errors.New("BILLING_DSN not set")
	}
	db, err := sql.Open("mysql", dsn)
	if err != nil {
		return nil, err
	}
	db.SetConnMaxLifetime(3 * time.Minute)
	db.SetMaxOpenConns(20)
	return db, db.Ping()
}
