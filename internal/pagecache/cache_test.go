package pagecache

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// site is a cache over a handler rendering a search page of about 3 KB
// per query, and the count of renderings.
func site(budget int64) (*Cache, http.Handler, *int) {
	c := New(budget, func(context.Context) (string, error) { return "stamp", nil }, time.Now)
	listening(c)
	renders := 0
	page := func(w http.ResponseWriter, r *http.Request) {
		renders++
		m, _ := Marker(r.Context())
		q := r.URL.Query().Get("q")
		var b strings.Builder
		for i := range 40 {
			fmt.Fprintf(&b, "<p>Result %d for %s: social service workforce %d</p>\n", i, q, i*len(q))
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<html>%s<input value=\"%s\"></html>", b.String(), m)
	}
	return c, c.Handler(c.Page("q")(http.HandlerFunc(page))), &renders
}

func ask(h http.Handler, uri string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	r := httptest.NewRequest("GET", uri, nil)
	r.Header.Set("Accept-Encoding", "gzip, br")
	h.ServeHTTP(rec, r)
	return rec
}

// A crawl of 10,000 distinct searches never takes the cache past its
// budget, and the pages asked for often stay.
func TestACrawlStaysWithinTheBudget(t *testing.T) {
	c, h, _ := site(256 << 10)
	for i := range 10000 {
		ask(h, "/resources?q=crawl"+strconv.Itoa(i))
		ask(h, "/resources?q=popular") // asked for all the time: never evicted
		if i%50 == 0 {
			if st := c.Stats(); st.Bytes > st.Budget {
				t.Fatalf("after %d searches: %d bytes kept, budget %d", i, st.Bytes, st.Budget)
			}
		}
	}
	st := c.Stats()
	if st.Bytes > st.Budget || st.Pages < 10 || c.byKey("/resources?q=popular", "/resources?q=popular") == nil {
		t.Errorf("%+v; the popular page kept: %v", st, c.pages["/resources?q=popular"] != nil)
	}
	if st.Hits < 9999 {
		t.Errorf("the popular page was rendered again: %d hits", st.Hits)
	}
	t.Logf("%+v", st)
}

// A page is kept once under the parameters it reads, whatever others the
// request carries, and each way of asking is remembered, up to a bound.
func TestOnePagePerKeyWhateverTheOtherParameters(t *testing.T) {
	c, h, renders := site(64 << 20)
	for i := range 100 {
		ask(h, "/resources?q=x&utm_source="+strconv.Itoa(i))
	}
	if *renders != 1 || c.Stats().Pages != 1 {
		t.Errorf("%d renderings, %d pages", *renders, c.Stats().Pages)
	}
	if n := len(c.aliases); n != maxAliases {
		t.Errorf("%d ways of asking remembered, want %d", n, maxAliases)
	}
	// The handler never sees what it does not read.
	seen := ""
	h2 := c.Page("q")(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { seen = r.URL.RawQuery }))
	ask(h2, "/other?utm_source=a&q=b&zz=1")
	if seen != "q=b" {
		t.Errorf("the page saw %q", seen)
	}
}

// Changed makes every page stale; a page stops being served once the
// cache stops listening, and its day turning makes it stale too.
func TestStaleness(t *testing.T) {
	c, h, renders := site(64 << 20)
	now := time.Date(2026, 12, 2, 23, 59, 0, 0, time.UTC)
	c.now = func() time.Time { return now }
	ask(h, "/resources?q=a")
	ask(h, "/resources?q=a")
	if *renders != 1 {
		t.Fatalf("%d renderings", *renders)
	}
	c.Changed()
	ask(h, "/resources?q=a")
	if *renders != 2 {
		t.Errorf("after a change: %d renderings", *renders)
	}
	c.live.Store(false)
	ask(h, "/resources?q=a")
	if *renders != 3 {
		t.Errorf("not listening: %d renderings", *renders)
	}
	c.live.Store(true)
	ask(h, "/resources?q=a")       // the page rendered while not listening, still fresh
	now = now.Add(2 * time.Minute) // the next day
	ask(h, "/resources?q=a")
	if *renders != 4 {
		t.Errorf("across midnight: %d renderings", *renders)
	}
}

// The stamp is made at most every partReuse, and a failure to make it
// leaves the page served without one.
func TestThePartIsMadeAtMostEveryTenthOfASecond(t *testing.T) {
	made := 0
	now := time.Unix(1796191222, 0)
	c := New(1<<20, func(context.Context) (string, error) { made++; return strconv.Itoa(made), nil }, func() time.Time { return now })
	ctx := context.Background()
	first := c.partNow(ctx)
	if again := c.partNow(ctx); first != "1" || again != "1" {
		t.Errorf("the part was not reused: %q then %q", first, again)
	}
	now = now.Add(partReuse)
	if c.partNow(ctx) != "2" {
		t.Error("the part was not made again")
	}
	c.part = func(context.Context) (string, error) { return "", fmt.Errorf("no key") }
	now = now.Add(partReuse)
	if c.partNow(ctx) != "" {
		t.Error("a failed part")
	}
}

// The encodings a request accepts, q=0 included.
func TestAcceptEncoding(t *testing.T) {
	for ae, want := range map[string]int{
		"": identity, "gzip": gzipped, "gzip, deflate, br, zstd": brotlied, "br;q=0, gzip": gzipped,
		"gzip;q=0": identity, "GZIP": gzipped, "br;q=0.5": brotlied, "identity": identity, "br;q=x": identity,
		"deflate": identity, "x-gzip": gzipped, " gzip ; q=1 ": gzipped,
	} {
		if got := accepted([]string{ae}); got != want {
			t.Errorf("%q: %d, want %d", ae, got, want)
		}
	}
}

// Requests for a page being rendered wait for it: a change during a spike
// renders each page once, not once per request in flight.
func TestRequestsInFlightShareOneRendering(t *testing.T) {
	c := New(64<<20, func(context.Context) (string, error) { return "stamp", nil }, time.Now)
	listening(c)
	var renders atomic.Int32
	h := c.Handler(c.Page()(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		renders.Add(1)
		time.Sleep(100 * time.Millisecond)
		w.Write([]byte("<html>the page</html>"))
	})))
	var wg sync.WaitGroup
	for range 50 {
		wg.Go(func() {
			if rec := ask(h, "/"); rec.Code != http.StatusOK {
				t.Errorf("status %d", rec.Code)
			}
		})
	}
	wg.Wait()
	if n := renders.Load(); n != 1 {
		t.Errorf("50 requests at once rendered the page %d times", n)
	}
	// After a change, the rendering under way before it is not shared.
	c.Changed()
	ask(h, "/")
	if n := renders.Load(); n != 2 {
		t.Errorf("after a change: %d renderings", n)
	}
}

// listening makes c serve what it keeps as though its listening
// connection always answered.
func listening(c *Cache) {
	c.live.Store(true)
	c.heard.Store(math.MaxInt64 / 2)
}

// Re-rendering pages reached in many ways leaves the accounting exact:
// the bytes counted are the sizes of the pages kept.
func TestTheAccountingStaysExact(t *testing.T) {
	c, h, _ := site(1 << 20)
	for round := range 50 {
		for i := range 20 {
			ask(h, "/resources?q=x&utm_"+strconv.Itoa(i)+"="+strings.Repeat("a", 2000))
		}
		ask(h, "/resources?q=y"+strconv.Itoa(round))
		c.Changed()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	sum := int64(0)
	for _, e := range c.pages {
		sum += e.size
	}
	if sum != c.used {
		t.Errorf("%d bytes counted, the pages kept take %d", c.used, sum)
	}
	for a, e := range c.aliases {
		if c.pages[e.key] != e {
			t.Errorf("alias %.40s… points at a page no longer kept", a)
		}
	}
}

// A connection that stops answering stops the pages kept within a second.
func TestPagesStopWhenTheConnectionGoesQuiet(t *testing.T) {
	c, h, renders := site(1 << 20)
	c.live.Store(true)
	c.Heard()
	ask(h, "/resources?q=a")
	ask(h, "/resources?q=a")
	if *renders != 1 {
		t.Fatalf("%d renderings", *renders)
	}
	c.heard.Store(monotonic() - int64(heardWithin))
	ask(h, "/resources?q=a")
	if *renders != 2 {
		t.Errorf("a second of silence: %d renderings, want 2", *renders)
	}
}

// An image already compressed is kept once, as it is, and sent as it is
// whatever encodings the browser takes; an SVG is compressed like a page.
func TestImagesAreKeptAsTheyAre(t *testing.T) {
	c := New(64<<20, func(context.Context) (string, error) { return "stamp", nil }, time.Now)
	listening(c)
	png := strings.Repeat("\x89PNG not really, but as incompressible as one ", 200)
	renders := 0
	h := c.Handler(c.Page()(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		renders++
		if strings.HasSuffix(r.URL.Path, ".svg") {
			w.Header().Set("Content-Type", "image/svg+xml")
		} else {
			w.Header().Set("Content-Type", "image/png")
		}
		w.Write([]byte(png))
	})))
	for range 3 {
		rec := ask(h, "/card.png")
		if rec.Code != http.StatusOK || rec.Body.String() != png || rec.Header().Get("Content-Encoding") != "" ||
			rec.Header().Get("Content-Length") != strconv.Itoa(len(png)) {
			t.Fatalf("%d %v: the image was not sent as it is", rec.Code, rec.Header())
		}
	}
	if renders != 1 {
		t.Errorf("%d renderings, want 1", renders)
	}
	if st := c.Stats(); st.Bytes > int64(len(png))+4096 {
		t.Errorf("the image of %d bytes takes %d in the cache: kept in more than one form", len(png), st.Bytes)
	}
	for range 2 {
		if rec := ask(h, "/badge.svg"); rec.Header().Get("Content-Encoding") != "br" {
			t.Errorf("the SVG went out as %q, want br", rec.Header().Get("Content-Encoding"))
		}
	}
}
