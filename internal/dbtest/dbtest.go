package dbtest

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/db"
	"github.com/sswalliance/advocacy/internal/localpg"
)

var (
	mainCalled atomic.Bool
	setupOnce  sync.Once
	setupErr   error
	srv        server
	cloneMu    sync.Mutex // CREATE DATABASE from one template is serialised
	counter    atomic.Int64
)

type server struct {
	cluster  *localpg.Cluster // nil when TEST_DATABASE_URL is used
	tmpDir   string
	adminURL string // a maintenance database on the server
	template string
	prefix   string // names of this binary's databases start with it
}

// Main runs the package's tests and then tears the test cluster down.
func Main(m *testing.M) {
	mainCalled.Store(true)
	code := m.Run()
	if err := teardown(); err != nil {
		fmt.Fprintln(os.Stderr, "dbtest:", err)
		if code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}

// URL returns the connection string of a new, migrated, empty database that
// is dropped when the test ends.
func URL(t testing.TB) string {
	t.Helper()
	if !mainCalled.Load() {
		t.Fatal("dbtest: this package needs `func TestMain(m *testing.M) { dbtest.Main(m) }`")
	}
	setupOnce.Do(func() { setupErr = setup() })
	if setupErr != nil {
		t.Fatalf("dbtest: no test database server: %v", setupErr)
	}
	ctx := context.Background()
	name := fmt.Sprintf("%s_%d", srv.prefix, counter.Add(1))
	cloneMu.Lock()
	err := adminExec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()+" TEMPLATE "+pgx.Identifier{srv.template}.Sanitize())
	cloneMu.Unlock()
	if err != nil {
		t.Fatalf("dbtest: create database: %v", err)
	}
	t.Cleanup(func() {
		if err := adminExec(context.Background(), "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)"); err != nil {
			t.Errorf("dbtest: drop database %s: %v", name, err)
		}
	})
	return withDatabase(srv.adminURL, name)
}

// New returns a pool on a new, migrated, empty database; both are closed
// and dropped when the test ends.
func New(t testing.TB) *pgxpool.Pool {
	t.Helper()
	dbURL := URL(t)
	pool, err := db.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	t.Cleanup(pool.Close)
	return pool
}

func setup() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	srv.prefix = fmt.Sprintf("advocacy_test_%d_%d", os.Getpid(), time.Now().UnixNano()%100000)
	srv.template = srv.prefix + "_template"

	if u := os.Getenv("TEST_DATABASE_URL"); u != "" {
		srv.adminURL = u
	} else {
		base := os.TempDir()
		if fi, err := os.Stat("/dev/shm"); err == nil && fi.IsDir() {
			base = "/dev/shm" // tmpfs: no disk writes
		}
		dir, err := os.MkdirTemp(base, "advocacy-pg-")
		if err != nil {
			return err
		}
		srv.tmpDir = dir
		// MkdirTemp makes 0700 folders; the cluster may run as another user.
		if err := os.Chmod(dir, 0o755); err != nil {
			return err
		}
		c, err := localpg.Start(ctx, dir+"/data", localpg.Options{Settings: map[string]string{
			"fsync":              "off",
			"synchronous_commit": "off",
			"full_page_writes":   "off",
			"max_connections":    "200",
		}})
		if err != nil {
			return err
		}
		srv.cluster = c
		srv.adminURL = c.URL("postgres")
	}

	if err := adminExec(ctx, "CREATE DATABASE "+pgx.Identifier{srv.template}.Sanitize()); err != nil {
		return err
	}
	pool, err := db.Open(ctx, withDatabase(srv.adminURL, srv.template))
	if err != nil {
		return err
	}
	defer pool.Close()
	return db.MigrateUp(ctx, pool, io.Discard)
}

func teardown() error {
	if srv.adminURL == "" {
		return nil
	}
	ctx := context.Background()
	var errs []string
	if srv.cluster == nil {
		// A shared server: drop what this binary created.
		if err := adminExec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{srv.template}.Sanitize()+" WITH (FORCE)"); err != nil {
			errs = append(errs, err.Error())
		}
	} else {
		if err := srv.cluster.Stop(); err != nil {
			errs = append(errs, err.Error())
		}
		if err := os.RemoveAll(srv.tmpDir); err != nil {
			errs = append(errs, err.Error())
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("teardown: %s", strings.Join(errs, "; "))
	}
	return nil
}

func adminExec(ctx context.Context, sql string) error {
	conn, err := pgx.Connect(ctx, srv.adminURL)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql)
	return err
}

// withDatabase returns dsn pointing at database name instead.
func withDatabase(dsn, name string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.Scheme == "" {
		// A keyword/value string: a later dbname wins.
		return dsn + " dbname=" + name
	}
	u.Path = "/" + name
	return u.String()
}
