package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertype"

	"github.com/sswalliance/advocacy/internal/links"
	"github.com/sswalliance/advocacy/internal/mail"
	"github.com/sswalliance/advocacy/internal/store"
)

// EmailAttempts is how many times an email is tried before it is marked
// failed. With River's backoff (attempt⁴ seconds) the last try comes about
// an hour and a half after the first.
const EmailAttempts = 8

// SendEmailArgs is the job that sends one outbox email.
type SendEmailArgs struct {
	EmailID int64 `json:"email_id"`
}

// Kind names the job in River's table.
func (SendEmailArgs) Kind() string { return "send_email" }

// InsertOpts sets the email's retries.
func (SendEmailArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: EmailAttempts}
}

// Chore is timed work run every Interval (on one instance at a time: River
// elects a leader to schedule periodic jobs).
type Chore struct {
	Name     string
	Interval time.Duration
	Run      func(ctx context.Context) error
}

// choreArgs is the job that runs a Chore by name.
type choreArgs struct {
	Name string `json:"name"`
}

func (choreArgs) Kind() string { return "chore" }

// Queue puts jobs on the queue, in the caller's transaction. It is an
// insert-only River client (one without workers): the services are given
// it when they are made, before the Runner that works their jobs, which
// is made from their workers and chores.
type Queue struct {
	client *river.Client[pgx.Tx]
}

// NewQueue returns a Queue over pool.
func NewQueue(pool *pgxpool.Pool, logger *slog.Logger) (*Queue, error) {
	client, err := river.NewClient(riverpgxv5.New(pool), &river.Config{Logger: quiet(logger)})
	if err != nil {
		return nil, fmt.Errorf("jobs: queue: %w", err)
	}
	return &Queue{client: client}, nil
}

// QueueEmail adds e to the outbox and queues its sending, both in tx.
func (q *Queue) QueueEmail(ctx context.Context, tx pgx.Tx, e store.Email) (int64, error) {
	id, err := store.FromTx(tx).QueueEmail(ctx, e)
	if err != nil {
		return 0, err
	}
	if _, err := q.client.InsertTx(ctx, tx, SendEmailArgs{EmailID: id}, nil); err != nil {
		return 0, fmt.Errorf("jobs: queue email %d: %w", id, err)
	}
	return id, nil
}

// Retry queues another try of an email that failed for good (staff asked).
func (q *Queue) Retry(ctx context.Context, tx pgx.Tx, emailID int64) error {
	tag, err := tx.Exec(ctx, `UPDATE emails SET status = 'queued', last_error = '' WHERE id = $1 AND status = 'failed'`, emailID)
	if err != nil {
		return fmt.Errorf("jobs: retry email %d: %w", emailID, err)
	}
	if tag.RowsAffected() == 0 {
		return nil // not failed (any more): someone else retried it first
	}
	if _, err := q.client.InsertTx(ctx, tx, SendEmailArgs{EmailID: emailID}, nil); err != nil {
		return fmt.Errorf("jobs: retry email %d: %w", emailID, err)
	}
	return nil
}

// Insert queues a job in tx.
func (q *Queue) Insert(ctx context.Context, tx pgx.Tx, args river.JobArgs) error {
	if _, err := q.client.InsertTx(ctx, tx, args, nil); err != nil {
		return fmt.Errorf("jobs: queue %s: %w", args.Kind(), err)
	}
	return nil
}

// Runner works the site's jobs: the outbox's emails, the workers added
// by register, and the chores. It queues through the Queue it was made
// with, so whatever holds the Runner may queue too.
type Runner struct {
	*Queue
	client *river.Client[pgx.Tx]
	logger *slog.Logger
}

// NewRunner returns a Runner over pool. sender delivers email; via names
// it for the outbox ("smtp", or "log" when mail is only logged). register
// (nil for none) adds the workers of other packages: River needs every
// worker before its client is made.
func NewRunner(pool *pgxpool.Pool, queue *Queue, logger *slog.Logger, sender mail.Sender, via string, register func(*river.Workers), chores ...Chore) (*Runner, error) {
	workers := river.NewWorkers()
	if register != nil {
		register(workers)
	}
	st := store.New(pool)
	river.AddWorker(workers, &emailWorker{store: st, sender: sender, via: via, logger: logger})
	byName := map[string]Chore{}
	var periodic []*river.PeriodicJob
	for _, c := range chores {
		byName[c.Name] = c
		args := choreArgs{Name: c.Name}
		periodic = append(periodic, river.NewPeriodicJob(river.PeriodicInterval(c.Interval),
			func() (river.JobArgs, *river.InsertOpts) {
				// One pending run per chore at a time.
				return args, &river.InsertOpts{MaxAttempts: 3, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: []rivertype.JobState{
					rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning, rivertype.JobStateRetryable, rivertype.JobStateScheduled}}}
			}, &river.PeriodicJobOpts{RunOnStart: true, ID: c.Name}))
	}
	river.AddWorker(workers, &choreWorker{chores: byName})
	client, err := river.NewClient(riverpgxv5.New(pool), &river.Config{
		Logger:       quiet(logger),
		Queues:       map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 4}},
		Workers:      workers,
		PeriodicJobs: periodic,
		JobTimeout:   2 * time.Minute,
	})
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	return &Runner{Queue: queue, client: client, logger: logger}, nil
}

// quiet is River's logger: warnings and worse, marked as the job queue's.
func quiet(logger *slog.Logger) *slog.Logger {
	return slog.New(minLevel{logger.Handler(), slog.LevelWarn}).With("component", "jobs")
}

// StopAndCancel stops at once, cancelling running jobs (as a crash would,
// but letting them record what they were doing).
func (r *Runner) StopAndCancel(ctx context.Context) error {
	return r.client.StopAndCancel(ctx)
}

// Start works jobs until Stop (or until ctx ends).
func (r *Runner) Start(ctx context.Context) error {
	if err := r.client.Start(ctx); err != nil {
		return fmt.Errorf("jobs: start: %w", err)
	}
	return nil
}

// Stop waits for running jobs to finish, then stops.
func (r *Runner) Stop(ctx context.Context) error {
	if err := r.client.Stop(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("jobs: stop: %w", err)
	}
	return nil
}

type emailWorker struct {
	river.WorkerDefaults[SendEmailArgs]
	store  *store.Store
	sender mail.Sender
	via    string
	logger *slog.Logger
}

func (w *emailWorker) Work(ctx context.Context, job *river.Job[SendEmailArgs]) error {
	e, err := w.store.Email(ctx, job.Args.EmailID)
	if errors.Is(err, store.ErrNotFound) {
		return nil // erased on request since it was queued
	}
	if err != nil {
		return err
	}
	if e.Status != store.EmailQueued {
		return nil // sent already (a job retried after a crash) or given up on
	}
	// The outbox holds placeholders where the links' secrets go; only
	// the message that leaves has them.
	if e, err = links.Fill(ctx, w.store, e); err != nil {
		return err
	}
	msg := mail.Message{To: e.To, ToName: e.ToName, Subject: e.Subject, Text: e.Body, Headers: e.Headers,
		ID: fmt.Sprintf("email-%d", e.ID)}
	if err := w.sender.Send(ctx, msg); err != nil {
		permanent := mail.IsPermanent(err)
		final := permanent || job.Attempt >= job.MaxAttempts
		if merr := w.store.MarkEmailAttempt(ctx, e.ID, err, final); merr != nil {
			w.logger.Error("outbox: record attempt", "email", e.ID, "error", merr)
		}
		w.logger.Warn("outbox: not delivered", "email", e.ID, "kind", e.Kind, "attempt", job.Attempt, "final", final, "error", err)
		if permanent {
			return river.JobCancel(err)
		}
		return err
	}
	return w.store.MarkEmailSent(ctx, e.ID, w.via)
}

type choreWorker struct {
	river.WorkerDefaults[choreArgs]
	chores map[string]Chore
}

func (w *choreWorker) Work(ctx context.Context, job *river.Job[choreArgs]) error {
	c, ok := w.chores[job.Args.Name]
	if !ok {
		return river.JobCancel(fmt.Errorf("jobs: no chore %q", job.Args.Name))
	}
	return c.Run(ctx)
}

// minLevel passes on only records at or above its level: River reports
// every start, stop and leadership change at debug and info.
type minLevel struct {
	slog.Handler
	level slog.Level
}

func (h minLevel) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.level && h.Handler.Enabled(ctx, l)
}

func (h minLevel) WithAttrs(attrs []slog.Attr) slog.Handler {
	return minLevel{h.Handler.WithAttrs(attrs), h.level}
}

func (h minLevel) WithGroup(name string) slog.Handler {
	return minLevel{h.Handler.WithGroup(name), h.level}
}
