package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sswalliance/advocacy/internal/auth"
	"github.com/sswalliance/advocacy/internal/db"
	"github.com/sswalliance/advocacy/internal/dbtest"
	"github.com/sswalliance/advocacy/internal/localpg"
	"github.com/sswalliance/advocacy/internal/store"
)

func env(kv map[string]string) func(string) string {
	return func(k string) string { return kv[k] }
}

// noInput is the standard input of a command that should not read any.
func noInput() io.Reader { return strings.NewReader("") }

func TestHelpOnEveryCommand(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"help"}, {"serve", "--help"}, {"migrate", "--help"}, {"seed", "-h"}, {"dev", "--help"}, {"user", "--help"}, {"user", "add", "--help"}} {
		var out bytes.Buffer
		if err := run(context.Background(), args, env(nil), noInput(), &out, io.Discard); err != nil {
			t.Errorf("%v: %v", args, err)
		}
		if !strings.Contains(out.String(), "Usage: advocacy") {
			t.Errorf("%v printed %q", args, out.String())
		}
	}
}

func TestBadInvocations(t *testing.T) {
	tests := []struct {
		args []string
		env  map[string]string
		want []string
	}{
		{nil, nil, []string{"no command"}},
		{[]string{"frobnicate"}, nil, []string{`unknown command "frobnicate"`}},
		{[]string{"migrate"}, nil, []string{"up, down, status"}},
		{[]string{"migrate", "sideways"}, nil, []string{"up, down, status"}},
		{[]string{"serve", "extra"}, nil, []string{"takes no arguments"}},
		{[]string{"serve"}, map[string]string{"ADDR": "8080", "LOG_FORMAT": "xml", "BASE_URL": "example.org"},
			[]string{"ADDR:", "LOG_FORMAT:", "BASE_URL:"}},
	}
	for _, tt := range tests {
		err := run(context.Background(), tt.args, env(tt.env), noInput(), io.Discard, io.Discard)
		if err == nil {
			t.Errorf("%v: no error", tt.args)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%v: error %q does not mention %q", tt.args, err, w)
			}
		}
	}
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// TestEmbeddedDefault walks a newcomer's path with DATABASE_URL unset: the
// commands create, start, reuse and stop a private cluster in .data/postgres.
func TestEmbeddedDefault(t *testing.T) {
	if _, err := localpg.FindBinaries(); err != nil {
		t.Fatal(err) // never skip: make test installs them
	}
	dir := t.TempDir()
	t.Chdir(dir)
	pidFile := filepath.Join(dir, ".data", "postgres", "postmaster.pid")
	ctx := context.Background()
	cmd := func(args ...string) (string, error) {
		var out bytes.Buffer
		err := run(ctx, args, env(nil), noInput(), &out, io.Discard)
		return out.String(), err
	}

	out, err := cmd("migrate", "up")
	if err != nil || !strings.Contains(out, "migrated up   00001_pages.sql") {
		t.Fatalf("migrate up: %v\n%s", err, out)
	}
	if _, err := os.Stat(pidFile); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("cluster left running after a one-off command (%v)", err)
	}
	// Restarted, the cluster still has its data.
	if out, err := cmd("migrate", "status"); err != nil || !strings.Contains(out, "applied") {
		t.Fatalf("migrate status: %v\n%s", err, out)
	}
	if out, err := cmd("seed"); err != nil || !strings.Contains(out, "demo content loaded") {
		t.Fatalf("seed: %v\n%s", err, out)
	}
	if _, err := cmd("seed"); err == nil || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("second seed: %v, want a refusal mentioning --force", err)
	}
	if _, err := cmd("seed", "--force"); err != nil {
		t.Fatalf("seed --force: %v", err)
	}

	// dev serves the site, and stops the cluster on shutdown.
	addr := freeAddr(t)
	devCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() {
		done <- run(devCtx, []string{"dev"}, env(map[string]string{"ADDR": addr}), noInput(), io.Discard, io.Discard)
	}()
	var body string
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		res, err := http.Get("http://" + addr + "/")
		if err != nil {
			continue
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode == 200 {
			body = string(b)
			break
		}
	}
	if !strings.Contains(body, "Why support the social service workforce?") {
		t.Errorf("dev did not serve the seeded home page; got %.200q", body)
	}
	stop() // what Ctrl-C does
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("dev: %v", err)
		}
	case <-time.After(40 * time.Second):
		t.Fatal("dev did not stop")
	}
	if _, err := os.Stat(pidFile); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("dev exited but left the cluster running (%v)", err)
	}
	if fi, err := os.Stat(filepath.Join(dir, ".data", "admin-password")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("dev did not keep the demo admin's password in .data/admin-password, mode 0600 (%v)", err)
	}
}

func TestMain(m *testing.M) { dbtest.Main(m) }

func TestUserAdd(t *testing.T) {
	ctx := context.Background()
	dbURL := dbtest.URL(t)
	pool, err := db.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	st := store.New(pool)
	userAdd := func(stdin string, args ...string) (string, error) {
		var out bytes.Buffer
		err := run(ctx, append([]string{"user", "add"}, args...), env(map[string]string{"DATABASE_URL": dbURL}),
			strings.NewReader(stdin), &out, io.Discard)
		return out.String(), err
	}

	// The password from stdin: only the line ending is dropped.
	out, err := userAdd(" a long passphrase \r\nnext line ignored\n",
		"--email", "Ana@Example.org", "--name", " Ana Díaz ", "--role", "editor", "--password-stdin")
	if err != nil || out != "Created editor Ana@Example.org.\n" {
		t.Fatalf("user add with stdin: %q, %v", out, err)
	}
	ana, err := st.UserByEmail(ctx, "ana@example.org")
	if err != nil || ana.Name != "Ana Díaz" || ana.Role != "editor" || ana.Disabled {
		t.Fatalf("stored %+v, %v", ana, err)
	}
	if ok, _, err := auth.Verify(" a long passphrase ", ana.PasswordHash); !ok || err != nil {
		t.Errorf("the password from stdin does not verify (%v)", err)
	}

	// A generated password is printed once and works.
	out, err = userAdd("", "--email=bo@example.org", "--name=Bo", "--role=admin")
	m := regexp.MustCompile(`^Created admin bo@example\.org with password: (\S{20}) \(shown once; change it after signing in\)\n$`).FindStringSubmatch(out)
	if err != nil || m == nil {
		t.Fatalf("user add with a generated password: %q, %v", out, err)
	}
	bo, err := st.UserByEmail(ctx, "bo@example.org")
	if err != nil || bo.Role != "admin" {
		t.Fatalf("stored %+v, %v", bo, err)
	}
	if ok, _, err := auth.Verify(m[1], bo.PasswordHash); !ok || err != nil {
		t.Errorf("the printed password does not verify (%v)", err)
	}

	// Refusals, each saying what is wrong, and nothing stored.
	for _, tt := range []struct {
		stdin string
		args  []string
		want  string
	}{
		{"", []string{"--email", "ANA@example.org", "--name", "Ana 2", "--role", "admin"}, "already an account with the email ANA@example.org"},
		{"", []string{"--email", "cy@example.org", "--name", "Cy", "--role", "owner"}, `--role "owner" is not a role`},
		{"", []string{"--email", "cy@example.org", "--name", "Cy"}, "--role is required"},
		{"", []string{"--email", "cy@example", "--name", "Cy", "--role", "editor", "extra"}, "takes no arguments"},
		{"", []string{"--email", "cy at example.org", "--name", "Cy", "--role", "editor"}, "not an email address"},
		{"", []string{"--name", "Cy", "--role", "editor"}, "--email is required"},
		{"", []string{"--email", "cy@example.org", "--name", "  ", "--role", "editor"}, "--name is required"},
		{"short\n", []string{"--email", "cy@example.org", "--name", "Cy", "--role", "editor", "--password-stdin"}, "at least 12 characters"},
		{"Cy@Example.org\n", []string{"--email", "cy@example.org", "--name", "Cy", "--role", "editor", "--password-stdin"}, "same as the email"},
		{"", []string{"--email", "cy@example.org", "--name", "Cy", "--role", "editor", "--password-stdin"}, "no password"},
		{"", []string{"--email", "cy@example.org", "--name", "Cy", "--role", "editor", "--nope"}, "not defined: -nope"},
	} {
		if _, err := userAdd(tt.stdin, tt.args...); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: %v, want an error with %q", tt.args, err, tt.want)
		}
	}
	if users, err := st.Users(ctx); err != nil || len(users) != 2 {
		t.Errorf("%d accounts after the refusals (%v), want 2", len(users), err)
	}

	for _, args := range [][]string{{"user"}, {"user", "remove"}} {
		if err := run(ctx, args, env(nil), noInput(), io.Discard, io.Discard); err == nil || !strings.Contains(err.Error(), "user needs a subcommand: add") {
			t.Errorf("%v: %v", args, err)
		}
	}
}

func TestEnsureDemoAdmin(t *testing.T) {
	ctx := context.Background()
	st := store.New(dbtest.New(t))
	dir := filepath.Join(t.TempDir(), "data") // not there yet
	file := filepath.Join(dir, "admin-password")
	works := func(password string) bool {
		t.Helper()
		u, err := st.UserByEmail(ctx, demoAdminEmail)
		if err != nil {
			t.Fatal(err)
		}
		ok, _, err := auth.Verify(password, u.PasswordHash)
		return ok && err == nil && u.Role == "admin" && !u.Disabled
	}
	kept := func() string {
		t.Helper()
		fi, err := os.Stat(file)
		if err != nil || fi.Mode().Perm() != 0o600 {
			t.Fatalf("password file %v, %v; want mode 0600", fi, err)
		}
		b, _ := os.ReadFile(file)
		return strings.TrimSpace(string(b))
	}

	email, first, err := ensureDemoAdmin(ctx, st, dir)
	if err != nil || email != "admin@localhost.test" || len(first) != 20 || !works(first) || kept() != first {
		t.Fatalf("first run: %q, %q, %v", email, first, err)
	}
	if u, _ := st.UserByEmail(ctx, email); u.Name != "Demo Admin" {
		t.Errorf("demo admin named %q", u.Name)
	}

	// The next run reuses it.
	if _, again, err := ensureDemoAdmin(ctx, st, dir); err != nil || again != first {
		t.Errorf("second run: %q, %v; want the same password", again, err)
	}

	// Without the file, the password is reset and written again.
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	_, second, err := ensureDemoAdmin(ctx, st, dir)
	if err != nil || second == first || !works(second) || works(first) || kept() != second {
		t.Errorf("after losing the file: %q, %v; want a new working password, kept", second, err)
	}

	// A file that no longer matches (the password was changed in the admin),
	// and an account disabled and demoted: the printed sign-in must work.
	if err := os.WriteFile(file, []byte("stale password\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	u, _ := st.UserByEmail(ctx, email)
	if err := st.SetUserDisabled(ctx, u.ID, true); err != nil {
		t.Fatal(err)
	}
	if err := st.UpdateUser(ctx, u.ID, u.Name, "editor"); err != nil {
		t.Fatal(err)
	}
	_, third, err := ensureDemoAdmin(ctx, st, dir)
	if err != nil || third == "stale password" || !works(third) || kept() != third {
		t.Errorf("after a change in the admin: %q, %v; want a new working password, kept", third, err)
	}

	var out bytes.Buffer
	printDemoAdmin(&out, "http://localhost:8080/admin/login", email, third)
	if !strings.Contains(out.String(), "Staff sign-in: http://localhost:8080/admin/login") || !strings.Contains(out.String(), third) {
		t.Errorf("printed %q", out.String())
	}
}
