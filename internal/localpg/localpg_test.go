package localpg

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

func TestStartReuseStop(t *testing.T) {
	ctx := context.Background()
	base := t.TempDir()
	dir := filepath.Join(base, "pg")
	c, err := Start(ctx, dir, Options{Settings: map[string]string{"fsync": "off"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Stop() })
	if !c.Started() {
		t.Error("a new cluster should report that this process started it")
	}
	if err := c.CreateDatabase(ctx, "site"); err != nil {
		t.Fatal(err)
	}
	if err := c.CreateDatabase(ctx, "site"); err != nil {
		t.Fatalf("creating an existing database again: %v", err)
	}
	conn, err := pgx.Connect(ctx, c.URL("site"))
	if err != nil {
		t.Fatal(err)
	}
	var listen, fsync string
	conn.QueryRow(ctx, "SHOW listen_addresses").Scan(&listen)
	conn.QueryRow(ctx, "SHOW fsync").Scan(&fsync)
	conn.Close(ctx)
	if listen != "" {
		t.Errorf("listen_addresses = %q: the cluster must not open a TCP port", listen)
	}
	if fsync != "off" {
		t.Errorf("extra setting not applied: fsync = %q", fsync)
	}

	// A second Start finds it running and does not claim it.
	again, err := Start(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if again.Started() {
		t.Error("second Start claims to have started a running cluster")
	}

	if err := c.Stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "postmaster.pid")); !os.IsNotExist(err) {
		t.Error("postmaster.pid still there after Stop")
	}
	if err := c.Stop(); err != nil {
		t.Errorf("stopping a stopped cluster: %v", err)
	}
	// Data survives a restart.
	c2, err := Start(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Stop()
	conn, err = pgx.Connect(ctx, c2.URL("site"))
	if err != nil {
		t.Fatalf("database lost across restart: %v", err)
	}
	conn.Close(ctx)
}

func TestSocketPathTooLong(t *testing.T) {
	_, err := Start(context.Background(), "/tmp/"+strings.Repeat("x", 120), Options{})
	if err == nil || !strings.Contains(err.Error(), "107 bytes") {
		t.Errorf("err = %v", err)
	}
}

// TestRestartEndsSessionsAndKeepsData restarts in both modes: an open
// connection is ended, committed data is kept, and the cluster answers
// when Restart returns.
func TestRestartEndsSessionsAndKeepsData(t *testing.T) {
	ctx := context.Background()
	c, err := Start(ctx, filepath.Join(t.TempDir(), "pg"), Options{Settings: map[string]string{"fsync": "off"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Stop() })
	conn, err := pgx.Connect(ctx, c.URL("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, `CREATE TABLE kept (n int); INSERT INTO kept VALUES (1)`); err != nil {
		t.Fatal(err)
	}
	for _, mode := range []ShutdownMode{Fast, Immediate} {
		if err := c.Restart(ctx, mode); err != nil {
			t.Fatalf("restart -m %s: %v", mode, err)
		}
		if _, err := conn.Exec(ctx, `SELECT 1`); err == nil {
			t.Errorf("restart -m %s: a connection opened before it still works", mode)
		}
		conn.Close(ctx)
		if conn, err = pgx.Connect(ctx, c.URL("postgres")); err != nil {
			t.Fatalf("restart -m %s: not answering: %v", mode, err)
		}
		var n int
		if err := conn.QueryRow(ctx, `SELECT count(*) FROM kept`).Scan(&n); err != nil || n != 1 {
			t.Errorf("restart -m %s: %d rows kept, %v", mode, n, err)
		}
	}
	conn.Close(ctx)
}
