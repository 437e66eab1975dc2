package workflowtest

import (
	"context"
	"io"
	"log/slog"
	"net/url"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/jobs"
	"github.com/sswalliance/advocacy/internal/mail"
	"github.com/sswalliance/advocacy/internal/mail/mailtest"
)

// Start builds a workflow's service with newService (the workflow's New)
// over pool, against the site https://example.org, and runs the job queue
// with the service's chores until the test ends. The queue delivers email
// to the returned SMTP server.
func Start[S interface{ Chores() []jobs.Chore }](t testing.TB, pool *pgxpool.Pool,
	newService func(*pgxpool.Pool, *jobs.Queue, *url.URL) S) (S, *mailtest.Server) {
	t.Helper()
	smtp := mailtest.NewServer(t)
	sender, err := mail.NewSMTP(smtp.URL(), "Campaign <no-reply@example.org>")
	if err != nil {
		t.Fatal(err)
	}
	base, _ := url.Parse("https://example.org")
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	queue, err := jobs.NewQueue(pool, logger)
	if err != nil {
		t.Fatal(err)
	}
	svc := newService(pool, queue, base)
	runner, err := jobs.NewRunner(pool, queue, logger, sender, "smtp", nil, svc.Chores()...)
	if err != nil {
		t.Fatal(err)
	}
	runCtx, cancel := context.WithCancel(context.Background())
	if err := runner.Start(runCtx); err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stop, c := context.WithTimeout(context.Background(), 5*time.Second)
		defer c()
		runner.Stop(stop)
		cancel()
	})
	return svc, smtp
}
