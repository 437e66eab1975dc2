package public

import (
	"context"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
)

var logoFile = regexp.MustCompile(`^([0-9a-f]{64})\.png$`)

// LogoImage serves the logo of an approved signatory at
// /logos/{sha256}.png. The address changes whenever the image does, so it
// is cached for a year. Logos not on the wall are not served here: the
// site must not host images nobody approved.
func (a *Handlers) LogoImage(w http.ResponseWriter, r *http.Request) error {
	sha, ok := logoSHA(r)
	if !ok {
		return store.ErrNotFound
	}
	if inm := r.Header.Get("If-None-Match"); inm == `"`+sha+`"` {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	l, err := a.store.LogoImage(r.Context(), sha)
	if err != nil {
		return err
	}
	if !l.Public {
		return store.ErrNotFound
	}
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Header().Set("ETag", `"`+sha+`"`)
	return writeLogo(w, l)
}

// LogoPreviewImage serves a logo not (yet) on the wall to the form
// showing it, at an address signed for that logo; never cached.
func (a *Handlers) LogoPreviewImage(w http.ResponseWriter, r *http.Request) error {
	sha, ok := logoSHA(r)
	genuine, err := a.Signer().Verify(r.Context(), r.URL.Query().Get("k"), "preview", sha)
	if err != nil {
		return err
	}
	if !ok || !genuine {
		return store.ErrNotFound
	}
	l, err := a.store.LogoImage(r.Context(), sha)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "private, no-store")
	return writeLogo(w, l)
}

// StaffLogoImage serves staff any stored logo (their pages show
// submissions before approval); never cached.
func (a *Handlers) StaffLogoImage(w http.ResponseWriter, r *http.Request) error {
	sha, ok := logoSHA(r)
	if !ok {
		return store.ErrNotFound
	}
	l, err := a.store.LogoImage(r.Context(), sha)
	if err != nil {
		return err
	}
	return writeLogo(w, l)
}

// LogoPreview is the signed address at which a form shows a logo, "" for
// none.
func (a *Handlers) LogoPreview(ctx context.Context, sha string) string {
	if sha == "" {
		return ""
	}
	mac, err := a.Signer().Sign(ctx, "preview", sha)
	if err != nil {
		return ""
	}
	return "/logos/preview/" + sha + ".png?k=" + mac
}

func logoSHA(r *http.Request) (string, bool) {
	m := logoFile.FindStringSubmatch(chi.URLParam(r, "file"))
	if m == nil {
		return "", false
	}
	return m[1], true
}

func writeLogo(w http.ResponseWriter, l store.Logo) error {
	h := w.Header()
	h.Set("Content-Type", "image/png")
	h.Set("Content-Length", strconv.Itoa(len(l.PNG)))
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	_, err := w.Write(l.PNG)
	return err
}

// LogoOriginal serves staff the logo as it was uploaded, only ever as a
// download: it was never re-encoded, so it is not shown inline.
func (a *Handlers) LogoOriginal(w http.ResponseWriter, r *http.Request) error {
	id, ok := web.RowID(chi.URLParam(r, "id"))
	if !ok {
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
