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

// Throttle slows down and then locks out repeated failed sign-ins, per email
// (as typed, lowercased, whether or not an account has it) and per IP. Its
// state is in Postgres, so it holds across restarts and instances.
//
// A sign-in handler asks Locked before checking the password, and refuses
// without checking while either is locked; after a wrong password it calls
// Failure and waits the delay it returns before answering; after a right
// one it calls Success.
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
	// LockAfter failures of one email within Window lock that email.
	LockAfter int
	// IPLockAfter failures from one IP within Window, whatever the emails,
	// lock that IP. It is much higher than LockAfter because many people may
	// share one address (an office, a mobile network).
	IPLockAfter int
	// LockFor is how long a lock lasts.
	LockFor time.Duration
}

// NewThrottle returns a Throttle with the site's settings: answers slow
// down by a second per failure after three (at most five seconds), ten
// failures lock the email and fifty lock the IP, for 15 minutes, counting
// failures of the last 15 minutes.
func NewThrottle(pool *pgxpool.Pool) *Throttle {
	return &Throttle{
		Pool:        pool,
		Window:      15 * time.Minute,
		SlowAfter:   3,
		Delay:       time.Second,
		MaxDelay:    5 * time.Second,
		LockAfter:   10,
		IPLockAfter: 50,
		LockFor:     15 * time.Minute,
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

// Locked reports whether email or ip is locked now, and until when (the
// later of the two when both are).
func (t *Throttle) Locked(ctx context.Context, email, ip string) (until time.Time, locked bool, err error) {
	var u *time.Time
	err = t.Pool.QueryRow(ctx, `
		SELECT max(until) FROM login_locks
		WHERE until > $3 AND ((scope = 'email' AND subject = $1) OR (scope = 'ip' AND subject = $2 AND $2 <> ''))`,
		throttleEmail(email), ip, t.now()).Scan(&u)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("auth: sign-in lock of %q from %s: %w", email, ip, err)
	}
	if u == nil {
		return time.Time{}, false, nil
	}
	return *u, true, nil
}

// Failure records a failed sign-in for email from ip. It returns how long
// the caller should wait before answering, and whether the email or the IP
// is now locked, until when. locked is true when this failure reached a
// limit, and also when a lock was already in force (a concurrent request
// set it after this one's Locked check); a failure during a lock does not
// extend it. An empty ip is not counted: it would put every visitor whose
// address is unknown in one bucket.
func (t *Throttle) Failure(ctx context.Context, email, ip string) (delay time.Duration, until time.Time, locked bool, err error) {
	email = throttleEmail(email)
	now := t.now()
	windowStart := now.Add(-t.Window)
	err = pgx.BeginFunc(ctx, t.Pool, func(tx pgx.Tx) error {
		// Old failures no longer count; expired locks are kept for one more
		// window because they mark where counting restarts (see below).
		if _, err := tx.Exec(ctx, `DELETE FROM login_failures WHERE at <= $1`, windowStart); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM login_locks WHERE until <= $1`, windowStart); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO login_failures (email, ip, at) VALUES ($1, $2, $3)`, email, ip, now); err != nil {
			return err
		}
		emailCount, emailLock, err := countSinceLock(ctx, tx, "email", email, windowStart)
		if err != nil {
			return err
		}
		var ipCount int
		var ipLock time.Time
		if ip != "" {
			if ipCount, ipLock, err = countSinceLock(ctx, tx, "ip", ip, windowStart); err != nil {
				return err
			}
		}
		for _, l := range []time.Time{emailLock, ipLock} {
			if l.After(now) && l.After(until) {
				until, locked = l, true
			}
		}
		if locked {
			return nil
		}
		lockUntil := now.Add(t.LockFor)
		if emailCount >= t.LockAfter {
			if err := setLock(ctx, tx, "email", email, lockUntil); err != nil {
				return err
			}
			until, locked = lockUntil, true
		}
		if ip != "" && ipCount >= t.IPLockAfter {
			if err := setLock(ctx, tx, "ip", ip, lockUntil); err != nil {
				return err
			}
			until, locked = lockUntil, true
		}
		if !locked && emailCount > t.SlowAfter {
			delay = min(time.Duration(emailCount-t.SlowAfter)*t.Delay, t.MaxDelay)
		}
		return nil
	})
	if err != nil {
		return 0, time.Time{}, false, fmt.Errorf("auth: record failed sign-in of %q from %s: %w", email, ip, err)
	}
	return delay, until, locked, nil
}

// countSinceLock counts the failures of one email or IP in the window, but
// only those after its latest lock ended: once a lock has run its course the
// count starts again from zero, instead of the next single failure locking
// again when LockFor is shorter than Window. It also returns that lock's end
// (zero without one).
func countSinceLock(ctx context.Context, tx pgx.Tx, scope, subject string, windowStart time.Time) (int, time.Time, error) {
	var lockEnd *time.Time
	err := tx.QueryRow(ctx, `SELECT until FROM login_locks WHERE scope = $1 AND subject = $2`, scope, subject).Scan(&lockEnd)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return 0, time.Time{}, err
	}
	since := windowStart
	if lockEnd != nil && lockEnd.After(since) {
		since = *lockEnd
	}
	var n int
	err = tx.QueryRow(ctx, `SELECT count(*) FROM login_failures WHERE `+scope+` = $1 AND at > $2`, subject, since).Scan(&n)
	if err != nil {
		return 0, time.Time{}, err
	}
	if lockEnd == nil {
		return n, time.Time{}, nil
	}
	return n, *lockEnd, nil
}

func setLock(ctx context.Context, tx pgx.Tx, scope, subject string, until time.Time) error {
	_, err := tx.Exec(ctx, `
		INSERT INTO login_locks (scope, subject, until) VALUES ($1, $2, $3)
		ON CONFLICT (scope, subject) DO UPDATE SET until = EXCLUDED.until`, scope, subject, until)
	return err
}

// Success records a right password for email: its failures stop counting
// against the email. They still count against the IP they came from, so
// that signing in to one's own account cannot wipe the record of guesses at
// others (which is also why ip is not used).
func (t *Throttle) Success(ctx context.Context, email, ip string) error {
	// An empty email is never an account's, so it can hold these rows
	// without lifting anyone's lock.
	_, err := t.Pool.Exec(ctx, `UPDATE login_failures SET email = '' WHERE email = $1`, throttleEmail(email))
	if err != nil {
		return fmt.Errorf("auth: clear failed sign-ins of %q: %w", email, err)
	}
	return nil
}
