// Command loadtest measures the site under load with wrk, the way anyone can
// rerun it: it starts a throwaway PostgreSQL cluster, migrates and seeds it
// with the demo content, serves the real handler in-process on a loopback
// port, and runs wrk against a handful of representative pages.
//
//	go run ./cmd/loadtest [-duration 10s] [-connections 32] [-threads 2]
//
// It prints a Markdown table and exits with status 1 when any request failed
// (a status outside 200-399 or a socket error). wrk runs on the same machine
// as the server, so the figures compare versions on one machine; they are
// not a capacity estimate for production.
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
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/app"
	"github.com/sswalliance/advocacy/internal/config"
	"github.com/sswalliance/advocacy/internal/db"
	"github.com/sswalliance/advocacy/internal/i18n"
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

// pages are the paths measured: the home page, a content page with the
// logo wall, the open data of signatories, a full-text
// search in each language, the biggest SSWWeek edition, and (added at run
// time) one seeded PDF.
var pages = []string{
	"/",
	"/call-to-action",
	"/call-to-action/signatories.json",
	"/resources?q=workforce",
	"/sswweek/2018",
	"/es/resources?q=trabajadores",
}

type options struct {
	duration    time.Duration
	connections int
	threads     int
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opt options
	fs.DurationVar(&opt.duration, "duration", 10*time.Second, "how long wrk loads each path (whole seconds)")
	fs.IntVar(&opt.connections, "connections", 32, "open HTTP connections (wrk -c)")
	fs.IntVar(&opt.threads, "threads", 2, "wrk threads (wrk -t)")
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: go run ./cmd/loadtest [flags]\n\nServes the seeded site in-process over a throwaway PostgreSQL cluster and\nmeasures a few pages with wrk. Exits 1 if any request failed.\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	switch {
	case fs.NArg() > 0:
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	case opt.duration < time.Second || opt.duration%time.Second != 0:
		return fmt.Errorf("-duration %v: give whole seconds, at least 1s", opt.duration)
	case opt.threads < 1:
		return fmt.Errorf("-threads %d: need at least 1", opt.threads)
	case opt.connections < opt.threads:
		return fmt.Errorf("-connections %d: need at least one per thread (-threads %d)", opt.connections, opt.threads)
	}

	wrk, err := findWrk(ctx, stderr)
	if err != nil {
		return err
	}

	progress := func(format string, a ...any) { fmt.Fprintf(stderr, "--- "+format+"\n", a...) }
	progress("starting a throwaway PostgreSQL cluster")
	pool, cleanup, err := startDatabase(ctx)
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
	st := store.New(pool)
	if err := seed.Load(ctx, st, false); err != nil {
		return err
	}
	pdf, err := seededPDF(ctx, st)
	if err != nil {
		return err
	}
	paths := append(append([]string{}, pages...), pdf)

	base, stopServer, err := startServer(ctx, pool, stderr)
	if err != nil {
		return err
	}
	defer stopServer()

	progress("checking every path answers 200 at %s", base)
	for _, p := range paths {
		if err := checkOK(ctx, base+p); err != nil {
			return err
		}
	}

	results := make([]wrkResult, len(paths))
	for i, p := range paths {
		progress("wrk %s for %v (%d connections, %d threads)", p, opt.duration, opt.connections, opt.threads)
		if results[i], err = runWrk(ctx, wrk, base+p, opt); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
	}

	printReport(stdout, paths, results, opt, wrkVersion(wrk))
	var failed []string
	for i, r := range results {
		if r.Failed() {
			failed = append(failed, paths[i]+" ("+r.ErrorSummary()+")")
		}
	}
	if len(failed) > 0 {
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
// cleanup closes the pool, stops the cluster and removes the folder.
func startDatabase(ctx context.Context) (*pgxpool.Pool, func() error, error) {
	base := os.TempDir()
	if fi, err := os.Stat("/dev/shm"); err == nil && fi.IsDir() {
		base = "/dev/shm"
	}
	tmp, err := os.MkdirTemp(base, "advocacy-load-")
	if err != nil {
		return nil, nil, err
	}
	// MkdirTemp makes a 0700 folder; as root the cluster runs as another user.
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, nil, err
	}
	// Not cancelled by Ctrl-C: an interrupted start could leave a server
	// running that we hold no handle to stop.
	cluster, err := localpg.Start(context.WithoutCancel(ctx), filepath.Join(tmp, "data"), localpg.Options{
		Settings: map[string]string{"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"},
	})
	if err != nil {
		os.RemoveAll(tmp)
		return nil, nil, err
	}
	stopCluster := func() error {
		errs := []error{cluster.Stop()}
		if err := os.RemoveAll(tmp); err != nil {
			errs = append(errs, fmt.Errorf("remove %s: %w", tmp, err))
		}
		return errors.Join(errs...)
	}
	if err := cluster.CreateDatabase(ctx, "advocacy"); err != nil {
		return nil, nil, errors.Join(err, stopCluster())
	}
	pool, err := db.Open(ctx, cluster.URL("advocacy"))
	if err != nil {
		return nil, nil, errors.Join(err, stopCluster())
	}
	return pool, func() error { pool.Close(); return stopCluster() }, nil
}

// seededPDF returns the path of the first PDF attached to a seeded resource.
func seededPDF(ctx context.Context, st *store.Store) (string, error) {
	slugs, err := st.ResourceSlugs(ctx)
	if err != nil {
		return "", err
	}
	for _, slug := range slugs {
		res, err := st.Resource(ctx, slug, i18n.EN)
		if err != nil {
			return "", err
		}
		for _, f := range res.Files {
			if f.ContentType == "application/pdf" {
				return f.URL(), nil
			}
		}
	}
	return "", errors.New("the demo content has no PDF attached to a resource")
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
	stop := func() {
		cancel()
		if err := <-done; err != nil {
			logger.Error("stop server", "error", err)
		}
	}
	return "http://" + addr, stop, nil
}

// checkOK fetches url once, as a browser would, and wants 200 itself: wrk
// follows no redirects, so a redirect would measure the wrong thing.
func checkOK(ctx context.Context, url string) error {
	client := &http.Client{
		Timeout:       10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept-Encoding", "gzip")
	res, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("before load: %w", err)
	}
	defer res.Body.Close()
	io.Copy(io.Discard, res.Body)
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("before load: GET %s answered %s, want 200 OK", url, res.Status)
	}
	return nil
}

// runWrk loads url with wrk and parses its report.
func runWrk(ctx context.Context, wrk, url string, opt options) (wrkResult, error) {
	cmd := exec.CommandContext(ctx, wrk,
		"--latency",
		"--threads", fmt.Sprint(opt.threads),
		"--connections", fmt.Sprint(opt.connections),
		"--duration", fmt.Sprintf("%ds", int(opt.duration/time.Second)),
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

func printReport(w io.Writer, paths []string, results []wrkResult, opt options, version string) {
	fmt.Fprintf(w, "\nwrk --latency -t %d -c %d -d %ds, Accept-Encoding: gzip, server and wrk on the same machine\n\n",
		opt.threads, opt.connections, int(opt.duration/time.Second))
	fmt.Fprintln(w, "| path | req/s | p50 | p99 | errors |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---|")
	for i, p := range paths {
		r := results[i]
		fmt.Fprintf(w, "| `%s` | %.0f | %s | %s | %s |\n", p, r.RequestsPerSec, ms(r.P50), ms(r.P99), r.ErrorSummary())
	}
	fmt.Fprintf(w, "\nMachine: %s, %d CPUs, GOMAXPROCS %d, %s %s/%s, %s\n",
		cpuModel(), runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version(), runtime.GOOS, runtime.GOARCH, version)
}

func ms(d time.Duration) string {
	return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
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
