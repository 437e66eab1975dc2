package web

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"sync"

	"github.com/a-h/templ"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/templates"
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
		case errors.Is(err, context.Canceled) && r.Context().Err() != nil:
			// The visitor went away; there is no one to answer.
		case unavailable(err):
			a.logger.ErrorContext(r.Context(), "database unavailable", "error", err, "request_id", RequestID(r.Context()))
			w.Header().Set("Retry-After", "30")
			a.renderError(w, r, http.StatusServiceUnavailable)
		default:
			a.logger.ErrorContext(r.Context(), "handler failed", "error", err, "path", r.URL.Path, "request_id", RequestID(r.Context()))
			a.renderError(w, r, http.StatusInternalServerError)
		}
	}
}

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

var errorMessages = map[int][2]string{
	http.StatusForbidden:           {"Request refused", "This request was refused because it did not come from this site. If you followed a link or submitted a form elsewhere, go to the page on this site and try again."},
	http.StatusNotFound:            {"Page not found", "We could not find the page you asked for. It may have moved, or the address may be mistyped."},
	http.StatusMethodNotAllowed:    {"Method not allowed", "This page cannot be used that way. Go back and try again from a link or form on this site."},
	http.StatusInternalServerError: {"Something went wrong", "Sorry, we could not show this page because of a problem on our side. It has been logged; please try again in a few minutes."},
	http.StatusServiceUnavailable:  {"Temporarily unavailable", "Sorry, the site cannot show this page right now. Please try again in a few minutes."},
}

// renderError writes the styled error page for status.
func (a *App) renderError(w http.ResponseWriter, r *http.Request, status int) {
	text, ok := errorMessages[status]
	if !ok {
		text = errorMessages[http.StatusInternalServerError]
	}
	w.Header().Set("Cache-Control", "no-store")
	m := templates.Meta{Lang: "en", Title: text[0], Path: r.URL.Path}
	if err := a.render(w, r, status, public.ErrorPage(m, status, text[1])); err != nil {
		a.logger.ErrorContext(r.Context(), "render error page", "error", err, "request_id", RequestID(r.Context()))
		http.Error(w, text[0], status)
	}
}

func (a *App) notFound(w http.ResponseWriter, r *http.Request) {
	a.renderError(w, r, http.StatusNotFound)
}

func (a *App) methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	a.renderError(w, r, http.StatusMethodNotAllowed)
}
