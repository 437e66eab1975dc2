package web

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/sswalliance/advocacy/internal/auth"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/templates/admin"
)

// Session lifetimes: a staff session ends after SessionIdle without a
// request, and after SessionLifetime in any case.
const (
	SessionIdle     = 2 * time.Hour
	SessionLifetime = 12 * time.Hour
)

// StaffCookie is the name of the staff session's cookie.
const StaffCookie = "staff_session"

// newSessions returns the staff session manager. Its cookie is scoped to
// /admin, so the public site never sets or receives one.
func newSessions(a *Site) *scs.SessionManager {
	s := scs.New()
	s.Store = auth.NewSessionStore(a.pool)
	s.IdleTimeout = SessionIdle
	s.Lifetime = SessionLifetime
	s.Cookie.Name = StaffCookie
	s.Cookie.Path = "/admin"
	s.Cookie.HttpOnly = true
	s.Cookie.Secure = a.cfg.HTTPS()
	s.Cookie.SameSite = http.SameSiteLaxMode
	// A session that cannot be loaded or saved because the database is
	// away is a 503 like any other page's; anything else is a 500.
	s.ErrorFunc = func(w http.ResponseWriter, r *http.Request, err error) {
		a.answerError(w, r, time.Now(), fmt.Errorf("web: session: %w", err))
	}
	return s
}

type staffKey struct{}

// Staff returns the signed-in staff member (RequireStaff put them there).
func Staff(r *http.Request) store.User {
	u, _ := r.Context().Value(staffKey{}).(store.User)
	return u
}

// IsAdmin reports whether the signed-in member manages accounts.
func IsAdmin(r *http.Request) bool { return Staff(r).Role == string(auth.RoleAdmin) }

// NoStore keeps staff pages out of every cache.
func NoStore(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

// RequireStaff lets signed-in, enabled staff through; anyone else is sent
// to sign in and brought back afterwards. A session from before the
// member's last password change no longer counts.
func (a *Site) RequireStaff(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		id := a.sessions.GetInt64(ctx, "user_id")
		if id != 0 {
			u, err := a.store.User(ctx, id)
			switch {
			case err == nil && !u.Disabled && u.PasswordChangedAt.UnixMicro() <= a.sessions.GetInt64(ctx, "password_at_us"):
				next.ServeHTTP(w, r.WithContext(context.WithValue(ctx, staffKey{}, u)))
				return
			case err != nil && !errors.Is(err, store.ErrNotFound):
				a.Handle(func(http.ResponseWriter, *http.Request) error { return err })(w, r)
				return
			}
			if err := a.sessions.Destroy(ctx); err != nil {
				a.logger.ErrorContext(ctx, "end session", "error", err)
			}
		}
		next := r.URL.Path
		if r.Method != http.MethodGet {
			next = "/admin"
		} else if r.URL.RawQuery != "" {
			next += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, "/admin/login?next="+url.QueryEscape(next), http.StatusSeeOther)
	})
}

// RequireAdmin answers 403 to staff who are not admins (after
// RequireStaff, so nobody signed out gets this far).
func (a *Site) RequireAdmin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !IsAdmin(r) {
			a.RenderAdminError(w, r, http.StatusForbidden, "Only administrators can open this page: it holds people’s personal data, sends email for the site, or manages staff accounts. Ask an administrator if you need it.")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// Frame describes the admin page being rendered for r, taking the flash
// message waiting in the session.
func (a *Site) Frame(r *http.Request, title string) admin.Frame {
	u := Staff(r)
	f := admin.Frame{Title: title, Path: r.URL.Path, User: u.Name, IsAdmin: u.Role == string(auth.RoleAdmin)}
	f.Flash = a.sessions.PopString(r.Context(), "flash")
	if f.Flash == "" {
		f.Flash = a.sessions.PopString(r.Context(), "flash_error")
		f.FlashErr = f.Flash != ""
	}
	return f
}

// Flash leaves a message for the next page the member sees.
func (a *Site) Flash(r *http.Request, msg string) { a.sessions.Put(r.Context(), "flash", msg) }

// FlashError leaves a message saying something did not work.
func (a *Site) FlashError(r *http.Request, msg string) {
	a.sessions.Put(r.Context(), "flash_error", msg)
}

// RenderAdminError shows an error page in the staff area's frame.
func (a *Site) RenderAdminError(w http.ResponseWriter, r *http.Request, status int, text string) {
	r = answering(r)
	titles := map[int]string{http.StatusForbidden: "You cannot open this page", http.StatusNotFound: "Page not found"}
	title := titles[status]
	if title == "" {
		title = "Something went wrong"
	}
	if err := a.Render(w, r, status, admin.ErrorPage(a.Frame(r, title), text)); err != nil {
		a.logger.ErrorContext(r.Context(), "render admin error", "error", err)
	}
}

// ReadStaffForm reads the body of a staff form, of at most limit bytes.
// When it cannot, it answers the request itself, saying nothing was done
// (nothing is "saved" or "changed"), and returns false.
func (a *Site) ReadStaffForm(w http.ResponseWriter, r *http.Request, limit int64, nothing string) bool {
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	if err := r.ParseForm(); err != nil {
		a.RenderAdminError(w, r, http.StatusBadRequest, "The form could not be read, so nothing was "+nothing+". Go back and try again.")
		return false
	}
	return true
}

// SeeOther ends a request that changed something by sending the browser
// to url, to be fetched with GET (so a reload does not post again).
func SeeOther(w http.ResponseWriter, r *http.Request, url string) error {
	http.Redirect(w, r, url, http.StatusSeeOther)
	return nil
}

// ClientIP is the address the request came from. Behind a reverse proxy
// this is the proxy; the throttle then counts per proxy, which errs on the
// side of locking out.
func ClientIP(r *http.Request) string {
	if ip, ok := r.Context().Value(clientIPKey{}).(netip.Addr); ok {
		return ip.String()
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// StaffActor is the signed-in staff member as the services record who
// did something.
func StaffActor(r *http.Request) store.Actor {
	u := Staff(r)
	id := u.ID
	return store.Actor{ID: &id, Name: u.Name, IP: ClientIP(r)}
}

// Audit records what a staff member did.
func (a *Site) Audit(r *http.Request, e store.AuditEvent) {
	u := Staff(r)
	if u.ID != 0 && e.ActorID == nil {
		id := u.ID
		e.ActorID, e.Actor = &id, u.Name
	}
	if e.IP == "" {
		e.IP = ClientIP(r)
	}
	if err := a.store.Audit(r.Context(), e); err != nil {
		a.logger.ErrorContext(r.Context(), "audit", "error", err, "action", e.Action, "request_id", RequestID(r.Context()))
	}
}

// SafeNext returns where to go after signing in: a path in the staff area
// of this site, never another site ("//evil.example", "https://...").
func SafeNext(next string) string {
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(next, "//") || strings.Contains(next, `\`) {
		return "/admin"
	}
	u.Path = path.Clean("/" + u.Path)
	if !(u.Path == "/admin" || strings.HasPrefix(u.Path, "/admin/")) || u.Path == "/admin/login" {
		return "/admin"
	}
	u.RawPath = ""
	return u.RequestURI()
}

// StaffUploadsInFlight bounds the staff uploads handled at once (App's
// staffUploads): a file of up to 50 MB is held in memory while it is
// checked and stored (a few times its size at the peak), so a few editors
// uploading together could otherwise take the process past a gigabyte.
const StaffUploadsInFlight = 2

// StaffUploadWait is how long an upload waits for a slot before being
// told to try again (App's staffUploadWait; tests shorten it).
const StaffUploadWait = 30 * time.Second

// StaffUploadSlot holds a multipart request (an upload) until one of
// a.staffUploads is free, for the whole of its handling.
func (a *Site) StaffUploadSlot(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
			next.ServeHTTP(w, r)
			return
		}
		t := time.NewTimer(a.StaffUploadWait)
		defer t.Stop()
		select {
		case a.staffUploads <- struct{}{}:
			defer func() { <-a.staffUploads }()
			next.ServeHTTP(w, r)
		case <-t.C:
			w.Header().Set("Retry-After", RetryAfter)
			a.RenderAdminError(w, r, http.StatusServiceUnavailable,
				"Other uploads are being stored just now, so this one was not. Go back and send the form again in a minute: your browser keeps what you typed.")
		case <-r.Context().Done():
		}
	})
}
