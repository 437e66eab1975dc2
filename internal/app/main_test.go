package app

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/config"
	"github.com/sswalliance/advocacy/internal/dbtest"
	"github.com/sswalliance/advocacy/internal/seed"
	"github.com/sswalliance/advocacy/internal/store"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// testConfig is the configuration of a site served on a loopback port.
func testConfig(t testing.TB, env map[string]string) config.Config {
	t.Helper()
	cfg, err := config.Load(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if env["FILE_CACHE_DIR"] == "" {
		cfg.FileCacheDir = t.TempDir() // each test fills its own copies
	}
	return cfg
}

// testLogger collects the app's log and shows it only if the test fails, so
// the expected errors of passing tests do not bury the output.
func testLogger(t testing.TB) *slog.Logger {
	w := &lockedBuffer{}
	t.Cleanup(func() {
		if t.Failed() {
			t.Log("app log:\n" + w.String())
		}
	})
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// seededApp returns the app over a fresh database holding the demo content.
func seededApp(t testing.TB) (*App, *pgxpool.Pool) {
	t.Helper()
	pool := dbtest.New(t)
	if err := seed.Load(context.Background(), store.New(pool), false); err != nil {
		t.Fatal(err)
	}
	return mustNew(t, testConfig(t, nil), testLogger(t), pool), pool
}

// seededHandler is the site's handler over a fresh seeded database, for
// the tests that only make requests.
func seededHandler(t testing.TB) http.Handler {
	t.Helper()
	app, _ := seededApp(t)
	return app.Handler()
}

// serveWithJobs serves app on a loopback port that is also its BASE_URL
// (so links in its emails lead back to it; the workflows hold the same
// *url.URL and see the change), with its job queue and chores running,
// until the test ends.
func serveWithJobs(t *testing.T, app *App) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(nil)
	u, _ := url.Parse("http://" + srv.Listener.Addr().String())
	*app.cfg.BaseURL = *u
	srv.Config.Handler = app.Handler()
	srv.Start()
	t.Cleanup(srv.Close)
	bg, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { app.RunBackground(bg); close(done) }()
	t.Cleanup(func() { stop(); <-done })
	return srv
}

// mustNew is New, failing the test if the site cannot be built.
func mustNew(t testing.TB, cfg config.Config, logger *slog.Logger, pool *pgxpool.Pool) *App {
	t.Helper()
	app, err := New(cfg, logger, pool)
	if err != nil {
		t.Fatal(err)
	}
	return app
}

// routesOf is the router behind the site's handler h (behind its page
// cache), to walk its routes.
func routesOf(h http.Handler) chi.Routes {
	if u, ok := h.(interface{ Unwrap() http.Handler }); ok {
		h = u.Unwrap()
	}
	return h.(chi.Routes)
}
