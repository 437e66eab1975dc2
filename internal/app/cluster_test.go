package app

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/cluster"
	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/db"
	"github.com/sswalliance/advocacy/internal/dbtest"
	"github.com/sswalliance/advocacy/internal/mail/mailtest"
	"github.com/sswalliance/advocacy/internal/seed"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
)

// siteCluster is the site as it runs on two machines: two instances over
// one database, each with its own pool (as two processes have), serving on
// loopback ports with their background work running, and nginx in front
// of both, round robin, as the public address (their BASE_URL).
type siteCluster struct {
	a, b       *App
	aURL, bURL string // each instance directly
	lbURL      string // nginx
	// served counts the requests each instance (a, b) has answered.
	served [2]*atomic.Int64
	pool   *pgxpool.Pool
	mail   *mailtest.Server
}

// nginxBinary is the nginx the cluster tests run: $NGINX, or Debian's.
func nginxBinary(t *testing.T) string {
	t.Helper()
	bin := os.Getenv("NGINX")
	if bin == "" {
		bin = "/usr/sbin/nginx"
	}
	if fi, err := os.Stat(bin); err != nil || fi.IsDir() {
		t.Fatalf("nginx not found at %s: the two-instance test runs the site behind it. Install Debian's nginx-light (`make test` installs it: apt-get install nginx-light) or set NGINX to an nginx binary", bin)
	}
	return bin
}

func newSiteCluster(t *testing.T) siteCluster {
	t.Helper()
	bin := nginxBinary(t)
	ctx := context.Background()
	dbURL := dbtest.URL(t)
	openPool := func() *pgxpool.Pool {
		p, err := db.Open(ctx, dbURL)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(p.Close)
		return p
	}
	c := siteCluster{pool: openPool(), mail: mailtest.NewServer(t)}
	if err := seed.Load(ctx, store.New(c.pool), false); err != nil {
		t.Fatal(err)
	}

	// nginx's port is chosen first: it is the public origin both
	// instances are configured with.
	lbAddr := freeLoopbackAddr(t)
	c.lbURL = "http://" + lbAddr
	env := map[string]string{"BASE_URL": c.lbURL, "TRUSTED_PROXIES": "127.0.0.1", "SMTP_URL": c.mail.URL()}
	var servers []*httptest.Server
	for i, name := range []string{"a", "b"} {
		app := mustNew(t, testConfig(t, env), testLogger(t).With("instance", name), openPool())
		app.throttle.Delay = 0 // the slow-down is tested in internal/auth
		served, h := &atomic.Int64{}, app.Handler()
		c.served[i] = served
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			served.Add(1)
			h.ServeHTTP(w, r)
		}))
		t.Cleanup(srv.Close)
		bg, stop := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() { app.RunBackground(bg); close(done) }()
		t.Cleanup(func() { stop(); <-done })
		servers = append(servers, srv)
		if name == "a" {
			c.a, c.aURL = app, srv.URL
		} else {
			c.b, c.bURL = app, srv.URL
		}
	}
	startNginx(t, bin, lbAddr, servers[0].Listener.Addr().String(), servers[1].Listener.Addr().String())
	return c
}

// freeLoopbackAddr returns a loopback address with a port nothing listens
// on, for nginx (which cannot be handed a listener).
func freeLoopbackAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// startNginx runs nginx on listen in front of the two instances until the
// test ends, and waits until it answers.
func startNginx(t *testing.T, bin, listen, a, b string) {
	t.Helper()
	// Its own folder, reachable by nginx's workers (nobody, when the
	// test runs as root): t.TempDir's parents are private.
	dir, err := os.MkdirTemp("", "advocacy-nginx-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	conf := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(conf, cluster.NginxConf(dir, listen, a, b), 0o644); err != nil {
		t.Fatal(err)
	}
	log := &lockedBuffer{}
	cmd := exec.Command(bin, "-p", dir, "-c", conf, "-e", "stderr")
	// nginx reads NGINX as listening sockets handed over by an old master:
	// the variable naming this binary must not reach it.
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "NGINX=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		t.Fatalf("start nginx: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGQUIT) // graceful: requests in flight finish
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
		}
		if t.Failed() && log.String() != "" {
			t.Log("nginx log:\n" + log.String())
		}
	})
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		select {
		case err := <-exited:
			t.Fatalf("nginx stopped at start (%v):\n%s", err, log.String())
		default:
		}
		if res, err := http.Get("http://" + listen + "/healthz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("nginx did not answer on %s within 10 s:\n%s", listen, log.String())
		}
	}
}

// send makes one request to base+path from addr (an X-Forwarded-For the
// instances believe from 127.0.0.1; "" for none), with the cookies given
// and the site's Origin on a POST, and returns the response with its body
// read.
func send(t *testing.T, method, base, path, addr string, form url.Values, cookies []*http.Cookie) (*http.Response, string) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, base+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if method == http.MethodPost {
		req.Header.Set("Origin", base)
	}
	if addr != "" {
		req.Header.Set("X-Forwarded-For", addr)
	}
	for _, c := range cookies {
		req.AddCookie(c)
	}
	res, err := noRedirects.Do(req)
	if err != nil {
		t.Fatalf("%s %s%s: %v", method, base, path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("%s %s%s: %v", method, base, path, err)
	}
	return res, string(b)
}

var noRedirects = &http.Client{
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	Timeout:       30 * time.Second,
}

func docOf(t *testing.T, body string) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// staffCookies signs in on base and returns the session's cookies.
func staffCookies(t *testing.T, base, email, password string) []*http.Cookie {
	t.Helper()
	res, _ := send(t, http.MethodPost, base, "/admin/login", "", url.Values{"email": {email}, "password": {password}}, nil)
	if res.StatusCode != http.StatusSeeOther || len(res.Cookies()) == 0 {
		t.Fatalf("sign in on %s: %s with %d cookies", base, res.Status, len(res.Cookies()))
	}
	return res.Cookies()
}

// editFormValues is what a browser sends from the content editor's form
// as it stands: every field with its current value, buttons left out.
func editFormValues(doc *goquery.Document) url.Values {
	v := url.Values{}
	doc.Find(`[data-testid=edit-form]`).Find("input[name], textarea[name], select[name]").Each(func(_ int, s *goquery.Selection) {
		name := s.AttrOr("name", "")
		switch goquery.NodeName(s) {
		case "textarea":
			v.Add(name, s.Text())
		case "select":
			opt := s.Find("option[selected]")
			if opt.Length() == 0 {
				opt = s.Find("option").First()
			}
			v.Add(name, opt.AttrOr("value", opt.Text()))
		default:
			switch s.AttrOr("type", "text") {
			case "checkbox", "radio":
				if _, on := s.Attr("checked"); on {
					v.Add(name, s.AttrOr("value", "on"))
				}
			case "submit", "button", "file", "image", "reset":
			default:
				v.Add(name, s.AttrOr("value", ""))
			}
		}
	})
	return v
}

// introOf is the lead paragraph of a public page.
func introOf(t *testing.T, body string) string {
	t.Helper()
	return strings.TrimSpace(docOf(t, body).Find(`[data-testid=intro]`).First().Text())
}

// TestTwoInstancesBehindNginxActAsOneSite: two instances over one
// database, behind nginx, are one site to visitors and staff: what is
// published through one is on the other's pages within a second (even
// once the other has the page cached), a staff session made on one works
// on the other, limits are counted once for both, a scheduled change is
// published once, and each email is sent once.
func TestTwoInstancesBehindNginxActAsOneSite(t *testing.T) {
	c := newSiteCluster(t)
	ctx := context.Background()
	password := addStaff(t, c.pool, "admin@example.org", "admin")

	// A change scheduled before anything else, so that the chore (every
	// editing.SchedulerInterval, on whichever instance leads the job
	// queue) runs while the other checks do.
	const scheduledIntro = "Published at its time, by one of the two instances."
	toolkit, err := content.Get(ctx, c.pool, content.PageKind, "toolkit")
	if err != nil {
		t.Fatal(err)
	}
	d := toolkit.Current().Clone()
	d["intro.en"] = scheduledIntro
	v, err := content.SaveDraft(ctx, c.pool, content.PageKind, toolkit.Key, toolkit.Version, d, store.Actor{Name: "Tester"})
	if err != nil {
		t.Fatal(err)
	}
	due := time.Now().Add(-time.Minute)
	if _, err := content.Schedule(ctx, c.pool, content.PageKind, toolkit.Key, v, &due, store.Actor{Name: "Tester"}); err != nil {
		t.Fatal(err)
	}

	t.Run("nginx spreads visitors over both instances", func(t *testing.T) {
		// Seen from the instances' side: both answer requests made only
		// to nginx.
		before := [2]int64{c.served[0].Load(), c.served[1].Load()}
		for range 6 {
			if res, _ := send(t, http.MethodGet, c.lbURL, "/healthz", "", nil, nil); res.StatusCode != http.StatusOK {
				t.Fatalf("GET /healthz through nginx: %s", res.Status)
			}
		}
		if a, b := c.served[0].Load()-before[0], c.served[1].Load()-before[1]; a == 0 || b == 0 {
			t.Errorf("six requests through nginx: %d served by A, %d by B; want both to serve", a, b)
		}
	})

	t.Run("a publish through A is on B's page within a second", func(t *testing.T) {
		staff := staffCookies(t, c.aURL, "admin@example.org", password)
		// B has shown the page (twice: were it cached, it is now).
		for range 2 {
			res, body := send(t, http.MethodGet, c.bURL, "/call-to-action", "", nil, nil)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("GET /call-to-action on B: %s", res.Status)
			}
			if introOf(t, body) == "" {
				t.Fatal("B's /call-to-action has no intro to change")
			}
		}
		res, body := send(t, http.MethodGet, c.aURL, "/admin/content/page/call-to-action", "", nil, staff)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("the editor on A: %s", res.Status)
		}
		fields := editFormValues(docOf(t, body))
		if fields.Get("version") == "" || fields.Get("intro.en") == "" {
			t.Fatalf("the editor's form on A has no version or intro.en: %v", fields)
		}
		changed := "Changed through instance A at " + time.Now().Format(time.RFC3339Nano)
		fields.Set("intro.en", changed)
		fields.Set("action", "publish")
		if res, _ := send(t, http.MethodPost, c.aURL, "/admin/content/page/call-to-action", "", fields, staff); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("publish through A: %s", res.Status)
		}
		published := time.Now()
		var seen string
		for {
			_, body := send(t, http.MethodGet, c.bURL, "/call-to-action", "", nil, nil)
			if seen = introOf(t, body); seen == changed {
				break
			}
			if time.Since(published) > time.Second {
				t.Fatalf("1 s after the publish through A, B's /call-to-action still says %q", seen)
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Logf("B showed the change %v after A published it", time.Since(published).Round(time.Millisecond))
		// And so does the public address, whichever instance answers.
		for range 4 {
			if _, body := send(t, http.MethodGet, c.lbURL, "/call-to-action", "", nil, nil); introOf(t, body) != changed {
				t.Fatalf("through nginx: %q, want the change", introOf(t, body))
			}
		}
	})

	t.Run("a staff session made on A works on B", func(t *testing.T) {
		staff := staffCookies(t, c.aURL, "admin@example.org", password)
		for _, base := range []string{c.bURL, c.lbURL, c.lbURL} {
			res, body := send(t, http.MethodGet, base, "/admin", "", nil, staff)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("GET %s/admin with A's session: %s, want 200", base, res.Status)
			}
			if got := strings.TrimSpace(docOf(t, body).Find(`[data-testid=user-name]`).Text()); got != "Staff admin" {
				t.Errorf("%s/admin signed in as %q, want Staff admin", base, got)
			}
		}
		// Signing out on B ends the session on A too.
		if res, _ := send(t, http.MethodPost, c.bURL, "/admin/logout", "", url.Values{}, staff); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign out on B: %s", res.Status)
		}
		if res, _ := send(t, http.MethodGet, c.aURL, "/admin", "", nil, staff); res.StatusCode != http.StatusSeeOther {
			t.Errorf("A after signing out on B: %s, want a redirect to sign in", res.Status)
		}
	})

	t.Run("limits are counted once for both instances", func(t *testing.T) {
		// The sign-in lock: failures through A lock the address on B.
		const guesser, owner = "192.0.2.50", "192.0.2.51"
		lockAfter := c.a.throttle.LockAfter
		for i := range lockAfter {
			res, _ := send(t, http.MethodPost, c.aURL, "/admin/login", guesser, url.Values{"email": {"admin@example.org"}, "password": {"guess " + strconv.Itoa(i)}}, nil)
			want := http.StatusUnauthorized
			if i == lockAfter-1 {
				want = http.StatusTooManyRequests // this one locks
			}
			if res.StatusCode != want {
				t.Fatalf("failure %d of %d on A: %s, want %d", i+1, lockAfter, res.Status, want)
			}
		}
		if res, _ := send(t, http.MethodPost, c.bURL, "/admin/login", guesser, url.Values{"email": {"admin@example.org"}, "password": {password}}, nil); res.StatusCode != http.StatusTooManyRequests {
			t.Errorf("the right password on B from the address locked on A: %s, want 429", res.Status)
		}
		if res, _ := send(t, http.MethodPost, c.bURL, "/admin/login", owner, url.Values{"email": {"admin@example.org"}, "password": {password}}, nil); res.StatusCode != http.StatusSeeOther {
			t.Errorf("the right password on B from another address: %s, want signed in", res.Status)
		}

		// The sign-up form's limit: accepted sign-ups through A use up
		// the address's allowance on B.
		const visitor = "198.51.100.60"
		stamp := formStamp(t, c.bURL)
		for i := range web.SubscribeLimit {
			res, _ := send(t, http.MethodPost, c.aURL, "/sswweek/subscribe", visitor, subscribeFields(stamp, "limit"+strconv.Itoa(i)+"@example.org"), nil)
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("sign-up %d through A: %s", i+1, res.Status)
			}
		}
		res, _ := send(t, http.MethodPost, c.bURL, "/sswweek/subscribe", visitor, subscribeFields(stamp, "one-more@example.org"), nil)
		if res.StatusCode != http.StatusTooManyRequests {
			t.Errorf("sign-up %d, on B: %s, want 429", web.SubscribeLimit+1, res.Status)
		}
		var saved int
		if err := c.pool.QueryRow(ctx, `SELECT count(*) FROM subscribers WHERE email = 'one-more@example.org'`).Scan(&saved); err != nil || saved != 0 {
			t.Errorf("the sign-up over the limit was saved (%d rows, %v)", saved, err)
		}
	})

	t.Run("each email is sent once", func(t *testing.T) {
		// Sign-ups through A queue their confirmations; both instances'
		// job runners are working the queue.
		stamp := formStamp(t, c.aURL)
		var want []string
		for i := range 4 {
			addr := fmt.Sprintf("once%d@example.org", i)
			res, _ := send(t, http.MethodPost, c.aURL, "/sswweek/subscribe", "203.0.113."+strconv.Itoa(10+i), subscribeFields(stamp, addr), nil)
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("sign-up of %s through A: %s", addr, res.Status)
			}
			want = append(want, addr)
		}
		// Every email queued so far (these, the earlier sign-ups', the
		// lockout notice, which a job of its own decides) is sent, and
		// every job but the chores is done; again after a moment, for a
		// second send would follow the first closely.
		settled := func() {
			t.Helper()
			for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
				var unsent, jobs int
				if err := c.pool.QueryRow(ctx, `SELECT count(*) FILTER (WHERE status <> 'sent') FROM emails`).Scan(&unsent); err != nil {
					t.Fatal(err)
				}
				if err := c.pool.QueryRow(ctx, `SELECT count(*) FROM river_job WHERE kind <> 'chore' AND state NOT IN ('completed', 'discarded', 'cancelled')`).Scan(&jobs); err != nil {
					t.Fatal(err)
				}
				if unsent == 0 && jobs == 0 {
					return
				}
				if time.Now().After(deadline) {
					t.Fatalf("after 30 s, %d emails unsent and %d jobs not done", unsent, jobs)
				}
			}
		}
		settled()
		time.Sleep(500 * time.Millisecond)
		settled()
		var queued int
		if err := c.pool.QueryRow(ctx, `SELECT count(*) FROM emails`).Scan(&queued); err != nil {
			t.Fatal(err)
		}
		got := map[string]int{}
		messages := c.mail.Messages()
		for _, m := range messages {
			for _, to := range m.To {
				got[to]++
			}
		}
		for _, addr := range want {
			if got[addr] != 1 {
				t.Errorf("%s received %d emails, want its one confirmation", addr, got[addr])
			}
		}
		if len(messages) != queued {
			t.Errorf("the mail server received %d messages for %d emails queued", len(messages), queued)
		}
		for to, n := range got {
			if n != 1 {
				t.Errorf("%s received %d emails, want 1", to, n)
			}
		}
	})

	t.Run("a scheduled change is published once", func(t *testing.T) {
		deadline := time.Now().Add(scheduledWait)
		for {
			_, body := send(t, http.MethodGet, c.bURL, "/toolkit", "", nil, nil)
			if introOf(t, body) == scheduledIntro {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("the change scheduled for a minute ago is not on B's /toolkit after %v", scheduledWait)
			}
			time.Sleep(100 * time.Millisecond)
		}
		if _, body := send(t, http.MethodGet, c.aURL, "/toolkit", "", nil, nil); introOf(t, body) != scheduledIntro {
			t.Errorf("A's /toolkit: %q, want the scheduled change", introOf(t, body))
		}
		// Both instances' chores have their chance at it: a second
		// publish would come within moments of the first.
		var publishedAt time.Time
		if err := c.pool.QueryRow(ctx, `SELECT min(created_at) FROM revisions WHERE kind = 'page' AND key = 'toolkit' AND action = 'publish'`).Scan(&publishedAt); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Until(publishedAt.Add(2 * time.Second)))
		var revisions, audited int
		if err := c.pool.QueryRow(ctx, `SELECT count(*) FROM revisions WHERE kind = 'page' AND key = 'toolkit' AND action = 'publish'`).Scan(&revisions); err != nil {
			t.Fatal(err)
		}
		if err := c.pool.QueryRow(ctx, `SELECT count(*) FROM audit_log WHERE object_kind = 'page' AND object_key = 'toolkit' AND action = 'content-publish'`).Scan(&audited); err != nil {
			t.Fatal(err)
		}
		if revisions != 1 || audited != 1 {
			t.Errorf("%d publish revisions and %d audit lines, want 1 and 1", revisions, audited)
		}
	})
}

// scheduledWait is how long a change scheduled in the past may take to be
// published: one interval of the chore, and the job queue electing a
// leader at start.
const scheduledWait = 45 * time.Second

// formStamp is the sign-up form's stamp as base shows it in its footer,
// once it is old enough to pass the fill-time check.
func formStamp(t *testing.T, base string) string {
	t.Helper()
	res, body := send(t, http.MethodGet, base, "/sswweek/subscribe", "", nil, nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /sswweek/subscribe: %s", res.Status)
	}
	stamp := docOf(t, body).Find(`[data-testid="subscribe-form"] [name="started"]`).First().AttrOr("value", "")
	if stamp == "" {
		t.Fatal("the sign-up form has no stamp")
	}
	time.Sleep(web.MinFillTime + 100*time.Millisecond)
	return stamp
}
