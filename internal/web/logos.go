package web

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/sswalliance/advocacy/internal/store"
)

var logoFile = regexp.MustCompile(`^([0-9a-f]{64})\.png$`)

// logoImage serves a re-encoded logo at /logos/{sha256}.png. The address
// changes whenever the image does, so it is cached for a year.
func (a *App) logoImage(w http.ResponseWriter, r *http.Request) error {
	m := logoFile.FindStringSubmatch(chi.URLParam(r, "file"))
	if m == nil {
		return store.ErrNotFound
	}
	if inm := r.Header.Get("If-None-Match"); inm == `"`+m[1]+`"` {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	l, err := a.store.LogoImage(r.Context(), m[1])
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "image/png")
	h.Set("Content-Length", strconv.Itoa(len(l.PNG)))
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("ETag", `"`+m[1]+`"`)
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	_, err = w.Write(l.PNG)
	return err
}

// logoOriginal serves staff the logo as it was uploaded, only ever as a
// download: it was never re-encoded, so it is not shown inline.
func (a *App) logoOriginal(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	if err != nil {
		return store.ErrNotFound
	}
	data, _, ext, err := a.store.LogoOriginal(r.Context(), id)
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/octet-stream")
	h.Set("Content-Disposition", `attachment; filename="logo-original-`+strconv.FormatInt(id, 10)+strings.TrimSpace(ext)+`"`)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	_, err = w.Write(data)
	return err
}
