// Command loadtest measures the site under load with wrk against nginx
// serving the very same bytes as static files, the way anyone can rerun
// it: it starts a throwaway PostgreSQL cluster, migrates and seeds it with
// the demo content (and, with -resources and -signatories, a big library
// and a long list of signatories), serves the real handler in-process on a
// loopback port, takes each path's answer once (with gzip and without),
// writes those bytes into a temporary nginx root, starts nginx on another
// loopback port, checks nginx sends what the site sends, and then loads
// each path with wrk, site and nginx alternated over several rounds.
//
//	go run ./cmd/loadtest [-duration 5s] [-rounds 3] [-connections 64] [-threads 2]
//		[-paths /,/resources?q=workforce] [-resources 10000] [-signatories 10000]
//
// It prints a Markdown table (per path: both req/s, both p99, their ratio)
// and exits with status 1 when any request failed (a status outside
// 200-399 or a socket error). wrk runs on the same machine as both
// servers, so absolute figures are noise on a shared machine; the ratio,
// measured in one run, is the figure to compare.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/app"
	"github.com/sswalliance/advocacy/internal/config"
	"github.com/sswalliance/advocacy/internal/db"
	"github.com/sswalliance/advocacy/internal/localpg"
	"github.com/sswalliance/advocacy/internal/seed"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
)

func main() {
	// Ctrl-C cancels ctx: wrk is stopped, and run's deferred clean-up stops
	// the cluster and removes its folder before the program exits.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if ctx.Err() != nil {
			err = errors.New("interrupted; the throwaway cluster is stopped and removed")
		}
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

// defaultPaths are the pages measured unless -paths says otherwise: the
// home page, the Call to Action with its logo wall, the toolkit, the
// biggest SSWWeek edition, an audience's key messages, the library
// unfiltered, searched and filtered by type (reports: the demo's most
// common type), and the home page in Spanish.
var defaultPaths = []string{
	"/",
	"/call-to-action",
	"/toolkit",
	"/sswweek/2018",
	"/key-messages/donors",
	"/resources",
	"/resources?q=workforce",
	"/resources?type=report",
	"/es/",
}

type options struct {
	duration    time.Duration
	rounds      int
	connections int
	threads     int
	timeout     time.Duration
	paths       []string
	resources   int
	signatories int
}

// maxBulk bounds -resources and -signatories: a million rows of each is
// already far past any real campaign.
const maxBulk = 1_000_000

func parseOptions(args []string, stderr io.Writer) (options, error) {
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opt options
	var paths string
	fs.DurationVar(&opt.duration, "duration", 5*time.Second, "how long each wrk run lasts (whole seconds)")
	fs.IntVar(&opt.rounds, "rounds", 3, "wrk runs per path and server, alternated site, nginx, site, nginx, ...")
	fs.IntVar(&opt.connections, "connections", 64, "open HTTP connections (wrk -c)")
	fs.IntVar(&opt.threads, "threads", 2, "wrk threads (wrk -t)")
	fs.DurationVar(&opt.timeout, "timeout", 10*time.Second, "wrk --timeout: an answer slower than this counts as a failed request (whole seconds)")
	fs.StringVar(&paths, "paths", strings.Join(defaultPaths, ","), "comma-separated paths to measure, query strings included (write a comma inside one as %2C)")
	fs.IntVar(&opt.resources, "resources", 0, "extra published resources to load before the run (the issue measures 10000)")
	fs.IntVar(&opt.signatories, "signatories", 0, "extra approved signatories to load before the run (the issue measures 10000)")
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: go run ./cmd/loadtest [flags]

Serves the seeded site in-process over a throwaway PostgreSQL cluster,
serves the very same bytes as static files from nginx on another loopback
port, and measures both with wrk, alternated. Exits 1 if any request failed.

`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return opt, err
	}
	for _, p := range strings.Split(paths, ",") {
		if p = strings.TrimSpace(p); p != "" {
			opt.paths = append(opt.paths, p)
		}
	}
	switch {
	case fs.NArg() > 0:
		return opt, fmt.Errorf("unexpected arguments %q", fs.Args())
	case opt.duration < time.Second || opt.duration%time.Second != 0:
		return opt, fmt.Errorf("-duration %v: give whole seconds, at least 1s", opt.duration)
	case opt.timeout < time.Second || opt.timeout%time.Second != 0:
		return opt, fmt.Errorf("-timeout %v: give whole seconds, at least 1s", opt.timeout)
	case opt.rounds < 1:
		return opt, fmt.Errorf("-rounds %d: need at least 1", opt.rounds)
	case opt.threads < 1:
		return opt, fmt.Errorf("-threads %d: need at least 1", opt.threads)
	case opt.connections < opt.threads:
		return opt, fmt.Errorf("-connections %d: need at least one per thread (-threads %d)", opt.connections, opt.threads)
	case len(opt.paths) == 0:
		return opt, errors.New("-paths: give at least one path")
	case opt.resources < 0 || opt.resources > maxBulk:
		return opt, fmt.Errorf("-resources %d: give 0 to %d", opt.resources, maxBulk)
	case opt.signatories < 0 || opt.signatories > maxBulk:
		return opt, fmt.Errorf("-signatories %d: give 0 to %d", opt.signatories, maxBulk)
	}
	seen := map[string]bool{}
	for _, p := range opt.paths {
		if err := checkPath(p); err != nil {
			return opt, fmt.Errorf("-paths: %w", err)
		}
		if seen[p] {
			return opt, fmt.Errorf("-paths: %q twice", p)
		}
		seen[p] = true
	}
	return opt, nil
}

// checkPath accepts a path (with its query string) that wrk sends as
// given and nginx can be configured with: from "/", printable ASCII, no
// space, no fragment, no "$" (nginx has no way to write one in a string).
func checkPath(p string) error {
	if !strings.HasPrefix(p, "/") {
		return fmt.Errorf("%q: start with /", p)
	}
	for _, r := range p {
		if r <= ' ' || r >= 0x7f || r == '#' || r == '$' || r == '"' || r == '\\' {
			return fmt.Errorf("%q: write %q percent-encoded", p, r)
		}
	}
	return nil
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	opt, err := parseOptions(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}

	// Both tools are looked for before a cluster is started for nothing.
	nginx, err := findNginx()
	if err != nil {
		return err
	}
	wrk, err := findWrk(ctx, stderr)
	if err != nil {
		return err
	}

	progress := func(format string, a ...any) { fmt.Fprintf(stderr, "--- "+format+"\n", a...) }
	progress("starting a throwaway PostgreSQL cluster")
	pool, tmp, cleanup, err := startDatabase(ctx)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := cleanup(); cerr != nil && err == nil {
			err = cerr
		}
	}()

	progress("migrating and loading the demo content")
	if err := db.MigrateUp(ctx, pool, io.Discard); err != nil {
		return err
	}
	if err := seed.Load(ctx, store.New(pool), false); err != nil {
		return err
	}
	if opt.resources > 0 || opt.signatories > 0 {
		start := time.Now()
		progress("loading %d extra resources and %d extra signatories", opt.resources, opt.signatories)
		if err := loadResources(ctx, pool, opt.resources); err != nil {
			return err
		}
		if err := loadSignatories(ctx, pool, opt.signatories); err != nil {
			return err
		}
		if err := analyze(ctx, pool); err != nil {
			return err
		}
		progress("loaded in %v", time.Since(start).Round(time.Millisecond))
	}

	base, stopServer, err := startServer(ctx, pool, stderr)
	if err != nil {
		return err
	}
	defer stopServer()

	progress("taking each path's answer from the site at %s, to serve from nginx", base)
	site := nginxSite{Dir: filepath.Join(tmp, "nginx"), Root: filepath.Join(tmp, "nginx", "root")}
	for _, p := range opt.paths {
		snap, err := takeSnapshot(ctx, base, p)
		if err != nil {
			return fmt.Errorf("before load: %w", err)
		}
		site.Pages = append(site.Pages, snap)
	}
	if site.Addr, err = freeLoopbackAddr(); err != nil {
		return err
	}
	progress("starting nginx at %s (config %s)", site.Addr, filepath.Join(site.Dir, "nginx.conf"))
	stopNginx, err := startNginx(ctx, nginx, site)
	if err != nil {
		return err
	}
	defer func() {
		if serr := stopNginx(); serr != nil && err == nil {
			err = serr
		}
	}()
	nginxBase := "http://" + site.Addr

	var warnings []string
	for _, p := range opt.paths {
		a, err := fetch(ctx, base+p, true)
		if err != nil {
			return err
		}
		b, err := fetch(ctx, nginxBase+p, true)
		if err != nil {
			return err
		}
		if d := sameBytes(a, b); d != "" {
			w := fmt.Sprintf("%s: nginx does not send what the site sends: %s", p, d)
			warnings = append(warnings, w)
			fmt.Fprintln(stderr, "WARNING:", w)
		}
	}

	results := make([]pathResult, len(opt.paths))
	for i, p := range opt.paths {
		results[i].Path = p
		results[i].Size = len(site.Pages[i].Identity)
		results[i].GzipSize = len(site.Pages[i].Gzip)
		for round := 1; round <= opt.rounds; round++ {
			for _, srv := range []struct {
				name, base string
				into       *[]wrkResult
			}{{"site", base, &results[i].Site}, {"nginx", nginxBase, &results[i].Nginx}} {
				progress("wrk %s %s, round %d of %d, %v (%d connections, %d threads)",
					srv.name, p, round, opt.rounds, opt.duration, opt.connections, opt.threads)
				r, err := runWrk(ctx, wrk, srv.base+p, opt)
				if err != nil {
					return fmt.Errorf("%s %s: %w", srv.name, p, err)
				}
				*srv.into = append(*srv.into, r)
			}
		}
	}

	printReport(stdout, results, opt, wrkVersion(wrk), warnings)
	if failed := failures(results); len(failed) > 0 {
		return fmt.Errorf("failed requests on %s", strings.Join(failed, "; "))
	}
	return nil
}

// findWrk returns the path of wrk, installing Debian's package when it is
// missing and this process may (root with apt-get).
func findWrk(ctx context.Context, stderr io.Writer) (string, error) {
	if p, err := exec.LookPath("wrk"); err == nil {
		return p, nil
	}
	if _, err := exec.LookPath("apt-get"); err != nil || os.Geteuid() != 0 {
		return "", errors.New("wrk not found: install Debian's wrk package (sudo apt-get install wrk)")
	}
	fmt.Fprintln(stderr, "--- installing Debian's wrk package")
	for _, args := range [][]string{{"update", "-qq"}, {"install", "-y", "-qq", "wrk"}} {
		cmd := exec.CommandContext(ctx, "apt-get", args...)
		cmd.Stdout, cmd.Stderr = io.Discard, stderr
		if err := cmd.Run(); err != nil {
			return "", fmt.Errorf("apt-get %s: %w (install Debian's wrk package)", strings.Join(args, " "), err)
		}
	}
	p, err := exec.LookPath("wrk")
	if err != nil {
		return "", fmt.Errorf("wrk still not found after installing Debian's wrk package: %w", err)
	}
	return p, nil
}

// startDatabase starts a private cluster in a temporary folder (on tmpfs
// where there is one, as the tests do) and opens a pool on a new database.
// It returns the folder too, for nginx's files. cleanup closes the pool,
// stops the cluster and removes the folder.
func startDatabase(ctx context.Context) (*pgxpool.Pool, string, func() error, error) {
	base := os.TempDir()
	if fi, err := os.Stat("/dev/shm"); err == nil && fi.IsDir() {
		base = "/dev/shm"
	}
	tmp, err := os.MkdirTemp(base, "advocacy-load-")
	if err != nil {
		return nil, "", nil, err
	}
	// MkdirTemp makes a 0700 folder; as root the cluster runs as another user.
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, "", nil, err
	}
	// Not cancelled by Ctrl-C: an interrupted start could leave a server
	// running that we hold no handle to stop.
	cluster, err := localpg.Start(context.WithoutCancel(ctx), filepath.Join(tmp, "data"), localpg.Options{
		Settings: map[string]string{"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"},
	})
	if err != nil {
		os.RemoveAll(tmp)
		return nil, "", nil, err
	}
	stopCluster := func() error {
		errs := []error{cluster.Stop()}
		if err := os.RemoveAll(tmp); err != nil {
			errs = append(errs, fmt.Errorf("remove %s: %w", tmp, err))
		}
		return errors.Join(errs...)
	}
	if err := cluster.CreateDatabase(ctx, "advocacy"); err != nil {
		return nil, "", nil, errors.Join(err, stopCluster())
	}
	pool, err := db.Open(ctx, cluster.URL("advocacy"))
	if err != nil {
		return nil, "", nil, errors.Join(err, stopCluster())
	}
	return pool, tmp, func() error { pool.Close(); return stopCluster() }, nil
}

// startServer serves the site's real handler on a loopback port, logging
// only warnings and errors (an access log line per request would dominate
// what is measured). It returns the base URL and a func that stops serving.
func startServer(ctx context.Context, pool *pgxpool.Pool, stderr io.Writer) (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	addr := ln.Addr().String()
	cfg, err := config.Load(func(k string) string {
		return map[string]string{"ADDR": addr, "LOG_LEVEL": "warn"}[k]
	})
	if err != nil {
		ln.Close()
		return "", nil, err
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: cfg.LogLevel}))
	site, err := app.New(cfg, logger, pool)
	if err != nil {
		ln.Close()
		return "", nil, err
	}

	srvCtx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- web.Serve(srvCtx, ln, site.Handler(), logger) }()
	// The background work, as in serve: the page cache serves what it
	// keeps only while it hears the database's changes.
	bg := make(chan struct{})
	go func() { site.RunBackground(srvCtx); close(bg) }()
	for deadline := time.Now().Add(10 * time.Second); !site.Listening(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			cancel()
			<-done
			<-bg
			return "", nil, errors.New("the page cache never started listening for changes")
		}
	}
	stop := func() {
		cancel()
		if err := <-done; err != nil {
			logger.Error("stop server", "error", err)
		}
		<-bg
	}
	return "http://" + addr, stop, nil
}

// runWrk loads url with wrk and parses its report.
func runWrk(ctx context.Context, wrk, url string, opt options) (wrkResult, error) {
	cmd := exec.CommandContext(ctx, wrk,
		"--latency",
		"--threads", fmt.Sprint(opt.threads),
		"--connections", fmt.Sprint(opt.connections),
		"--duration", fmt.Sprintf("%ds", int(opt.duration/time.Second)),
		"--timeout", fmt.Sprintf("%ds", int(opt.timeout/time.Second)),
		"--header", "Accept-Encoding: gzip",
		url)
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		return wrkResult{}, ctx.Err()
	}
	if err != nil {
		return wrkResult{}, fmt.Errorf("wrk: %w\n%s", err, out)
	}
	r, err := parseWrk(string(out))
	if err != nil {
		return r, fmt.Errorf("%w\n%s", err, out)
	}
	return r, nil
}

// wrkVersion is the first line of `wrk -v` ("wrk debian/4.1.0-3+b2 [epoll] ..."),
// cut before the copyright; wrk exits 1 after printing it.
func wrkVersion(wrk string) string {
	out, _ := exec.Command(wrk, "-v").CombinedOutput()
	line, _, _ := strings.Cut(string(out), "\n")
	line, _, _ = strings.Cut(line, " Copyright")
	if line = strings.TrimSpace(line); line == "" {
		return "wrk (unknown version)"
	}
	return line
}

// cpuModel is the first "model name" in /proc/cpuinfo.
func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if k, v, ok := strings.Cut(s.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown CPU"
}
