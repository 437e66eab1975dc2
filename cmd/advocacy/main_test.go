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
	"strings"
	"testing"
	"time"

	"github.com/sswalliance/advocacy/internal/localpg"
)

func env(kv map[string]string) func(string) string {
	return func(k string) string { return kv[k] }
}

func TestHelpOnEveryCommand(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"help"}, {"serve", "--help"}, {"migrate", "--help"}, {"seed", "-h"}, {"dev", "--help"}} {
		var out bytes.Buffer
		if err := run(context.Background(), args, env(nil), &out, io.Discard); err != nil {
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
		err := run(context.Background(), tt.args, env(tt.env), io.Discard, io.Discard)
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
		err := run(ctx, args, env(nil), &out, io.Discard)
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
		done <- run(devCtx, []string{"dev"}, env(map[string]string{"ADDR": addr}), io.Discard, io.Discard)
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
}
