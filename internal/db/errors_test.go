package db_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/db"
	"github.com/sswalliance/advocacy/internal/dbtest"
)

func TestUnavailableKnowsEveryWayTheDatabaseGoesAway(t *testing.T) {
	ctx := context.Background()
	_, connectErr := pgconn.Connect(ctx, "host=/nonexistent user=nobody connect_timeout=1")
	closed, err := pgxpool.New(ctx, "host=/nonexistent user=nobody")
	if err != nil {
		t.Fatal(err)
	}
	closed.Close()
	_, closedPool := closed.Acquire(ctx)
	timeout, cancel := context.WithTimeout(ctx, time.Nanosecond)
	defer cancel()
	<-timeout.Done()

	wrap := func(err error) error { return fmt.Errorf("store: page: %w", err) }
	for name, err := range map[string]error{
		"connect":               connectErr,
		"closed pool":           closedPool,
		"57P01 admin_shutdown":  &pgconn.PgError{Severity: "FATAL", Code: "57P01"},
		"57P02 crash_shutdown":  &pgconn.PgError{Severity: "FATAL", Code: "57P02"},
		"57P03 cannot connect":  &pgconn.PgError{Severity: "FATAL", Code: "57P03"},
		"08006 connection fail": &pgconn.PgError{Code: "08006"},
		"08000 class 08":        &pgconn.PgError{Code: "08000"},
		"53300 too many":        &pgconn.PgError{Code: "53300"},
		"broken pipe":           &net.OpError{Op: "write", Net: "unix", Err: os.NewSyscallError("write", syscall.EPIPE)},
		"connection reset":      &net.OpError{Op: "read", Net: "unix", Err: os.NewSyscallError("read", syscall.ECONNRESET)},
		"unexpected EOF":        io.ErrUnexpectedEOF,
		"conn closed":           pgconn.ErrConnClosed,
		"deadline":              timeout.Err(),
	} {
		if err == nil {
			t.Errorf("%s: no error to test", name)
		}
		if !db.Unavailable(wrap(err)) {
			t.Errorf("%s (%v) not recognised as the database going away", name, err)
		}
	}
	for name, err := range map[string]error{
		"nil":                  nil,
		"not found":            pgx.ErrNoRows,
		"unique violation":     &pgconn.PgError{Code: "23505"},
		"bad bytes":            &pgconn.PgError{Code: "22021"},
		"syntax":               &pgconn.PgError{Code: "42601"},
		"client went away":     context.Canceled,
		"any other error":      errors.New("template: no such field"),
		"query canceled 57014": &pgconn.PgError{Code: "57014"},
	} {
		if db.Unavailable(wrap(err)) && err != nil {
			t.Errorf("%s (%v) taken for the database going away", name, err)
		}
	}
}

// TestUnavailableKnowsATerminatedConnection ends a pooled connection from
// the server side, as a restart does, and reads the error of the next
// query on it.
func TestUnavailableKnowsATerminatedConnection(t *testing.T) {
	ctx := context.Background()
	pool := dbtest.New(t)
	conn, err := pool.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Release()
	var pid int
	if err := conn.QueryRow(ctx, `SELECT pg_backend_pid()`).Scan(&pid); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `SELECT pg_terminate_backend($1)`, pid); err != nil {
		t.Fatal(err)
	}
	var n int
	err = conn.QueryRow(ctx, `SELECT 1`).Scan(&n)
	if err == nil || !db.Unavailable(err) {
		t.Errorf("query on a terminated connection: %v, not recognised", err)
	}
	if err == nil {
		return
	}
	// A second query on it is refused by the driver: the same answer.
	if _, err := conn.Exec(ctx, `SELECT 1`); !db.Unavailable(err) {
		t.Errorf("second query on a terminated connection: %v, not recognised", err)
	}
}

// TestUnavailableIsNotACancelledQuery: a visitor who hangs up cancels
// their queries; the database is not away for that.
func TestUnavailableIsNotACancelledQuery(t *testing.T) {
	pool := dbtest.New(t)
	conn, err := pool.Acquire(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Release()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = conn.Exec(ctx, `SELECT 1`) // pgconn: "timeout: context already done"
	if err == nil || db.Unavailable(err) {
		t.Errorf("a query with a cancelled context: %v, taken for the database going away", err)
	}
	ctx, cancel = context.WithCancel(context.Background())
	go func() { time.Sleep(50 * time.Millisecond); cancel() }()
	_, err = pool.Exec(ctx, `SELECT pg_sleep(5)`)
	if err == nil || db.Unavailable(err) {
		t.Errorf("a query cancelled while it ran: %v, taken for the database going away", err)
	}
}
