package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sswalliance/advocacy/internal/cluster"
	"github.com/sswalliance/advocacy/internal/dbtest"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

func TestFlagsNeedThreeFixedDistinctAddresses(t *testing.T) {
	noEnv := func(string) string { return "" }
	for _, tt := range []struct {
		args []string
		want string // in the error; "" for none
	}{
		{nil, ""},
		{[]string{"-addr", "127.0.0.1:9000", "-a", "127.0.0.1:9001", "-b", "127.0.0.1:9002"}, ""},
		{[]string{"-addr", "8080"}, "-addr"},
		{[]string{"-a", "127.0.0.1:0"}, "fixed port"},
		{[]string{"-b", ":8082"}, "give the host"},
		{[]string{"-b", "127.0.0.1:8081"}, "-a and -b are both 127.0.0.1:8081"},
		{[]string{"-addr", "127.0.0.1:8081"}, "-addr and -a"},
		{[]string{"extra"}, "unexpected arguments"},
	} {
		_, err := parseFlags(tt.args, noEnv, io.Discard)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%q: %v", tt.args, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%q: error %v, want one saying %q", tt.args, err, tt.want)
		}
	}
	o, err := parseFlags(nil, func(k string) string { return map[string]string{"NGINX": "/opt/nginx/sbin/nginx"}[k] }, io.Discard)
	if err != nil || o.nginx != "/opt/nginx/sbin/nginx" {
		t.Errorf("NGINX set: nginx %q (%v)", o.nginx, err)
	}
}

func TestChildrenGetTheirSettingsAndNotNGINX(t *testing.T) {
	got := withEnv([]string{"PATH=/bin", "ADDR=:9999", "NGINX=/usr/sbin/nginx", "LOG_LEVEL=debug"}, map[string]string{"ADDR": "127.0.0.1:8081"})
	slices.Sort(got)
	if want := []string{"ADDR=127.0.0.1:8081", "LOG_LEVEL=debug", "PATH=/bin"}; !slices.Equal(got, want) {
		t.Errorf("env %q, want %q", got, want)
	}
}

// nginxBin is the nginx the tests run; a machine without it fails them
// (make test installs it).
func nginxBin(t *testing.T) string {
	t.Helper()
	bin := findNginx(os.Getenv)
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("nginx not found at %s: install Debian's nginx-light (make test does) or set NGINX", bin)
	}
	return bin
}

func TestNginxAcceptsTheConfiguration(t *testing.T) {
	bin := nginxBin(t)
	dir := t.TempDir()
	conf := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(conf, cluster.NginxConf(dir, "127.0.0.1:18080", "127.0.0.1:18081", "127.0.0.1:18082"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-t", "-q", "-p", dir, "-c", conf, "-e", "stderr")
	cmd.Env = withEnv(os.Environ(), nil)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nginx -t: %v\n%s", err, out)
	}
}

// output is what run prints, safe to read while it writes.
type output struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (o *output) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.b.Write(p)
}

func (o *output) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.b.String()
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

// TestClusterServesThroughNginxAndStopsOnCancel runs what `make cluster`
// runs, over a test database: both instances answer through nginx, the
// demo admin it prints can sign in there, and cancelling (Ctrl-C) stops
// all three.
func TestClusterServesThroughNginxAndStopsOnCancel(t *testing.T) {
	nginxBin(t)
	advocacy := filepath.Join(t.TempDir(), "advocacy")
	build := exec.Command("go", "build", "-o", advocacy, "./cmd/advocacy")
	build.Dir = filepath.Join("..", "..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/advocacy: %v\n%s", err, out)
	}
	env := map[string]string{"DATABASE_URL": dbtest.URL(t)}
	// advocacy dev keeps the demo admin's password in ./.data.
	t.Chdir(t.TempDir())

	site, a, b := freeAddr(t), freeAddr(t), freeAddr(t)
	out := &output{}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", site, "-a", a, "-b", b, "-advocacy", advocacy}, func(k string) string { return env[k] }, out, out)
	}()
	defer func() {
		if t.Failed() {
			t.Log("output:\n" + out.String())
		}
	}()
	for deadline := time.Now().Add(2 * time.Minute); !strings.Contains(out.String(), "Ctrl-C stops all"); time.Sleep(50 * time.Millisecond) {
		select {
		case err := <-done:
			t.Fatalf("run returned before serving: %v", err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("not serving after 2 minutes")
		}
	}

	base := "http://" + site
	for range 4 {
		res, err := http.Get(base + "/call-to-action")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET /call-to-action through nginx: %s", res.Status)
		}
	}
	// An instance logs a request once it has answered it, and its log
	// reaches out through a pipe: the lines may come a moment after the
	// answers.
	for _, name := range []string{"a", "b"} {
		served := regexp.MustCompile(`(?m)^` + name + ` +\| .*path=/call-to-action status=200`)
		for deadline := time.Now().Add(5 * time.Second); !served.MatchString(out.String()); time.Sleep(20 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Errorf("instance %s served none of the requests made to nginx", name)
				break
			}
		}
	}

	m := regexp.MustCompile(`password +(\S+)`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatal("no demo admin password printed")
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 30 * time.Second}
	req, _ := http.NewRequest(http.MethodPost, base+"/admin/login",
		strings.NewReader(url.Values{"email": {"admin@localhost.test"}, "password": {m[1]}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", base)
	res, err := c.Do(req) // follows the redirect to /admin, through nginx again
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK || res.Request.URL.Path != "/admin" {
		t.Fatalf("sign in through nginx: %s at %s", res.Status, res.Request.URL)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run after Ctrl-C: %v", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("still running a minute after Ctrl-C")
	}
	for _, addr := range []string{site, a, b} {
		if conn, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
			conn.Close()
			t.Errorf("%s still accepts connections after Ctrl-C", addr)
		}
	}
}
