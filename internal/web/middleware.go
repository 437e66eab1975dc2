package web

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"net/netip"
	"regexp"
	"runtime/debug"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/a-h/templ"
	"github.com/go-chi/chi/v5/middleware"

	"github.com/sswalliance/advocacy/internal/i18n"
)

type ctxKey int

const requestIDKey ctxKey = iota

// TagRequest gives every request a random id, returned in X-Request-Id and
// attached to every log line about the request. An incoming id is ignored:
// clients must not be able to forge log correlation.
func TagRequest(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var b [8]byte
		rand.Read(b[:])
		id := hex.EncodeToString(b[:])
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey, id)))
	})
}

// RequestID returns the id of the request ctx belongs to.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

// SecurityHeaders sets a strict Content-Security-Policy with a fresh nonce
// per request (available to templates through templ.GetNonce), and the
// other headers that tell browsers to lock the page down.
func (a *Site) SecurityHeaders(next http.Handler) http.Handler {
	hsts := a.cfg.HTTPS()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var b [18]byte
		rand.Read(b[:])
		nonce := base64.StdEncoding.EncodeToString(b[:])
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; "+
			"script-src 'self' 'nonce-"+nonce+"'; style-src 'self'; img-src 'self' data:; "+
			"font-src 'self'; connect-src 'self'; manifest-src 'self'; media-src 'self'; "+
			"form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		if hsts {
			h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
		}
		next.ServeHTTP(w, r.WithContext(templ.WithNonce(r.Context(), nonce)))
	})
}

// AccessLog logs one line per request once it has been answered.
func (a *Site) AccessLog(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
		next.ServeHTTP(ww, r)
		status := ww.Status()
		if status == 0 {
			status = http.StatusOK
		}
		// A 503 is a refusal on purpose (the database is away, or the
		// site is full), reported once by whoever refused, not per request.
		level := slog.LevelInfo
		if status >= 500 && status != http.StatusServiceUnavailable {
			level = slog.LevelError
		}
		a.logger.LogAttrs(r.Context(), level, "request",
			slog.String("method", r.Method),
			slog.String("path", LogPath(r.URL.Path)),
			slog.Int("status", status),
			slog.Int("bytes", ww.BytesWritten()),
			slog.Duration("duration", time.Since(start)),
			slog.String("request_id", RequestID(r.Context())),
		)
	})
}

// RecoverPanic turns a panic in a handler into a logged stack trace and the
// error page, instead of a dropped connection.
func (a *Site) RecoverPanic(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler { // the deliberate way to abort a response
				panic(v)
			}
			a.logger.ErrorContext(r.Context(), "panic", "error", fmt.Sprint(v),
				"request_id", RequestID(r.Context()), "stack", string(debug.Stack()))
			if ww.Status() == 0 { // nothing sent yet: the visitor gets the error page
				a.RenderError(ww, r, http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(ww, r)
	})
}

// RefuseBadURLText answers the 400 page to a request whose path or query
// holds something that is not text: invalid UTF-8, NUL or another control
// character. Postgres refuses such bytes (SQLSTATE 22021), so a slug or a
// search term carrying them would reach a query and become a 500; no
// address or search needs them. Checked here, once, for every route, so
// no handler has to.
func (a *Site) RefuseBadURLText(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if urlIsText(r) {
			next.ServeHTTP(w, r)
			return
		}
		// The error page links to its own address (language switch,
		// canonical): give it the address with the bad bytes replaced.
		u := *r.URL
		u.Path, u.RawPath, u.RawQuery = strings.Map(printable, strings.ToValidUTF8(u.Path, "\uFFFD")), "", ""
		r2 := *r
		r2.URL = &u
		a.RenderError(w, &r2, http.StatusBadRequest)
	})
}

// urlIsText reports whether r's path and every query key and value are
// valid UTF-8 free of control characters (a query value may hold the
// whitespace a pasted search carries: tab, CR, LF).
func urlIsText(r *http.Request) bool {
	if !isText(r.URL.Path, false) {
		return false
	}
	if r.URL.RawQuery == "" {
		return true
	}
	for k, vs := range r.URL.Query() {
		if !isText(k, true) {
			return false
		}
		for _, v := range vs {
			if !isText(v, true) {
				return false
			}
		}
	}
	return true
}

func isText(s string, whitespace bool) bool {
	for i := 0; i < len(s); {
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			return false
		case whitespace && (c == '\t' || c == '\n' || c == '\r'):
		case printable(c) != c:
			return false
		}
		i += size
	}
	return true
}

// printable is c, or U+FFFD for a control character (C0, DEL, C1).
func printable(c rune) rune {
	if c < 0x20 || (c >= 0x7f && c <= 0x9f) {
		return utf8.RuneError
	}
	return c
}

// CrossOriginProtection refuses unsafe requests (POST, PUT, DELETE...) sent
// by another site, using Sec-Fetch-Site and Origin: CSRF protection without
// tokens.
func (a *Site) CrossOriginProtection() func(http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	// Behind a proxy that rewrites Host, the public origin still counts as
	// this site.
	if err := cop.AddTrustedOrigin(a.cfg.BaseURL.Scheme + "://" + a.cfg.BaseURL.Host); err != nil {
		a.logger.Warn("BASE_URL not usable as a trusted origin", "error", err)
	}
	// One-click unsubscribe (RFC 8058): mail programs post it from their
	// servers, but a webmail may post from the reader's browser, marked
	// cross-site. The link's signature is its only credential.
	for _, l := range i18n.Langs {
		cop.AddInsecureBypassPattern("POST " + l.Path("/sswweek/unsubscribe/{id}/{sig}"))
	}
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a.logger.WarnContext(r.Context(), "cross-origin request refused", "method", r.Method,
			"path", LogPath(r.URL.Path), "origin", r.Header.Get("Origin"), "request_id", RequestID(r.Context()))
		a.RenderError(w, r, http.StatusForbidden)
	}))
	return cop.Handler
}

// secretInPath matches the part of a path that is a secret: the token of
// a confirm or change link, the signature of a withdraw, supporter, preferences or
// unsubscribe link, and whatever follows it. It matches more loosely than
// the router does (any id, repeated slashes, any case), because a link
// mangled on its way (`/withdraw/+5/...`, `//confirm/...`) still carries a
// secret that works at the right address.
var secretInPath = regexp.MustCompile(`(?i)(/(?:call-to-action/+(?:confirm|sign/+change|withdraw/+[^/]*|supporter/+[^/]*)|sswweek/+(?:subscribe/+confirm|subscription/+[^/]*|unsubscribe/+[^/]*))/+)[^/].*`)

// LogPath is a request path fit for the log: whoever reads the log must
// not be able to confirm, change or withdraw a signature, or change or end
// a subscription, with it. Every log line that carries a path uses it.
func LogPath(p string) string { return secretInPath.ReplaceAllString(p, "${1}[secret]") }

type clientIPKey struct{}

// RealClientIP sets the address a request is counted against (see
// clientIP): the peer's, or, when the peer is a trusted proxy, the
// nearest address in X-Forwarded-For that is not itself a trusted proxy.
// Addresses further left were written by whoever sent the request and
// prove nothing.
func (a *Site) RealClientIP(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if len(a.cfg.TrustedProxies) == 0 {
			next.ServeHTTP(w, r)
			return
		}
		ip, err := netip.ParseAddrPort(r.RemoteAddr)
		if err != nil || !a.trusted(ip.Addr()) {
			next.ServeHTTP(w, r)
			return
		}
		client := ip.Addr().Unmap()
		hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
		for i := len(hops) - 1; i >= 0; i-- {
			hop, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
			if err != nil {
				break
			}
			client = hop.Unmap()
			if !a.trusted(client) {
				break
			}
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), clientIPKey{}, client)))
	})
}

func (a *Site) trusted(ip netip.Addr) bool {
	ip = ip.Unmap()
	for _, p := range a.cfg.TrustedProxies {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}
