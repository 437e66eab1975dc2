package web

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/sswalliance/advocacy/internal/auth"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/templates/admin"
)

// wrongCredentials is the one message for any wrong email and password
// pair, so the form tells nobody which accounts exist.
const wrongCredentials = "The email address or password is not right. Check both and try again."

func (a *App) loginForm(w http.ResponseWriter, r *http.Request) error {
	if a.sessions.GetInt64(r.Context(), "user_id") != 0 {
		http.Redirect(w, r, safeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
		return nil
	}
	v := admin.LoginView{Next: safeNext(r.URL.Query().Get("next"))}
	return a.render(w, r, http.StatusOK, admin.Login(a.frame(r, "Sign in"), v))
}

func (a *App) login(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		return a.render(w, r, http.StatusBadRequest, admin.Login(a.frame(r, "Sign in"), admin.LoginView{Problem: "The form could not be read. Try again."}))
	}
	email := strings.ToLower(strings.TrimSpace(r.PostForm.Get("email")))
	password := r.PostForm.Get("password")
	v := admin.LoginView{Email: email, Next: safeNext(r.PostForm.Get("next"))}
	ip := clientIP(r)
	refuse := func(status int, problem string) error {
		v.Problem = problem
		return a.render(w, r, status, admin.Login(a.frame(r, "Sign in"), v))
	}

	if until, locked, err := a.throttle.Locked(ctx, email, ip); err != nil {
		return err
	} else if locked {
		a.audit(r, store.AuditEvent{Action: store.ActionSignInFailed, Actor: email, Detail: "refused: locked until " + until.UTC().Format(time.RFC3339)})
		return refuse(http.StatusTooManyRequests, lockedMessage(until, a.now()))
	}

	u, err := a.store.UserByEmail(ctx, email)
	var ok, rehash bool
	switch {
	case errors.Is(err, store.ErrNotFound):
		auth.VerifyNoAccount(password) // the same work, so timing says nothing
	case err != nil:
		return err
	default:
		if ok, rehash, err = auth.Verify(password, u.PasswordHash); err != nil {
			return err
		}
		ok = ok && !u.Disabled
	}
	if !ok {
		delay, until, locked, err := a.throttle.Failure(ctx, email, ip)
		if err != nil {
			return err
		}
		a.audit(r, store.AuditEvent{Action: store.ActionSignInFailed, Actor: email, Detail: "wrong email or password"})
		if locked {
			a.audit(r, store.AuditEvent{Action: store.ActionLockout, Actor: email, Detail: "locked until " + until.UTC().Format(time.RFC3339)})
			return refuse(http.StatusTooManyRequests, lockedMessage(until, a.now()))
		}
		select { // slow down guessing; give up early if the client leaves
		case <-time.After(delay):
		case <-ctx.Done():
			return ctx.Err()
		}
		return refuse(http.StatusUnauthorized, wrongCredentials)
	}

	if err := a.throttle.Success(ctx, email, ip); err != nil {
		return err
	}
	if rehash {
		if hash, err := auth.Hash(password); err == nil {
			if err := a.store.SetPassword(ctx, u.ID, hash); err != nil {
				return err
			}
			if u, err = a.store.User(ctx, u.ID); err != nil {
				return err
			}
		}
	}
	if err := a.sessions.RenewToken(ctx); err != nil {
		return err
	}
	a.sessions.Put(ctx, "user_id", u.ID)
	a.sessions.Put(ctx, "password_at_us", u.PasswordChangedAt.UnixMicro())
	id := u.ID
	a.audit(r, store.AuditEvent{Action: store.ActionSignIn, ActorID: &id, Actor: u.Name})
	http.Redirect(w, r, v.Next, http.StatusSeeOther)
	return nil
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

func (a *App) logout(w http.ResponseWriter, r *http.Request) error {
	a.audit(r, store.AuditEvent{Action: store.ActionSignOut})
	if err := a.sessions.RenewToken(r.Context()); err != nil {
		return err
	}
	if err := a.sessions.Destroy(r.Context()); err != nil {
		return err
	}
	http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
	return nil
}
