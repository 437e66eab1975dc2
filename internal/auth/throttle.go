package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Throttle slows down and then locks out password guessing. Its state is
// in Postgres, so it holds across restarts and instances.
//
// Every attempt is counted before its password is checked: Begin, in one
// transaction that holds an advisory lock on the email (and one on the
// address), checks the locks, records the attempt as a failure, and sets a
// lock when this attempt reaches a limit. Only an attempt Begin lets
// through may check the password. When the password is right, Right takes
// the attempt off the count and checks the locks again, since attempts
// running alongside may have set one meanwhile. So guesses sent in
// parallel get no more password checks than guesses sent one by one.
//
// Locks are per email and client address (an IP; the caller cuts IPv6 to
// its /64), so a guesser somewhere cannot lock the account's owner out
// everywhere; and per address whatever the emails, so one address cannot
// guess across accounts. The slowdown counts an email's failures from
// every address.
type Throttle struct {
	Pool *pgxpool.Pool
	// Now is the clock; nil means time.Now. Tests move it.
	Now func() time.Time
	// Window is how far back failures count.
	Window time.Duration
	// SlowAfter is how many failures of an email are answered at once.
	SlowAfter int
	// Delay is added for each failure beyond SlowAfter, up to MaxDelay.
	Delay    time.Duration
	MaxDelay time.Duration
	// LockAfter attempts for one email from one address within Window,
	// none of them right, lock that email from that address. The attempt
	// that reaches the limit is refused without its password being checked.
	LockAfter int
	// IPLockAfter attempts from one address within Window, whatever the
	// emails, lock that address. It is much higher than LockAfter because
	// many people may share one address (an office, a mobile network).
	IPLockAfter int
	// LockFor is how long a lock lasts.
	LockFor time.Duration
	// OnLock, when set, is called in the transaction that locks email from
	// ip, once per lock (not for a lock of an address alone), so that the
	// site can tell the account's owner. Its error undoes the attempt.
	OnLock func(ctx context.Context, tx pgx.Tx, email, ip string, until time.Time) error
}

// The site's sign-in throttle: failures count for SignInWindow, and a
// lock lasts SignInLockFor (the privacy notice quotes both: the records
// of failed sign-ins go once they no longer count).
const (
	SignInWindow  = 15 * time.Minute
	SignInLockFor = 15 * time.Minute
)

// NewThrottle returns a Throttle with the site's settings: answers slow
// down by a second per failure after three (at most five seconds), ten
// attempts lock the email from that address and fifty lock the address,
// for 15 minutes, counting attempts of the last 15 minutes.
func NewThrottle(pool *pgxpool.Pool) *Throttle {
	return &Throttle{
		Pool:        pool,
		Window:      SignInWindow,
		SlowAfter:   3,
		Delay:       time.Second,
		MaxDelay:    5 * time.Second,
		LockAfter:   10,
		IPLockAfter: 50,
		LockFor:     SignInLockFor,
	}
}

func (t *Throttle) now() time.Time {
	if t.Now != nil {
		return t.Now()
	}
	return time.Now()
}

// throttleEmail is the form an email is counted under.
func throttleEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// Attempt is one sign-in attempt, counted as a failure from the moment
// Begin returns it until Right says otherwise.
type Attempt struct {
	// Locked means the email is locked from this address, or the address
	// is: refuse without checking the password. Until is when the lock
	// ends (the later one when both are).
	Locked bool
	Until  time.Time
	// NewLock is true when this attempt reached a limit and set the lock.
	NewLock bool
	// Delay is how long to wait before saying the password is wrong.
	Delay time.Duration

	t         *Throttle
	id        int64
	email, ip string
}

// Begin counts an attempt to sign in as email from ip, before its password
// is checked. An empty ip (an unknown address) is not counted against the
// address: it would put every visitor whose address is unknown in one
// bucket; the email's count from the unknown address still applies.
func (t *Throttle) Begin(ctx context.Context, email, ip string) (*Attempt, error) {
	email = throttleEmail(email)
	if email == "" {
		return nil, errors.New("auth: sign-in attempt without an email")
	}
	now := t.now()
	windowStart := now.Add(-t.Window)
	a := &Attempt{t: t, email: email, ip: ip}
	err := pgx.BeginFunc(ctx, t.Pool, func(tx pgx.Tx) error {
		// Every query here looks only inside the window, so rows older
		// than it need not be deleted first: Cleanup does that, away from
		// the sign-ins.
		if err := lockSubjects(ctx, tx, email, ip); err != nil {
			return err
		}
		until, locked, err := lockedNow(ctx, tx, email, ip, now)
		if err != nil {
			return err
		}
		if locked {
			// Refused without being counted, so a lock is not extended by
			// the attempts it refuses.
			a.Locked, a.Until = true, until
			return nil
		}
		if err := tx.QueryRow(ctx, `INSERT INTO login_failures (email, ip, at) VALUES ($1, $2, $3) RETURNING id`,
			email, ip, now).Scan(&a.id); err != nil {
			return err
		}
		lockUntil := now.Add(t.LockFor)
		pairCount, err := countSinceLock(ctx, tx, email, ip, windowStart)
		if err != nil {
			return err
		}
		if pairCount >= t.LockAfter {
			if err := setLock(ctx, tx, email, ip, lockUntil); err != nil {
				return err
			}
			if t.OnLock != nil {
				if err := t.OnLock(ctx, tx, email, ip, lockUntil); err != nil {
					return err
				}
			}
			a.Locked, a.NewLock, a.Until = true, true, lockUntil
		}
		if ip != "" {
			ipCount, err := countSinceLock(ctx, tx, "", ip, windowStart)
			if err != nil {
				return err
			}
			if ipCount >= t.IPLockAfter {
				if err := setLock(ctx, tx, "", ip, lockUntil); err != nil {
					return err
				}
				a.Locked, a.NewLock, a.Until = true, true, lockUntil
			}
		}
		if a.Locked {
			return nil
		}
		var emailCount int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM login_failures WHERE email = $1 AND at > $2`,
			email, windowStart).Scan(&emailCount); err != nil {
			return err
		}
		if emailCount > t.SlowAfter {
			a.Delay = min(time.Duration(emailCount-t.SlowAfter)*t.Delay, t.MaxDelay)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("auth: count sign-in attempt of %q from %s: %w", email, ip, err)
	}
	return a, nil
}

// Right records that the attempt's password was right, and reports
// whether a lock is in force now all the same (set by attempts that ran
// alongside this one): then the caller must refuse, as for a locked
// attempt. When not locked, the email's earlier failures from this address
// stop counting against the email; they still count against the address,
// so that signing in to one's own account cannot wipe the record of
// guesses at others.
func (a *Attempt) Right(ctx context.Context) (until time.Time, locked bool, err error) {
	t := a.t
	err = pgx.BeginFunc(ctx, t.Pool, func(tx pgx.Tx) error {
		if err := lockSubjects(ctx, tx, a.email, a.ip); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM login_failures WHERE id = $1`, a.id); err != nil {
			return err
		}
		if until, locked, err = lockedNow(ctx, tx, a.email, a.ip, t.now()); err != nil || locked {
			return err
		}
		// An empty email is never an account's, so these rows can stay,
		// counting against the address, without counting against anyone's
		// email.
		_, err := tx.Exec(ctx, `UPDATE login_failures SET email = '' WHERE email = $1 AND ip = $2`, a.email, a.ip)
		return err
	})
	if err != nil {
		return time.Time{}, false, fmt.Errorf("auth: record right password of %q from %s: %w", a.email, a.ip, err)
	}
	return until, locked, nil
}

// Unchecked takes back an attempt whose password was never checked: it
// proved nothing, so it is not a failure.
func (a *Attempt) Unchecked(ctx context.Context) error {
	if _, err := a.t.Pool.Exec(ctx, `DELETE FROM login_failures WHERE id = $1`, a.id); err != nil {
		return fmt.Errorf("auth: take back sign-in attempt of %q from %s: %w", a.email, a.ip, err)
	}
	return nil
}

// CleanupEvery is how often Cleanup should run.
const CleanupEvery = 5 * time.Minute

// Cleanup deletes the failures that no longer count and the locks that no
// longer mark where counting restarts (an expired lock is kept for one
// more window: see countSinceLock), and reports how many rows went. Begin
// and Right already ignore those rows; this only keeps the tables small.
// It runs on its own, every CleanupEvery, not in Begin: deletes across the
// whole tables in every attempt's transaction made concurrent sign-ins
// wait for each other's row locks while each held a pooled connection.
func (t *Throttle) Cleanup(ctx context.Context) (int64, error) {
	windowStart := t.now().Add(-t.Window)
	failures, err := t.Pool.Exec(ctx, `DELETE FROM login_failures WHERE at <= $1`, windowStart)
	if err != nil {
		return 0, fmt.Errorf("auth: forget old sign-in failures: %w", err)
	}
	locks, err := t.Pool.Exec(ctx, `DELETE FROM login_locks WHERE until <= $1`, windowStart)
	if err != nil {
		return 0, fmt.Errorf("auth: forget old sign-in locks: %w", err)
	}
	return failures.RowsAffected() + locks.RowsAffected(), nil
}

// lockSubjects takes the transaction's advisory locks: one on the email,
// so that the attempts at one account are counted one at a time, and one
// on the address, so that the count across emails is exact too. Always in
// this order, so two transactions cannot wait for each other.
func lockSubjects(ctx context.Context, tx pgx.Tx, email, ip string) error {
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('sign-in email ' || $1, 0))`, email); err != nil {
		return err
	}
	if ip == "" {
		return nil
	}
	_, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('sign-in address ' || $1, 0))`, ip)
	return err
}

// lockedNow reports whether email is locked from ip, or ip is locked, at
// now, and until when (the later of the two when both are).
func lockedNow(ctx context.Context, tx pgx.Tx, email, ip string, now time.Time) (until time.Time, locked bool, err error) {
	var u *time.Time
	err = tx.QueryRow(ctx, `
		SELECT max(until) FROM login_locks
		WHERE until > $3 AND ip = $2 AND (email = $1 OR (email = '' AND $2 <> ''))`,
		email, ip, now).Scan(&u)
	if err != nil || u == nil {
		return time.Time{}, false, err
	}
	return *u, true, nil
}

// countSinceLock counts the attempts in the window for email from ip, or
// from ip whatever the email when email is "", but only those after the
// latest lock of the same ended: once a lock has run its course the count
// starts again from zero, instead of the next single attempt locking again
// when LockFor is shorter than Window.
func countSinceLock(ctx context.Context, tx pgx.Tx, email, ip string, windowStart time.Time) (int, error) {
	var lockEnd *time.Time
	err := tx.QueryRow(ctx, `SELECT until FROM login_locks WHERE email = $1 AND ip = $2`, email, ip).Scan(&lockEnd)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return 0, err
	}
	since := windowStart
	if lockEnd != nil && lockEnd.After(since) {
		since = *lockEnd
	}
	var n int
	if email == "" {
		err = tx.QueryRow(ctx, `SELECT count(*) FROM login_failures WHERE ip = $1 AND at > $2`, ip, since).Scan(&n)
	} else {
		err = tx.QueryRow(ctx, `SELECT count(*) FROM login_failures WHERE email = $1 AND ip = $2 AND at > $3`, email, ip, since).Scan(&n)
	}
	return n, err
}

func setLock(ctx context.Context, tx pgx.Tx, email, ip string, until time.Time) error {
	_, err := tx.Exec(ctx, `
		INSERT INTO login_locks (email, ip, until) VALUES ($1, $2, $3)
		ON CONFLICT (email, ip) DO UPDATE SET until = EXCLUDED.until`, email, ip, until)
	return err
}
