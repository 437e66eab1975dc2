package editor

import (
	"errors"
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/content/editing"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/internal/web/public"
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

func (a *Handlers) kind(r *http.Request) (*content.Kind, error) {
	k, ok := a.kinds.Kind(chi.URLParam(r, "kind"))
	if !ok {
		return nil, store.ErrNotFound
	}
	return k, nil
}

func (a *Handlers) item(r *http.Request) (content.Item, error) {
	k, err := a.kind(r)
	if err != nil {
		return content.Item{}, err
	}
	it, err := content.Get(r.Context(), a.pool, k, chi.URLParam(r, "key"))
	if errors.Is(err, content.ErrNotFound) {
		return content.Item{}, store.ErrNotFound
	}
	return it, err
}
