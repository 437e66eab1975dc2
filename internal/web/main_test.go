package web

import (
	"context"
	"log/slog"
	"strings"
	"testing"

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
	return cfg
}

// testLogger sends the app's warnings and errors to the test's log.
func testLogger(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// seededApp returns the app over a fresh database holding the demo content.
func seededApp(t testing.TB) (*App, *pgxpool.Pool) {
	t.Helper()
	pool := dbtest.New(t)
	if err := seed.Load(context.Background(), store.New(pool), false); err != nil {
		t.Fatal(err)
	}
	return NewApp(testConfig(t, nil), testLogger(t), pool), pool
}
