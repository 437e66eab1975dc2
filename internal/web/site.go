package web

import (
	"context"
	"log/slog"
	"time"

	"github.com/a-h/templ"
	"github.com/alexedwards/scs/v2"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/config"
	"github.com/sswalliance/advocacy/internal/db"
	"github.com/sswalliance/advocacy/internal/links"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/templates"
)

// Site is what every handler shares: the configuration, the log, the
// database, the clock, the staff sessions, the outage tracker and the signer
// of forms. Its methods are the helpers every handler uses
// (Handle, Render, Meta, Frame, Audit, ...). The handler packages embed
// it; there is one per process.
type Site struct {
	cfg      config.Config
	logger   *slog.Logger
	pool     *pgxpool.Pool
	store    *store.Store
	sessions *scs.SessionManager
	outage   *outage       // logs the database going away once, not per request
	signer   *links.Signer // signs form stamps and logo references

	// Now is the clock every handler reads; tests set a fixed one.
	Now func() time.Time
	// Footer is the sign-up form in the footer of the public page m, or
	// nil for none; the subscribe handlers provide it.
	Footer func(m templates.Meta) templ.Component

	// staffUploads holds a token for each staff upload being handled.
	staffUploads chan struct{}
	// StaffUploadWait is how long a staff upload waits for a slot
	// (StaffUploadWait; tests shorten it).
	StaffUploadWait time.Duration
}

// NewSite returns the shared pieces over a database pool.
func NewSite(cfg config.Config, logger *slog.Logger, pool *pgxpool.Pool) *Site {
	s := &Site{cfg: cfg, logger: logger, pool: pool, store: store.New(pool), Now: time.Now}
	s.outage = &outage{logger: logger, now: time.Now, every: outageReportEvery,
		ping: func(ctx context.Context) error { return db.Ping(ctx, pool) }, reset: pool.Reset}
	s.sessions = newSessions(s)
	s.signer = links.NewSigner(pool, "forms")
	s.staffUploads, s.StaffUploadWait = make(chan struct{}, StaffUploadsInFlight), StaffUploadWait
	return s
}

// Config is the site's configuration.
func (s *Site) Config() config.Config { return s.cfg }

// Logger is the site's log.
func (s *Site) Logger() *slog.Logger { return s.logger }

// Pool is the database.
func (s *Site) Pool() *pgxpool.Pool { return s.pool }

// Store is the store over the database.
func (s *Site) Store() *store.Store { return s.store }

// Sessions are the staff sessions.
func (s *Site) Sessions() *scs.SessionManager { return s.sessions }

// Signer signs form stamps and logo references.
func (s *Site) Signer() *links.Signer { return s.signer }

// StaffUploads are the slots of the staff uploads handled at once
// (StaffUploadsInFlight); tests fill them.
func (s *Site) StaffUploads() chan struct{} { return s.staffUploads }

// OutageRefused counts a request refused because the database is
// unavailable (err) with the outage, as Handle does for the requests it
// answers 503.
func (s *Site) OutageRefused(ctx context.Context, err error) {
	s.outage.failed(ctx, s.outage.now(), err)
}

// OutagePartLeftOut records a part of a page left out because the
// database is unavailable (see outage.partLeftOut).
func (s *Site) OutagePartLeftOut(ctx context.Context, err error) { s.outage.partLeftOut(ctx, err) }
