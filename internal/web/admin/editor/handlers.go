package editor

import (
	"net/http"

	"github.com/a-h/templ"
	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/content/editing"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/internal/web/public"
	"github.com/sswalliance/advocacy/templates/admin"
)

// Handlers serve the content editor.
type Handlers struct {
	*web.Site
	pool  *pgxpool.Pool
	store *store.Store
	kinds *content.Registry
	// editor makes every change, each with its audit line.
	editor *editing.Editor
	// public are what the public pages are built with; a preview builds
	// them over its transaction.
	public public.Deps
	// publicPages mounts the public pages of one language
	// (routes.PublicPages).
	publicPages func(r chi.Router, pub *public.Handlers)
}

// Deps are what the editor needs besides the Site.
type Deps struct {
	Kinds  *content.Registry
	Editor *editing.Editor
	// Public are the public pages' dependencies, and PublicPages mounts
	// them: a preview renders the real public page over its transaction.
	Public      public.Deps
	PublicPages func(r chi.Router, pub *public.Handlers)
}

// New returns the editor's handlers over site.
func New(site *web.Site, d Deps) *Handlers {
	return &Handlers{Site: site, pool: site.Pool(), store: site.Store(), kinds: d.Kinds,
		editor: d.Editor, public: d.Public, publicPages: d.PublicPages}
}

// The editor's bodies call the shared helpers by the names they had in
// package web, so that the editor service's rewrite of them (made beside
// this move) merges onto them unchanged.

func (a *Handlers) render(w http.ResponseWriter, r *http.Request, status int, c templ.Component) error {
	return a.Render(w, r, status, c)
}
func (a *Handlers) frame(r *http.Request, title string) admin.Frame { return a.Frame(r, title) }
func (a *Handlers) flash(r *http.Request, msg string)               { a.Flash(r, msg) }
func (a *Handlers) flashError(r *http.Request, msg string)          { a.FlashError(r, msg) }

const maxVersion = web.MaxVersion

var errFileTooLarge = web.ErrFileTooLarge

func staff(r *http.Request) store.User                        { return web.Staff(r) }
func clientIP(r *http.Request) string                         { return web.ClientIP(r) }
func rowID(s string) (int64, bool)                            { return web.RowID(s) }
func number[N int | int64](s string, lo, hi N) (n N, ok bool) { return web.Number(s, lo, hi) }
