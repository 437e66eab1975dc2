package workflow

import (
	"context"
	"net/url"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/jobs"
	"github.com/sswalliance/advocacy/internal/links"
	"github.com/sswalliance/advocacy/internal/store"
)

// Base is what each workflow's Service holds and does the same way: the
// pool its steps run on, the queue its emails go out through, the site's
// address its links are made absolute against, the clock, and the signer
// of its links. Signing and subscribing each embed one.
type Base struct {
	Pool    *pgxpool.Pool
	Jobs    *jobs.Queue
	BaseURL *url.URL
	// Now is the clock (tests set it).
	Now func() time.Time

	Links *links.Signer // signs the links in emails
}

// NewBase returns a workflow's Base over pool, queueing email on queue,
// with links in emails made absolute against baseURL and signed with the
// site key named linkKey.
func NewBase(pool *pgxpool.Pool, queue *jobs.Queue, baseURL *url.URL, linkKey string) Base {
	return Base{Pool: pool, Jobs: queue, BaseURL: baseURL, Now: time.Now,
		Links: links.NewSigner(pool, linkKey)}
}

// InTx runs fn in a transaction with a store over it, the link key
// loaded first (see InTx).
func (b *Base) InTx(ctx context.Context, fn func(tx pgx.Tx, st *store.Store) error) error {
	return InTx(ctx, b.Pool, b.Links, fn)
}

// Link is an absolute link to path on the site, in language l.
func (b *Base) Link(l i18n.Lang, path string) string {
	return b.BaseURL.JoinPath(l.Path(path)).String()
}

// Site is the site's address, for the end of every email.
func (b *Base) Site() string { return b.BaseURL.String() }
