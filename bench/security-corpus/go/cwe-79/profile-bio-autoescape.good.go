package web

import (
	"html/template"
	"net/http"
)

var profileTmpl = template.Must(template.New("profile").Parse(`<section><h2>{{.Name}}</h2><div class="bio">{{.Bio}}</div></section>`))

type profileView struct {
	Name string
	Bio  string
}

func PreviewProfile(w http.ResponseWriter, r *http.Request) {
	name := r.PostFormValue("name")
	bio := r.PostFormValue("bio")
	view := profileView{Name: name, Bio: bio}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	profileTmpl.Execute(w, view)
}
