package localpg

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// Superuser is the name of the cluster's superuser role.
const Superuser = "postgres"

// ErrNoBinaries means no PostgreSQL server binaries were found.
var ErrNoBinaries = errors.New("PostgreSQL server binaries (initdb, postgres) not found on PATH or under /usr/lib/postgresql/*/bin: install them with `apt-get install postgresql-15` (Debian), or set DATABASE_URL to an existing server")

// Options tunes a cluster. The zero value is fine for development.
type Options struct {
	// Settings are extra postgresql.conf settings, written when the cluster
	// is created (tests turn durability off for speed).
	Settings map[string]string
	// Logger reports what the cluster is doing; nil discards.
	Logger *slog.Logger
}

// Cluster is a running local PostgreSQL cluster.
type Cluster struct {
	dir     string
	started bool
	logger  *slog.Logger
}

// Dir is the cluster's data directory, which also holds its socket.
func (c *Cluster) Dir() string { return c.dir }

// Started reports whether this process started the cluster (as opposed to
// finding it already running).
func (c *Cluster) Started() bool { return c.started }

// URL returns a connection string for database name on this cluster.
func (c *Cluster) URL(name string) string {
	u := url.URL{
		Scheme:   "postgres",
		User:     url.User(Superuser),
		Path:     "/" + name,
		RawQuery: "host=" + url.QueryEscape(c.dir) + "&sslmode=disable",
	}
	return u.String()
}

// Start makes sure a cluster is running in dir: it creates the cluster if dir
// holds none, and starts it unless it is already running.
func Start(ctx context.Context, dir string, opts Options) (*Cluster, error) {
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("localpg: %w", err)
	}
	// A unix socket path is limited to 107 bytes on Linux.
	if sock := filepath.Join(dir, ".s.PGSQL.5432"); len(sock) > 107 {
		return nil, fmt.Errorf("localpg: socket path %s is longer than 107 bytes: move the project to a shorter path or set DATABASE_URL", sock)
	}
	c := &Cluster{dir: dir, logger: logger}

	if c.ping(ctx) == nil {
		logger.Debug("embedded postgres already running", "dir", dir)
		return c, nil
	}

	bin, err := FindBinaries()
	if err != nil {
		return nil, err
	}
	cred, err := runAs()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return nil, fmt.Errorf("localpg: %w", err)
	}
	if cred != nil {
		if err := makeReachable(filepath.Dir(dir), logger); err != nil {
			return nil, err
		}
	}

	if _, err := os.Stat(filepath.Join(dir, "PG_VERSION")); errors.Is(err, fs.ErrNotExist) {
		if err := initCluster(ctx, bin, dir, cred, opts.Settings, logger); err != nil {
			return nil, err
		}
	} else if err != nil {
		return nil, fmt.Errorf("localpg: %w", err)
	}

	if err := c.startServer(ctx, bin, cred); err != nil {
		return nil, err
	}
	return c, nil
}

// FindBinaries returns the directory holding initdb and postgres: the one on
// PATH, else the newest /usr/lib/postgresql/N/bin.
func FindBinaries() (string, error) {
	if p, err := exec.LookPath("postgres"); err == nil {
		d := filepath.Dir(p)
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, d := range dirs {
		_, e1 := os.Stat(filepath.Join(d, "initdb"))
		_, e2 := os.Stat(filepath.Join(d, "postgres"))
		if e1 == nil && e2 == nil {
			return d, nil
		}
	}
	return "", ErrNoBinaries
}

func version(binDir string) float64 {
	v, _ := strconv.ParseFloat(filepath.Base(filepath.Dir(binDir)), 64)
	return v
}

// runAs returns the credential to run PostgreSQL under: nil when this
// process is not root, else the postgres system user (or nobody), because
// PostgreSQL refuses to run as root.
func runAs() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	for _, name := range []string{"postgres", "nobody"} {
		u, err := user.Lookup(name)
		if err != nil {
			continue
		}
		uid, _ := strconv.ParseUint(u.Uid, 10, 32)
		gid, _ := strconv.ParseUint(u.Gid, 10, 32)
		return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid), Groups: []uint32{}}, nil
	}
	return nil, errors.New("localpg: running as root, and neither a postgres nor a nobody user exists to run PostgreSQL as: create one (`adduser --system postgres`) or set DATABASE_URL")
}

// makeReachable grants search permission (o+x, which does not allow listing)
// on dir and its parents where it is missing, so the unprivileged cluster
// user can reach its data directory.
func makeReachable(dir string, logger *slog.Logger) error {
	for d := dir; ; d = filepath.Dir(d) {
		fi, err := os.Stat(d)
		if err != nil {
			return fmt.Errorf("localpg: %w", err)
		}
		if fi.Mode().Perm()&0o001 == 0 {
			if err := os.Chmod(d, fi.Mode().Perm()|0o001); err != nil {
				return fmt.Errorf("localpg: the postgres user cannot reach %s (mode %o), and granting o+x failed: %w", d, fi.Mode().Perm(), err)
			}
			logger.Warn("granted search permission (o+x) so the postgres user can reach its data directory", "dir", d)
		}
		if d == filepath.Dir(d) {
			return nil
		}
	}
}

func command(ctx context.Context, cred *syscall.Credential, dir, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = childEnv()
	// Own process group: a Ctrl-C in the terminal reaches the program, which
	// then decides whether to stop the cluster; it does not kill PostgreSQL
	// behind its back.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Credential: cred}
	return cmd
}

// childEnv is the environment without PG* variables that would redirect
// initdb or postgres.
func childEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PG") {
			env = append(env, kv)
		}
	}
	return append(env, "LC_ALL=C.UTF-8")
}

func initCluster(ctx context.Context, bin, dir string, cred *syscall.Credential, settings map[string]string, logger *slog.Logger) (err error) {
	logger.Info("creating embedded postgres cluster", "dir", dir, "bin", bin)
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("localpg: %w", err)
	}
	defer func() {
		if err != nil { // leave no half-made cluster behind
			os.RemoveAll(dir)
		}
	}()
	if cred != nil {
		if err := os.Chown(dir, int(cred.Uid), int(cred.Gid)); err != nil {
			return fmt.Errorf("localpg: %w", err)
		}
	}
	out, err := command(ctx, cred, dir, filepath.Join(bin, "initdb"),
		"--pgdata", dir, "--username", Superuser, "--auth", "trust",
		"--encoding", "UTF8", "--locale", "C.UTF-8", "--no-instructions").CombinedOutput()
	if err != nil {
		return fmt.Errorf("localpg: initdb: %w\n%s", err, out)
	}

	conf := map[string]string{
		"listen_addresses":        "",
		"unix_socket_directories": dir,
		"logging_collector":       "off",
	}
	for k, v := range settings {
		conf[k] = v
	}
	keys := make([]string, 0, len(conf))
	for k := range conf {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString("\n# Written by localpg for the embedded cluster.\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "%s = '%s'\n", k, strings.ReplaceAll(conf[k], "'", "''"))
	}
	f, err := os.OpenFile(filepath.Join(dir, "postgresql.conf"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("localpg: %w", err)
	}
	if _, err := f.WriteString(b.String()); err != nil {
		f.Close()
		return fmt.Errorf("localpg: %w", err)
	}
	return f.Close()
}

func (c *Cluster) logPath() string { return c.dir + ".log" }

func (c *Cluster) startServer(ctx context.Context, bin string, cred *syscall.Credential) error {
	logf, err := os.OpenFile(c.logPath(), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("localpg: %w", err)
	}
	defer logf.Close()
	// Not CommandContext: the server must outlive this call and this process.
	cmd := command(context.Background(), cred, c.dir, filepath.Join(bin, "postgres"), "-D", c.dir)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("localpg: start postgres: %w", err)
	}
	c.logger.Info("starting embedded postgres", "dir", c.dir, "log", c.logPath())
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }() // reaps the process if it dies while we run

	deadline := time.Now().Add(60 * time.Second)
	var exitErr error
	var exitedAt time.Time
	for {
		if c.ping(ctx) == nil {
			c.started = exitErr == nil && exitedAt.IsZero()
			return nil
		}
		select {
		case exitErr = <-exited:
			exitedAt = time.Now()
			if exitErr == nil {
				exitErr = errors.New("exited")
			}
		default:
		}
		// Another process may have started the same cluster a moment before
		// us (our postgres then exits on the lock file); give it time.
		if !exitedAt.IsZero() && time.Since(exitedAt) > 10*time.Second {
			return fmt.Errorf("localpg: postgres %v; last lines of %s:\n%s", exitErr, c.logPath(), tail(c.logPath(), 10))
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("localpg: postgres did not accept connections within 60s; see %s", c.logPath())
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func (c *Cluster) ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	conn, err := pgconn.Connect(ctx, c.URL("postgres"))
	if err != nil {
		return err
	}
	return conn.Close(ctx)
}

// ShutdownMode is how a stop ends the sessions open on the cluster, as
// pg_ctl's -m option.
type ShutdownMode int

const (
	// Fast ends open sessions, flushes data and stops (SIGINT).
	Fast ShutdownMode = iota
	// Immediate quits at once, as a crash would; the next start recovers
	// from the write-ahead log (SIGQUIT).
	Immediate
)

func (m ShutdownMode) String() string {
	if m == Immediate {
		return "immediate"
	}
	return "fast"
}

// Stop shuts the cluster down ("fast" mode: open sessions are ended, data
// is flushed) and waits until it has gone.
func (c *Cluster) Stop() error { return c.stop(Fast) }

// Restart stops the cluster in mode and starts it again, as `pg_ctl
// restart -m fast|immediate` does, and returns once it accepts
// connections. The connections open on it are ended, as in any restart.
func (c *Cluster) Restart(ctx context.Context, mode ShutdownMode) error {
	if err := c.Shutdown(mode); err != nil {
		return err
	}
	return c.Resume(ctx)
}

// Shutdown stops the cluster in mode and waits until it has gone; Resume
// starts it again. Between the two, a test can see what the site does
// while the database is away for as long as it needs.
func (c *Cluster) Shutdown(mode ShutdownMode) error { return c.stop(mode) }

// Resume starts a cluster that Shutdown stopped and returns once it
// accepts connections.
func (c *Cluster) Resume(ctx context.Context) error {
	bin, err := FindBinaries()
	if err != nil {
		return err
	}
	cred, err := runAs()
	if err != nil {
		return err
	}
	return c.startServer(ctx, bin, cred)
}

func (c *Cluster) stop(mode ShutdownMode) error {
	pidFile := filepath.Join(c.dir, "postmaster.pid")
	b, err := os.ReadFile(pidFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return fmt.Errorf("localpg: %w", err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0]))
	if err != nil || pid <= 0 {
		return fmt.Errorf("localpg: unreadable %s", pidFile)
	}
	sig := syscall.SIGINT
	if mode == Immediate {
		sig = syscall.SIGQUIT
	}
	if err := syscall.Kill(pid, sig); err != nil {
		if errors.Is(err, syscall.ESRCH) {
			return nil
		}
		return fmt.Errorf("localpg: stop postgres (pid %d): %w", pid, err)
	}
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if syscall.Kill(pid, 0) != nil {
			c.logger.Info("stopped embedded postgres", "dir", c.dir, "mode", mode)
			return nil
		}
	}
	return fmt.Errorf("localpg: postgres (pid %d) still running 60s after the %s stop request", pid, mode)
}

// CreateDatabase creates database name unless it exists.
func (c *Cluster) CreateDatabase(ctx context.Context, name string) error {
	conn, err := pgconn.Connect(ctx, c.URL("postgres"))
	if err != nil {
		return fmt.Errorf("localpg: %w", err)
	}
	defer conn.Close(ctx)
	ident := `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
	_, err = conn.Exec(ctx, "CREATE DATABASE "+ident).ReadAll()
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "42P04" { // duplicate_database
		return nil
	}
	if err != nil {
		return fmt.Errorf("localpg: create database %s: %w", name, err)
	}
	return nil
}

func tail(path string, n int) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	var lines []string
	s := bufio.NewScanner(f)
	for s.Scan() {
		lines = append(lines, s.Text())
		if len(lines) > n {
			lines = lines[1:]
		}
	}
	return strings.Join(lines, "\n")
}
