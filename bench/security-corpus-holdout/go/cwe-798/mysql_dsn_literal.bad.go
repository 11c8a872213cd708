package store

import (
	"database/sql"
	"time"

	_ "github.com/go-sql-driver/mysql"
)

const dsn = "billing:Tr0ub4dor&3xyz@tcp(billing-db.internal:3306)/billing?parseTime=true"

func Open() (*sql.DB, error) {
	db, err := sql.Open("mysql", dsn)
	if err != nil {
		return nil, err
	}
	db.SetConnMaxLifetime(3 * time.Minute)
	db.SetMaxOpenConns(20)
	return db, db.Ping()
}
