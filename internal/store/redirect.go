package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Redirect returns where a request for path with the canonical query
// (content.CanonicalQuery) is sent, and with which status: the redirect
// with that exact query, else the one for the path alone, else
// ErrNotFound.
func (s *Store) Redirect(ctx context.Context, path, query string) (string, int, error) {
	var to string
	var status int
	err := s.db.QueryRow(ctx, `
		SELECT to_target, status FROM redirects
		WHERE from_path = $1 AND from_query IN ($2, '')
		ORDER BY from_query = '' LIMIT 1`, path, query).Scan(&to, &status)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", 0, fmt.Errorf("store: redirect from %s: %w", path, ErrNotFound)
	}
	if err != nil {
		return "", 0, fmt.Errorf("store: redirect from %s: %w", path, err)
	}
	return to, status, nil
}
