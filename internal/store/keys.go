package store

import (
	"context"
	"crypto/rand"
	"fmt"
	"sync"

	"github.com/jackc/pgx/v5/pgxpool"
)

// KeyCache holds one site key once read: keys never change, and some are
// used on every page (the form stamp).
type KeyCache struct {
	pool *pgxpool.Pool
	name string
	mu   sync.Mutex
	key  []byte
}

// NewKeyCache reads the key called name from pool, on first use. It reads
// from the pool, never a transaction, so a rolled-back preview cannot
// leave it holding a key that was never saved.
func NewKeyCache(pool *pgxpool.Pool, name string) *KeyCache {
	return &KeyCache{pool: pool, name: name}
}

// Get returns the key, reading (or making) it the first time.
func (c *KeyCache) Get(ctx context.Context) ([]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.key == nil {
		key, err := New(c.pool).SiteKey(ctx, c.name)
		if err != nil {
			return nil, err
		}
		c.key = key
	}
	return c.key, nil
}

// SiteKey returns the secret key called name, making it on first use.
func (s *Store) SiteKey(ctx context.Context, name string) ([]byte, error) {
	key := make([]byte, 32)
	rand.Read(key)
	if _, err := s.db.Exec(ctx, `INSERT INTO site_keys (name, key) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, name, key); err != nil {
		return nil, fmt.Errorf("store: make site key %s: %w", name, err)
	}
	if err := s.db.QueryRow(ctx, `SELECT key FROM site_keys WHERE name = $1`, name).Scan(&key); err != nil {
		return nil, fmt.Errorf("store: site key %s: %w", name, err)
	}
	return key, nil
}
