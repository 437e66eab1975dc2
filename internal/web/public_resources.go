package web

import (
	"context"

	"github.com/go-chi/chi/v5"
)

// resourceRoutes are this part's pages, mounted once per language.
func (a *App) resourceRoutes(r chi.Router) {
	r.Get("/resources", a.handle(a.page("resources")))
}

// resourceRootRoutes are this part's language-neutral routes (files, feeds).
func (a *App) resourceRootRoutes(r chi.Router) {}

// resourceURLs lists the English path of every public page of this part, for
// the sitemap.
func (a *App) resourceURLs(ctx context.Context) ([]string, error) {
	return []string{"/resources"}, nil
}
