// Command advocacy is the whole site in one binary: the web server, its
// database migrations, demo content, and the embedded development database.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/jackc/pgx/v5/pgxpool"

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
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "advocacy:", err)
		os.Exit(1)
	}
}

// embeddedDir is where the embedded cluster lives when DATABASE_URL is unset.
const embeddedDir = ".data/postgres"

const usage = `Usage: advocacy <command> [flags]

Commands:
  serve     serve the site over HTTP on ADDR (default :8080)
  migrate   apply (up), roll back (down) or list (status) database migrations
  seed      load the demo content into an empty database
  dev       migrate, seed if empty, and serve: what "make run" runs

Run "advocacy <command> --help" for a command's flags. Settings come from the
environment: DATABASE_URL, ADDR, BASE_URL, LOG_LEVEL, LOG_FORMAT. Without
DATABASE_URL every command uses a private PostgreSQL cluster in .data/postgres.
`

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
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
	default:
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("unknown command %q", cmd)
	}

	fs := flag.NewFlagSet("advocacy "+cmd, flag.ContinueOnError)
	fs.SetOutput(stdout)
	force := false
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
	}
	return serve(ctx, cfg, logger, pool)
}

func serve(ctx context.Context, cfg config.Config, logger *slog.Logger, pool *pgxpool.Pool) error {
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on ADDR %s: %w", cfg.Addr, err)
	}
	logger.Info("serving the site", "addr", ln.Addr().String(), "url", cfg.BaseURL.String())
	app := web.NewApp(cfg, logger, pool)
	if err := web.Serve(ctx, ln, app.Routes(), logger); err != nil {
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
