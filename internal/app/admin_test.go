package app

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/auth"
	"github.com/sswalliance/advocacy/internal/store"
)

// addStaff creates a staff account and returns its password.
func addStaff(t testing.TB, pool *pgxpool.Pool, email, role string) string {
	t.Helper()
	password := auth.GeneratePassword()
	hash, err := auth.Hash(password)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.New(pool).CreateUser(context.Background(), email, "Staff "+role, role, hash); err != nil {
		t.Fatal(err)
	}
	return password
}

// client is a cookie-keeping HTTP client that does not follow redirects
// and sends the site's own Origin (as a browser posting a form would).
func client(t testing.TB, base string) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Transport: originTransport{base}}
}

type originTransport struct{ origin string }

func (o originTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Method == http.MethodPost && r.Header.Get("Origin") == "" {
		r.Header.Set("Origin", o.origin)
	}
	return http.DefaultTransport.RoundTrip(r)
}

func postForm(t testing.TB, c *http.Client, u string, form url.Values) *http.Response {
	t.Helper()
	res, err := c.PostForm(u, form)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Body.Close() })
	return res
}

func signIn(t testing.TB, base, email, password string) *http.Client {
	t.Helper()
	c := client(t, base)
	res := postForm(t, c, base+"/admin/login", url.Values{"email": {email}, "password": {password}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in as %s: %s", email, res.Status)
	}
	return c
}

func TestSignInRedirectsBackAndOnlyWithinTheSite(t *testing.T) {
	app, pool := seededApp(t)
	srv := httptest.NewServer(app.Handler())
	defer srv.Close()
	password := addStaff(t, pool, "admin@example.org", "admin")
	for next, want := range map[string]string{
		"/admin/content/page":   "/admin/content/page",
		"https://evil.example/": "/admin",
		"//evil.example/admin":  "/admin",
		"/admin/../../etc":      "/admin",
		"/\\evil.example":       "/admin",
	} {
		c := client(t, srv.URL)
		res := postForm(t, c, srv.URL+"/admin/login", url.Values{"email": {"ADMIN@example.org"}, "password": {password}, "next": {next}})
		if got := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || got != want {
			t.Errorf("next=%q: %s to %q, want %q", next, res.Status, got, want)
		}
		cookie := res.Header.Get("Set-Cookie")
		if !strings.Contains(cookie, "HttpOnly") || !strings.Contains(cookie, "SameSite=Lax") || !strings.Contains(cookie, "Path=/admin") {
			t.Errorf("session cookie %q", cookie)
		}
	}
	// Public pages never set a cookie, signed in or not.
	c := signIn(t, srv.URL, "admin@example.org", password)
	res, err := c.Get(srv.URL + "/call-to-action")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.Header.Get("Set-Cookie") != "" {
		t.Errorf("public page set a cookie: %s", res.Header.Get("Set-Cookie"))
	}
	// Sign-out is a POST, and the old session no longer works.
	postForm(t, c, srv.URL+"/admin/logout", nil)
	res, _ = c.Get(srv.URL + "/admin")
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("after sign-out /admin: %s", res.Status)
	}
}

func TestCrossOriginPostRefused(t *testing.T) {
	app, pool := seededApp(t)
	srv := httptest.NewServer(app.Handler())
	defer srv.Close()
	c := signIn(t, srv.URL, "admin@example.org", addStaff(t, pool, "admin@example.org", "admin"))
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/admin/content/page/call-to-action",
		strings.NewReader(url.Values{"action": {"publish"}, "title.en": {"Hacked"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden {
		t.Fatalf("cross-origin POST: %s, want 403", res.Status)
	}
	p, _ := store.New(pool).Page(context.Background(), "call-to-action", "en")
	if p.Title == "Hacked" {
		t.Fatal("cross-origin POST changed the page")
	}
}

func TestTenWrongPasswordsLockTheAccount(t *testing.T) {
	app, pool := seededApp(t)
	app.throttle.Delay = 0 // the slow-down is tested in internal/auth
	srv := httptest.NewServer(app.Handler())
	defer srv.Close()
	password := addStaff(t, pool, "admin@example.org", "admin")
	c := client(t, srv.URL)
	var last *http.Response
	for i := range 10 {
		last = postForm(t, c, srv.URL+"/admin/login", url.Values{"email": {"admin@example.org"}, "password": {"wrong" + string(rune('a'+i))}})
		if i < 9 && last.StatusCode != http.StatusUnauthorized {
			t.Fatalf("attempt %d: %s", i+1, last.Status)
		}
	}
	doc := parse(t, last)
	if msg := doc.Find("[data-testid=login-problem]").Text(); last.StatusCode != http.StatusTooManyRequests || !strings.Contains(msg, "Try again") || !strings.Contains(msg, "UTC") {
		t.Fatalf("10th attempt: %s %q", last.Status, msg)
	}
	// Now even the right password is refused, with the same message.
	res := postForm(t, c, srv.URL+"/admin/login", url.Values{"email": {"admin@example.org"}, "password": {password}})
	if res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("right password while locked: %s", res.Status)
	}
	events, err := store.New(pool).AuditLog(context.Background(), store.AuditFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, e := range events {
		counts[e.Action]++
	}
	if counts[store.ActionSignInFailed] != 11 || counts[store.ActionLockout] != 1 || counts[store.ActionSignIn] != 0 {
		t.Fatalf("audit: %v", counts)
	}
}

// multipartForm builds an edit form with a file as its last part.
func multipartForm(t testing.TB, fields url.Values, fileField, fileName string, data io.Reader) (*bytes.Buffer, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	fw, err := mw.CreateFormFile(fileField, fileName)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(fw, data); err != nil {
		t.Fatal(err)
	}
	mw.Close()
	return &buf, mw.FormDataContentType()
}

func TestUploadsRefusedWithoutSavingAnything(t *testing.T) {
	app, pool := seededApp(t)
	srv := httptest.NewServer(app.Handler())
	defer srv.Close()
	c := signIn(t, srv.URL, "admin@example.org", addStaff(t, pool, "admin@example.org", "admin"))
	ctx := context.Background()
	countFiles := func() (n int) {
		pool.QueryRow(ctx, `SELECT count(*) FROM files`).Scan(&n)
		return n
	}
	before := countFiles()
	fields := url.Values{"resource": {"call-to-action"}, "lang": {"en"}, "label": {"Kept label"}, "action": {"publish"}, "version": {"0"}}
	for name, tc := range map[string]struct {
		file string
		data io.Reader
		want string
	}{
		"60 MB":         {"big.pdf", io.MultiReader(strings.NewReader("%PDF-1.7\n"), io.LimitReader(zeros{}, 60<<20)), "larger than 50 MB"},
		"HTML as a PDF": {"report.pdf", strings.NewReader("<!DOCTYPE html><html><script>alert(1)</script></html>"), "not a PDF"},
	} {
		body, ct := multipartForm(t, fields, "file", tc.file, tc.data)
		res, err := c.Post(srv.URL+"/admin/content/resource-file/new", ct, body)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		doc := parse(t, res)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s: %s", name, res.Status)
		}
		if msg := doc.Find("#f-file-error").Text(); !strings.Contains(msg, tc.want) {
			t.Errorf("%s: message beside the file %q, want %q", name, msg, tc.want)
		}
		if got, _ := doc.Find("#f-label").Attr("value"); got != "Kept label" {
			t.Errorf("%s: label not kept: %q", name, got)
		}
	}
	if n := countFiles(); n != before {
		t.Fatalf("refused uploads stored %d files", n-before)
	}
	var items int
	pool.QueryRow(ctx, `SELECT count(*) FROM content_items`).Scan(&items)
	if items != 0 {
		t.Fatalf("refused uploads left %d drafts", items)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
