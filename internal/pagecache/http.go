package pagecache

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/a-h/templ"
)

// CacheControl is the Cache-Control of a kept page. A browser asks again
// every time (max-age=0) and gets a 304 while the page is unchanged, so a
// change is seen at once; a shared cache in front (a CDN) may serve the
// page for five seconds and while it asks again, which takes a spike off
// the site for a moment's delay; and anyone may serve what they have for a
// day while the site answers with errors.
const CacheControl = "public, max-age=0, s-maxage=5, stale-while-revalidate=5, stale-if-error=86400"

var (
	cacheControl = []string{CacheControl}
	vary         = []string{"Accept-Encoding"}
	encodingName = [encodings][]string{nil, {"gzip"}, {"br"}}
)

// Handler serves, before anything else runs, the pages kept for the URI
// requested (a page Page kept): next handles the rest.
func (c *Cache) Handler(next http.Handler) http.Handler {
	if c.budget == 0 {
		return next
	}
	return &front{c: c, next: next}
}

type front struct {
	c    *Cache
	next http.Handler
}

func (f *front) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c := f.c
	if (r.Method == http.MethodGet || r.Method == http.MethodHead) && !c.signedIn(r) {
		if e := c.byAlias(r.RequestURI); e != nil && c.fresh(e) {
			c.hits.Add(1)
			c.serve(w, r, e)
			return
		}
	}
	f.next.ServeHTTP(w, r)
}

// Changes marks every page kept as stale once a request through it begins
// its answer (the change it made is committed by then), and again when it
// ends: for the staff's changes, so that their own next request sees
// them at once; the notification follows for every instance. It goes
// after the check that the request is a signed-in staff member's, so no
// one else can empty the cache.
func (c *Cache) Changes(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			next.ServeHTTP(w, r)
			return
		}
		defer c.Changed()
		next.ServeHTTP(&changing{ResponseWriter: w, c: c}, r)
	})
}

// Unwrap is the handler behind the cache (tests walk its routes).
func (f *front) Unwrap() http.Handler { return f.next }

// changing marks a change as made when its answer begins: the change is
// committed by then, and the answer may reach the browser, which may ask
// for a page at once, before the handler returns.
type changing struct {
	http.ResponseWriter
	c    *Cache
	done bool
}

func (w *changing) WriteHeader(status int) {
	if !w.done {
		w.done = true
		w.c.Changed()
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *changing) Write(b []byte) (int, error) {
	if !w.done {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

func (w *changing) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// signedIn reports whether r carries a staff session: such pages are
// neither served from the cache nor kept.
func (c *Cache) signedIn(r *http.Request) bool {
	if c.Cookie == "" {
		return false
	}
	for _, h := range r.Header["Cookie"] {
		if strings.Contains(h, c.Cookie+"=") {
			return true
		}
	}
	return false
}

// Page keeps the pages next renders, under the path and the query
// parameters named (next sees only those: a parameter it reads but is not
// named here is never set, so a page is always a function of its key).
// Only a complete 200 answer without cookies, and not marked private or
// no-store, is kept; anything else goes out as rendered. When the rendering fails
// because the database is unavailable (503), the last page kept, however
// old, is served instead.
func (c *Cache) Page(params ...string) func(http.Handler) http.Handler {
	params = slices.Clone(params)
	slices.Sort(params)
	return func(next http.Handler) http.Handler {
		if c.budget == 0 {
			return next
		}
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if (r.Method != http.MethodGet && r.Method != http.MethodHead) || c.signedIn(r) {
				next.ServeHTTP(w, r)
				return
			}
			query := read(r.URL.Query(), params).Encode()
			key := r.URL.Path + "?" + query
			if e := c.byKey(key, r.RequestURI); e != nil && c.fresh(e) {
				c.hits.Add(1)
				c.serve(w, r, e)
				return
			}
			gen := c.gen.Load()
			f, first := c.takeOff(key, gen)
			if !first {
				// The same page is being rendered for another request of
				// this generation: wait for it rather than render it again
				// (a change during a spike would otherwise render a page
				// once per request in flight).
				select {
				case <-f.done:
					if f.e != nil && c.fresh(f.e) {
						c.hits.Add(1)
						c.serve(w, r, f.e)
						return
					}
				case <-r.Context().Done():
					return
				case <-time.After(flightWait):
				}
			} else {
				defer c.land(key, f)
			}
			c.misses.Add(1)
			u := *r.URL
			u.RawQuery = query
			r2 := r.WithContext(context.WithValue(r.Context(), markerKey{}, c.marker))
			r2.URL, r2.Method = &u, http.MethodGet
			rec := &recorder{header: http.Header{}}
			next.ServeHTTP(rec, r2)
			if e := c.keep(key, gen, w.Header(), rec, templ.GetNonce(r.Context())); e != nil {
				c.put(e, r.RequestURI)
				if first {
					f.e = e
				}
				c.serve(w, r, e)
				return
			}
			if rec.status == http.StatusServiceUnavailable {
				if e := c.byKey(key, r.RequestURI); e != nil {
					c.stale.Add(1)
					c.serve(w, r, e)
					return
				}
			}
			rec.replay(w, r, c.marker, c.partNow(r.Context()))
		})
	}
}

// compressed reports whether a page of content type ct is compressed
// already: an image other than SVG.
func compressed(ct string) bool {
	return strings.HasPrefix(ct, "image/") && !strings.HasPrefix(ct, "image/svg")
}

// flightWait is the longest a request waits for another's rendering of
// the same page before rendering it itself.
const flightWait = 2 * time.Second

// flight is a page being rendered: done is closed when it is, with e the
// page kept (nil if it could not be kept).
type flight struct {
	gen  uint64
	done chan struct{}
	e    *entry
}

// takeOff returns the flight rendering key at generation gen, and whether
// it is the caller's own (then it must land it).
func (c *Cache) takeOff(key string, gen uint64) (*flight, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if f := c.flights[key]; f != nil && f.gen == gen {
		return f, false
	}
	f := &flight{gen: gen, done: make(chan struct{})}
	c.flights[key] = f
	return f, true
}

// land ends flight f of key, waking whoever waits for it.
func (c *Cache) land(key string, f *flight) {
	c.mu.Lock()
	if c.flights[key] == f {
		delete(c.flights, key)
	}
	c.mu.Unlock()
	close(f.done)
}

// read is the values of params in q.
func read(q url.Values, params []string) url.Values {
	out := url.Values{}
	for _, p := range params {
		if vs, ok := q[p]; ok {
			out[p] = vs
		}
	}
	return out
}

// keep is the entry for the page rec holds, rendered at generation gen
// with the headers set before (outer) and the CSP nonce given; nil when
// it may not be kept.
func (c *Cache) keep(key string, gen uint64, outer http.Header, rec *recorder, nonce string) *entry {
	status := rec.status
	if status == 0 {
		status = http.StatusOK
	}
	cc := rec.header.Get("Cache-Control")
	if status != http.StatusOK || strings.Contains(cc, "no-store") || strings.Contains(cc, "private") || strings.Contains(cc, "no-cache") ||
		rec.header["Set-Cookie"] != nil || outer["Set-Cookie"] != nil ||
		int64(rec.body.Len()) > c.budget/maxPageShare {
		return nil
	}
	page := rec.body.Bytes()
	if nonce != "" && bytes.Contains(page, []byte(nonce)) {
		return nil // the page uses its response's nonce: it is per response
	}
	var b body
	if compressed(rec.header.Get("Content-Type")) {
		// An image already compressed (a share card) is kept as it is:
		// gzip and brotli would only add a second copy of its size each.
		b.head[identity] = bytes.Clone(page)
	} else {
		var err error
		if b, err = newBody(page, c.marker); err != nil {
			return nil
		}
	}
	e := &entry{key: key, gen: gen, body: b, header: http.Header{}, cacheControl: cacheControl}
	if cc != "" {
		e.cacheControl = []string{cc} // the page's own choice (a feed read by programs, hourly)
	}
	for _, h := range []http.Header{outer, rec.header} {
		for k, v := range h {
			switch k {
			case "X-Request-Id", "Content-Length", "Content-Encoding", "Vary", "Etag", "Date", "Cache-Control":
				continue
			case "Content-Security-Policy":
				if nonce != "" {
					// No page kept uses the nonce (checked above): every
					// response of it gets the same policy, without one.
					v = []string{strings.ReplaceAll(strings.Join(v, ", "), " 'nonce-"+nonce+"'", "")}
				}
			}
			e.header[k] = slices.Clone(v)
		}
	}
	now := c.now().UTC()
	// The ETag names the page and its day: a browser's copy revalidated
	// the next day gets the page again, with a stamp of that day (a form
	// stamp is good for a day; a 304 keeps the copy's own).
	h := sha256.New()
	h.Write(page)
	h.Write([]byte(now.Format(time.DateOnly)))
	tag := base64.RawURLEncoding.EncodeToString(h.Sum(nil)[:18])
	e.etag = [encodings][]string{{`"` + tag + `"`}, {`"` + tag + `-gz"`}, {`"` + tag + `-br"`}}
	e.expires = time.Date(now.Year(), now.Month(), now.Day()+1, 0, 0, 0, 0, time.UTC)
	e.size = int64(b.bytes()+len(key)) + 1024 // the headers and the bookkeeping
	return e
}

var buffers = sync.Pool{New: func() any { return new([]byte) }}

// serve answers r with the kept page e.
func (c *Cache) serve(w http.ResponseWriter, r *http.Request, e *entry) {
	h := w.Header()
	for k, v := range e.header {
		h[k] = v
	}
	enc := identity
	if e.body.head[gzipped] != nil {
		enc = accepted(r.Header["Accept-Encoding"])
	}
	h["Etag"], h["Cache-Control"], h["Vary"] = e.etag[enc], e.cacheControl, vary
	delete(h, "Content-Encoding")
	if inm := r.Header["If-None-Match"]; inm != nil && e.matches(inm) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if enc != identity {
		h["Content-Encoding"] = encodingName[enc]
	}
	if e.body.tail == nil {
		h["Content-Length"] = []string{strconv.Itoa(len(e.body.head[enc]))}
		w.WriteHeader(http.StatusOK)
		if r.Method != http.MethodHead {
			w.Write(e.body.head[enc])
		}
		return
	}
	bp := buffers.Get().(*[]byte)
	b := e.body.appendTo((*bp)[:0], enc, c.marker, c.partNow(r.Context()))
	h["Content-Length"] = []string{strconv.Itoa(len(b))}
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(b)
	}
	if cap(b) <= 1<<20 {
		*bp = b
		buffers.Put(bp)
	}
}

// matches reports whether an If-None-Match header names e, in any
// encoding (the comparison is weak: each decodes to the same page).
func (e *entry) matches(inm []string) bool {
	for _, h := range inm {
		for h != "" {
			var tag string
			tag, h, _ = strings.Cut(h, ",")
			tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
			if tag == "*" {
				return true
			}
			for _, t := range e.etag {
				if tag == t[0] {
					return true
				}
			}
		}
	}
	return false
}

// accepted is the best encoding the Accept-Encoding headers allow:
// brotli, then gzip, else none.
func accepted(ae []string) int {
	best := identity
	for _, h := range ae {
		for h != "" {
			var coding string
			coding, h, _ = strings.Cut(h, ",")
			coding, params, _ := strings.Cut(coding, ";")
			coding = strings.TrimSpace(coding)
			if refused(params) {
				continue
			}
			switch {
			case strings.EqualFold(coding, "br"):
				return brotlied
			case strings.EqualFold(coding, "gzip") || strings.EqualFold(coding, "x-gzip"):
				best = gzipped
			}
		}
	}
	return best
}

// refused reports whether an encoding's parameters say q=0.
func refused(params string) bool {
	for params != "" {
		var p string
		p, params, _ = strings.Cut(params, ";")
		k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
		if strings.EqualFold(strings.TrimSpace(k), "q") {
			q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			return err != nil || q <= 0
		}
	}
	return false
}

// recorder holds an answer being rendered for the cache.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.body.Write(b)
}

// replay sends the answer as rendered, with its markers replaced by part.
func (r *recorder) replay(w http.ResponseWriter, req *http.Request, marker, part string) {
	h := w.Header()
	for k, v := range r.header {
		h[k] = v
	}
	status := r.status
	if status == 0 {
		status = http.StatusOK
	}
	body := appendReplaced(nil, r.body.Bytes(), marker, part)
	if h.Get("Content-Length") != "" {
		h.Set("Content-Length", strconv.Itoa(len(body)))
	}
	w.WriteHeader(status)
	if req.Method != http.MethodHead {
		w.Write(body)
	}
}
