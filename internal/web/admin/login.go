package admin

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/sswalliance/advocacy/internal/auth"
	"github.com/sswalliance/advocacy/internal/form"
	"github.com/sswalliance/advocacy/internal/jobs"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/admin"
)

// wrongCredentials is the one message for any wrong email and password
// pair, so the form tells nobody which accounts exist.
const wrongCredentials = "The email address or password is not right. Check both and try again."

func (a *Handlers) LoginForm(w http.ResponseWriter, r *http.Request) error {
	if a.sessions.GetInt64(r.Context(), "user_id") != 0 {
		return web.SeeOther(w, r, web.SafeNext(r.URL.Query().Get("next")))
	}
	v := admin.LoginView{Next: web.SafeNext(r.URL.Query().Get("next"))}
	return a.Render(w, r, http.StatusOK, admin.Login(a.Frame(r, "Sign in"), v))
}

// Messages of the sign-in form besides wrongCredentials.
const (
	BusyMessage = "Too many sign-ins at once: the site is busy checking passwords. Try again in a few seconds."
	// BadTextMessage answers bytes no keyboard types (NUL, broken UTF-8),
	// which Postgres would refuse.
	BadTextMessage = "The email address or password has a character that cannot be typed. Type both again."
)

// busyRetryAfter is the Retry-After, in seconds, of a sign-in or password
// change refused because every password slot was taken.
const busyRetryAfter = "5"

func (a *Handlers) Login(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		return a.Render(w, r, http.StatusBadRequest, admin.Login(a.Frame(r, "Sign in"), admin.LoginView{Problem: "The form could not be read. Try again."}))
	}
	posted, password := r.PostForm.Get("email"), r.PostForm.Get("password")
	email := strings.ToLower(strings.TrimSpace(posted))
	v := admin.LoginView{Next: web.SafeNext(r.PostForm.Get("next"))}
	refuse := func(status int, problem string) error {
		v.Problem = problem
		return a.Render(w, r, status, admin.Login(a.Frame(r, "Sign in"), v))
	}
	// Checked as posted: strings.ToLower turns broken UTF-8 into U+FFFD.
	if !form.Typable(posted) || !form.Typable(password) {
		if form.Typable(posted) {
			v.Email = email
		}
		return refuse(http.StatusBadRequest, BadTextMessage)
	}
	v.Email = email
	if email == "" || password == "" {
		return refuse(http.StatusUnauthorized, wrongCredentials) // no account has either empty
	}
	refuseLocked := func(until time.Time) error {
		w.Header().Set("Retry-After", strconv.Itoa(max(1, int(until.Sub(a.now()).Seconds()))))
		return refuse(http.StatusTooManyRequests, lockedMessage(until, a.now()))
	}

	// Each check holds 19 MiB and a core: only auth.Capacity run at once,
	// and the rest are told at once to come back, so memory stays flat
	// however many sign-ins arrive. The slot is taken first, before the
	// database is touched: a sign-in refused as busy costs no connection
	// and counts no attempt, and only those holding a slot run the
	// throttle's transaction, so a flood cannot take the pool the public
	// pages share: a refused sign-in uses the database only while it holds
	// its slot (its audit row too), one connection at a time.
	slot, err := auth.Reserve(ctx, a.hashWait)
	if errors.Is(err, auth.ErrBusy) {
		w.Header().Set("Retry-After", busyRetryAfter)
		return refuse(http.StatusServiceUnavailable, BusyMessage)
	}
	if err != nil {
		return err
	}
	defer slot.Release()

	// The attempt is counted, and the locks checked, before the password
	// is: guesses sent in parallel cannot slip past a lock being set.
	attempt, err := a.throttle.Begin(ctx, email, throttleAddr(r))
	if err != nil {
		return err
	}
	if attempt.Locked {
		if attempt.NewLock {
			a.Audit(r, store.AuditEvent{Action: store.ActionSignInFailed, Actor: email, Detail: "refused: too many attempts"})
			a.Audit(r, store.AuditEvent{Action: store.ActionLockout, Actor: email, Detail: "locked until " + attempt.Until.UTC().Format(time.RFC3339)})
		} else {
			a.Audit(r, store.AuditEvent{Action: store.ActionSignInFailed, Actor: email, Detail: "refused: locked until " + attempt.Until.UTC().Format(time.RFC3339)})
		}
		slot.Release()
		return refuseLocked(attempt.Until)
	}
	u, err := a.store.UserByEmail(ctx, email)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	known := err == nil

	var ok, rehash bool
	if known {
		if ok, rehash, err = slot.Verify(password, u.PasswordHash); err != nil {
			return err
		}
		ok = ok && !u.Disabled
	} else if err := slot.VerifyNoAccount(password); err != nil { // the same work, so timing says nothing
		return err
	}
	if !ok {
		a.Audit(r, store.AuditEvent{Action: store.ActionSignInFailed, Actor: email, Detail: "wrong email or password"})
		slot.Release() // not held while the answer is slowed down
		// Slow down guessing; give up early if the client leaves.
		select {
		case <-time.After(attempt.Delay):
		case <-ctx.Done():
			return ctx.Err()
		}
		return refuse(http.StatusUnauthorized, wrongCredentials)
	}
	if !rehash {
		slot.Release() // kept only to store the new hash
	}

	// Right, but attempts sent alongside may have locked the account from
	// here while this one was being checked.
	if until, locked, err := attempt.Right(ctx); err != nil {
		return err
	} else if locked {
		a.Audit(r, store.AuditEvent{Action: store.ActionSignInFailed, Actor: email, Detail: "refused: locked until " + until.UTC().Format(time.RFC3339)})
		return refuseLocked(until)
	}
	if rehash {
		if hash, err := slot.Hash(password); err == nil {
			if err := a.store.SetPassword(ctx, u.ID, hash); err != nil {
				return err
			}
			if u, err = a.store.User(ctx, u.ID); err != nil {
				return err
			}
		}
	}
	slot.Release()
	if err := a.sessions.RenewToken(ctx); err != nil {
		return err
	}
	a.sessions.Put(ctx, "user_id", u.ID)
	a.sessions.Put(ctx, "password_at_us", u.PasswordChangedAt.UnixMicro())
	id := u.ID
	a.Audit(r, store.AuditEvent{Action: store.ActionSignIn, ActorID: &id, Actor: u.Name})
	return web.SeeOther(w, r, v.Next)
}

// SignInChores forget sign-in attempts and locks that no longer count,
// outside the sign-ins' own transactions (see auth.Throttle.Cleanup).
func SignInChores(throttle *auth.Throttle) []jobs.Chore {
	return []jobs.Chore{{Name: "forget-old-sign-in-attempts", Interval: auth.CleanupEvery, Run: func(ctx context.Context) error {
		_, err := throttle.Cleanup(ctx)
		return err
	}}}
}

// passwordsBusy answers a staff request refused because every password
// slot was taken (auth.ErrBusy): nothing was changed.
func (a *Handlers) passwordsBusy(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Retry-After", busyRetryAfter)
	a.RenderAdminError(w, r, http.StatusServiceUnavailable,
		"The site is busy checking other passwords, so nothing was changed. Go back and try again in a few seconds.")
	return nil
}

// throttleAddr is the address sign-in attempts from r are counted under:
// clientNet, or "" when unknown (the throttle does not lump unknown
// addresses together).
func throttleAddr(r *http.Request) string {
	if ip, ok := web.ClientNet(r); ok {
		return ip.String()
	}
	return ""
}

// lockoutNoticeArgs is the job that tells an account's owner that signing
// in as them was locked from an address. It is queued for every lock,
// whether or not an account has the email, so that the guesser's answer
// is the same, in content and in time, either way; the job decides, out
// of the guesser's sight, whether there is an owner to tell.
type lockoutNoticeArgs struct {
	Email string    `json:"email"`
	Addr  string    `json:"addr"`
	Until time.Time `json:"until"`
}

// Kind names the job in River's table.
func (lockoutNoticeArgs) Kind() string { return "sign_in_lockout_notice" }

// QueueLockoutNotice is the throttle's OnLock: it runs in the transaction
// that sets the lock, so there is one notice per lock.
func (a *Handlers) QueueLockoutNotice(ctx context.Context, tx pgx.Tx, email, addr string, until time.Time) error {
	return a.jobs.Insert(ctx, tx, lockoutNoticeArgs{Email: email, Addr: addr, Until: until})
}

// AddLockoutNoticeWorker registers the worker of the notices
// QueueLockoutNotice queues; it queues the email on queue.
func AddLockoutNoticeWorker(w *river.Workers, pool *pgxpool.Pool, queue *jobs.Queue, baseURL *url.URL) {
	river.AddWorker(w, &lockoutNoticeWorker{pool: pool, queue: queue, baseURL: baseURL})
}

type lockoutNoticeWorker struct {
	river.WorkerDefaults[lockoutNoticeArgs]
	pool    *pgxpool.Pool
	queue   *jobs.Queue
	baseURL *url.URL
}

// Work puts the notice in the outbox when an enabled account has the
// email, and completes the job in the same transaction, so a retry never
// sends a second one.
func (w *lockoutNoticeWorker) Work(ctx context.Context, job *river.Job[lockoutNoticeArgs]) error {
	return pgx.BeginFunc(ctx, w.pool, func(tx pgx.Tx) error {
		u, err := store.FromTx(tx).UserByEmail(ctx, job.Args.Email)
		switch {
		case err == nil && !u.Disabled:
			if _, err := w.queue.QueueEmail(ctx, tx, lockoutNotice(u, job.Args.Addr, job.Args.Until, w.baseURL.String())); err != nil {
				return err
			}
		case err != nil && !errors.Is(err, store.ErrNotFound):
			return err
		}
		_, err = river.JobCompleteTx[*riverpgxv5.Driver](ctx, tx, job)
		return err
	})
}

// lockoutNotice is the email telling u that signing in as them is paused
// from addr. Plain text, with nothing in it a guesser could use: no link
// that signs in, no detail of the passwords tried.
func lockoutNotice(u store.User, addr string, until time.Time, site string) store.Email {
	from := "the address " + addr
	if ip, err := netip.ParseAddr(addr); err == nil && ip.Is6() {
		from = "the network " + addr + "/64"
	}
	body := fmt.Sprintf(`Hello %s,

Someone tried to sign in to the staff area of the Social Service Workforce campaign site as %s, and got the password wrong too many times, from %s. Signing in as you from there is paused until %s UTC. You can still sign in from anywhere else, as usual.

If it was you, wait until then, or sign in from another connection. If it was not you, your password was not guessed; if you want to be safe, change it once signed in (Change your password, under your name at the top of the page). Ask an administrator if you need help.

Social Service Workforce campaign
%s
`, u.Name, u.Email, from, until.UTC().Format("15:04 on 2 January 2006"), site)
	return store.Email{Kind: "staff-lockout", To: u.Email, ToName: u.Name,
		Subject: "Signing in to your staff account was paused", Body: body}
}

// lockedMessage says when signing in may be tried again.
func lockedMessage(until, now time.Time) string {
	mins := int(until.Sub(now).Round(time.Minute).Minutes())
	if mins < 1 {
		mins = 1
	}
	return fmt.Sprintf("Too many failed attempts to sign in. Signing in is paused until %s UTC (in about %d minutes). Try again then.",
		until.UTC().Format("15:04"), mins)
}

func (a *Handlers) Logout(w http.ResponseWriter, r *http.Request) error {
	a.Audit(r, store.AuditEvent{Action: store.ActionSignOut})
	if err := a.sessions.RenewToken(r.Context()); err != nil {
		return err
	}
	if err := a.sessions.Destroy(r.Context()); err != nil {
		return err
	}
	return web.SeeOther(w, r, "/admin/login")
}
