package public

import (
	"net/http"
	"regexp"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/sswalliance/advocacy/internal/store"
)

var mediaFile = regexp.MustCompile(`^([0-9a-f]{64})\.(webp|jpg|png|gif)$`)

// MediaImage serves a rendition of a media library image at
// /media/{sha256}.{ext}. Its address names its bytes, so browsers and
// proxies keep it for a year without asking again. The extension must be
// the rendition's own: one set of bytes has one address.
func (a *Handlers) MediaImage(w http.ResponseWriter, r *http.Request) error {
	m := mediaFile.FindStringSubmatch(chi.URLParam(r, "file"))
	if m == nil {
		return store.ErrNotFound
	}
	hash, ext := m[1], m[2]
	data, ct, err := a.store.MediaRenditionData(r.Context(), hash)
	if err != nil {
		return err
	}
	if want, _ := store.MediaContentType(ext); want != ct {
		return store.ErrNotFound
	}
	// Only after the lookup: an address that serves nothing (deleted
	// image, another format's extension) is not "not modified".
	etag := `"` + hash + `"`
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	h := w.Header()
	h.Set("Content-Type", ct)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("ETag", etag)
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	// The feed and link previews show these images on other sites: the
	// site-wide same-origin policy would have browsers refuse them there.
	h.Set("Cross-Origin-Resource-Policy", "cross-origin")
	if r.Method == http.MethodHead {
		return nil
	}
	_, err = w.Write(data)
	return err
}
