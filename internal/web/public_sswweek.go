package web

import (
	"context"

	"github.com/go-chi/chi/v5"
)

// sswweekRoutes are this part's pages, mounted once per language.
func (a *App) sswweekRoutes(r chi.Router) {
	r.Get("/sswweek", a.handle(a.page("sswweek")))
}

// sswweekRootRoutes are this part's language-neutral routes (files, feeds).
func (a *App) sswweekRootRoutes(r chi.Router) {}

// sswweekURLs lists the English path of every public page of this part, for
// the sitemap.
func (a *App) sswweekURLs(ctx context.Context) ([]string, error) {
	return []string{"/sswweek"}, nil
}
