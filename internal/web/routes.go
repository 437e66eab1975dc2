// Package web is the HTTP side of the site: every route, the middleware
// around them, and the handlers.
package web

import (
	"context"
	"log/slog"
	"net/http"
	"slices"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"github.com/sswalliance/advocacy/internal/auth"
	"github.com/sswalliance/advocacy/internal/config"
	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/content/editing"
	"github.com/sswalliance/advocacy/internal/db"
	"github.com/sswalliance/advocacy/internal/filecache"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/jobs"
	"github.com/sswalliance/advocacy/internal/links"
	"github.com/sswalliance/advocacy/internal/mail"
	"github.com/sswalliance/advocacy/internal/newsletter"
	"github.com/sswalliance/advocacy/internal/signing"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/subscribe"
	"github.com/sswalliance/advocacy/static"
	"github.com/sswalliance/advocacy/templates"
)

// App holds what the handlers need.
type App struct {
	cfg        config.Config
	logger     *slog.Logger
	pool       *pgxpool.Pool
	store      *store.Store
	now        func() time.Time // the clock; tests set a fixed one
	sessions   *scs.SessionManager
	throttle   *auth.Throttle
	kinds      *content.Registry
	editor     *editing.Editor
	jobs       *jobs.Runner
	signing    *signing.Service
	subscribe  *subscribe.Service
	newsletter *newsletter.Sender
	forms      *links.Signer // signs form stamps and logo references
	// hashWait is how long a sign-in waits for a password slot before
	// being told the site is busy; tests lengthen it.
	hashWait  time.Duration
	logoQuota int // logos the public forms may store an hour (LogoQuota; tests lower it)
	// logoAddrQuota is LogoAddrQuota; tests lower it.
	logoAddrQuota int
	// uploads are the slots for public uploads in flight (UploadsInFlight).
	uploads chan struct{}
	// fileCopies are the local copies of files that downloads are sent from.
	fileCopies *filecache.Cache
	// staffUploads holds a token for each staff upload being handled.
	staffUploads    chan struct{}
	staffUploadWait time.Duration
	outage          *outage // logs the database going away once, not per request
}

// NewApp returns the site's handlers over a database pool.
func NewApp(cfg config.Config, logger *slog.Logger, pool *pgxpool.Pool) *App {
	kinds, err := content.Builtin()
	if err != nil {
		panic(err) // a kind declared incompletely: a programming error
	}
	a := &App{cfg: cfg, logger: logger, pool: pool, store: store.New(pool), now: time.Now,
		throttle: auth.NewThrottle(pool), kinds: kinds, hashWait: auth.BusyWait, logoQuota: LogoQuota,
		logoAddrQuota: LogoAddrQuota, uploads: make(chan struct{}, UploadsInFlight)}
	a.outage = &outage{logger: logger, now: time.Now, every: outageReportEvery,
		ping: func(ctx context.Context) error { return db.Ping(ctx, pool) }, reset: pool.Reset}
	a.sessions = newSessions(a)
	a.forms = links.NewSigner(pool, "forms")
	a.fileCopies = filecache.New(cfg.FileCacheDir, cfg.FileCacheBytes)
	a.staffUploads, a.staffUploadWait = make(chan struct{}, StaffUploadsInFlight), StaffUploadWait
	var sender mail.Sender = mail.Log{Logger: logger.With("component", "mail")}
	via := "log"
	if cfg.SMTPURL != "" {
		if sender, err = mail.NewSMTP(cfg.SMTPURL, cfg.MailFrom); err != nil {
			panic(err) // config.Load checked the URL with mail.ParseURL
		}
		via = "smtp"
	}
	// The services queue on the queue; the runner that works their jobs
	// is made after them, from their workers and chores.
	queue, err := jobs.NewQueue(pool, logger)
	if err != nil {
		panic(err) // River refuses only a malformed configuration
	}
	a.signing = signing.New(pool, queue, cfg.BaseURL)
	a.subscribe = subscribe.New(pool, queue, cfg.BaseURL)
	a.newsletter = newsletter.New(pool, queue, sender, a.subscribe, logger.With("component", "newsletter"), cfg.MailPerMinute)
	a.editor = editing.New(pool, kinds, func() time.Time { return a.now() }, logger)
	chores := slices.Concat(a.editor.Chores(), a.signing.Chores(), a.subscribe.Chores(), a.newsletter.Chores(), a.fileChores(), a.signInChores())
	register := func(w *river.Workers) {
		a.newsletter.Register(w)
		river.AddWorker(w, &lockoutNoticeWorker{a: a})
	}
	if a.jobs, err = jobs.NewRunner(pool, queue, logger, sender, via, register, chores...); err != nil {
		panic(err) // River refuses only a malformed configuration
	}
	a.throttle.OnLock = a.queueLockoutNotice
	return a
}

// CheckFileCopies says whether FILE_CACHE_DIR can hold the copies that
// downloads are sent from; serve refuses to start without them.
func (a *App) CheckFileCopies() error { return a.fileCopies.Check() }

// Routes returns the site's handler: every route the site answers is here.
func (a *App) Routes() http.Handler { return a.routes(nil) }

// routes builds the router; tests pass extra to mount test-only handlers
// behind the same middleware.
func (a *App) routes(extra func(chi.Router)) http.Handler {
	r := chi.NewRouter()
	r.Use(
		requestID,
		a.realClientIP,
		a.securityHeaders,
		a.accessLog,
		a.recoverPanic,
		a.refuseBadURLText,
		compressGets,
		a.crossOriginProtection(),
		middleware.GetHead,
	)
	r.NotFound(a.notFound)
	r.MethodNotAllowed(a.methodNotAllowed)

	r.Get("/healthz", a.healthz)
	r.Get("/readyz", a.readyz)
	r.Get("/robots.txt", a.robots)
	r.Get("/sitemap.xml", a.handle(a.sitemap))
	r.Handle(static.Prefix+"*", static.Handler(http.HandlerFunc(a.notFound)))

	// Every public page in English at /..., and in Spanish at /es/....
	r.Group(a.publicRoutes)
	r.Route("/es", a.publicRoutes)
	// The staff area.
	r.Route("/admin", a.adminRoutes)
	// Language-neutral routes: files and feeds.
	a.resourceRootRoutes(r)
	a.sswweekRootRoutes(r)
	a.calendarRootRoutes(r)
	a.signingRootRoutes(r)
	r.Get("/logos/{file}", a.handle(a.logoImage))
	r.Get("/logos/preview/{file}", a.handle(a.logoPreviewImage))
	if extra != nil {
		extra(r)
	}
	return r
}

// publicRoutes are the pages visitors read, mounted once per language.
func (a *App) publicRoutes(r chi.Router) {
	r.Get("/", a.handle(a.home))
	r.Get("/key-messages", a.handle(a.keyMessages))
	r.Get("/key-messages/{audience}", a.handle(a.audienceMessages))
	r.Get("/call-to-action", a.handle(a.callToAction))
	a.signingRoutes(r)
	r.Get("/toolkit", a.handle(a.toolkit))
	a.resourceRoutes(r)
	a.sswweekRoutes(r)
	a.subscribeRoutes(r)
	a.calendarRoutes(r)
}

// lang is the request's language, read from its path ("/es/..." is
// Spanish). Pages and error pages alike use it, so both always agree.
func lang(r *http.Request) i18n.Lang {
	l, _ := i18n.Split(r.URL.Path)
	return l
}

// meta describes the page being served, in the request's language.
func (a *App) meta(r *http.Request, title, description string) templates.Meta {
	l, path := i18n.Split(r.URL.Path)
	m := templates.Meta{Lang: l, Title: title, Description: description, Path: path, BaseURL: a.cfg.BaseURL.String()}
	m.Subscribe = a.footerSubscribe(m)
	return m
}

// compressGets compresses the answers to every method but POST. An answer
// to a form post is small and seen once, and each compressed answer holds
// a compressor of its own (about 800 KiB at level 5; the pool that reuses
// them is emptied at every collection): a flood of sign-ins, each refused
// at once, made the process's memory grow with the size of the flood.
func compressGets(next http.Handler) http.Handler {
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
