package web

import (
	"net/http"
)

var supportedLanguages = map[string]bool{"en": true, "de": true, "nl": true}

func SetLanguage(w http.ResponseWriter, r *http.Request) {
	lang := r.FormValue("lang")
	if !supportedLanguages[lang] {
		lang = "en"
	}
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: lang, Path: "/", MaxAge: 365 * 24 * 3600})
	http.Redirect(w, r, "/", http.StatusSeeOther)
}
