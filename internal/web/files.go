package web

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/sswalliance/advocacy/internal/store"
)

// fileMaxAge is how long browsers and proxies may reuse a file without
// asking again. A file's bytes never change under its id, but a day keeps
// a withdrawn file from lingering in caches for long.
const fileMaxAge = 24 * time.Hour

// file serves /files/{id}/{name}: the bytes stored in Postgres, with a
// strong ETag from their SHA-256, ranges, and a download counter that
// records nothing about the visitor.
func (a *App) file(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	if err != nil || id <= 0 {
		return fmt.Errorf("file %q: %w", chi.URLParam(r, "id"), store.ErrNotFound)
	}
	// The description first: a revalidation or HEAD never reads the bytes.
	f, err := a.store.FileMeta(ctx, id)
	if err != nil {
		return err
	}
	if chi.URLParam(r, "name") != f.Name {
		http.Redirect(w, r, "/files/"+strconv.FormatInt(f.ID, 10)+"/"+f.Name, http.StatusMovedPermanently)
		return nil
	}

	etag := `"` + hex.EncodeToString(f.SHA256) + `"`
	modified := f.CreatedAt.UTC().Truncate(time.Second)
	h := w.Header()
	h.Set("ETag", etag)
	h.Set("Last-Modified", modified.Format(http.TimeFormat))
	h.Set("Cache-Control", "public, max-age="+strconv.Itoa(int(fileMaxAge.Seconds())))
	if fileNotModified(r, etag, modified) {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	h.Set("Content-Type", f.ContentType)
	h.Set("Content-Disposition", fileContentDisposition(f.Name))
	if r.Method == http.MethodHead {
		h.Set("Accept-Ranges", "bytes")
		h.Set("Content-Length", strconv.FormatInt(f.Size, 10))
		w.WriteHeader(http.StatusOK)
		return nil
	}

	data, err := a.store.FileData(ctx, id)
	if err != nil {
		h.Del("Content-Disposition")
		return err
	}
	if fileDownloadStarts(r, etag) {
		// A visitor who leaves mid-request cancels ctx: not a fault to log.
		if err := a.store.CountDownload(ctx, id); err != nil && ctx.Err() == nil {
			// A lost count must not cost the visitor the file.
			a.logger.ErrorContext(ctx, "count download", "error", err, "request_id", RequestID(ctx))
		}
	}
	http.ServeContent(w, r, f.Name, modified, bytes.NewReader(data))
	return nil
}

// fileNotModified reports whether the client's copy is current: If-None-Match
// (weak comparison, as RFC 9110 asks for this header) or, without it,
// If-Modified-Since.
func fileNotModified(r *http.Request, etag string, modified time.Time) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, tag := range strings.Split(inm, ",") {
			tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
			if tag == etag || tag == "*" {
				return true
			}
		}
		return false
	}
	if ims, err := http.ParseTime(r.Header.Get("If-Modified-Since")); err == nil {
		return !modified.After(ims)
	}
	return false
}

// fileDownloadStarts reports whether a GET begins a download worth counting:
// the whole file, or the first range of one (a reader resuming or
// fetching the rest of a file it already counted is not counted again).
func fileDownloadStarts(r *http.Request, etag string) bool {
	rng := r.Header.Get("Range")
	if rng == "" {
		return true
	}
	if ir := r.Header.Get("If-Range"); ir != "" && ir != etag {
		return true // the range is ignored: the whole file is sent
	}
	return strings.HasPrefix(strings.ReplaceAll(rng, " ", ""), "bytes=0-")
}

// fileContentDisposition asks for the file to be saved under name, in the
// plain form every client reads and the RFC 6266 UTF-8 form.
func fileContentDisposition(name string) string {
	var plain, encoded strings.Builder
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c < 0x20 || c >= 0x7f || c == '"' || c == '\\':
			plain.WriteByte('_')
		default:
			plain.WriteByte(c)
		}
		if fileAttrChar(c) {
			encoded.WriteByte(c)
		} else {
			fmt.Fprintf(&encoded, "%%%02X", c)
		}
	}
	return `attachment; filename="` + plain.String() + `"; filename*=UTF-8''` + encoded.String()
}

// fileAttrChar is RFC 8187's attr-char: what may appear unescaped in an
// extended parameter value.
func fileAttrChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		strings.IndexByte("!#$&+-.^_`|~", c) >= 0
}
