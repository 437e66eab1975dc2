package web

import (
	"context"

	"github.com/go-chi/chi/v5"
)

// calendarRoutes are this part's pages, mounted once per language.
func (a *App) calendarRoutes(r chi.Router) {
	r.Get("/events", a.handle(a.page("events")))
}

// calendarRootRoutes are this part's language-neutral routes (files, feeds).
func (a *App) calendarRootRoutes(r chi.Router) {}

// calendarURLs lists the English path of every public page of this part, for
// the sitemap.
func (a *App) calendarURLs(ctx context.Context) ([]string, error) {
	return []string{"/events"}, nil
}
