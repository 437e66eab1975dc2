package web

import (
	"net/http"

	"github.com/sswalliance/advocacy/templates/public"
)

func (a *App) home(w http.ResponseWriter, r *http.Request) error {
	p, err := a.store.Page(r.Context(), "home", lang(r))
	if err != nil {
		return err
	}
	m := a.meta(r, p.Title, p.Description)
	return a.render(w, r, http.StatusOK, public.Home(m, p))
}
