package app

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
)

// failingWriter is a connection to a client that has gone away.
type failingWriter struct{ http.ResponseWriter }

func (failingWriter) Write([]byte) (int, error) { return 0, fmt.Errorf("write tcp: %w", syscall.EPIPE) }

// TestAClientThatHangsUpIsNoError: a write to a client that went away,
// or a query cancelled because they hung up, is not logged as an error,
// and no error page is written after the answer began.
func TestAClientThatHangsUpIsNoError(t *testing.T) {
	var log lockedBuffer
	app := appWithoutDatabase(t, &log)

	h := app.site.Handle(func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Content-Type", "text/csv")
		_, err := w.Write([]byte("a,b\n"))
		return err
	})
	rec := httptest.NewRecorder()
	h(failingWriter{rec}, httptest.NewRequest("GET", "/call-to-action/signatories.csv", nil))

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	h = app.site.Handle(func(w http.ResponseWriter, r *http.Request) error {
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
	app := appWithoutDatabase(t, &log)
	h := app.Handler()
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

// appWithoutDatabase is the app over a pool that can reach no database,
// logging at info level to log.
func appWithoutDatabase(t *testing.T, log *lockedBuffer) *App {
	t.Helper()
	pool, err := pgxpool.New(context.Background(), "postgres://nobody@/nowhere?host=/nonexistent")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	return mustNew(t, testConfig(t, nil), slog.New(slog.NewTextHandler(log, &slog.HandlerOptions{Level: slog.LevelInfo})), pool)
}
