package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Subscriber states. A sign-up is pending until its address confirms it;
// only active subscribers are sent the lists they chose.
const (
	SubscriberPending      = "pending"
	SubscriberActive       = "active"
	SubscriberUnsubscribed = "unsubscribed"
)

// Audit actions on subscribers (object kind "subscriber").
const (
	ActionSubscriberSubscribe   = "subscriber-subscribe"
	ActionSubscriberConfirm     = "subscriber-confirm"
	ActionSubscriberPreferences = "subscriber-preferences"
	ActionSubscriberUnsubscribe = "subscriber-unsubscribe"
	ActionSubscriberExpire      = "subscriber-expire"
)

// Subscriber is a person who asked for the SSWWeek daily emails, general
// updates, or both.
type Subscriber struct {
	ID             int64
	Email          string // as typed; unique regardless of letter case
	Name           string // optional
	Lang           string // the emails' language: "en" or "es"
	Daily          bool   // SSWWeek daily emails
	Updates        bool   // general updates
	Status         string // one of the Subscriber* states
	ConsentAt      time.Time
	ConfirmedAt    *time.Time
	UnsubscribedAt *time.Time
	RemindedAt     *time.Time // last "you are already subscribed" email
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// SubscriberInput is a sign-up as entered: who, in which language, for
// which lists. Consent is required by the form; the store records its time.
type SubscriberInput struct {
	Email, Name, Lang string
	Daily, Updates    bool
}

// SubscriberPreferences is what a subscriber may change from the link in
// our emails.
type SubscriberPreferences struct {
	Lang           string
	Daily, Updates bool
}

const subscriberColumns = `id, email, name, lang, daily, updates, status, consent_at, confirmed_at,
	unsubscribed_at, reminded_at, created_at, updated_at`

func collectSubscriber(rows pgx.Rows, what string) (Subscriber, error) {
	return exactlyOne(rows, pgx.RowToStructByPos[Subscriber], "subscriber "+what)
}

// CreateSubscriber adds a pending subscriber unless one with the same
// address (in any letter case) exists. It reports the new id, or
// created false when the address was already known: the caller then locks
// that row with LockSubscriberByEmail. Two sign-ups racing for one address
// cannot both create it.
func (s *Store) CreateSubscriber(ctx context.Context, in SubscriberInput) (id int64, created bool, err error) {
	err = s.db.QueryRow(ctx, `
		INSERT INTO subscribers (email, name, lang, daily, updates)
		VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT ((lower(email))) DO NOTHING
		RETURNING id`, in.Email, in.Name, langOrEnglish(in.Lang), in.Daily, in.Updates).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("store: create subscriber: %w", err)
	}
	return id, true, nil
}

// Subscriber returns one subscriber, whatever its state.
func (s *Store) Subscriber(ctx context.Context, id int64) (Subscriber, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+subscriberColumns+` FROM subscribers WHERE id = $1`, id)
	return collectSubscriber(rows, fmt.Sprint(id))
}

// LockSubscriber returns a subscriber, locking its row until the
// transaction ends, so a decision made on its state cannot be overtaken.
func (s *Store) LockSubscriber(ctx context.Context, id int64) (Subscriber, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+subscriberColumns+` FROM subscribers WHERE id = $1 FOR UPDATE`, id)
	return collectSubscriber(rows, fmt.Sprint(id))
}

// LockSubscriberByEmail returns the subscriber with address email (any
// letter case), locking its row until the transaction ends.
func (s *Store) LockSubscriberByEmail(ctx context.Context, email string) (Subscriber, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+subscriberColumns+` FROM subscribers WHERE lower(email) = lower($1) FOR UPDATE`, email)
	return collectSubscriber(rows, "by email")
}

// RestartSubscriber makes a known subscriber pending again with a fresh
// sign-up: the details typed now replace the old ones, and consent is
// given anew. For an address still pending, or one that had left.
func (s *Store) RestartSubscriber(ctx context.Context, id int64, in SubscriberInput) (Subscriber, error) {
	rows, _ := s.db.Query(ctx, `
		UPDATE subscribers SET name = $2, lang = $3, daily = $4, updates = $5, status = 'pending',
			consent_at = now(), confirmed_at = NULL, unsubscribed_at = NULL, updated_at = now()
		WHERE id = $1 AND status IN ('pending', 'unsubscribed')
		RETURNING `+subscriberColumns, id, in.Name, langOrEnglish(in.Lang), in.Daily, in.Updates)
	return collectSubscriber(rows, fmt.Sprintf("%d restart", id))
}

// MarkSubscriberReminded records that an active subscriber is emailed a
// reminder now, unless one was within the last `every`; it reports
// whether it did (false: one went recently, send no other).
func (s *Store) MarkSubscriberReminded(ctx context.Context, id int64, every time.Duration) (bool, error) {
	tag, err := s.db.Exec(ctx, `UPDATE subscribers SET reminded_at = now()
		WHERE id = $1 AND (reminded_at IS NULL OR reminded_at <= now() - $2::interval)`, id, every.String())
	if err != nil {
		return false, fmt.Errorf("store: mark subscriber %d reminded: %w", id, err)
	}
	return tag.RowsAffected() == 1, nil
}

// ActivateSubscriber confirms a pending subscriber. It returns
// ErrStateChanged when the subscriber is not pending.
func (s *Store) ActivateSubscriber(ctx context.Context, id int64) (Subscriber, error) {
	rows, _ := s.db.Query(ctx, `
		UPDATE subscribers SET status = 'active', confirmed_at = now(), updated_at = now()
		WHERE id = $1 AND status = 'pending'
		RETURNING `+subscriberColumns, id)
	sub, err := collectSubscriber(rows, fmt.Sprintf("%d activate", id))
	if errors.Is(err, ErrNotFound) {
		return Subscriber{}, ErrStateChanged
	}
	return sub, err
}

// UpdateSubscriberPreferences changes an active subscriber's lists and
// language. It returns ErrStateChanged when the subscriber is not active.
func (s *Store) UpdateSubscriberPreferences(ctx context.Context, id int64, p SubscriberPreferences) (Subscriber, error) {
	rows, _ := s.db.Query(ctx, `
		UPDATE subscribers SET lang = $2, daily = $3, updates = $4, updated_at = now()
		WHERE id = $1 AND status = 'active'
		RETURNING `+subscriberColumns, id, langOrEnglish(p.Lang), p.Daily, p.Updates)
	sub, err := collectSubscriber(rows, fmt.Sprintf("%d preferences", id))
	if errors.Is(err, ErrNotFound) {
		return Subscriber{}, ErrStateChanged
	}
	return sub, err
}

// UnsubscribeSubscriber takes a subscriber off every list and drops any
// confirmation link. It returns ErrStateChanged when the subscriber had
// already left.
func (s *Store) UnsubscribeSubscriber(ctx context.Context, id int64) (Subscriber, error) {
	if _, err := s.DeleteLinkTokens(ctx, TokenOwner{OwnerSubscriber, id}); err != nil {
		return Subscriber{}, fmt.Errorf("store: unsubscribe %d: %w", id, err)
	}
	rows, _ := s.db.Query(ctx, `
		UPDATE subscribers SET status = 'unsubscribed', daily = false, updates = false,
			unsubscribed_at = now(), updated_at = now()
		WHERE id = $1 AND status <> 'unsubscribed'
		RETURNING `+subscriberColumns, id)
	sub, err := collectSubscriber(rows, fmt.Sprintf("%d unsubscribe", id))
	if errors.Is(err, ErrNotFound) {
		return Subscriber{}, ErrStateChanged
	}
	return sub, err
}

// PendingSubscribersBefore returns, locked, the subscribers still pending
// whose sign-up was last made before cutoff (signing up again restarts
// the time).
func (s *Store) PendingSubscribersBefore(ctx context.Context, cutoff time.Time) ([]Subscriber, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+subscriberColumns+` FROM subscribers
		WHERE status = 'pending' AND updated_at < $1 ORDER BY id FOR UPDATE SKIP LOCKED`, cutoff)
	return allRows(rows, pgx.RowToStructByPos[Subscriber], "pending subscribers")
}

// DeleteSubscriber removes a subscriber entirely, with the emails sent to
// its address (an unconfirmed sign-up is personal data we have no reason
// to keep).
func (s *Store) DeleteSubscriber(ctx context.Context, id int64) error {
	var email string
	err := s.db.QueryRow(ctx, `DELETE FROM subscribers WHERE id = $1 RETURNING email`, id).Scan(&email)
	if errors.Is(err, pgx.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("store: delete subscriber %d: %w", id, err)
	}
	if _, err := s.db.Exec(ctx, `DELETE FROM emails WHERE lower(to_address) = lower($1) AND kind LIKE 'subscriber-%'
		AND signatory_id IS NULL`, email); err != nil {
		return fmt.Errorf("store: delete subscriber %d emails: %w", id, err)
	}
	return nil
}
