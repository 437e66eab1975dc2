package store

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Token purposes: what a one-time link does.
const (
	TokenConfirm = "confirm" // confirm a submission or a sign-up
	TokenChange  = "change"  // fix a submission staff asked changes to
)

// TokenOwner is whom a one-time link token is for: a signatory (its
// contact) or a subscriber.
type TokenOwner struct {
	Kind string // "signatory" or "subscriber"
	ID   int64
}

// Token owner kinds.
const (
	OwnerSignatory  = "signatory"
	OwnerSubscriber = "subscriber"
)

// ownerColumn is the link_tokens column holding an owner of kind: each
// kind has its own, so deleting the owner deletes its tokens.
func ownerColumn(kind string) (string, error) {
	switch kind {
	case OwnerSignatory:
		return "signatory_id", nil
	case OwnerSubscriber:
		return "subscriber_id", nil
	}
	return "", fmt.Errorf("store: no token owner kind %q", kind)
}

func tokenHash(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// CreateLinkToken stores a one-time link token of purpose for owner,
// working for ttl, replacing any earlier token of the owner's with the
// same purpose. Only its hash is kept; the token itself is made by
// package links, so that the outbox need not keep it either.
func (s *Store) CreateLinkToken(ctx context.Context, owner TokenOwner, purpose, token string, ttl time.Duration) error {
	col, err := ownerColumn(owner.Kind)
	if err != nil {
		return err
	}
	if _, err := s.db.Exec(ctx, `DELETE FROM link_tokens WHERE `+col+` = $1 AND purpose = $2`, owner.ID, purpose); err != nil {
		return fmt.Errorf("store: replace %s token of %s %d: %w", purpose, owner.Kind, owner.ID, err)
	}
	if _, err := s.db.Exec(ctx, `INSERT INTO link_tokens (hash, `+col+`, purpose, expires_at) VALUES ($1, $2, $3, now() + $4::interval)`,
		tokenHash(token), owner.ID, purpose, ttl.String()); err != nil {
		return fmt.Errorf("store: create %s token for %s %d: %w", purpose, owner.Kind, owner.ID, err)
	}
	return nil
}

// LinkTokenOwner returns the id of the owner of kind that a live token of
// purpose belongs to, or ErrNotFound for an unknown, used or expired
// token (or one of another kind of owner).
func (s *Store) LinkTokenOwner(ctx context.Context, token, purpose, kind string) (int64, error) {
	col, err := ownerColumn(kind)
	if err != nil {
		return 0, err
	}
	var id int64
	err = s.db.QueryRow(ctx, `SELECT `+col+` FROM link_tokens WHERE hash = $1 AND purpose = $2 AND expires_at > now() AND `+col+` IS NOT NULL`,
		tokenHash(token), purpose).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, ErrNotFound
	}
	if err != nil {
		return 0, fmt.Errorf("store: %s token of a %s: %w", purpose, kind, err)
	}
	return id, nil
}

// DeleteLinkToken spends a token.
func (s *Store) DeleteLinkToken(ctx context.Context, token string) error {
	if _, err := s.db.Exec(ctx, `DELETE FROM link_tokens WHERE hash = $1`, tokenHash(token)); err != nil {
		return fmt.Errorf("store: delete token: %w", err)
	}
	return nil
}

// DeleteLinkTokens drops every token of owner (its links stop working),
// and reports how many there were.
func (s *Store) DeleteLinkTokens(ctx context.Context, owner TokenOwner) (int64, error) {
	col, err := ownerColumn(owner.Kind)
	if err != nil {
		return 0, err
	}
	tag, err := s.db.Exec(ctx, `DELETE FROM link_tokens WHERE `+col+` = $1`, owner.ID)
	if err != nil {
		return 0, fmt.Errorf("store: delete tokens of %s %d: %w", owner.Kind, owner.ID, err)
	}
	return tag.RowsAffected(), nil
}

// SignatoryByToken returns the signatory a live token of purpose belongs
// to, or ErrNotFound for an unknown, used or expired token.
func (s *Store) SignatoryByToken(ctx context.Context, token, purpose string) (Signatory, error) {
	id, err := s.LinkTokenOwner(ctx, token, purpose, OwnerSignatory)
	if err != nil {
		return Signatory{}, err
	}
	return s.Signatory(ctx, id)
}

// SubscriberByToken returns the subscriber a live token of purpose belongs
// to, or ErrNotFound for an unknown, used or expired token.
func (s *Store) SubscriberByToken(ctx context.Context, token, purpose string) (Subscriber, error) {
	id, err := s.LinkTokenOwner(ctx, token, purpose, OwnerSubscriber)
	if err != nil {
		return Subscriber{}, err
	}
	return s.Subscriber(ctx, id)
}
