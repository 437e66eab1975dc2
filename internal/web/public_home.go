package web

import (
	"net/http"

	"github.com/sswalliance/advocacy/templates"
	"github.com/sswalliance/advocacy/templates/public"
)

func (a *App) home(w http.ResponseWriter, r *http.Request) error {
	p, err := a.store.Page(r.Context(), "home", "en")
	if err != nil {
		return err
	}
	m := templates.Meta{Lang: p.Lang, Title: p.Title, Description: p.Description, Path: r.URL.Path}
	return a.render(w, r, http.StatusOK, public.Home(m, p))
}
