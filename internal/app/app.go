package app

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"github.com/sswalliance/advocacy/internal/auth"
	"github.com/sswalliance/advocacy/internal/config"
	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/content/editing"
	"github.com/sswalliance/advocacy/internal/filecache"
	"github.com/sswalliance/advocacy/internal/jobs"
	"github.com/sswalliance/advocacy/internal/mail"
	"github.com/sswalliance/advocacy/internal/newsletter"
	"github.com/sswalliance/advocacy/internal/pagecache"
	"github.com/sswalliance/advocacy/internal/signing"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/subscribe"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/internal/web/admin"
	"github.com/sswalliance/advocacy/internal/web/admin/editor"
	"github.com/sswalliance/advocacy/internal/web/public"
	"github.com/sswalliance/advocacy/internal/web/routes"
)

// App is the assembled site: its services, its job queue and its HTTP
// handler, each built once.
type App struct {
	cfg        config.Config
	logger     *slog.Logger
	pool       *pgxpool.Pool
	store      *store.Store
	site       *web.Site
	throttle   *auth.Throttle
	kinds      *content.Registry
	editor     *editing.Editor
	jobs       *jobs.Runner
	signing    *signing.Service
	subscribe  *subscribe.Service
	newsletter *newsletter.Sender
	// fileCopies are the local copies of files that downloads are sent from.
	fileCopies *filecache.Cache
	// pages are the public pages kept rendered.
	pages  *pagecache.Cache
	forms  *web.Forms
	public *public.Handlers
	admin  *admin.Handlers
	// contentEditor serves the content editor's pages over editor.
	contentEditor *editor.Handlers
}

// New builds the site over a database pool: the mail sender, the
// workflows, the job queue that sends their email and runs their chores,
// and the handlers.
func New(cfg config.Config, logger *slog.Logger, pool *pgxpool.Pool) (*App, error) {
	kinds, err := content.Builtin()
	if err != nil {
		return nil, fmt.Errorf("app: content kinds: %w", err)
	}
	a := &App{cfg: cfg, logger: logger, pool: pool, store: store.New(pool), throttle: auth.NewThrottle(pool), kinds: kinds}
	a.site = web.NewSite(cfg, logger, pool)
	a.fileCopies = filecache.New(cfg.FileCacheDir, cfg.FileCacheBytes)
	a.pages = pagecache.New(cfg.PageCacheBytes,
		func(ctx context.Context) (string, error) { return a.site.Guard().Stamp(ctx) },
		func() time.Time { return a.now() })
	a.pages.Cookie = web.StaffCookie
	var sender mail.Sender = mail.Log{Logger: logger.With("component", "mail")}
	via := "log"
	if cfg.SMTPURL != "" {
		if sender, err = mail.NewSMTP(cfg.SMTPURL, cfg.MailFrom); err != nil {
			return nil, fmt.Errorf("app: mail: %w", err) // config.Load checked the URL with mail.ParseURL
		}
		via = "smtp"
	}
	// The services queue on the queue; the runner that works their jobs
	// is made after them, from their workers and chores.
	queue, err := jobs.NewQueue(pool, logger)
	if err != nil {
		return nil, err // River refuses only a malformed configuration
	}
	a.signing = signing.New(pool, queue, cfg.BaseURL)
	a.subscribe = subscribe.New(pool, queue, cfg.BaseURL)
	a.newsletter = newsletter.New(pool, queue, sender, a.subscribe, logger.With("component", "newsletter"), cfg.MailPerMinute)
	a.editor = editing.New(pool, kinds, func() time.Time { return a.now() }, logger)
	chores := slices.Concat(a.editor.Chores(), a.signing.Chores(), a.subscribe.Chores(), a.newsletter.Chores(),
		public.FileChores(a.site, kinds), admin.SignInChores(a.throttle))
	register := func(w *river.Workers) {
		a.newsletter.Register(w)
		admin.AddLockoutNoticeWorker(w, pool, queue, cfg.BaseURL)
	}
	if a.jobs, err = jobs.NewRunner(pool, queue, logger, sender, via, register, chores...); err != nil {
		return nil, err // River refuses only a malformed configuration
	}
	a.forms = web.NewForms(a.site)
	a.public = public.New(a.site, a.publicDeps())
	a.site.Footer = a.public.FooterSubscribe
	a.admin = admin.New(a.site, admin.Deps{Throttle: a.throttle, Kinds: kinds, Jobs: queue, Signing: a.signing,
		Subscribe: a.subscribe, Newsletter: a.newsletter, Forms: a.forms})
	a.contentEditor = editor.New(a.site, editor.Deps{Kinds: kinds, Editor: a.editor, Public: a.publicDeps(),
		PublicPages: routes.PublicPages})
	a.throttle.OnLock = a.admin.QueueLockoutNotice
	// The checks of custom pages' and redirects' addresses ask the
	// router itself which paths it answers.
	content.SetSiteRoutes(routes.Match(a.routes(nil).(chi.Routes)))
	return a, nil
}

// publicDeps are what the public handlers are built with, reading from
// the pool (the editor's preview swaps the store for its transaction's).
func (a *App) publicDeps() public.Deps {
	return public.Deps{Store: a.store, Kinds: a.kinds, FileCopies: a.fileCopies, Signing: a.signing,
		Subscribe: a.subscribe, Forms: a.forms}
}

// Listening reports whether the page cache hears the database's changes
// (RunBackground starts it listening): only then are kept pages served.
func (a *App) Listening() bool { return a.pages.Listening() }

// CheckFileCopies says whether FILE_CACHE_DIR can hold the copies that
// downloads are sent from; serve refuses to start without them.
func (a *App) CheckFileCopies() error { return a.fileCopies.Check() }

// Handler returns the site's handler (routes.New: every route).
func (a *App) Handler() http.Handler { return a.pages.Handler(a.routes(nil)) }

// routes builds the router; tests pass extra to mount test-only handlers
// behind the same middleware.
func (a *App) routes(extra func(chi.Router)) http.Handler {
	return routes.New(routes.Handlers{Site: a.site, Public: a.public, Admin: a.admin, Editor: a.contentEditor, Pages: a.pages}, extra)
}

func (a *App) now() time.Time { return a.site.Now() }
