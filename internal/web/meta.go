package web

import (
	"context"
	"errors"
	"net/http"

	"github.com/a-h/templ"
	"github.com/go-chi/chi/v5/middleware"

	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/templates"
)

// Lang is the request's language, read from its path ("/es/..." is
// Spanish). Pages and error pages alike use it, so both always agree.
func Lang(r *http.Request) i18n.Lang {
	l, _ := i18n.Split(r.URL.Path)
	return l
}

// Meta describes the page being served, in the request's language.
func (a *Site) Meta(r *http.Request, title, description string) templates.Meta {
	l, path := i18n.Split(r.URL.Path)
	m := templates.Meta{Lang: l, Title: title, Description: description, Path: path, BaseURL: a.cfg.BaseURL.String(),
		Stamps: &templates.FormStamps{}}
	if a.Footer != nil {
		m.Subscribe = a.Footer(m)
	}
	m.Banner, _ = r.Context().Value(bannerKey{}).(templ.Component)
	m.Menus = a.menus(r.Context(), l)
	return m
}

// menus reads the menus every public page shows, from the store the
// request's context names (the editor's preview: its transaction) or the
// site's. A page must render even when they cannot be read: it then shows
// the built-in menus.
func (a *Site) menus(ctx context.Context, l i18n.Lang) *templates.Menus {
	st, ok := ctx.Value(menusKey{}).(*store.Store)
	if !ok {
		st = a.store
	}
	read, err := st.Menus(ctx, l)
	if err != nil {
		if Unavailable(err) {
			a.outage.partLeftOut(ctx, err)
		} else if !errors.Is(err, context.Canceled) {
			a.logger.ErrorContext(ctx, "menus left as built in", "error", err)
		}
		menus := templates.DefaultMenus(l)
		return &menus
	}
	return &templates.Menus{Main: menuView(read.Main), Footer: menuView(read.Footer)}
}

func menuView(m store.Menu) templates.Menu {
	v := templates.Menu{Name: m.Name, Links: make([]templates.MenuLink, len(m.Entries))}
	for i, e := range m.Entries {
		v.Links[i] = templates.MenuLink{Label: e.Label, Target: e.Target}
	}
	return v
}

type menusKey struct{}

// WithMenusFrom returns ctx with st, which every page rendered for a
// request with ctx reads its menus from (the editor's preview, whose
// transaction holds the menus as publishing would make them).
func WithMenusFrom(ctx context.Context, st *store.Store) context.Context {
	return context.WithValue(ctx, menusKey{}, st)
}

type bannerKey struct{}

// WithBanner returns ctx with banner, which every page rendered for a
// request with ctx shows first in its body (the editor's preview).
func WithBanner(ctx context.Context, banner templ.Component) context.Context {
	return context.WithValue(ctx, bannerKey{}, banner)
}

// CompressGets compresses the answers to every method but POST. An answer
// to a form post is small and seen once, and each compressed answer holds
// a compressor of its own (about 800 KiB at level 5; the pool that reuses
// them is emptied at every collection): a flood of sign-ins, each refused
// at once, made the process's memory grow with the size of the flood.
func CompressGets(next http.Handler) http.Handler {
	compressed := middleware.Compress(5, compressible...)(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			next.ServeHTTP(w, r)
			return
		}
		compressed.ServeHTTP(w, r)
	})
}

// compressible lists the content types worth compressing.
var compressible = []string{
	"text/html", "text/css", "text/plain", "text/javascript", "text/calendar",
	"application/javascript", "application/json", "application/xml",
	"application/atom+xml", "image/svg+xml",
}
