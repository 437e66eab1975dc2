package app

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sswalliance/advocacy/internal/auth"
)

// RunBackground does the site's timed work until ctx ends: removing
// expired sessions, and the job queue (sending email, publishing
// scheduled changes, expiring unconfirmed submissions: the chores run on
// one server at a time). It returns once running jobs have finished or
// had 10 seconds to.
func (a *App) RunBackground(ctx context.Context) {
	go auth.NewSessionStore(a.pool).RunCleanup(ctx, time.Hour)
	go a.pages.Listen(ctx, func(ctx context.Context) (*pgx.Conn, error) {
		return pgx.ConnectConfig(ctx, a.pool.Config().ConnConfig.Copy())
	}, a.logger.With("component", "pagecache"))
	if err := a.jobs.Start(ctx); err != nil {
		a.logger.Error("job queue", "error", err)
	}
	<-ctx.Done()
	stop, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := a.jobs.Stop(stop); err != nil {
		a.logger.Error("job queue stop", "error", err)
	}
}

// PublishDue publishes every change whose scheduled time has come, as the
// job queue does every editing.SchedulerInterval, and returns how many it
// published.
func (a *App) PublishDue(ctx context.Context) (int, error) { return a.editor.PublishDue(ctx) }
