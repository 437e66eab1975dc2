package public

import (
	"context"
	"log/slog"
	"time"

	"github.com/sswalliance/advocacy/internal/config"
	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/filecache"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/public"
)

// Handlers serve the public pages, the feeds, the sitemap and the files.
type Handlers struct {
	*web.Site
	cfg    config.Config
	logger *slog.Logger
	// store is what the pages are read from: the pool's, or in the
	// editor's preview a transaction's.
	store *store.Store
	kinds *content.Registry
	// fileCopies are the local copies of files that downloads are sent from.
	fileCopies *filecache.Cache
	// subscribeFormView is a new sign-up form (the SSWWeek pages show one).
	subscribeFormView func(ctx context.Context, l i18n.Lang, prefix string) (public.SubscribeFormView, error)
}

// Deps are what the public handlers read besides the Site.
type Deps struct {
	Store      *store.Store
	Kinds      *content.Registry
	FileCopies *filecache.Cache
	// SubscribeForm is a new sign-up form in l, its element ids starting
	// with prefix.
	SubscribeForm func(ctx context.Context, l i18n.Lang, prefix string) (public.SubscribeFormView, error)
}

// New returns the public handlers over site, reading from d.Store.
func New(site *web.Site, d Deps) *Handlers {
	return &Handlers{Site: site, cfg: site.Config(), logger: site.Logger(), store: d.Store, kinds: d.Kinds,
		fileCopies: d.FileCopies, subscribeFormView: d.SubscribeForm}
}

func (a *Handlers) now() time.Time { return a.Now() }
