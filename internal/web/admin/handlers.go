package admin

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/auth"
	"github.com/sswalliance/advocacy/internal/config"
	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/jobs"
	"github.com/sswalliance/advocacy/internal/newsletter"
	"github.com/sswalliance/advocacy/internal/signing"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/subscribe"
	"github.com/sswalliance/advocacy/internal/web"
)

// Handlers serve the staff area: signing in, the dashboard, staff
// accounts, the audit log, the outbox, signatories, subscribers and
// mailings.
type Handlers struct {
	*web.Site
	cfg        config.Config
	logger     *slog.Logger
	pool       *pgxpool.Pool
	store      *store.Store
	sessions   *scs.SessionManager
	throttle   *auth.Throttle
	kinds      *content.Registry
	jobs       *jobs.Queue
	signing    *signing.Service
	subscribe  *subscribe.Service
	newsletter *newsletter.Sender
	// forms reads the signatory form (shared with the public sign form).
	forms *web.Forms
	// hashWait is how long a sign-in waits for a password slot before
	// being told the site is busy; tests lengthen it.
	hashWait time.Duration
}

// Deps are what the staff handlers need besides the Site.
type Deps struct {
	Throttle   *auth.Throttle
	Kinds      *content.Registry
	Jobs       *jobs.Queue
	Signing    *signing.Service
	Subscribe  *subscribe.Service
	Newsletter *newsletter.Sender
	Forms      *web.Forms
}

// New returns the staff handlers over site.
func New(site *web.Site, d Deps) *Handlers {
	return &Handlers{Site: site, cfg: site.Config(), logger: site.Logger(), pool: site.Pool(), store: site.Store(),
		sessions: site.Sessions(), throttle: d.Throttle, kinds: d.Kinds, jobs: d.Jobs, signing: d.Signing,
		subscribe: d.Subscribe, newsletter: d.Newsletter, forms: d.Forms, hashWait: auth.BusyWait}
}

func (a *Handlers) now() time.Time { return a.Now() }

// SetHashWait sets how long a sign-in waits for a password slot (tests
// lengthen it).
func (a *Handlers) SetHashWait(d time.Duration) { a.hashWait = d }

// rowFromPath returns the row named by the {id} in r's path, read with
// load; what names the row in the error. An id that is not a row id is
// not found, like one no row has.
func rowFromPath[T any](r *http.Request, what string, load func(context.Context, int64) (T, error)) (T, error) {
	id, ok := web.RowID(chi.URLParam(r, "id"))
	if !ok {
		var zero T
		return zero, fmt.Errorf("web: %s %q: %w", what, chi.URLParam(r, "id"), store.ErrNotFound)
	}
	return load(r.Context(), id)
}
