package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/a-h/templ"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/db"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/templates/public"
)

// HandlerFunc is a handler that returns its error instead of writing it;
// handle turns the error into the right page.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

func (a *Site) Handle(h HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		cw := &clientWriter{ResponseWriter: w}
		a.answerError(cw, r, start, h(cw, r))
	}
}

// RetryAfter is the Retry-After of a 503: long enough for a restart.
const RetryAfter = "30"

// answerError answers a request whose handler, begun at start, returned
// err: nothing for nil, else the page for the error, logged as it
// deserves.
func (a *Site) answerError(w http.ResponseWriter, r *http.Request, start time.Time, err error) {
	ctx := r.Context()
	cw, _ := w.(*clientWriter)
	switch {
	case err == nil:
		a.outage.served(start)
	case cw != nil && cw.err != nil, errors.Is(err, context.Canceled) && ctx.Err() != nil:
		// The visitor went away (a write to them failed, or they hung up
		// while we waited): there is no one to answer and nothing to fix.
		a.logger.DebugContext(ctx, "client went away", "error", err, "path", LogPath(r.URL.Path), "request_id", RequestID(ctx))
	case errors.Is(err, store.ErrNotFound):
		a.outage.served(start)
		a.renderErrorOnce(w, r, http.StatusNotFound)
	case errors.Is(err, errBadRequest):
		a.outage.served(start)
		a.renderErrorOnce(w, r, http.StatusBadRequest)
	case Unavailable(err):
		a.outage.failed(ctx, start, err)
		w.Header().Set("Retry-After", RetryAfter)
		a.renderErrorOnce(w, r, http.StatusServiceUnavailable)
	default:
		a.logger.ErrorContext(ctx, "handler failed", "error", err, "path", LogPath(r.URL.Path), "request_id", RequestID(ctx))
		a.renderErrorOnce(w, r, http.StatusInternalServerError)
	}
}

// renderErrorOnce renders the error page unless the handler had already
// begun its answer: a second status line would only be dropped, and a
// page appended to half a download is no page.
func (a *Site) renderErrorOnce(w http.ResponseWriter, r *http.Request, status int) {
	if cw, ok := w.(*clientWriter); ok && cw.wroteHeader {
		return
	}
	a.RenderError(w, r, status)
}

// clientWriter remembers whether the answer has begun and whether writing
// it to the client failed (they went away), so handle can tell a client
// that hung up from a failure of ours.
type clientWriter struct {
	http.ResponseWriter
	wroteHeader bool
	err         error
}

func (w *clientWriter) WriteHeader(status int) {
	if status >= 200 { // 1xx are informational: the answer is still to come
		w.wroteHeader = true
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *clientWriter) Write(b []byte) (int, error) {
	w.wroteHeader = true
	n, err := w.ResponseWriter.Write(b)
	if err != nil && w.err == nil {
		w.err = err
	}
	return n, err
}

// Unwrap lets http.ResponseController reach the connection (flush,
// deadlines).
func (w *clientWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// errBadRequest marks a request that cannot be read (a malformed form).
var errBadRequest = errors.New("bad request")

// BadRequest wraps err as errBadRequest: the visitor gets a 400 page.
func BadRequest(err error) error { return fmt.Errorf("%w: %w", errBadRequest, err) }

// Unavailable reports whether err means the database went away or could
// not answer in time (it is restarting, unreachable, ended the connection
// under the query), as opposed to a bug: the visitor gets 503 with
// Retry-After, and may try again in a moment. A request the visitor cut
// short (a body ending early reads as io.ErrUnexpectedEOF, as a broken
// database connection does) is theirs, not the database's.
func Unavailable(err error) bool { return !errors.Is(err, errBadRequest) && db.Unavailable(err) }

var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Render writes c with status. It renders into a buffer first, so a
// template failure becomes a clean error page, never half a page.
func (a *Site) Render(w http.ResponseWriter, r *http.Request, status int, c templ.Component) error {
	buf := buffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer buffers.Put(buf)
	ctx, failed := a.pictures(r.Context(), Lang(r))
	if err := c.Render(ctx, buf); err != nil {
		return err
	}
	if *failed != nil {
		return *failed
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}

// RenderError writes the styled error page for status, in the language of
// the requested path.
func (a *Site) RenderError(w http.ResponseWriter, r *http.Request, status int) {
	r = answering(r)
	switch status {
	case http.StatusBadRequest, http.StatusForbidden, http.StatusNotFound, http.StatusMethodNotAllowed, http.StatusServiceUnavailable:
	default:
		status = http.StatusInternalServerError
	}
	if status == http.StatusNotFound && a.redirected(w, r) {
		return
	}
	code := strconv.Itoa(status)
	m := a.Meta(r, "", "")
	m.Title, m.NoIndex = m.T("error."+code+".title"), true
	w.Header().Set("Cache-Control", "no-store")
	if err := a.Render(w, r, status, public.ErrorPage(m, status, m.T("error."+code+".text"))); err != nil {
		a.logger.ErrorContext(r.Context(), "render error page", "error", err, "request_id", RequestID(r.Context()))
		http.Error(w, m.Title, status)
	}
}

func (a *Site) NotFound(w http.ResponseWriter, r *http.Request) {
	a.RenderError(w, r, http.StatusNotFound)
}

// redirected sends a request the site has no page for on to where a
// redirect says, reporting whether it did. Only a request about to be
// answered 404 asks the database, so routed pages pay nothing for
// redirects. The query is read from the request line: a kept page's
// handler sees only the parameters it reads.
func (a *Site) redirected(w http.ResponseWriter, r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	query := r.URL.RawQuery
	if u, err := url.ParseRequestURI(r.RequestURI); err == nil {
		query = u.RawQuery
	}
	to, status, err := a.store.Redirect(r.Context(), r.URL.Path, content.CanonicalQuery(query))
	if err != nil {
		if !errors.Is(err, store.ErrNotFound) {
			a.logger.WarnContext(r.Context(), "redirect lookup", "error", err, "path", LogPath(r.URL.Path), "request_id", RequestID(r.Context()))
		}
		return false
	}
	if status == http.StatusMovedPermanently {
		// Browsers keep a 301; an hour lets a mistake be put right.
		w.Header().Set("Cache-Control", "public, max-age=3600")
	} else {
		w.Header().Set("Cache-Control", "no-store")
	}
	http.Redirect(w, r, to, status)
	return true
}

func (a *Site) MethodNotAllowed(w http.ResponseWriter, r *http.Request) {
	a.RenderError(w, r, http.StatusMethodNotAllowed)
}

// FallbackNote returns the catalogue key of the notice for a page in l
// whose parts are in the languages given: "" when all are in l, the
// partial notice when some are, the full one when none are.
func FallbackNote(l i18n.Lang, langs ...string) string {
	untranslated := 0
	for _, cl := range langs {
		if cl != string(l) {
			untranslated++
		}
	}
	switch {
	case untranslated == 0:
		return ""
	case untranslated == len(langs):
		return "fallback.note"
	}
	return "fallback.partial"
}

// answering is r with a context that outlives the request's, for writing
// an error page. Go cancels a request's context as soon as it reads the
// end of the connection, which a visitor who sent half a form and closed
// their side has reached while still waiting to read the answer; the page
// saying what went wrong is small and renders from memory, so it is
// written all the same.
func answering(r *http.Request) *http.Request {
	return r.WithContext(context.WithoutCancel(r.Context()))
}
