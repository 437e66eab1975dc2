package db_test

import (
	"bytes"
	"context"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/sswalliance/advocacy/internal/db"
	"github.com/sswalliance/advocacy/internal/dbtest"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

func tableExists(t *testing.T, ctx context.Context, url, name string) bool {
	t.Helper()
	pool, err := db.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	var ok bool
	if err := pool.QueryRow(ctx, `SELECT to_regclass($1) IS NOT NULL`, name).Scan(&ok); err != nil {
		t.Fatal(err)
	}
	return ok
}

func TestMigrateDownStatusUp(t *testing.T) {
	ctx := context.Background()
	pool := dbtest.New(t)
	var out bytes.Buffer
	if err := db.MigrateStatus(ctx, pool, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "00001_pages.sql") || !strings.Contains(out.String(), "applied") {
		t.Errorf("status of a migrated database:\n%s", out.String())
	}
	out.Reset()
	if err := db.MigrateDown(ctx, pool, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "migrated down 0") {
		t.Errorf("down printed %q", out.String())
	}
	out.Reset()
	if err := db.MigrateStatus(ctx, pool, &out); err != nil || !strings.Contains(out.String(), "pending") {
		t.Errorf("status after down: %v\n%s", err, out.String())
	}
	if err := db.MigrateUp(ctx, pool, io.Discard); err != nil {
		t.Fatal(err)
	}
}

// Two instances starting at once must not both apply a migration.
func TestConcurrentMigrateUp(t *testing.T) {
	ctx := context.Background()
	url := dbtest.URL(t)
	setup, err := db.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	// Back to an empty schema (goose's own table stays).
	for {
		var pending bytes.Buffer
		if err := db.MigrateStatus(ctx, setup, &pending); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(pending.String(), "applied") {
			break
		}
		if err := db.MigrateDown(ctx, setup, io.Discard); err != nil {
			t.Fatal(err)
		}
	}
	setup.Close()
	if tableExists(t, ctx, url, "pages") {
		t.Fatal("pages still exists after migrating down")
	}

	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pool, err := db.Open(ctx, url)
			if err != nil {
				errs[i] = err
				return
			}
			defer pool.Close()
			errs[i] = db.MigrateUp(ctx, pool, io.Discard)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("instance %d: %v", i, err)
		}
	}
	pool, err := db.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	var applied int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM goose_db_version WHERE version_id = 1 AND is_applied`).Scan(&applied); err != nil {
		t.Fatal(err)
	}
	if applied != 1 {
		t.Errorf("migration 1 recorded as applied %d times, want 1", applied)
	}
	if !tableExists(t, ctx, url, "pages") {
		t.Error("pages missing after concurrent migrate up")
	}
}
