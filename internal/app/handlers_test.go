package app

import (
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/static"
)

func get(t *testing.T, h http.Handler, method, path string, header map[string]string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, path, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func parse(t *testing.T, res *http.Response) *goquery.Document {
	t.Helper()
	defer res.Body.Close()
	doc, err := goquery.NewDocumentFromReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestHomeRendersCopyFromDatabase(t *testing.T) {
	app, pool := seededApp(t)
	h := app.Handler()

	res := get(t, h, "GET", "/", nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET / = %d", res.StatusCode)
	}
	doc := parse(t, res)
	if got := doc.Find("html").AttrOr("lang", ""); got != "en" {
		t.Errorf("html lang = %q", got)
	}
	if got := doc.Find(`[data-testid=page-title]`).Text(); got != "Why support the social service workforce?" {
		t.Errorf("h1 = %q", got)
	}
	if n := doc.Find(`[data-testid=section-card]`).Length(); n != 6 {
		t.Errorf("section cards = %d, want 6", n)
	}
	if doc.Find(`a.skip-link[href="#main"]`).Length() != 1 || doc.Find(`main#main`).Length() != 1 {
		t.Error("skip link to #main missing")
	}
	var nav []string
	doc.Find(`nav[aria-label=Main] a`).Each(func(_ int, s *goquery.Selection) {
		nav = append(nav, s.Text()+"="+s.AttrOr("href", ""))
	})
	want := "Key messages=/key-messages Call to Action=/call-to-action Toolkit=/toolkit Resources=/resources SSWWeek=/sswweek Events=/events"
	if strings.Join(nav, " ") != want {
		t.Errorf("nav = %v", nav)
	}
	if doc.Find(`footer a[href*="SSWAlliance"]`).Length() == 0 {
		t.Error("footer has no social links")
	}

	// The copy comes from Postgres: change it there and the page follows.
	if _, err := pool.Exec(context.Background(), `UPDATE pages SET title = 'Changed in the database' WHERE slug = 'home'`); err != nil {
		t.Fatal(err)
	}
	doc = parse(t, get(t, h, "GET", "/", nil))
	if got := doc.Find(`[data-testid=page-title]`).Text(); got != "Changed in the database" {
		t.Errorf("after update h1 = %q", got)
	}
	if got := doc.Find("title").Text(); !strings.HasPrefix(got, "Changed in the database |") {
		t.Errorf("title = %q", got)
	}
}

// navSlugs are the sections in the main navigation.
var navSlugs = []string{"key-messages", "call-to-action", "toolkit", "resources", "sswweek", "events"}

func TestSectionPages(t *testing.T) {
	h := seededHandler(t)
	for _, slug := range navSlugs {
		t.Run(slug, func(t *testing.T) {
			res := get(t, h, "GET", "/"+slug, nil)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status %d", res.StatusCode)
			}
			doc := parse(t, res)
			if doc.Find(`[data-testid=page-title]`).Text() == "" {
				t.Error("no title")
			}
			cur := doc.Find(`nav a[aria-current=page]`)
			if cur.Length() != 1 || cur.AttrOr("href", "") != "/"+slug {
				t.Errorf("current nav item = %v", cur.AttrOr("href", "none"))
			}
		})
	}
}

func TestSecurityHeaders(t *testing.T) {
	app, _ := seededApp(t)
	h := app.Handler()
	nonceRE := regexp.MustCompile(`'nonce-([A-Za-z0-9+/=]{20,})'`)
	var nonces []string
	for _, path := range []string{"/", "/admin/login", "/admin/login"} {
		res := get(t, h, "GET", path, nil)
		csp := res.Header.Get("Content-Security-Policy")
		m := nonceRE.FindStringSubmatch(csp)
		switch {
		case path == "/" && m != nil:
			// A page kept for every visitor has no script of its own, so
			// its policy names no nonce (one would be the same for all).
			t.Errorf("a kept page's CSP has a nonce: %q", csp)
		case path == "/":
		case m == nil:
			t.Fatalf("CSP without nonce: %q", csp)
		default:
			nonces = append(nonces, m[1])
		}
		for _, want := range []string{"default-src 'none'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("CSP lacks %q", want)
			}
		}
		if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
			t.Errorf("CSP allows unsafe sources: %q", csp)
		}
		for k, v := range map[string]string{
			"X-Content-Type-Options": "nosniff",
			"Referrer-Policy":        "strict-origin-when-cross-origin",
		} {
			if got := res.Header.Get(k); got != v {
				t.Errorf("%s = %q, want %q", k, got, v)
			}
		}
		if !strings.Contains(res.Header.Get("Permissions-Policy"), "camera=()") {
			t.Errorf("Permissions-Policy = %q", res.Header.Get("Permissions-Policy"))
		}
		if res.Header.Get("Strict-Transport-Security") != "" {
			t.Error("HSTS sent over plain http")
		}
		if res.Header.Get("X-Request-Id") == "" && path != "/" { // a kept page's hit is not logged
			t.Error("no X-Request-Id")
		}
		if len(res.Cookies()) != 0 {
			t.Error("a public page set a cookie")
		}
	}
	if nonces[0] == nonces[1] {
		t.Error("CSP nonce repeated across requests")
	}

	https := mustNew(t, testConfig(t, map[string]string{"BASE_URL": "https://example.org"}), testLogger(t), app.pool)
	res := get(t, https.Handler(), "GET", "/", nil)
	if got := res.Header.Get("Strict-Transport-Security"); !strings.HasPrefix(got, "max-age=") {
		t.Errorf("HSTS under https = %q", got)
	}
}

func TestErrorPages(t *testing.T) {
	app, _ := seededApp(t)
	h := app.routes(func(r chi.Router) {
		r.Get("/test-panic", func(http.ResponseWriter, *http.Request) { panic("boom") })
		r.Post("/test-post", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "posted") })
	})
	tests := []struct {
		name, method, path string
		header             map[string]string
		status             int
		title              string
	}{
		{"not found", "GET", "/no-such-page", nil, 404, "Page not found"},
		{"unknown static", "GET", "/static/css/site.0000000000000000.css", nil, 404, "Page not found"},
		{"method not allowed", "DELETE", "/", nil, 405, "Method not allowed"},
		{"panic", "GET", "/test-panic", nil, 500, "Something went wrong"},
		{"cross-site post", "POST", "/test-post", map[string]string{"Sec-Fetch-Site": "cross-site"}, 403, "Request refused"},
		{"cross-origin post", "POST", "/test-post", map[string]string{"Origin": "https://evil.example"}, 403, "Request refused"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := get(t, h, tt.method, tt.path, tt.header)
			if res.StatusCode != tt.status {
				t.Fatalf("status = %d, want %d", res.StatusCode, tt.status)
			}
			if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
				t.Errorf("Content-Type = %q", ct)
			}
			doc := parse(t, res)
			if doc.Find(`[data-testid=error-page]`).Length() != 1 {
				t.Fatal("not the styled error page")
			}
			if got := doc.Find(`[data-testid=page-title]`).Text(); got != tt.title {
				t.Errorf("title = %q, want %q", got, tt.title)
			}
			if strings.Contains(doc.Text(), "boom") {
				t.Error("panic value shown to the visitor")
			}
			if doc.Find(`link[rel=stylesheet]`).Length() != 1 {
				t.Error("error page not styled")
			}
		})
	}

	// Same-origin posts pass the cross-origin check, and so do posts from
	// BASE_URL's origin when a proxy has rewritten Host.
	for _, header := range []map[string]string{
		{"Sec-Fetch-Site": "same-origin"},
		{"Origin": "http://localhost:8080"},
	} {
		if res := get(t, h, "POST", "/test-post", header); res.StatusCode != 200 {
			t.Errorf("POST with %v = %d, want 200", header, res.StatusCode)
		}
	}
}

func TestDatabaseDown(t *testing.T) {
	// A pool that points at a server that is not there.
	cfg, err := pgxpool.ParseConfig("postgres://nobody@/nowhere?host=/nonexistent-socket-dir&connect_timeout=1")
	if err != nil {
		t.Fatal(err)
	}
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	h := mustNew(t, testConfig(t, nil), testLogger(t), pool).Handler()

	if res := get(t, h, "GET", "/readyz", nil); res.StatusCode != 503 {
		t.Errorf("/readyz = %d, want 503", res.StatusCode)
	}
	if res := get(t, h, "GET", "/healthz", nil); res.StatusCode != 200 {
		t.Errorf("/healthz = %d, want 200", res.StatusCode)
	}
	res := get(t, h, "GET", "/", nil)
	if res.StatusCode != 503 {
		t.Fatalf("GET / = %d, want 503", res.StatusCode)
	}
	doc := parse(t, res)
	if got := doc.Find(`[data-testid=page-title]`).Text(); got != "Temporarily unavailable" {
		t.Errorf("title = %q", got)
	}
}

func TestReady(t *testing.T) {
	app, _ := seededApp(t)
	res := get(t, app.Handler(), "GET", "/readyz", nil)
	if res.StatusCode != 200 {
		t.Errorf("/readyz = %d", res.StatusCode)
	}
	res = get(t, app.Handler(), "HEAD", "/robots.txt", nil)
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/plain") {
		t.Errorf("HEAD /robots.txt = %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
}

func TestStaticFiles(t *testing.T) {
	h := seededHandler(t)
	url := static.Path("css/site.css")
	if !regexp.MustCompile(`^/static/css/site\.[0-9a-f]{16}\.css$`).MatchString(url) {
		t.Fatalf("static URL %q has no content hash", url)
	}
	res := get(t, h, "GET", url, nil)
	if res.StatusCode != 200 {
		t.Fatalf("GET %s = %d", url, res.StatusCode)
	}
	if got := res.Header.Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
		t.Errorf("Cache-Control = %q", got)
	}
	if got := res.Header.Get("Content-Type"); !strings.HasPrefix(got, "text/css") {
		t.Errorf("Content-Type = %q", got)
	}
	etag := res.Header.Get("ETag")
	if etag == "" {
		t.Fatal("no ETag")
	}
	res = get(t, h, "GET", url, map[string]string{"If-None-Match": etag})
	if res.StatusCode != http.StatusNotModified {
		t.Errorf("conditional GET = %d, want 304", res.StatusCode)
	}
	// Text is compressed for clients that accept it.
	res = get(t, h, "GET", url, map[string]string{"Accept-Encoding": "gzip"})
	if res.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("Content-Encoding = %q", res.Header.Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(zr)
	if !strings.Contains(string(body), "--primary") {
		t.Error("gzipped CSS does not decode to the stylesheet")
	}
	// The unhashed name is not served.
	if res := get(t, h, "GET", "/static/css/site.css", nil); res.StatusCode != 404 {
		t.Errorf("unhashed URL = %d, want 404", res.StatusCode)
	}
}

func TestGracefulShutdownFinishesInFlightRequests(t *testing.T) {
	app, _ := seededApp(t)
	started := make(chan struct{})
	h := app.routes(func(r chi.Router) {
		r.Get("/test-slow", func(w http.ResponseWriter, r *http.Request) {
			close(started)
			time.Sleep(700 * time.Millisecond)
			io.WriteString(w, "finished")
		})
	})
	srv := httptest.NewUnstartedServer(nil) // only for its loopback listener
	ln := srv.Listener
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- web.Serve(ctx, ln, h, testLogger(t)) }()

	var wg sync.WaitGroup
	var body string
	var reqErr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		res, err := http.Get("http://" + ln.Addr().String() + "/test-slow")
		if err != nil {
			reqErr = err
			return
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		body = string(b)
	}()
	<-started
	cancel() // what SIGTERM does in main
	start := time.Now()
	if err := <-served; err != nil {
		t.Fatalf("web.Serve returned %v", err)
	}
	wg.Wait()
	if reqErr != nil || body != "finished" {
		t.Fatalf("in-flight request: body %q, err %v", body, reqErr)
	}
	if time.Since(start) < 300*time.Millisecond {
		t.Error("web.Serve returned before the in-flight request finished")
	}
	if _, err := http.Get("http://" + ln.Addr().String() + "/healthz"); err == nil {
		t.Error("server still accepting connections after shutdown")
	}
}

func TestNotFoundFromStore(t *testing.T) {
	app, pool := seededApp(t)
	if _, err := pool.Exec(context.Background(), `DELETE FROM pages WHERE slug = 'toolkit'`); err != nil {
		t.Fatal(err)
	}
	if _, err := app.store.Page(context.Background(), "toolkit", "en"); err == nil || !strings.Contains(err.Error(), store.ErrNotFound.Error()) {
		t.Fatalf("store error = %v", err)
	}
	if res := get(t, app.Handler(), "GET", "/toolkit", nil); res.StatusCode != 404 {
		t.Errorf("GET /toolkit without content = %d, want 404", res.StatusCode)
	}
}
