package profiles

import (
	"html/template"
	"net/http"

	"github.com/go-chi/chi/v5"
)

var profileTmpl = template.Must(template.New("p").Parse(`<h1>{{.User}}</h1><div class="bio">{{.Bio}}</div>`))

func ShowProfile(w http.ResponseWriter, r *http.Request) {
	user := chi.URLParam(r, "user")
	bio := r.URL.Query().Get("bio")
	profileTmpl.Execute(w, map[string]any{"User": user, "Bio": template.HTML(bio)})
}
