package handlers

import (
	"encoding/json"
	"net/http"

	"gorm.io/gorm"
)

type Account struct {
	ID    uint
	Email string
	Plan  string
}

type lookupRequest struct {
	Email string `json:"email"`
}

func LookupAccount(db *gorm.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req lookupRequest
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, "invalid body", http.StatusBadRequest)
			return
		}
		var acct Account
		if err := db.Where("email = ?", req.Email).First(&acct).Error; err != nil {
			http.Error(w, "not found", http.StatusNotFound)
			return
		}
		json.NewEncoder(w).Encode(acct)
	}
}
