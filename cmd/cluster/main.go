// Command cluster runs the site the way it runs on two machines, on this
// one: two advocacy processes over one database, behind nginx (round
// robin) on one address, until Ctrl-C.
//
//	go run ./cmd/cluster [-addr 127.0.0.1:8080] [-a 127.0.0.1:8081] [-b 127.0.0.1:8082] [-advocacy .data/bin/advocacy]
//
// The database is DATABASE_URL, or, when it is unset, the embedded cluster
// in .data/postgres that `make run` uses (started if needed, stopped at
// the end if this program started it). Instance A runs `advocacy dev`
// (migrations, demo content when the database is empty, the demo staff
// sign-in, printed) and B `advocacy serve` once A is ready. Both are told
// that the site's address is nginx's (BASE_URL) and that nginx, on
// 127.0.0.1, says who the visitor is (TRUSTED_PROXIES). Every other
// setting comes from the environment, as for `advocacy serve`. `make
// cluster` runs it.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/sswalliance/advocacy/internal/cluster"
	"github.com/sswalliance/advocacy/internal/localpg"
)

func main() {
	// Ctrl-C cancels ctx; run then stops nginx, the two instances and
	// (if it started it) the embedded cluster, in that order.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "cluster:", err)
		os.Exit(1)
	}
}

// embeddedDir is where `make run` keeps its cluster (cmd/advocacy).
const embeddedDir = ".data/postgres"

// options are the command line's settings.
type options struct {
	addr, a, b string // nginx, instance A, instance B: host:port
	advocacy   string // the advocacy binary; "" builds it
	nginx      string // the nginx binary
}

func parseFlags(args []string, getenv func(string) string, stderr io.Writer) (options, error) {
	fs := flag.NewFlagSet("cluster", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "where nginx listens: the site's address")
	fs.StringVar(&o.a, "a", "127.0.0.1:8081", "where instance A listens")
	fs.StringVar(&o.b, "b", "127.0.0.1:8082", "where instance B listens")
	fs.StringVar(&o.advocacy, "advocacy", "", "the advocacy binary (default: build ./cmd/advocacy into .data/bin)")
	fs.StringVar(&o.nginx, "nginx", "", "the nginx binary (default: $NGINX, else /usr/sbin/nginx, else nginx on PATH)")
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: go run ./cmd/cluster [flags]\n\nRuns two instances of the site over one database behind nginx, round robin,\nuntil Ctrl-C. The database is DATABASE_URL, or the embedded one of make run.\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	seen := map[string]string{}
	for _, f := range []struct{ name, addr string }{{"-addr", o.addr}, {"-a", o.a}, {"-b", o.b}} {
		host, port, err := net.SplitHostPort(f.addr)
		if err != nil || port == "" || port == "0" {
			return o, fmt.Errorf("%s %q: give host:port with a fixed port (for example 127.0.0.1:8080)", f.name, f.addr)
		}
		if host == "" {
			return o, fmt.Errorf("%s %q: give the host too (127.0.0.1 keeps it on this machine)", f.name, f.addr)
		}
		if other, dup := seen[f.addr]; dup {
			return o, fmt.Errorf("%s and %s are both %s: each needs its own port", other, f.name, f.addr)
		}
		seen[f.addr] = f.name
	}
	if o.nginx == "" {
		o.nginx = findNginx(getenv)
	}
	return o, nil
}

// findNginx is $NGINX, else Debian's /usr/sbin/nginx, else nginx on PATH
// (which may not exist: start says so).
func findNginx(getenv func(string) string) string {
	if p := getenv("NGINX"); p != "" {
		return p
	}
	if _, err := os.Stat("/usr/sbin/nginx"); err == nil {
		return "/usr/sbin/nginx"
	}
	if p, err := exec.LookPath("nginx"); err == nil {
		return p
	}
	return "/usr/sbin/nginx"
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) (err error) {
	opt, err := parseFlags(args, getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if fi, err := os.Stat(opt.nginx); err != nil || fi.IsDir() {
		return fmt.Errorf("nginx not found at %s: install Debian's nginx-light (make cluster does, as root: apt-get install nginx-light) or pass -nginx", opt.nginx)
	}
	out := &lines{w: stdout}
	progress := func(format string, a ...any) { out.print("--- " + fmt.Sprintf(format, a...)) }

	if opt.advocacy == "" {
		opt.advocacy = filepath.Join(".data", "bin", "advocacy")
		progress("building ./cmd/advocacy into %s", opt.advocacy)
		build := exec.CommandContext(ctx, "go", "build", "-o", opt.advocacy, "./cmd/advocacy")
		build.Stdout, build.Stderr = stderr, stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("go build ./cmd/advocacy: %w", err)
		}
	}

	dbURL := getenv("DATABASE_URL")
	if dbURL == "" {
		progress("starting the embedded database in %s", embeddedDir)
		// Not cancelled by Ctrl-C: an interrupted start could leave a
		// server running that we hold no handle to stop.
		cluster, err := localpg.Start(context.WithoutCancel(ctx), embeddedDir, localpg.Options{})
		if err != nil {
			return err
		}
		if cluster.Started() {
			defer func() {
				progress("stopping the embedded database")
				if serr := cluster.Stop(); serr != nil && err == nil {
					err = serr
				}
			}()
		}
		if err := cluster.CreateDatabase(ctx, "advocacy"); err != nil {
			return err
		}
		dbURL = cluster.URL("advocacy")
	}

	tmp, err := os.MkdirTemp("", "advocacy-cluster-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	// nginx's workers run as nobody when this runs as root, and must reach
	// their temporary folders in here.
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}

	site := "http://" + opt.addr
	baseURL := getenv("BASE_URL")
	if baseURL == "" {
		baseURL = site
	}
	proxies := "127.0.0.1"
	if p := strings.TrimSpace(getenv("TRUSTED_PROXIES")); p != "" {
		proxies = p + "," + proxies
	}
	instance := func(name, addr string, command ...string) *process {
		env := withEnv(os.Environ(), map[string]string{
			"DATABASE_URL":    dbURL,
			"ADDR":            addr,
			"BASE_URL":        baseURL,
			"TRUSTED_PROXIES": proxies,
			// Each instance keeps its own copies of downloads.
			"FILE_CACHE_DIR": filepath.Join(tmp, "files-"+name),
		})
		return &process{name: name, path: opt.advocacy, args: command, env: env, out: out}
	}

	var running []*process
	// Whatever happens, everything started is stopped: nginx first, so
	// no request reaches an instance on its way out.
	defer func() {
		progress("stopping nginx and both instances")
		for i := len(running) - 1; i >= 0; i-- {
			if p := running[i]; p.name == "nginx" {
				p.stop(syscall.SIGQUIT, 10*time.Second)
			}
		}
		var wg sync.WaitGroup
		for _, p := range running {
			if p.name != "nginx" {
				wg.Go(func() { p.stop(syscall.SIGTERM, 40*time.Second) })
			}
		}
		wg.Wait()
	}()

	a := instance("a", opt.a, "dev")
	progress("starting instance A (advocacy dev) on %s", opt.a)
	if err := a.start(); err != nil {
		return err
	}
	running = append(running, a)
	// A migrates and seeds before B starts, so B never serves a database
	// half made.
	if err := waitReady(ctx, "http://"+opt.a+"/readyz", 2*time.Minute, a); err != nil {
		return err
	}
	b := instance("b", opt.b, "serve")
	progress("starting instance B (advocacy serve) on %s", opt.b)
	if err := b.start(); err != nil {
		return err
	}
	running = append(running, b)
	if err := waitReady(ctx, "http://"+opt.b+"/readyz", time.Minute, b); err != nil {
		return err
	}

	conf := filepath.Join(tmp, "nginx.conf")
	if err := os.WriteFile(conf, cluster.NginxConf(tmp, opt.addr, opt.a, opt.b), 0o644); err != nil {
		return err
	}
	lb := &process{name: "nginx", path: opt.nginx, args: []string{"-p", tmp, "-c", conf, "-e", "stderr"},
		env: withEnv(os.Environ(), nil), out: out}
	progress("starting nginx on %s", opt.addr)
	if err := lb.start(); err != nil {
		return err
	}
	running = append(running, lb)
	if err := waitReady(ctx, site+"/healthz", 10*time.Second, lb); err != nil {
		return err
	}

	out.print(fmt.Sprintf("\nThe site: %s (nginx, round robin over A on http://%s and B on http://%s, one database)\n"+
		"Staff sign-in: %s/admin/login (the demo admin printed by A above). Ctrl-C stops all.\n",
		site, opt.a, opt.b, site))

	select {
	case <-ctx.Done():
		return nil
	case <-a.exited:
		return fmt.Errorf("instance A stopped: %v", a.err)
	case <-b.exited:
		return fmt.Errorf("instance B stopped: %v", b.err)
	case <-lb.exited:
		return fmt.Errorf("nginx stopped: %v", lb.err)
	}
}

// withEnv is env with set's variables replaced (or added), and without
// NGINX: nginx reads that variable as listening sockets handed over by an
// old master process, not as its own path.
func withEnv(env []string, set map[string]string) []string {
	var out []string
	for _, kv := range env {
		k, _, _ := strings.Cut(kv, "=")
		if _, replaced := set[k]; !replaced && k != "NGINX" {
			out = append(out, kv)
		}
	}
	for k, v := range set {
		out = append(out, k+"="+v)
	}
	return out
}

// waitReady polls url until it answers 200, p exits, ctx ends or timeout
// passes.
func waitReady(ctx context.Context, url string, timeout time.Duration, p *process) error {
	deadline := time.Now().Add(timeout)
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if res, err := http.DefaultClient.Do(req); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-p.exited:
			return fmt.Errorf("%s stopped at start: %v", p.name, p.err)
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s did not answer %s within %v", p.name, url, timeout)
		}
	}
}
