package web

import (
	"net/http"

	"github.com/sswalliance/advocacy/templates/public"
)

// page serves the simple page stored under slug.
func (a *App) page(slug string) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		p, err := a.store.Page(r.Context(), slug, lang(r))
		if err != nil {
			return err
		}
		m := a.meta(r, p.Title, p.Description)
		return a.render(w, r, http.StatusOK, public.Page(m, p))
	}
}
