// Command advocacy is the whole site in one binary: the web server, its
// database migrations, demo content, and the embedded development database.
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
	"os/signal"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/app"
	"github.com/sswalliance/advocacy/internal/auth"
	"github.com/sswalliance/advocacy/internal/config"
	"github.com/sswalliance/advocacy/internal/db"
	"github.com/sswalliance/advocacy/internal/localpg"
	"github.com/sswalliance/advocacy/internal/seed"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "advocacy:", err)
		os.Exit(1)
	}
}

// dataDir holds what a development machine keeps between runs: the
// embedded cluster and the demo admin's password.
const dataDir = ".data"

// embeddedDir is where the embedded cluster lives when DATABASE_URL is unset.
const embeddedDir = dataDir + "/postgres"

const usage = `Usage: advocacy <command> [flags]

Commands:
  serve     serve the site over HTTP on ADDR (default :8080)
  migrate   apply (up), roll back (down) or list (status) database migrations
  seed      load the demo content into an empty database
  dev       migrate, seed if empty, and serve: what "make run" runs
  user add  create a staff account (admin or editor)

Run "advocacy <command> --help" for a command's flags. Settings come from the
environment: DATABASE_URL, ADDR, BASE_URL, LOG_LEVEL, LOG_FORMAT. Without
DATABASE_URL every command uses a private PostgreSQL cluster in .data/postgres.
`

func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errors.New("no command given")
	}
	cmd, args := args[0], args[1:]
	switch cmd {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return nil
	case "serve", "migrate", "seed", "dev":
	case "user":
		// The only user command so far; "user --help" lands here too.
		if len(args) == 0 || args[0] != "add" {
			if len(args) > 0 && isHelp(args[0]) {
				fmt.Fprint(stdout, userAddUsage)
				return nil
			}
			fmt.Fprint(stderr, userAddUsage)
			return errors.New(`user needs a subcommand: add`)
		}
		cmd, args = "user add", args[1:]
	default:
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("unknown command %q", cmd)
	}

	fs := flag.NewFlagSet("advocacy "+cmd, flag.ContinueOnError)
	fs.SetOutput(stdout)
	force := false
	var newUser userAddFlags
	switch cmd {
	case "serve":
		fs.Usage = func() {
			fmt.Fprint(stdout, "Usage: advocacy serve\n\nServes the site over HTTP on ADDR (default :8080). The database must be migrated.\n")
		}
	case "migrate":
		fs.Usage = func() {
			fmt.Fprint(stdout, "Usage: advocacy migrate up|down|status\n\n  up      apply every pending migration\n  down    roll back the latest migration\n  status  list migrations, applied or pending\n\nMigrations run under a PostgreSQL advisory lock, so concurrent starts are safe.\n")
		}
	case "seed":
		fs.BoolVar(&force, "force", false, "delete existing content first")
		fs.Usage = func() {
			fmt.Fprint(stdout, "Usage: advocacy seed [--force]\n\nLoads the demo content. Refuses when the database already has content, unless --force.\n\n")
			fs.PrintDefaults()
		}
	case "user add":
		newUser.define(fs)
		fs.Usage = func() {
			fmt.Fprint(stdout, userAddUsage)
			fs.PrintDefaults()
		}
	case "dev":
		fs.Usage = func() {
			fmt.Fprint(stdout, "Usage: advocacy dev\n\nApplies migrations, loads the demo content if the database is empty, and serves the\nsite. With DATABASE_URL unset it starts the embedded cluster and stops it on exit.\n")
		}
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	direction := ""
	if cmd == "migrate" {
		if fs.NArg() != 1 || (fs.Arg(0) != "up" && fs.Arg(0) != "down" && fs.Arg(0) != "status") {
			fs.Usage()
			return errors.New("migrate needs exactly one of: up, down, status")
		}
		direction = fs.Arg(0)
	} else if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("%s takes no arguments, got %q", cmd, fs.Args())
	}

	var newPassword string
	if cmd == "user add" {
		// Everything is checked before the database is touched.
		var err error
		if newPassword, err = newUser.check(stdin); err != nil {
			return err
		}
	}

	cfg, err := config.Load(getenv)
	if err != nil {
		return err
	}
	logger := newLogger(cfg, stderr)

	pool, closeDB, err := openDatabase(ctx, cfg, logger, cmd == "dev")
	if err != nil {
		return err
	}
	defer closeDB()

	switch cmd {
	case "migrate":
		switch direction {
		case "up":
			return db.MigrateUp(ctx, pool, stdout)
		case "down":
			return db.MigrateDown(ctx, pool, stdout)
		default:
			return db.MigrateStatus(ctx, pool, stdout)
		}
	case "seed":
		if err := seed.Load(ctx, store.New(pool), force); err != nil {
			return err
		}
		fmt.Fprintln(stdout, "demo content loaded")
		return nil
	case "user add":
		// Progress of migrations goes to stderr: stdout is the result alone.
		if err := db.MigrateUp(ctx, pool, stderr); err != nil {
			return err
		}
		return newUser.create(ctx, store.New(pool), newPassword, stdout)
	case "dev":
		if err := db.MigrateUp(ctx, pool, stdout); err != nil {
			return err
		}
		switch err := seed.Load(ctx, store.New(pool), false); {
		case err == nil:
			logger.Info("loaded demo content into the empty database")
		case !errors.Is(err, seed.ErrHasContent):
			return err
		}
		email, password, err := ensureDemoAdmin(ctx, store.New(pool), dataDir)
		if err != nil {
			return err
		}
		printDemoAdmin(stdout, cfg.BaseURL.JoinPath("admin", "login").String(), email, password)
	}
	return serve(ctx, cfg, logger, pool)
}

func serve(ctx context.Context, cfg config.Config, logger *slog.Logger, pool *pgxpool.Pool) error {
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on ADDR %s: %w", cfg.Addr, err)
	}
	logger.Info("serving the site", "addr", ln.Addr().String(), "url", cfg.BaseURL.String())
	site, err := app.New(cfg, logger, pool)
	if err != nil {
		return err
	}
	if err := site.CheckFileCopies(); err != nil {
		return fmt.Errorf("FILE_CACHE_DIR %s: %w", cfg.FileCacheDir, err)
	}
	bg, stopBackground := context.WithCancel(ctx)
	background := make(chan struct{})
	go func() { site.RunBackground(bg); close(background) }()
	// Jobs finish (or are given up on) before the pool closes.
	defer func() { stopBackground(); <-background }()
	if err := web.Serve(ctx, ln, site.Handler(), logger); err != nil {
		return err
	}
	logger.Info("server stopped")
	return nil
}

// openDatabase connects to DATABASE_URL, or, when it is unset, to the
// embedded cluster (started if needed). The returned func closes the pool
// and stops the cluster if this process started it, or always when
// stopAlways is set (advocacy dev owns the cluster it runs on).
func openDatabase(ctx context.Context, cfg config.Config, logger *slog.Logger, stopAlways bool) (*pgxpool.Pool, func(), error) {
	if cfg.DatabaseURL != "" {
		pool, err := db.Open(ctx, cfg.DatabaseURL)
		if err != nil {
			return nil, nil, err
		}
		return pool, pool.Close, nil
	}
	cluster, err := localpg.Start(ctx, embeddedDir, localpg.Options{Logger: logger})
	if err != nil {
		return nil, nil, err
	}
	stopCluster := func() {
		if cluster.Started() || stopAlways {
			if err := cluster.Stop(); err != nil {
				logger.Error("stop embedded postgres", "error", err)
			}
		}
	}
	if err := cluster.CreateDatabase(ctx, "advocacy"); err != nil {
		stopCluster()
		return nil, nil, err
	}
	pool, err := db.Open(ctx, cluster.URL("advocacy"))
	if err != nil {
		stopCluster()
		return nil, nil, err
	}
	return pool, func() { pool.Close(); stopCluster() }, nil
}

func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func isHelp(arg string) bool {
	switch arg {
	case "-h", "-help", "--help", "help":
		return true
	}
	return false
}

const userAddUsage = `Usage: advocacy user add --email E --name N --role admin|editor [--password-stdin]

Creates a staff account. An admin manages staff accounts and content; an editor
edits content only. With --password-stdin the password is read from the first
line of standard input (at least 12 characters); without it one is generated
and printed once.

`

// userAddFlags are the flags of "advocacy user add".
type userAddFlags struct {
	email, name, role string
	passwordStdin     bool
}

func (f *userAddFlags) define(fs *flag.FlagSet) {
	fs.StringVar(&f.email, "email", "", "the staff member's email address, used to sign in (required)")
	fs.StringVar(&f.name, "name", "", "their name, as shown in the admin and the audit log (required)")
	fs.StringVar(&f.role, "role", "", "admin or editor (required)")
	fs.BoolVar(&f.passwordStdin, "password-stdin", false, "read the password from the first line of standard input")
}

// emailPattern is the check the users table makes.
var emailPattern = regexp.MustCompile(`^[^@\s]+@[^@\s]+$`)

// check validates the flags and returns the password: read from stdin with
// --password-stdin, or "" for one to be generated.
func (f *userAddFlags) check(stdin io.Reader) (string, error) {
	f.email, f.name = strings.TrimSpace(f.email), strings.TrimSpace(f.name)
	switch {
	case f.email == "":
		return "", errors.New("user add: --email is required")
	case !emailPattern.MatchString(f.email):
		return "", fmt.Errorf("user add: --email %q is not an email address", f.email)
	case f.name == "":
		return "", errors.New("user add: --name is required")
	case f.role == "":
		return "", errors.New("user add: --role is required: admin or editor")
	case !auth.Role(f.role).Valid():
		return "", fmt.Errorf("user add: --role %q is not a role: use admin or editor", f.role)
	}
	if !f.passwordStdin {
		return "", nil
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("user add: read the password from standard input: %w", err)
	}
	// Only the line ending goes: spaces may be part of a password.
	password := strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
	if password == "" {
		return "", errors.New("user add: --password-stdin given but standard input has no password")
	}
	if problem := auth.PasswordProblem(password, f.email); problem != "" {
		return "", fmt.Errorf("user add: %s", problem)
	}
	return password, nil
}

// create adds the account, generating its password when password is "".
func (f *userAddFlags) create(ctx context.Context, st *store.Store, password string, stdout io.Writer) error {
	generated := password == ""
	if generated {
		password = auth.GeneratePassword()
	}
	hash, err := auth.Hash(password)
	if err != nil {
		return err
	}
	_, err = st.CreateUser(ctx, f.email, f.name, f.role, hash)
	if errors.Is(err, store.ErrDuplicateEmail) {
		return fmt.Errorf("user add: there is already an account with the email %s", f.email)
	}
	if err != nil {
		return err
	}
	if generated {
		fmt.Fprintf(stdout, "Created %s %s with password: %s (shown once; change it after signing in)\n", f.role, f.email, password)
	} else {
		fmt.Fprintf(stdout, "Created %s %s.\n", f.role, f.email)
	}
	return nil
}

// demoAdminEmail is the account "make run" signs in with.
const demoAdminEmail = "admin@localhost.test"

// ensureDemoAdmin makes sure the local demo admin exists, is enabled and is
// an admin, and returns its email and password. The password is kept in
// dir/admin-password (readable by the owner only) so it stays the same from
// one run to the next; when the file is missing or no longer matches (the
// password was changed in the admin), a new password is set and written.
func ensureDemoAdmin(ctx context.Context, st *store.Store, dir string) (email, password string, err error) {
	file := filepath.Join(dir, "admin-password")
	user, err := st.UserByEmail(ctx, demoAdminEmail)
	switch {
	case errors.Is(err, store.ErrNotFound):
		password = auth.GeneratePassword()
		hash, err := auth.Hash(password)
		if err != nil {
			return "", "", err
		}
		if _, err := st.CreateUser(ctx, demoAdminEmail, "Demo Admin", string(auth.RoleAdmin), hash); err != nil {
			return "", "", fmt.Errorf("demo admin: %w", err)
		}
		return demoAdminEmail, password, writeDemoPassword(file, password)
	case err != nil:
		return "", "", fmt.Errorf("demo admin: %w", err)
	}

	// Printed credentials that do not work would be worse than undoing a
	// change made to a local demo account.
	if user.Disabled {
		if err := st.SetUserDisabled(ctx, user.ID, false); err != nil {
			return "", "", fmt.Errorf("demo admin: %w", err)
		}
	}
	if user.Role != string(auth.RoleAdmin) {
		if err := st.UpdateUser(ctx, user.ID, user.Name, string(auth.RoleAdmin)); err != nil {
			return "", "", fmt.Errorf("demo admin: %w", err)
		}
	}
	b, err := os.ReadFile(file)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return "", "", fmt.Errorf("demo admin: %w", err)
	}
	if err == nil {
		password = strings.TrimSpace(string(b))
		if ok, _, _ := auth.Verify(password, user.PasswordHash); ok {
			return demoAdminEmail, password, nil
		}
	}
	password = auth.GeneratePassword()
	hash, err := auth.Hash(password)
	if err != nil {
		return "", "", err
	}
	if err := st.SetPassword(ctx, user.ID, hash); err != nil {
		return "", "", fmt.Errorf("demo admin: %w", err)
	}
	return demoAdminEmail, password, writeDemoPassword(file, password)
}

func writeDemoPassword(file, password string) error {
	// 0755 like the rest of .data: the embedded cluster's user must be able
	// to pass through it. The file itself is the owner's alone.
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return fmt.Errorf("demo admin: %w", err)
	}
	if err := os.WriteFile(file, []byte(password+"\n"), 0o600); err != nil {
		return fmt.Errorf("demo admin: %w", err)
	}
	// WriteFile keeps the mode of a file that was already there.
	if err := os.Chmod(file, 0o600); err != nil {
		return fmt.Errorf("demo admin: %w", err)
	}
	return nil
}

// printDemoAdmin shows the demo sign-in where a developer running "make
// run" will see it, set apart from the log lines around it.
func printDemoAdmin(w io.Writer, loginURL, email, password string) {
	line := strings.Repeat("-", 72)
	fmt.Fprintf(w, "\n%s\nStaff sign-in: %s\n  email     %s\n  password  %s\n%s\n\n", line, loginURL, email, password, line)
}
