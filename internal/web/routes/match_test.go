package routes

import (
	"net/http"
	"testing"

	"github.com/go-chi/chi/v5"

	"github.com/sswalliance/advocacy/internal/content"
)

func TestMatchAnswersAsTheRouterWouldApartFromTheCatchAll(t *testing.T) {
	ok := func(http.ResponseWriter, *http.Request) {}
	r := chi.NewRouter()
	r.Get("/static/*", ok)
	pages := func(r chi.Router) {
		r.Get("/", ok)
		r.Get("/toolkit", ok)
		r.Get("/blog/{slug}", ok)
		r.Post("/call-to-action/sign", ok)
		r.Get(catchAll, ok)
	}
	r.Group(pages)
	r.Route("/es", pages)
	r.Route("/admin", func(r chi.Router) { r.Get("/login", ok) })
	match := Match(r)
	for path, want := range map[string]content.RouteMatch{
		"/":                      content.FixedRoute,
		"/es/":                   content.FixedRoute,
		"/es":                    content.FixedRoute, // chi answers a mount's own path as its "/"
		"/toolkit":               content.FixedRoute,
		"/es/toolkit":            content.FixedRoute,
		"/call-to-action/sign":   content.FixedRoute,
		"/static/site.css":       content.FixedRoute,
		"/admin":                 content.FixedRoute,
		"/admin/anything/at/all": content.FixedRoute,
		"/blog/a-post":           content.ParamRoute,
		"/es/blog/a-post":        content.ParamRoute,
		"/blog":                  content.NoRoute,
		"/blog/a/b":              content.NoRoute,
		"/about/team":            content.NoRoute,
		"/es/about/team":         content.NoRoute,
		"/toolkit/more":          content.NoRoute,
		"/administration":        content.NoRoute,
	} {
		if got := match(path); got != want {
			t.Errorf("match(%q) = %d, want %d", path, got, want)
		}
	}
}
