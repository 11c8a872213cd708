package auth

import (
	"net/http"
	"time"
)

type Sessions interface {
	Create(userID int64) (string, error)
}

func CompleteLogin(w http.ResponseWriter, r *http.Request, sessions Sessions, userID int64) {
	token, err := sessions.Create(userID)
	if err != nil {
		http.Error(w, "login failed", http.StatusInternalServerError)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: "session_id", Value: token, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode, Expires: time.Now().Add(8 * time.Hour)})
	http.Redirect(w, r, "/dashboard", http.StatusSeeOther)
}
