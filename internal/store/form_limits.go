package store

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// TakeConfirmationSend reports whether a confirmation email of kind may go
// to address now, at most one in every window, and if so records that it
// goes. Addresses count as their mailbox (confirmationKey): a +tag does
// not buy another email. Called in the transaction that queues the email, so a sign-up
// rolled back leaves no trace; of simultaneous sign-ups for one address
// the later wait on the row and find it taken.
func (s *Store) TakeConfirmationSend(ctx context.Context, kind, address string, window time.Duration) (bool, error) {
	var ok bool
	err := s.db.QueryRow(ctx, `
		INSERT INTO confirmation_sends (kind, address) VALUES ($1, $2)
		ON CONFLICT (kind, address) DO UPDATE SET sent_at = now()
			WHERE confirmation_sends.sent_at <= now() - $3::interval
		RETURNING true`, kind, confirmationKey(address), window.String()).Scan(&ok)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: take %s send: %w", kind, err)
	}
	return ok, nil
}

// confirmationKey is the mailbox an address reaches, as the confirmation
// cap counts it: lower case, and without the +tag of its local part, since
// cap+1@org.test and cap+2@org.test are both delivered to cap@org.test.
func confirmationKey(address string) string {
	a := strings.ToLower(address)
	at := strings.LastIndexByte(a, '@')
	if at < 0 {
		return a
	}
	local, domain := a[:at], a[at:]
	if plus := strings.IndexByte(local, '+'); plus >= 0 {
		local = local[:plus]
	}
	return local + domain
}

// ForgetConfirmationSend frees address for another confirmation email of
// kind at once: it has just been confirmed, so its owner asked for it.
func (s *Store) ForgetConfirmationSend(ctx context.Context, kind, address string) error {
	if _, err := s.db.Exec(ctx, `DELETE FROM confirmation_sends WHERE kind = $1 AND address = $2`,
		kind, confirmationKey(address)); err != nil {
		return fmt.Errorf("store: forget %s send: %w", kind, err)
	}
	return nil
}

// DeleteConfirmationSendsBefore forgets the sends of kind before cutoff
// (addresses are personal data, kept only while the limit needs them).
func (s *Store) DeleteConfirmationSendsBefore(ctx context.Context, kind string, cutoff time.Time) error {
	if _, err := s.db.Exec(ctx, `DELETE FROM confirmation_sends WHERE kind = $1 AND sent_at < $2`, kind, cutoff); err != nil {
		return fmt.Errorf("store: delete old %s sends: %w", kind, err)
	}
	return nil
}

// CountFormPosts returns how many posts of form RecordFormPost counted
// from ip in the window: a form can be refused before its costly parts
// (decoding a logo) when the address is already over its limit.
func (s *Store) CountFormPosts(ctx context.Context, form string, ip netip.Addr, window time.Duration) (int, error) {
	var n int
	if err := s.db.QueryRow(ctx, `SELECT count(*) FROM form_posts WHERE form = $1 AND ip = $2 AND at > now() - $3::interval`,
		form, ip.String(), window.String()).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count %s posts: %w", form, err)
	}
	return n, nil
}

// RecordFormPost counts an accepted post of form from ip and reports
// whether it was within limit posts in the window before it. Posts are
// counted under a per-address lock, so simultaneous posts cannot all slip
// under the limit.
func (s *Store) RecordFormPost(ctx context.Context, form string, ip netip.Addr, limit int, window time.Duration) (bool, error) {
	ok := false
	err := s.InTx(ctx, func(tx *Store) error {
		if _, err := tx.db.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended($1 || ' ' || $2::text, 0))`, form, ip.String()); err != nil {
			return err
		}
		var n int
		if err := tx.db.QueryRow(ctx, `SELECT count(*) FROM form_posts WHERE form = $1 AND ip = $2 AND at > now() - $3::interval`,
			form, ip.String(), window.String()).Scan(&n); err != nil {
			return err
		}
		if n >= limit {
			return nil
		}
		ok = true
		_, err := tx.db.Exec(ctx, `INSERT INTO form_posts (form, ip) VALUES ($1, $2)`, form, ip.String())
		return err
	})
	if err != nil {
		return false, fmt.Errorf("store: record %s post: %w", form, err)
	}
	return ok, nil
}

// DeleteFormPostsBefore forgets posts older than cutoff (addresses are
// personal data, kept only as long as a rate limit needs them).
func (s *Store) DeleteFormPostsBefore(ctx context.Context, cutoff time.Time) error {
	if _, err := s.db.Exec(ctx, `DELETE FROM form_posts WHERE at < $1`, cutoff); err != nil {
		return fmt.Errorf("store: delete old form posts: %w", err)
	}
	return nil
}
