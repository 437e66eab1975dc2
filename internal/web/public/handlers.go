package public

import (
	"log/slog"
	"time"

	"github.com/sswalliance/advocacy/internal/config"
	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/filecache"
	"github.com/sswalliance/advocacy/internal/signing"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/subscribe"
	"github.com/sswalliance/advocacy/internal/web"
)

// Handlers serve the public pages and forms, the feeds, the sitemap, the
// files and the logos.
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
	signing    *signing.Service
	subscribe  *subscribe.Service
	// forms reads the sign form and its logo.
	forms *web.Forms
}

// Deps are what the public handlers read besides the Site.
type Deps struct {
	Store      *store.Store
	Kinds      *content.Registry
	FileCopies *filecache.Cache
	Signing    *signing.Service
	Subscribe  *subscribe.Service
	Forms      *web.Forms
}

// New returns the public handlers over site, reading from d.Store.
func New(site *web.Site, d Deps) *Handlers {
	return &Handlers{Site: site, cfg: site.Config(), logger: site.Logger(), store: d.Store, kinds: d.Kinds,
		fileCopies: d.FileCopies, signing: d.Signing, subscribe: d.Subscribe, forms: d.Forms}
}

func (a *Handlers) now() time.Time { return a.Now() }
