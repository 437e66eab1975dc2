package workflow

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/jobs"
	"github.com/sswalliance/advocacy/internal/links"
	"github.com/sswalliance/advocacy/internal/store"
)

// InTx runs fn in a transaction over pool, with a store over it.
//
// The signer's key is loaded first: inside the transaction, loading it
// would take a second pooled connection while holding one, and
// simultaneous submissions would then wait on each other for ever once
// the pool is taken.
func InTx(ctx context.Context, pool *pgxpool.Pool, signer *links.Signer, fn func(tx pgx.Tx, st *store.Store) error) error {
	if err := signer.Load(ctx); err != nil {
		return err
	}
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error { return fn(tx, store.FromTx(tx)) })
}

// ConfirmCap is the limit of one confirmation email of Kind to an
// address (counted as its mailbox) every Every: a form cannot be used to
// flood a mailbox.
type ConfirmCap struct {
	Kind  string // the email's kind, "signatory-confirm"
	Every time.Duration
}

// Take reports whether a confirmation email may go to address now and,
// if so, records that it goes. Call it in the transaction that queues
// the email, so a step rolled back leaves no trace.
func (c ConfirmCap) Take(ctx context.Context, st *store.Store, address string) (bool, error) {
	return st.TakeConfirmationSend(ctx, c.Kind, address, c.Every)
}

// Forget frees address for another confirmation email at once: it has
// just been confirmed, so its owner asked for it.
func (c ConfirmCap) Forget(ctx context.Context, st *store.Store, address string) error {
	return st.ForgetConfirmationSend(ctx, c.Kind, address)
}

// Chore is the timed work that forgets sends older than Every (addresses
// are personal data, kept only while the limit needs them).
func (c ConfirmCap) Chore(name string, pool *pgxpool.Pool, now func() time.Time) jobs.Chore {
	return jobs.Chore{Name: name, Interval: time.Hour, Run: func(ctx context.Context) error {
		return store.New(pool).DeleteConfirmationSendsBefore(ctx, c.Kind, now().Add(-c.Every))
	}}
}
