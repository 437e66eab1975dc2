package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// ErrNotFound is returned when the requested row does not exist.
var ErrNotFound = errors.New("store: not found")

// allRows collects every row of rows with scan; what names them in the
// error ("days of edition 2018").
func allRows[T any](rows pgx.Rows, scan pgx.RowToFunc[T], what string) ([]T, error) {
	list, err := pgx.CollectRows(rows, scan)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	return list, nil
}

// exactlyOne collects the one row of rows with scan: no row is
// ErrNotFound. what names the row in the error ("mailing 4").
func exactlyOne[T any](rows pgx.Rows, scan pgx.RowToFunc[T], what string) (T, error) {
	v, err := pgx.CollectExactlyOneRow(rows, scan)
	var zero T
	if errors.Is(err, pgx.ErrNoRows) {
		return zero, fmt.Errorf("store: %s: %w", what, ErrNotFound)
	}
	if err != nil {
		return zero, fmt.Errorf("store: %s: %w", what, err)
	}
	return v, nil
}

// querier is what both a pool and a transaction can do.
type querier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// Store runs queries on a pool, or inside one transaction (see InTx).
type Store struct {
	begin interface { // the pool, or the transaction for nested InTx (a savepoint)
		Begin(ctx context.Context) (pgx.Tx, error)
	}
	db querier
}

// New returns a Store over pool.
func New(pool *pgxpool.Pool) *Store { return &Store{begin: pool, db: pool} }

// FromTx returns a Store whose every query runs in tx (the admin's preview
// renders public pages this way, inside a transaction it rolls back).
func FromTx(tx pgx.Tx) *Store { return &Store{begin: tx, db: tx} }

// Conn is what s runs its statements on: the pool, or the transaction of
// InTx or FromTx. The content kinds, which write the content tables, run
// on it when the seed writes through them inside a store transaction.
func (s *Store) Conn() interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
} {
	return s.db
}

// InTx runs fn with a Store bound to one transaction, committed when fn
// returns nil and rolled back otherwise, so nothing is ever half written.
func (s *Store) InTx(ctx context.Context, fn func(tx *Store) error) error {
	return pgx.BeginFunc(ctx, s.begin, func(tx pgx.Tx) error {
		return fn(FromTx(tx))
	})
}

// HasContent reports whether the database holds any site content yet.
func (s *Store) HasContent(ctx context.Context) (bool, error) {
	var ok bool
	if err := s.db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pages) OR EXISTS (SELECT 1 FROM audiences)`).Scan(&ok); err != nil {
		return false, fmt.Errorf("store: has content: %w", err)
	}
	return ok, nil
}

// contentTables are the root tables of site content, in an order that
// respects foreign keys; their child tables go with them (ON DELETE CASCADE).
var contentTables = []string{
	"pages", "audiences",
	"blog_posts", "sswweek_editions",
	"resources", "topics", "resource_types", "files",
	"calendar_events", "call_to_action", "cta_recommendations", "rejection_reasons", "custom_pages", "redirects",
	"menu_entries",        // the two menus stay: the layout has a place for each
	"content_items",       // drafts and history of the content removed above
	"media_uses", "media", // the media library, once nothing shows its images
}

// DeleteAllContent removes every piece of site content (used by a forced
// re-seed).
func (s *Store) DeleteAllContent(ctx context.Context) error {
	for _, table := range contentTables {
		if _, err := s.db.Exec(ctx, `DELETE FROM `+table); err != nil {
			return fmt.Errorf("store: delete all content: %s: %w", table, err)
		}
	}
	return nil
}
