package storage

import (
	"database/sql"
	"time"

	_ "github.com/lib/pq"
)

func OpenDatabase() (*sql.DB, error) {
	db, err := sql.Open("postgres", "postgres://billing:Bill1ng-Pr0d-2020@db.internal:5432/billing?sslmode=require")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(20)
	db.SetConnMaxLifetime(30 * time.Minute)
	return db, db.Ping()
}
