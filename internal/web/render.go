package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/sswalliance/advocacy/internal/i18n"
	"net/http"
	"strconv"
	"sync"

	"github.com/a-h/templ"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/templates/public"
)

// handlerFunc is a handler that returns its error instead of writing it;
// handle turns the error into the right page.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

func (a *App) handle(h handlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		err := h(w, r)
		switch {
		case err == nil:
		case errors.Is(err, store.ErrNotFound):
			a.renderError(w, r, http.StatusNotFound)
		case errors.Is(err, errBadRequest):
			a.renderError(w, r, http.StatusBadRequest)
		case errors.Is(err, context.Canceled) && r.Context().Err() != nil:
			// The visitor went away; there is no one to answer.
		case unavailable(err):
			a.logger.ErrorContext(r.Context(), "database unavailable", "error", err, "request_id", RequestID(r.Context()))
			w.Header().Set("Retry-After", "30")
			a.renderError(w, r, http.StatusServiceUnavailable)
		default:
			a.logger.ErrorContext(r.Context(), "handler failed", "error", err, "path", logPath(r.URL.Path), "request_id", RequestID(r.Context()))
			a.renderError(w, r, http.StatusInternalServerError)
		}
	}
}

// errBadRequest marks a request that cannot be read (a malformed form).
var errBadRequest = errors.New("bad request")

// badRequest wraps err as errBadRequest: the visitor gets a 400 page.
func badRequest(err error) error { return fmt.Errorf("%w: %w", errBadRequest, err) }

// unavailable reports whether err means the database could not be reached,
// as opposed to a bug.
func unavailable(err error) bool {
	var connectErr *pgconn.ConnectError
	return errors.As(err, &connectErr) || pgconn.Timeout(err) || errors.Is(err, context.DeadlineExceeded)
}

var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// render writes c with status. It renders into a buffer first, so a
// template failure becomes a clean error page, never half a page.
func (a *App) render(w http.ResponseWriter, r *http.Request, status int, c templ.Component) error {
	buf := buffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer buffers.Put(buf)
	if err := c.Render(r.Context(), buf); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}

// renderError writes the styled error page for status, in the language of
// the requested path.
func (a *App) renderError(w http.ResponseWriter, r *http.Request, status int) {
	switch status {
	case http.StatusBadRequest, http.StatusForbidden, http.StatusNotFound, http.StatusMethodNotAllowed, http.StatusServiceUnavailable:
	default:
		status = http.StatusInternalServerError
	}
	code := strconv.Itoa(status)
	m := a.meta(r, "", "")
	m.Title, m.NoIndex = m.T("error."+code+".title"), true
	w.Header().Set("Cache-Control", "no-store")
	if err := a.render(w, r, status, public.ErrorPage(m, status, m.T("error."+code+".text"))); err != nil {
		a.logger.ErrorContext(r.Context(), "render error page", "error", err, "request_id", RequestID(r.Context()))
		http.Error(w, m.Title, status)
	}
}

func (a *App) notFound(w http.ResponseWriter, r *http.Request) {
	a.renderError(w, r, http.StatusNotFound)
}

func (a *App) methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	a.renderError(w, r, http.StatusMethodNotAllowed)
}

// fallbackNote returns the catalogue key of the notice for a page in l
// whose parts are in the languages given: "" when all are in l, the
// partial notice when some are, the full one when none are.
func fallbackNote(l i18n.Lang, langs ...string) string {
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
