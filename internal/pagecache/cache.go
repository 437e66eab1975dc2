package pagecache

import (
	"container/list"
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// Cache is the page cache of one instance.
type Cache struct {
	// Cookie is the name of the staff session cookie: a request carrying
	// it is never served from the cache, nor kept.
	Cookie string

	budget int64
	// Part makes the per-response part of a page: the value each marker
	// becomes in one response.
	part func(context.Context) (string, error)
	now  func() time.Time

	// marker stands for the per-response part in the pages kept; it is
	// random per process, so no content can spell it.
	marker string

	// gen is the generation of what the database holds, as far as this
	// instance knows; live is set while the notifications reach it (the
	// pages kept are served only then).
	gen  atomic.Uint64
	live atomic.Bool
	// heard is when the listening connection last answered (a
	// notification, or a check): pages are served only within heardWithin
	// of it, so a connection that died silently stops them within a
	// second.
	heard atomic.Int64 // monotonic nanoseconds since start

	mu      sync.Mutex
	pages   map[string]*entry // by key (path and the parameters read)
	aliases map[string]*entry // by request URI as sent
	lru     list.List         // of *entry, most recently used first
	used    int64
	flights map[string]*flight // pages being rendered, by key

	hits, misses, stale atomic.Int64

	recent atomic.Pointer[partValue] // the part, made at most every partReuse
}

// partReuse is how long one made part serves responses: a stamp says when
// a form was shown to a tenth of a second, which the fill-time check
// (seconds) does not notice, and the signing is done ten times a second
// at most instead of once per response.
const partReuse = 100 * time.Millisecond

type partValue struct {
	value string
	at    time.Time
}

// maxPageShare is the largest share of the budget one page may take.
const maxPageShare = 8

// maxAliases bounds the request URIs remembered per page (the same page
// asked for with parameters it does not read: ?utm_source=...).
const maxAliases = 16

// entry is one kept page.
type entry struct {
	key     string
	aliases []string
	gen     uint64
	expires time.Time
	header  http.Header // the headers of every response but the per-encoding ones
	// cacheControl is CacheControl, or the page's own.
	cacheControl []string
	etag         [encodings][]string
	body         body
	size         int64
	elem         *list.Element
}

// New returns a cache holding at most budget bytes of pages (0: none),
// whose per-response part is made by part, on the clock now.
func New(budget int64, part func(context.Context) (string, error), now func() time.Time) *Cache {
	var b [12]byte
	rand.Read(b[:])
	c := &Cache{budget: budget, part: part, now: now, marker: "pagecache" + hex.EncodeToString(b[:]),
		pages: map[string]*entry{}, aliases: map[string]*entry{}, flights: map[string]*flight{}}
	c.gen.Store(1)
	return c
}

// Marker reports the marker a page rendered for the cache writes in place
// of its per-response part, when ctx is such a rendering.
func Marker(ctx context.Context) (string, bool) {
	m, ok := ctx.Value(markerKey{}).(string)
	return m, ok
}

type markerKey struct{}

// Changed makes every page kept so far stale: what they show may have
// changed. Listen calls it for each notification; the instance that made
// a change calls it too, so that its own next request sees the change
// without waiting for the notification.
func (c *Cache) Changed() { c.gen.Add(1) }

// Listening reports whether the notifications of changes reach the
// cache: only then are kept pages served.
func (c *Cache) Listening() bool { return c.live.Load() }

// Stats are the cache's counts since it started.
type Stats struct {
	Pages, Bytes, Budget int64
	Hits, Misses, Stale  int64
}

// Stats returns the cache's counts.
func (c *Cache) Stats() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return Stats{Pages: int64(len(c.pages)), Bytes: c.used, Budget: c.budget,
		Hits: c.hits.Load(), Misses: c.misses.Load(), Stale: c.stale.Load()}
}

// fresh reports whether e may be served: the notifications reach this
// instance, nothing changed since e was rendered, and its day has not
// turned.
func (c *Cache) fresh(e *entry) bool {
	return e.gen == c.gen.Load() && c.live.Load() && time.Duration(monotonic()-c.heard.Load()) < heardWithin &&
		c.now().Before(e.expires)
}

// heardWithin is how recently the listening connection must have answered
// for the pages kept to be served.
const heardWithin = time.Second

var start = time.Now()

// monotonic is the time since the process started, on the monotonic clock.
func monotonic() int64 { return int64(time.Since(start)) }

// Heard records that the listening connection answered now.
func (c *Cache) Heard() { c.heard.Store(monotonic()) }

// byAlias is the page kept for a request URI, fresh or not, marked used.
func (c *Cache) byAlias(uri string) *entry {
	c.mu.Lock()
	e := c.aliases[uri]
	if e != nil {
		c.lru.MoveToFront(e.elem)
	}
	c.mu.Unlock()
	return e
}

// byKey is the page kept under key, fresh or not, remembered under the
// request URI uri too.
func (c *Cache) byKey(key, uri string) *entry {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.pages[key]
	if e == nil {
		return nil
	}
	c.lru.MoveToFront(e.elem)
	c.alias(e, uri)
	return e
}

func (c *Cache) alias(e *entry, uri string) {
	if c.aliases[uri] == e || len(e.aliases) >= maxAliases {
		return
	}
	if old := c.aliases[uri]; old != nil {
		old.aliases = remove(old.aliases, uri)
		old.size -= aliasSize(uri)
		c.used -= aliasSize(uri)
	}
	c.aliases[uri] = e
	e.aliases = append(e.aliases, uri)
	e.size += aliasSize(uri)
	c.used += aliasSize(uri)
	c.evict()
}

func aliasSize(uri string) int64 { return int64(len(uri)) + 64 }

// put keeps e under its key in place of what was there, reached by uri
// too, and evicts the least recently used pages over the budget.
func (c *Cache) put(e *entry, uri string) {
	if e.size > c.budget/maxPageShare {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	var aliases []string
	if old := c.pages[e.key]; old != nil {
		if old.gen > e.gen {
			return // a newer rendering got there first
		}
		aliases = old.aliases
		c.drop(old)
	}
	c.pages[e.key] = e
	e.elem = c.lru.PushFront(e)
	c.used += e.size
	for _, a := range aliases {
		c.alias(e, a) // counts each into e.size and c.used
	}
	c.alias(e, uri)
	c.evict()
}

// drop forgets e and its aliases.
func (c *Cache) drop(e *entry) {
	for _, a := range e.aliases {
		if c.aliases[a] == e {
			delete(c.aliases, a)
		}
	}
	delete(c.pages, e.key)
	c.lru.Remove(e.elem)
	c.used -= e.size
}

func (c *Cache) evict() {
	for c.used > c.budget && c.lru.Len() > 0 {
		c.drop(c.lru.Back().Value.(*entry))
	}
}

func remove(s []string, v string) []string {
	for i, x := range s {
		if x == v {
			return append(s[:i], s[i+1:]...)
		}
	}
	return s
}

// partNow is the per-response part for a response now: the one made
// within partReuse, or a new one.
func (c *Cache) partNow(ctx context.Context) string {
	now := c.now()
	if p := c.recent.Load(); p != nil && !now.Before(p.at) && now.Sub(p.at) < partReuse {
		return p.value
	}
	v, err := c.part(ctx)
	if err != nil {
		// The form then comes back asking to be sent again, which says
		// what to do; the page itself is still worth showing.
		return ""
	}
	c.recent.Store(&partValue{value: v, at: now})
	return v
}
