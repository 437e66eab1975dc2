package app

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/content/editing"
	"github.com/sswalliance/advocacy/internal/db"
	"github.com/sswalliance/advocacy/internal/localpg"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
)

// stampValue matches the value of a form's stamp: the part of a page made
// for each response.
var stampValue = regexp.MustCompile(`(name="started"[^>]*value=")[^"]*"`)

// masked is a page with its per-response parts replaced.
func masked(page string) string { return stampValue.ReplaceAllString(page, `${1}STAMP"`) }

// cacheSite is an instance of the site with its page cache on, listening
// for changes, beside a fresh renderer over the same database (the cache
// off), and the instance changes are made through.
type cacheSite struct {
	app   *App // the instance whose cache is tested
	srv   *httptest.Server
	fresh http.Handler // the same site with its cache off
	other *App         // another instance, which makes the changes
	pool  *pgxpool.Pool
	by    store.Actor
}

func newCacheSite(t *testing.T) cacheSite {
	t.Helper()
	app, pool := seededApp(t)
	srv := serveWithJobs(t, app)
	waitListening(t, app)
	off := testConfig(t, map[string]string{"PAGE_CACHE_MB": "0"})
	u, err := store.New(pool).CreateUser(context.Background(), "cache@example.org", "Cache Tester", "admin", "x")
	if err != nil {
		t.Fatal(err)
	}
	fresh := mustNew(t, off, testLogger(t), pool)
	*fresh.cfg.BaseURL = *app.cfg.BaseURL
	return cacheSite{app: app, srv: srv, fresh: fresh.Handler(),
		other: mustNew(t, testConfig(t, nil), testLogger(t), pool), pool: pool,
		by: store.Actor{ID: &u.ID, Name: u.Name, IP: "192.0.2.9"}}
}

// waitListening waits until app's cache hears the database's changes.
func waitListening(t *testing.T, app *App) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !app.pages.Listening(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the page cache never started listening for changes")
		}
	}
}

// page is the page at path from the tested instance, as a browser asks.
func (s cacheSite) page(t *testing.T, path string) string {
	t.Helper()
	req, _ := http.NewRequest("GET", s.srv.URL+path, nil)
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", path, res.StatusCode)
	}
	return string(b)
}

// freshPage is the page at path rendered now, without the cache.
func (s cacheSite) freshPage(t *testing.T, path string) string {
	t.Helper()
	res := get(t, s.fresh, "GET", path, nil)
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("fresh GET %s: %d", path, res.StatusCode)
	}
	return string(b)
}

// kept asks for path until the cache serves it (a change made just
// before may still be on its way, making the first rendering stale).
func (s cacheSite) kept(t *testing.T, path string) string {
	t.Helper()
	s.page(t, path)
	for deadline := time.Now().Add(2 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		hits := s.app.pages.Stats().Hits
		page := s.page(t, path)
		if s.app.pages.Stats().Hits > hits {
			return page
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s was never served from the cache", path)
		}
	}
}

// freshWithin fails unless the tested instance's page at path is the
// fresh render within a second.
func (s cacheSite) freshWithin(t *testing.T, path string) string {
	t.Helper()
	deadline := time.Now().Add(time.Second)
	for {
		want := masked(s.freshPage(t, path))
		got := masked(s.page(t, path))
		if got == want {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s still differs from a fresh render a second after the change:\n%s", path, firstDifference(got, want))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func firstDifference(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return fmt.Sprintf("kept:  …%s…\nfresh: …%s…", a[from:min(len(a), i+120)], b[from:min(len(b), i+120)])
}

// Every kind of change another instance makes is on this instance's kept
// pages within a second: the notification from the database is all this
// instance hears of it.
func TestEveryKindOfChangeMakesKeptPagesStale(t *testing.T) {
	ctx := context.Background()
	edit := func(t *testing.T, s cacheSite, k *content.Kind, key string, change func(content.Doc), action editing.Action, at string) {
		t.Helper()
		it, err := content.Get(ctx, s.pool, k, key)
		if err != nil {
			t.Fatal(err)
		}
		d := it.Current().Clone()
		change(d)
		if _, problems, err := s.other.editor.Save(ctx, editing.Change{Item: it, Version: it.Version, Doc: d, Action: action, PublishAt: at, By: s.by}); err != nil || !problems.OK() {
			t.Fatalf("save %s %s: %v %v", k.Name, key, problems, err)
		}
	}
	item := func(t *testing.T, s cacheSite, k *content.Kind, key string) content.Item {
		it, err := content.Get(ctx, s.pool, k, key)
		if err != nil {
			t.Fatal(err)
		}
		return it
	}
	approved := func(t *testing.T, s cacheSite, name string) int64 {
		return addSignatory(t, s.app.store, store.StatusApproved, name, "https://"+strings.ToLower(strings.ReplaceAll(name, " ", ""))+".example.org", "someone@example.org")
	}
	cases := []struct {
		name string
		path string
		// before sets up what the change needs, before the page is kept.
		before func(t *testing.T, s cacheSite) any
		change func(t *testing.T, s cacheSite, v any)
		// same is set when the change leaves the page as it was.
		same bool
	}{
		{name: "publish", path: "/call-to-action", change: func(t *testing.T, s cacheSite, _ any) {
			edit(t, s, content.PageKind, "call-to-action", func(d content.Doc) { d["intro.en"] = "Published a moment ago." }, editing.Publish, "")
		}},
		{name: "scheduled publish", path: "/es/call-to-action", before: func(t *testing.T, s cacheSite) any {
			at := time.Now().UTC().Add(time.Hour)
			edit(t, s, content.PageKind, "call-to-action", func(d content.Doc) { d["intro.es"] = "Publicado a su hora." }, editing.Schedule, at.Format(content.DateTimeLayout))
			return nil
		}, change: func(t *testing.T, s cacheSite, _ any) {
			s.other.site.Now = func() time.Time { return time.Now().Add(2 * time.Hour) }
			if n, err := s.other.PublishDue(ctx); err != nil || n != 1 {
				t.Fatalf("publish due: %d, %v", n, err)
			}
		}},
		{name: "restore", path: "/call-to-action", before: func(t *testing.T, s cacheSite) any {
			edit(t, s, content.PageKind, "call-to-action", func(d content.Doc) { d["intro.en"] = "To be undone." }, editing.Publish, "")
			revs, err := content.Revisions(ctx, s.pool, content.PageKind, "call-to-action")
			if err != nil || len(revs) < 2 {
				t.Fatalf("revisions %v %v", revs, err)
			}
			return revs[len(revs)-1].ID // the oldest: the demo's own
		}, change: func(t *testing.T, s cacheSite, v any) {
			it := item(t, s, content.PageKind, "call-to-action")
			if _, err := s.other.editor.Restore(ctx, it, it.Version, v.(int64), s.by); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "delete", path: "/blog", change: func(t *testing.T, s cacheSite, _ any) {
			var key string
			if err := s.pool.QueryRow(ctx, `SELECT slug FROM blog_posts ORDER BY published_at DESC LIMIT 1`).Scan(&key); err != nil {
				t.Fatal(err)
			}
			it := item(t, s, content.BlogPostKind, key)
			if problems, err := s.other.editor.Delete(ctx, it, it.Version, s.by); err != nil || !problems.OK() {
				t.Fatalf("delete: %v %v", problems, err)
			}
		}},
		{name: "reorder", path: "/key-messages", change: func(t *testing.T, s cacheSite, _ any) {
			var key string
			if err := s.pool.QueryRow(ctx, `SELECT slug FROM audiences ORDER BY position LIMIT 1`).Scan(&key); err != nil {
				t.Fatal(err)
			}
			if err := s.other.editor.Move(ctx, item(t, s, content.AudienceKind, key), 1, s.by); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "menu entry", path: "/es/toolkit", change: func(t *testing.T, s cacheSite, _ any) {
			edit(t, s, content.MenuEntryKind, menuEntryKey(t, s.pool, "/toolkit"), func(d content.Doc) { d["label.es"] = "Caja de herramientas" }, editing.Publish, "")
		}},
		{name: "menu reorder", path: "/", change: func(t *testing.T, s cacheSite, _ any) {
			if err := s.other.editor.Move(ctx, item(t, s, content.MenuEntryKind, menuEntryKey(t, s.pool, "/events")), -1, s.by); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "approve", path: "/call-to-action/signatories", before: func(t *testing.T, s cacheSite) any {
			return addSignatory(t, s.app.store, store.StatusAwaitingReview, "Waiting Org", "https://waiting.example.org", "w@waiting.example.org")
		}, change: func(t *testing.T, s cacheSite, v any) {
			if _, err := s.other.signing.Approve(ctx, v.(int64), s.by); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "goal", path: "/es/call-to-action", change: func(t *testing.T, s cacheSite, _ any) {
			edit(t, s, content.CallToActionKind, content.CallToActionKey, func(d content.Doc) { d["goal"] = "3" }, editing.Publish, "")
		}},
		{name: "approve to the goal", path: "/call-to-action", before: func(t *testing.T, s cacheSite) any {
			return addSignatory(t, s.app.store, store.StatusAwaitingReview, "Third Org", "https://third.example.org", "t@third.example.org")
		}, change: func(t *testing.T, s cacheSite, v any) {
			if _, err := s.pool.Exec(ctx, `UPDATE call_to_action SET goal = 3`); err != nil {
				t.Fatal(err)
			}
			s.kept(t, "/call-to-action") // kept with the new goal, before the approval
			if _, err := s.other.signing.Approve(ctx, v.(int64), s.by); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "hide", path: "/call-to-action", before: func(t *testing.T, s cacheSite) any {
			return approved(t, s, "Hidden Soon")
		}, change: func(t *testing.T, s cacheSite, v any) {
			if _, err := s.other.signing.Hide(ctx, v.(int64), s.by); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "withdraw", path: "/es/call-to-action/signatories", before: func(t *testing.T, s cacheSite) any {
			return approved(t, s, "Leaving Org")
		}, change: func(t *testing.T, s cacheSite, v any) {
			if _, err := s.other.signing.Withdraw(ctx, v.(int64), "192.0.2.10"); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "erasure", path: "/call-to-action/signatories", same: true, before: func(t *testing.T, s cacheSite) any {
			return approved(t, s, "Erased Contact Org")
		}, change: func(t *testing.T, s cacheSite, v any) {
			// The organisation stays on the wall; only its contact goes.
			if _, err := s.other.signing.Erase(ctx, v.(int64), s.by); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "new edition", path: "/sswweek", change: func(t *testing.T, s cacheSite, _ any) {
			d := item(t, s, content.EditionKind, "2018").Current().Clone()
			d["year"], d["ordinal"], d["starts_on"], d["ends_on"] = "2031", "18", "2031-03-03", "2031-03-07"
			d["theme.en"] = "A week still to come"
			if _, problems, err := s.other.editor.Save(ctx, editing.Change{Item: content.Item{Kind: content.EditionKind}, Doc: d, Action: editing.Publish, By: s.by}); err != nil || !problems.OK() {
				t.Fatalf("new edition: %v %v", problems, err)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newCacheSite(t)
			var v any
			if c.before != nil {
				v = c.before(t, s)
			}
			before := masked(s.kept(t, c.path))
			c.change(t, s, v)
			after := s.freshWithin(t, c.path)
			if (after == before) != c.same {
				t.Errorf("the change left the page the same: %v, want %v", after == before, c.same)
			}
			// And the new page is kept in turn.
			if got := masked(s.kept(t, c.path)); got != after {
				t.Errorf("the page kept after the change differs from the fresh render:\n%s", firstDifference(got, after))
			}
		})
	}
}

// A page from the cache is the fresh render byte for byte, apart from its
// stamp, in every encoding, and its stamp is new for each response and
// passes the sign-up form's checks.
func TestKeptPagesAreTheFreshRenderApartFromTheStamp(t *testing.T) {
	s := newCacheSite(t)
	paths := []string{"/", "/es/", "/call-to-action", "/toolkit", "/sswweek/2018", "/es/sswweek/2018", "/key-messages/donors",
		"/resources", "/resources?q=workforce", "/events", "/blog", "/sitemap.xml", "/feed.xml", "/es/events.ics", "/es/sswweek/2018.ics"}
	for _, path := range paths {
		want := s.freshPage(t, path)
		first := s.kept(t, path)
		if masked(first) != masked(want) {
			t.Errorf("%s from the cache differs from a fresh render:\n%s", path, firstDifference(masked(first), masked(want)))
		}
		for _, enc := range []string{"gzip", "br", "gzip;q=0, br;q=0"} {
			req, _ := http.NewRequest("GET", s.srv.URL+path, nil)
			req.Header.Set("Accept-Encoding", enc)
			res, err := http.DefaultTransport.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			raw, _ := io.ReadAll(res.Body)
			res.Body.Close()
			var r io.Reader = bytes.NewReader(raw)
			switch got := res.Header.Get("Content-Encoding"); {
			case strings.HasPrefix(enc, "gzip;q=0"):
				if got != "" {
					t.Errorf("%s: encoded %q for %q", path, got, enc)
				}
			case got != enc:
				t.Errorf("%s: encoded %q for %q", path, got, enc)
			case enc == "gzip":
				zr, err := gzip.NewReader(r)
				if err != nil {
					t.Fatal(err)
				}
				r = zr
			case enc == "br":
				r = brotli.NewReader(r)
			}
			page, err := io.ReadAll(r)
			if err != nil {
				t.Fatalf("%s in %s: %v", path, enc, err)
			}
			if masked(string(page)) != masked(want) {
				t.Errorf("%s in %s differs from a fresh render", path, enc)
			}
			if res.Header.Get("Content-Length") != strconv.Itoa(len(raw)) || res.Header.Get("Vary") != "Accept-Encoding" {
				t.Errorf("%s in %s: Content-Length %q for %d bytes, Vary %q", path, enc, res.Header.Get("Content-Length"), len(raw), res.Header.Get("Vary"))
			}
		}
	}

	// The stamp is made for the response, and the form takes it.
	stamps := stampValue.FindAllStringSubmatch(s.kept(t, "/"), -1)
	if len(stamps) != 1 {
		t.Fatalf("the home page has %d stamps", len(stamps))
	}
	time.Sleep(150 * time.Millisecond)
	later := stampValue.FindStringSubmatch(s.kept(t, "/"))
	if later == nil || later[0] == stamps[0][0] {
		t.Errorf("the stamp was not made again: %q then %q", stamps[0][0], later)
	}
}

// A kept page has a strong ETag, a 304 answers a matching If-None-Match,
// and a changed page has a new ETag.
func TestKeptPagesAnswerConditionalRequests(t *testing.T) {
	s := newCacheSite(t)
	s.kept(t, "/toolkit")
	ask := func(header map[string]string) *http.Response {
		req, _ := http.NewRequest("GET", s.srv.URL+"/toolkit", nil)
		for k, v := range header {
			req.Header.Set(k, v)
		}
		res, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return res
	}
	res := ask(map[string]string{"Accept-Encoding": "gzip"})
	tag := res.Header.Get("ETag")
	if !regexp.MustCompile(`^"[A-Za-z0-9_-]+"$`).MatchString(tag) || !strings.Contains(res.Header.Get("Cache-Control"), "stale-if-error") {
		t.Fatalf("ETag %q, Cache-Control %q", tag, res.Header.Get("Cache-Control"))
	}
	for _, inm := range []string{tag, "W/" + tag, `"other", ` + tag, "*"} {
		if res := ask(map[string]string{"Accept-Encoding": "gzip", "If-None-Match": inm}); res.StatusCode != http.StatusNotModified || res.Header.Get("ETag") != tag {
			t.Errorf("If-None-Match %s: %d, ETag %q", inm, res.StatusCode, res.Header.Get("ETag"))
		}
	}
	if res := ask(map[string]string{"If-None-Match": `"something-else"`}); res.StatusCode != http.StatusOK {
		t.Errorf("a different ETag: %d", res.StatusCode)
	}
	s.other.pages.Changed() // another instance's cache: this one must hear it from the database
	it, _ := content.Get(context.Background(), s.pool, content.PageKind, "toolkit")
	d := it.Current().Clone()
	d["intro.en"] = "A new introduction to the toolkit."
	if _, problems, err := s.other.editor.Save(context.Background(), editing.Change{Item: it, Version: it.Version, Doc: d, Action: editing.Publish, By: s.by}); err != nil || !problems.OK() {
		t.Fatalf("%v %v", problems, err)
	}
	s.freshWithin(t, "/toolkit")
	if res := ask(map[string]string{"Accept-Encoding": "gzip", "If-None-Match": tag}); res.StatusCode != http.StatusOK || res.Header.Get("ETag") == tag {
		t.Errorf("after a change: %d, ETag %q", res.StatusCode, res.Header.Get("ETag"))
	}
}

// While Postgres is down, the pages kept still answer 200 as they were;
// readiness says 503, and a page never kept gets the styled 503 page.
// Once Postgres is back, pages are rendered afresh again.
func TestKeptPagesAnswerWhilePostgresIsDown(t *testing.T) {
	ctx := context.Background()
	cluster, dsn := privateCluster(t)
	pool, err := db.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	app := mustNew(t, testConfig(t, nil), testLogger(t), pool)
	s := cacheSite{app: app, srv: serveWithJobs(t, app)}
	waitListening(t, app)
	paths := []string{"/", "/es/call-to-action", "/resources?q=workforce", "/sswweek/2018"}
	kept := map[string]string{}
	for _, p := range paths {
		kept[p] = masked(s.kept(t, p))
	}
	if err := cluster.Stop(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Second); app.pages.Listening(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the cache did not notice the database went away")
		}
	}
	ask := func(path string) (*http.Response, string) {
		res, err := http.Get(s.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res, string(b)
	}
	for _, p := range paths {
		res, page := ask(p)
		if res.StatusCode != http.StatusOK || masked(page) != kept[p] {
			t.Errorf("%s with the database down: %d, the page kept: %v", p, res.StatusCode, masked(page) == kept[p])
		}
		if stamps := stampValue.FindAllStringSubmatch(page, -1); len(stamps) == 0 || strings.Contains(stamps[0][0], `value=""`) {
			t.Errorf("%s with the database down has no stamp: %v", p, stamps)
		}
	}
	if res, _ := ask("/readyz"); res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("/readyz with the database down: %d", res.StatusCode)
	}
	res, page := ask("/blog")
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" || !strings.Contains(page, `class="site-header"`) {
		t.Errorf("a page never kept, with the database down: %d, Retry-After %q", res.StatusCode, res.Header.Get("Retry-After"))
	}
	if app.pages.Stats().Stale == 0 {
		t.Error("no stale page counted")
	}

	if err := cluster.Restart(ctx, localpg.Fast); err != nil {
		t.Fatal(err)
	}
	waitListening(t, app)
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if res, _ := ask("/blog"); res.StatusCode == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("/blog did not come back with the database")
		}
	}
	s.kept(t, "/blog")
}

// What is not the same for every visitor is never kept: the staff area,
// a form sent back with its problems, a page asked for with a staff
// session, the editor's preview, error pages, and the pages of a
// visitor's own link.
func TestPagesThatAreNeverKept(t *testing.T) {
	app, pool := seededApp(t)
	srv := serveWithJobs(t, app)
	waitListening(t, app)
	password := addStaff(t, pool, "keeper@example.org", "admin")
	staff := signIn(t, srv.URL, "keeper@example.org", password)
	visitor := client(t, srv.URL)
	pages := func() int64 { return app.pages.Stats().Pages }
	check := func(what string, c *http.Client, method, path string, form url.Values) {
		t.Helper()
		before := pages()
		var res *http.Response
		for range 2 {
			if method == "POST" {
				res = postForm(t, c, srv.URL+path, form)
			} else {
				var err error
				if res, err = c.Get(srv.URL + path); err != nil {
					t.Fatal(err)
				}
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
		}
		if pages() != before || res.Header.Get("ETag") != "" {
			t.Errorf("%s (%s %s, %d) was kept: %d pages before, %d after, ETag %q", what, method, path, res.StatusCode, before, pages(), res.Header.Get("ETag"))
		}
	}
	check("the staff area", staff, "GET", "/admin/", nil)
	check("the sign-in page", visitor, "GET", "/admin/login", nil)
	// The staff cookie is for /admin only; a request that sends it to a
	// public page anyway is answered afresh.
	req, _ := http.NewRequest("GET", srv.URL+"/call-to-action", nil)
	req.Header.Set("Cookie", web.StaffCookie+"=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG")
	for range 2 {
		before := pages()
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if pages() != before || res.Header.Get("ETag") != "" {
			t.Errorf("a public page asked for with a staff session cookie was kept or served kept")
		}
	}
	check("the preview", staff, "GET", "/admin/content/page/call-to-action/preview", nil)
	check("a form sent back", visitor, "POST", "/sswweek/subscribe", url.Values{"email": {"not an address"}})
	check("the sign form", visitor, "GET", "/call-to-action/sign", nil)
	check("the sign-up form", visitor, "GET", "/es/sswweek/subscribe", nil)
	check("a page not found", visitor, "GET", "/blog/no-such-post", nil)
	check("a bad search", visitor, "GET", "/resources?type=no-such-type", nil)
	check("a confirmation link", visitor, "GET", "/call-to-action/confirm/abcdefabcdefabcdefabcdef", nil)

	// And a page kept is kept once, whatever parameters it does not read.
	before := pages()
	for _, p := range []string{"/toolkit", "/toolkit?utm_source=newsletter", "/toolkit?utm_source=x&utm_medium=y"} {
		res, err := visitor.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}
	if got := pages(); got != before+1 {
		t.Errorf("/toolkit with three sets of parameters it does not read: %d pages kept, want 1", got-before)
	}
}

// The cache holds every page of the demo site in both languages well
// within its default budget, and never more than its budget under a
// crawl of distinct searches, many more than fit (package pagecache's
// own test crawls 10,000).
func TestTheCacheStaysWithinItsBudget(t *testing.T) {
	app, _ := seededApp(t)
	srv := serveWithJobs(t, app)
	waitListening(t, app)
	paths := allPagePaths(t, app)
	for _, p := range paths {
		res, err := http.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}
	st := app.pages.Stats()
	t.Logf("every page of the demo site in both languages (%d addresses): %d pages kept in %d KiB", len(paths), st.Pages, st.Bytes>>10)
	if st.Pages < int64(len(paths))/2 || st.Bytes > st.Budget {
		t.Errorf("%d pages in %d bytes for %d addresses, budget %d", st.Pages, st.Bytes, len(paths), st.Budget)
	}

	small := testConfig(t, map[string]string{"PAGE_CACHE_MB": "2"})
	app2 := mustNew(t, small, testLogger(t), app.pool)
	srv2 := serveWithJobs(t, app2)
	waitListening(t, app2)
	tr := &http.Transport{MaxIdleConnsPerHost: 8}
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr}
	var wg sync.WaitGroup
	next := make(chan int)
	for range 8 {
		wg.Go(func() {
			for i := range next {
				res, err := c.Get(srv2.URL + "/resources?q=search" + strconv.Itoa(i))
				if err != nil {
					t.Error(err)
					return
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
			}
		})
	}
	peak := int64(0)
	for i := range 400 {
		next <- i
		if i%100 == 0 {
			peak = max(peak, app2.pages.Stats().Bytes)
		}
	}
	close(next)
	wg.Wait()
	st = app2.pages.Stats()
	t.Logf("400 searches with a 2 MiB budget: %d pages kept in %d KiB at the end, %d KiB at most", st.Pages, st.Bytes>>10, peak>>10)
	if st.Bytes > st.Budget || peak > st.Budget || st.Pages < 10 {
		t.Errorf("%d pages in %d bytes (peak %d), budget %d", st.Pages, st.Bytes, peak, st.Budget)
	}
}
