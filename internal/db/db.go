package db

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/sswalliance/advocacy/migrations"
)

// Open connects a pool to url and checks that the database answers.
func Open(ctx context.Context, url string) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("db: parse DATABASE_URL: %w", err)
	}
	cfg.ConnConfig.ConnectTimeout = 5 * time.Second
	cfg.MaxConnIdleTime = 5 * time.Minute
	cfg.ConnConfig.RuntimeParams["application_name"] = "advocacy"
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("db: %w", err)
	}
	if err := Ping(ctx, pool); err != nil {
		pool.Close()
		return nil, err
	}
	return pool, nil
}

// Ping checks that the database answers within two seconds.
func Ping(ctx context.Context, pool *pgxpool.Pool) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if err := pool.Ping(ctx); err != nil {
		return fmt.Errorf("db: ping: %w", err)
	}
	return nil
}

// provider returns a goose provider over the embedded migrations. Its
// session locker holds a Postgres advisory lock while migrating, so two
// instances starting at once apply each migration exactly once.
func provider(pool *pgxpool.Pool) (*goose.Provider, error) {
	// Retry every second (goose's default is every 5s) for up to 5 minutes.
	locker, err := lock.NewPostgresSessionLocker(lock.WithLockTimeout(1, 300))
	if err != nil {
		return nil, fmt.Errorf("db: migration lock: %w", err)
	}
	p, err := goose.NewProvider(goose.DialectPostgres, stdlib.OpenDBFromPool(pool), migrations.FS,
		goose.WithSessionLocker(locker))
	if err != nil {
		return nil, fmt.Errorf("db: migrations: %w", err)
	}
	return p, nil
}

// MigrateUp applies every pending migration, reporting each to w.
func MigrateUp(ctx context.Context, pool *pgxpool.Pool, w io.Writer) error {
	p, err := provider(pool)
	if err != nil {
		return err
	}
	defer p.Close()
	results, err := p.Up(ctx)
	for _, r := range results {
		fmt.Fprintf(w, "migrated up   %s (%s)\n", r.Source.Path, r.Duration.Round(time.Millisecond))
	}
	if err != nil {
		return fmt.Errorf("db: migrate up: %w", err)
	}
	return migrateRiver(ctx, pool, w)
}

// riverLockKey is the advisory lock held while River's migrations run, so
// two instances starting at once apply them once.
const riverLockKey = 0x7269766572 // "river"

// migrateRiver applies the job queue's own migrations (River's tables),
// after ours and through River's migrator: its SQL is not copied into our
// goose files, so upgrading River brings its migrations with it.
func migrateRiver(ctx context.Context, pool *pgxpool.Pool, w io.Writer) error {
	m, err := rivermigrate.New(riverpgxv5.New(pool), &rivermigrate.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return fmt.Errorf("db: river migrations: %w", err)
	}
	// Each River migration runs in a transaction of its own (one adds an
	// enum value the next uses), so the lock is held on a connection.
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("db: river migration lock: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, riverLockKey); err != nil {
		return fmt.Errorf("db: river migration lock: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, riverLockKey)
	res, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil)
	if err != nil {
		return fmt.Errorf("db: river migrate up: %w", err)
	}
	for _, v := range res.Versions {
		fmt.Fprintf(w, "migrated up   river %03d %s (%s)\n", v.Version, v.Name, v.Duration.Round(time.Millisecond))
	}
	return nil
}

// MigrateDown rolls back the latest applied migration.
func MigrateDown(ctx context.Context, pool *pgxpool.Pool, w io.Writer) error {
	p, err := provider(pool)
	if err != nil {
		return err
	}
	defer p.Close()
	r, err := p.Down(ctx)
	if r != nil && r.Error == nil {
		fmt.Fprintf(w, "migrated down %s (%s)\n", r.Source.Path, r.Duration.Round(time.Millisecond))
	}
	if err != nil {
		return fmt.Errorf("db: migrate down: %w", err)
	}
	return nil
}

// MigrateStatus writes one line per migration: applied (with when) or pending.
func MigrateStatus(ctx context.Context, pool *pgxpool.Pool, w io.Writer) error {
	p, err := provider(pool)
	if err != nil {
		return err
	}
	defer p.Close()
	statuses, err := p.Status(ctx)
	if err != nil {
		return fmt.Errorf("db: migrate status: %w", err)
	}
	for _, s := range statuses {
		when := "pending"
		if s.State == goose.StateApplied {
			when = "applied " + s.AppliedAt.UTC().Format(time.RFC3339)
		}
		fmt.Fprintf(w, "%-28s %s\n", s.Source.Path, when)
	}
	return nil
}
