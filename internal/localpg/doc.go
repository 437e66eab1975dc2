// Package localpg runs a private PostgreSQL cluster from the server binaries
// installed on the machine. It is the database behind `make run` when
// DATABASE_URL is unset, and the throwaway database server of the tests.
//
// The cluster listens only on a unix socket inside its data directory, so it
// never clashes with another server's port, and it keeps running when the
// program that started it exits, so its data survives restarts.
package localpg
