package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sswalliance/advocacy/internal/db"
	"github.com/sswalliance/advocacy/internal/localpg"
	"github.com/sswalliance/advocacy/internal/seed"
	"github.com/sswalliance/advocacy/internal/store"
)

// privateCluster starts a PostgreSQL cluster of the test's own (the
// shared test server must not be restarted under other tests) and returns
// it with the URL of a migrated, seeded database on it.
func privateCluster(t *testing.T) (*localpg.Cluster, string) {
	t.Helper()
	ctx := context.Background()
	base := os.TempDir()
	if fi, err := os.Stat("/dev/shm"); err == nil && fi.IsDir() {
		base = "/dev/shm"
	}
	tmp, err := os.MkdirTemp(base, "advocacy-restart-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(tmp) })
	if err := os.Chmod(tmp, 0o755); err != nil { // the cluster may run as another user
		t.Fatal(err)
	}
	c, err := localpg.Start(ctx, filepath.Join(tmp, "data"), localpg.Options{Settings: map[string]string{
		"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off",
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := c.Stop(); err != nil {
			t.Error(err)
		}
	})
	if err := c.CreateDatabase(ctx, "site"); err != nil {
		t.Fatal(err)
	}
	pool, err := db.Open(ctx, c.URL("site"))
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	if err := db.MigrateUp(ctx, pool, io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := seed.Load(ctx, store.New(pool), false); err != nil {
		t.Fatal(err)
	}
	return c, c.URL("site")
}

// answer is one response seen by the load.
type answer struct {
	path       string
	start, end time.Time
	status     int
	retryAfter string
	err        error
}

// TestDatabaseRestartUnderLoadAnswers503UntilBack restarts the database
// (fast, then immediate) while visitors and a signed-in editor keep
// asking for pages: nothing answers 500, every refusal is a 503 with
// Retry-After, pages come back once the database does, and the log
// reports each outage once instead of once per request. Then it restarts
// it twice with nobody asking: at most one request fails after each.
func TestDatabaseRestartUnderLoadAnswers503UntilBack(t *testing.T) {
	ctx := context.Background()
	cluster, url := privateCluster(t)
	pool, err := db.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	var log lockedBuffer
	app := mustNew(t, testConfig(t, nil), slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelInfo})), pool)
	srv := httptest.NewServer(app.Handler())
	defer srv.Close()
	t.Cleanup(func() {
		if t.Failed() {
			t.Log("app log (requests left out):\n" + withoutRequests(log.String()))
		}
	})
	editor := signIn(t, srv.URL, "editor@example.org", addStaff(t, pool, "editor@example.org", "editor"))

	paths := []string{"/", "/resources", "/es/resources?q=report", "/call-to-action/signatories", "/blog", "/admin", "/readyz"}
	var (
		mu      sync.Mutex
		answers []answer
		stop    atomic.Bool
		wg      sync.WaitGroup
	)
	for i := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := client(t, srv.URL)
			c.Timeout = 10 * time.Second
			for n := i; !stop.Load(); n++ {
				p := paths[n%len(paths)]
				if p == "/admin" {
					c = editor
				}
				a := answer{path: p, start: time.Now()}
				res, err := c.Get(srv.URL + p)
				if err == nil {
					io.Copy(io.Discard, res.Body)
					res.Body.Close()
					a.status, a.retryAfter = res.StatusCode, res.Header.Get("Retry-After")
				}
				a.end, a.err = time.Now(), err
				mu.Lock()
				answers = append(answers, a)
				mu.Unlock()
				if p == "/admin" {
					c = client(t, srv.URL)
				}
			}
		}()
	}
	since := func(t0 time.Time) []answer {
		mu.Lock()
		defer mu.Unlock()
		var out []answer
		for _, a := range answers {
			if !a.start.Before(t0) {
				out = append(out, a)
			}
		}
		return out
	}
	// waitBack waits until every path has answered 200 to a request begun
	// after t0, and returns how long that took.
	waitBack := func(t0 time.Time) time.Duration {
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			ok := map[string]bool{}
			var last time.Time
			for _, a := range since(t0) {
				if a.status == http.StatusOK && !ok[a.path] {
					ok[a.path], last = true, a.end
				}
			}
			if len(ok) == len(paths) {
				return last.Sub(t0)
			}
		}
		t.Fatalf("pages not back 10s after the database")
		return 0
	}

	time.Sleep(300 * time.Millisecond) // warm: every pooled connection in use
	for _, mode := range []localpg.ShutdownMode{localpg.Fast, localpg.Immediate} {
		begun := time.Now()
		if err := cluster.Shutdown(mode); err != nil {
			t.Fatal(err)
		}
		// Stay down until a request has met the outage: on a busy machine
		// the few visitors may otherwise all be served from the page
		// cache, or not ask at all, in a restart's tenth of a second.
		down := time.Now()
		for deadline := down.Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
			if slices.ContainsFunc(since(down), func(a answer) bool { return a.status == http.StatusServiceUnavailable }) {
				break
			}
		}
		if err := cluster.Resume(ctx); err != nil {
			t.Fatal(err)
		}
		up := time.Now()
		back := waitBack(up)
		time.Sleep(200 * time.Millisecond)
		refused, after := 0, 0
		for _, a := range since(begun) {
			if a.status == http.StatusServiceUnavailable {
				refused++
				if a.start.After(up) {
					after++
				}
			}
		}
		t.Logf("restart -m %s: down %s; %d requests refused, %d of them begun after it was back; all pages back %s after",
			mode, up.Sub(begun).Round(time.Millisecond), refused, after, back.Round(time.Millisecond))
		if refused == 0 {
			t.Errorf("restart -m %s: no request met the restart; the test proves nothing", mode)
		}
	}
	stop.Store(true)
	wg.Wait()

	// A restart nobody was asking during: the pooled connections it ended
	// fail the first request after it, which drops them all, and only
	// that one (without the reset, each would fail one request).
	quiet := client(t, srv.URL)
	for _, mode := range []localpg.ShutdownMode{localpg.Fast, localpg.Immediate} {
		if err := cluster.Restart(ctx, mode); err != nil {
			t.Fatal(err)
		}
		refused := 0
		for range 8 {
			res, err := quiet.Get(srv.URL + "/resources")
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			switch res.StatusCode {
			case http.StatusOK:
			case http.StatusServiceUnavailable:
				refused++
			default:
				t.Errorf("after a quiet restart -m %s: %s", mode, res.Status)
			}
			time.Sleep(20 * time.Millisecond)
		}
		if refused > 1 {
			t.Errorf("after a quiet restart -m %s, %d requests refused, want at most 1", mode, refused)
		}
	}

	statuses := map[string]int{}
	for _, a := range answers {
		switch {
		case a.err != nil:
			t.Errorf("GET %s: %v", a.path, a.err)
		case a.status == http.StatusServiceUnavailable && a.retryAfter == "":
			t.Errorf("GET %s: 503 without Retry-After", a.path)
		case a.status != http.StatusOK && a.status != http.StatusServiceUnavailable:
			t.Errorf("GET %s: %d", a.path, a.status)
		}
		statuses[fmt.Sprint(a.status)]++
	}
	t.Logf("%d requests: %v", len(answers), statuses)

	out := withoutRequests(log.String())
	errs := strings.Count(out, "level=ERROR")
	if errs == 0 || errs > 4 {
		t.Errorf("%d ERROR lines for four restarts, want at most one per outage", errs)
	}
	if n := strings.Count(out, "database available again"); n == 0 || n > 4 {
		t.Errorf("%d recoveries logged for four restarts", n)
	}
	if n := strings.Count(strings.TrimSpace(out), "\n") + 1; n > 12 {
		t.Errorf("%d log lines besides the access log for four restarts and %d requests", n, len(answers))
	}
}

// withoutRequests is the log without its access lines.
func withoutRequests(log string) string {
	var keep []string
	for _, l := range strings.Split(log, "\n") {
		if !strings.Contains(l, "msg=request ") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}
