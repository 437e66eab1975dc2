package db

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/puddle/v2"
)

// Unavailable reports whether err means the database could not serve the
// request just now, as opposed to a bug or a statement it refused: it
// cannot be reached, it is restarting or shutting down, it ended the
// connection under the query, or it did not answer in time. A request
// that meets it can succeed if tried again in a moment.
func Unavailable(err error) bool {
	// A query cancelled by its caller (a visitor who hung up) says
	// nothing about the database, though pgconn reports a query begun
	// after the cancellation as a timeout.
	if err == nil || errors.Is(err, context.Canceled) {
		return false
	}
	var connectErr *pgconn.ConnectError
	return errors.As(err, &connectErr) || pgconn.Timeout(err) ||
		errors.Is(err, context.DeadlineExceeded) || ConnectionLost(err)
}

// ConnectionLost reports whether err means a connection was ended under a
// query: the server terminated it (a restart, a failover, an
// administrator), or the socket to it broke. pgxpool drops such a
// connection when it is released; the others opened before it are likely
// dead too.
func ConnectionLost(err error) bool {
	if err == nil {
		return false
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return lostCode(pgErr.Code)
	}
	return errors.Is(err, pgconn.ErrConnClosed) || errors.Is(err, puddle.ErrClosedPool) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, net.ErrClosed) ||
		errors.Is(err, syscall.EPIPE) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.ECONNABORTED) || errors.Is(err, syscall.ECONNREFUSED)
}

// lostCode reports whether a SQLSTATE says the server ended the session
// or cannot take one now.
func lostCode(code string) bool {
	switch code {
	case "57P01", // admin_shutdown: terminating connection due to administrator command (a fast restart)
		"57P02", // crash_shutdown: another backend crashed, or an immediate restart
		"57P03", // cannot_connect_now: the server is starting up or shutting down
		"57P05", // idle_session_timeout
		"53300": // too_many_connections
		return true
	}
	return strings.HasPrefix(code, "08") // connection_exception and its subclasses
}
