package public

import (
	"context"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/filecache"
	"github.com/sswalliance/advocacy/internal/jobs"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
)

// fileMaxAge is how long browsers and proxies may reuse a file without
// asking again. A file's bytes never change under its id, but a day keeps
// a withdrawn file from lingering in caches for long.
const fileMaxAge = 24 * time.Hour

// fileChunk is how much of a file one query reads while its copy on disk
// is filled: a 50 MB file takes fifty short queries, each giving its
// connection back before the next, and a fill holds one chunk in memory.
const fileChunk = 1 << 20

// fileGrace is how long an upload that nothing refers to is kept: time to
// fix a refused form and save it, or to change one's mind.
const fileGrace = 7 * 24 * time.Hour

// File serves /files/{id}/{name} to anyone: a file a published resource
// links, with a strong ETag from its SHA-256, ranges, and a download
// counter that records nothing about the visitor.
func (a *Handlers) File(w http.ResponseWriter, r *http.Request) error {
	f, err := a.fileMeta(r)
	if err != nil {
		return err
	}
	// Any other file is not found, even under a wrong name: a redirect to
	// the right one would confirm that it exists.
	if !f.Public {
		return fmt.Errorf("file %d is not published: %w", f.ID, store.ErrNotFound)
	}
	return a.serveFile(w, r, f, "/files/", "public, max-age="+strconv.Itoa(int(fileMaxAge.Seconds())), true)
}

// StaffFile serves /admin/files/{id}/{name}: any stored file, so staff can
// open a draft's uploads before they are published. Browsers and proxies
// keep no copy (no-store), and staff downloads are not counted.
func (a *Handlers) StaffFile(w http.ResponseWriter, r *http.Request) error {
	f, err := a.fileMeta(r)
	if err != nil {
		return err
	}
	return a.serveFile(w, r, f, "/admin/files/", "no-store", false)
}

// fileMeta reads the description of the file the URL names: a revalidation
// or HEAD never reads the bytes.
func (a *Handlers) fileMeta(r *http.Request) (store.FileMeta, error) {
	id, err := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	if err != nil || id <= 0 {
		return store.FileMeta{}, fmt.Errorf("file %q: %w", chi.URLParam(r, "id"), store.ErrNotFound)
	}
	return a.store.FileMeta(r.Context(), id)
}

// serveFile sends f from its copy on local disk (filled from Postgres the
// first time), so a download takes neither the file's size in memory nor
// a pooled connection while the client reads, and a range reads only that
// range. prefix is the address the file is served under.
func (a *Handlers) serveFile(w http.ResponseWriter, r *http.Request, f store.FileMeta, prefix, cacheControl string, count bool) error {
	ctx := r.Context()
	if chi.URLParam(r, "name") != f.Name {
		http.Redirect(w, r, prefix+strconv.FormatInt(f.ID, 10)+"/"+f.Name, http.StatusMovedPermanently)
		return nil
	}

	etag := `"` + hex.EncodeToString(f.SHA256) + `"`
	modified := f.CreatedAt.UTC().Truncate(time.Second)
	h := w.Header()
	h.Set("ETag", etag)
	h.Set("Last-Modified", modified.Format(http.TimeFormat))
	h.Set("Cache-Control", cacheControl)
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

	// A range of a file not yet on disk waits for the whole copy: one
	// fill, shared by everyone asking meanwhile, and every later range
	// is a seek in a local file.
	data, err := a.fileCopies.Open(ctx, f.SHA256, f.Size, a.fillFile(f.ID, f.Size))
	if err != nil {
		h.Del("Content-Disposition")
		return err
	}
	defer data.Close()
	if count && fileDownloadStarts(r, etag) {
		// A visitor who leaves mid-request cancels ctx: not a fault to log.
		if err := a.store.CountDownload(ctx, f.ID); err != nil && ctx.Err() == nil {
			// A lost count must not cost the visitor the file.
			a.logger.ErrorContext(ctx, "count download", "error", err, "request_id", web.RequestID(ctx))
		}
	}
	// The server's WriteTimeout is meant for pages: a large file to a
	// slow link takes longer, so a download gets the time it needs at
	// downloadRate, and a minute besides.
	if err := http.NewResponseController(w).SetWriteDeadline(time.Now().Add(downloadTime(f.Size))); err != nil {
		a.logger.WarnContext(ctx, "download: cannot extend the write deadline", "error", err, "request_id", web.RequestID(ctx))
	}
	http.ServeContent(sendfileWriter{w}, r, f.Name, modified, data)
	return nil
}

// downloadRate is the slowest link a download is given time for:
// 16 KiB/s, so 50 MB may take about 53 minutes.
const downloadRate = 16 << 10

// downloadTime is how long a download of size bytes may take to send.
func downloadTime(size int64) time.Duration {
	return time.Minute + time.Duration(size/downloadRate)*time.Second
}

// sendfileWriter lets http.ServeContent hand the file to the kernel
// (sendfile: no copy through user space) when the response is not being
// compressed. The compression middleware's writer hides the ReadFrom of
// the writers under it; the access log's writer, which counts the bytes,
// has its own.
type sendfileWriter struct{ http.ResponseWriter }

func (w sendfileWriter) ReadFrom(src io.Reader) (int64, error) {
	if w.Header().Get("Content-Encoding") == "" {
		for u := w.ResponseWriter; ; {
			if rf, ok := u.(io.ReaderFrom); ok {
				return rf.ReadFrom(src)
			}
			uw, ok := u.(interface{ Unwrap() http.ResponseWriter })
			if !ok {
				break
			}
			u = uw.Unwrap()
		}
	}
	return io.Copy(struct{ io.Writer }{w.ResponseWriter}, src)
}

// fillFile writes file id's size bytes, read from Postgres a chunk at a
// time, for its copy on disk.
func (a *Handlers) fillFile(id, size int64) filecache.Fill {
	return func(ctx context.Context, w io.Writer) error {
		for off := int64(0); off < size; off += fileChunk {
			chunk, err := a.store.FileChunk(ctx, id, off, fileChunk)
			if err != nil {
				return err
			}
			if len(chunk) == 0 {
				return fmt.Errorf("file %d ends at %d bytes, not %d", id, off, size)
			}
			if _, err := w.Write(chunk); err != nil {
				return err
			}
		}
		return nil
	}
}

// FileChores deletes, every day, the uploads past their grace period that
// nothing refers to: not linked by a published resource, and not named by
// any draft or revision (restoring a revision needs its upload).
func FileChores(site *web.Site, kinds *content.Registry) []jobs.Chore {
	var refs []store.FileRef
	for _, k := range kinds.Kinds() {
		for _, f := range k.Fields {
			if f.Type != content.File {
				continue
			}
			for _, key := range f.Keys() {
				refs = append(refs, store.FileRef{Kind: k.Name, Field: key})
			}
		}
	}
	return []jobs.Chore{{Name: "delete-unused-files", Interval: 24 * time.Hour, Run: func(ctx context.Context) error {
		n, err := site.Store().DeleteUnusedFiles(ctx, site.Now().Add(-fileGrace), refs)
		if n > 0 {
			site.Logger().InfoContext(ctx, "deleted unused files", "count", n)
		}
		return err
	}}}
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
