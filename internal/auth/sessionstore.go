package auth

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// SessionStore keeps scs sessions in the sessions table. It talks to pgx
// directly: the published scs pgxstore lags behind pgx and scs.
type SessionStore struct {
	pool *pgxpool.Pool
	// Logger receives the errors of RunCleanup; nil means slog.Default().
	Logger *slog.Logger
}

var _ scs.CtxStore = (*SessionStore)(nil)

// NewSessionStore returns a store over pool.
func NewSessionStore(pool *pgxpool.Pool) *SessionStore {
	return &SessionStore{pool: pool}
}

// FindCtx returns the data of the session token. An unknown or expired
// token is not found, without an error.
func (s *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var b []byte
	err := s.pool.QueryRow(ctx, `SELECT data FROM sessions WHERE token = $1 AND expiry > now()`, token).Scan(&b)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("auth: find session: %w", err)
	}
	return b, true, nil
}

// CommitCtx saves the data of the session token until expiry, replacing
// what was there.
func (s *SessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	_, err := s.pool.Exec(ctx, `
		INSERT INTO sessions (token, data, expiry) VALUES ($1, $2, $3)
		ON CONFLICT (token) DO UPDATE SET data = EXCLUDED.data, expiry = EXCLUDED.expiry`,
		token, b, expiry)
	if err != nil {
		return fmt.Errorf("auth: commit session: %w", err)
	}
	return nil
}

// DeleteCtx removes the session token; an unknown token is not an error.
func (s *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	if _, err := s.pool.Exec(ctx, `DELETE FROM sessions WHERE token = $1`, token); err != nil {
		return fmt.Errorf("auth: delete session: %w", err)
	}
	return nil
}

// Find is FindCtx without a context; scs uses the Ctx methods when present.
func (s *SessionStore) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}

// Commit is CommitCtx without a context.
func (s *SessionStore) Commit(token string, b []byte, expiry time.Time) error {
	return s.CommitCtx(context.Background(), token, b, expiry)
}

// Delete is DeleteCtx without a context.
func (s *SessionStore) Delete(token string) error {
	return s.DeleteCtx(context.Background(), token)
}

// Cleanup deletes every expired session and reports how many went.
func (s *SessionStore) Cleanup(ctx context.Context) (int64, error) {
	tag, err := s.pool.Exec(ctx, `DELETE FROM sessions WHERE expiry <= now()`)
	if err != nil {
		return 0, fmt.Errorf("auth: clean up sessions: %w", err)
	}
	return tag.RowsAffected(), nil
}

// RunCleanup deletes expired sessions every interval until ctx ends. Find
// already ignores them; this only keeps the table small. Run it in its own
// goroutine.
func (s *SessionStore) RunCleanup(ctx context.Context, interval time.Duration) {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			if _, err := s.Cleanup(ctx); err != nil && ctx.Err() == nil {
				logger := s.Logger
				if logger == nil {
					logger = slog.Default()
				}
				logger.Error("session cleanup", "error", err)
			}
		}
	}
}
