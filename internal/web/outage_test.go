package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// fakeClock is a clock tests move by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// TestOutageIsLoggedOnceThenCounted: thousands of refused requests make
// one ERROR when the outage begins, a WARN with the count at most every
// period, and one INFO once the database answers; a request that needed
// no database does not end the outage, and one begun before the recovery
// does not begin a new one.
func TestOutageIsLoggedOnceThenCounted(t *testing.T) {
	var log lockedBuffer
	clock := &fakeClock{t: time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)}
	dbUp := false
	pinged := make(chan struct{}, 1)
	o := &outage{logger: slog.New(slog.NewTextHandler(&log, nil)), now: clock.now, every: 10 * time.Second,
		ping: func(context.Context) error {
			defer func() { pinged <- struct{}{} }()
			if dbUp {
				return nil
			}
			return errors.New("connection refused")
		}}
	ctx, down := context.Background(), fmt.Errorf("store: page: %w", syscall.ECONNRESET)
	count := func(level string) int { return strings.Count(log.String(), "level="+level) }
	waitPing := func() {
		select {
		case <-pinged:
		case <-time.After(5 * time.Second):
			t.Fatal("no ping")
		}
		for o.probing.Load() {
			time.Sleep(time.Millisecond)
		}
	}

	before := clock.now()
	o.served(before) // no outage: nothing logged, no ping
	clock.add(time.Second)
	for range 3000 { // three seconds at 1,000 requests a second
		o.failed(ctx, clock.now(), down)
		clock.add(time.Millisecond)
	}
	if count("ERROR") != 1 || count("WARN") != 0 {
		t.Fatalf("after 3,000 refusals:\n%s", log.String())
	}
	o.served(before) // begun before the outage: proves nothing, and no ping
	o.served(clock.now())
	waitPing() // the database is still down: the outage goes on
	clock.add(8 * time.Second)
	o.failed(ctx, clock.now(), down)
	if count("WARN") != 1 || !strings.Contains(log.String(), "refused=3000") {
		t.Fatalf("no count after 10 s:\n%s", log.String())
	}
	for range 100 {
		o.failed(ctx, clock.now(), down)
	}
	if count("WARN") != 1 {
		t.Fatalf("counted more than once in 10 s:\n%s", log.String())
	}

	straggler := clock.now()
	clock.add(time.Second)
	dbUp = true
	o.served(clock.now())
	waitPing()
	if count("INFO") != 1 || !strings.Contains(log.String(), `msg="database available again"`) || !strings.Contains(log.String(), "refused=3101") {
		t.Fatalf("no recovery:\n%s", log.String())
	}
	o.failed(ctx, straggler, down) // begun during the outage, failed after
	if count("ERROR") != 1 {
		t.Fatalf("a straggler began a new outage:\n%s", log.String())
	}
	clock.add(time.Second)
	o.failed(ctx, clock.now(), down) // a new outage
	if count("ERROR") != 2 {
		t.Fatalf("a second outage was not reported:\n%s", log.String())
	}
	if n := strings.Count(log.String(), "\n"); n != 5 {
		t.Errorf("%d log lines for 3,103 refusals in two outages, want 5:\n%s", n, log.String())
	}
}

// failingWriter is a connection to a client that has gone away.
type failingWriter struct{ http.ResponseWriter }

func (failingWriter) Write([]byte) (int, error) { return 0, fmt.Errorf("write tcp: %w", syscall.EPIPE) }

// TestAClientThatHangsUpIsNoError: a write to a client that went away,
// or a query cancelled because they hung up, is not logged as an error,
// and no error page is written after the answer began.
func TestAClientThatHangsUpIsNoError(t *testing.T) {
	var log lockedBuffer
	pool, err := pgxpool.New(context.Background(), "postgres://nobody@/nowhere?host=/nonexistent")
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	app := NewApp(testConfig(t, nil), slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelInfo})), pool)

	h := app.handle(func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Content-Type", "text/csv")
		_, err := w.Write([]byte("a,b\n"))
		return err
	})
	rec := httptest.NewRecorder()
	h(failingWriter{rec}, httptest.NewRequest("GET", "/call-to-action/signatories.csv", nil))

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	h = app.handle(func(w http.ResponseWriter, r *http.Request) error {
		return fmt.Errorf("store: page: %w", r.Context().Err())
	})
	rec2 := httptest.NewRecorder()
	h(rec2, httptest.NewRequest("GET", "/", nil).WithContext(ctx))

	if strings.Contains(log.String(), "level=ERROR") {
		t.Errorf("a client hanging up was logged as an error:\n%s", log.String())
	}
	if strings.Contains(rec.Body.String(), "<html") || rec.Code != http.StatusOK {
		t.Errorf("an error page (%d) after the answer began: %q", rec.Code, rec.Body.String())
	}
	if rec2.Body.Len() != 0 {
		t.Errorf("an error page for a client that has gone: %q", rec2.Body.String())
	}
}

// TestEveryPageAnswers503WhileTheDatabaseIsAway: with no database to
// reach, public pages, staff pages (whose session cannot be loaded) and
// the readiness check all answer 503 with Retry-After, logged once.
func TestEveryPageAnswers503WhileTheDatabaseIsAway(t *testing.T) {
	var log lockedBuffer
	pool, err := pgxpool.New(context.Background(), "postgres://nobody@/nowhere?host=/nonexistent")
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	app := NewApp(testConfig(t, nil), slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelInfo})), pool)
	h := app.Routes()
	for _, p := range []string{"/", "/resources", "/es/blog", "/call-to-action/signatories", "/admin", "/admin/signatories", "/readyz"} {
		for _, cookie := range []string{"", "staff_session=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"} {
			req := httptest.NewRequest("GET", p, nil)
			if cookie != "" {
				req.Header.Set("Cookie", cookie)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if p == "/admin" || p == "/admin/signatories" {
				if cookie == "" && rec.Code == http.StatusSeeOther {
					continue // no session to load: sent to sign in
				}
			}
			if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" {
				t.Errorf("GET %s (cookie %v) = %d, Retry-After %q", p, cookie != "", rec.Code, rec.Header().Get("Retry-After"))
			}
		}
	}
	if n := strings.Count(log.String(), "level=ERROR"); n != 1 {
		t.Errorf("%d ERROR lines, want 1:\n%s", n, log.String())
	}
	if n := strings.Count(log.String(), "level=WARN"); n != 0 {
		t.Errorf("%d WARN lines, want none:\n%s", n, log.String())
	}
}
