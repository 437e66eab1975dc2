package app

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sswalliance/advocacy/internal/auth"
	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/store"
)

// SchedulerInterval is how often scheduled publishing looks for due items:
// a scheduled change goes live at most this long after its time.
const SchedulerInterval = 20 * time.Second

// RunBackground does the site's timed work until ctx ends: publishing
// scheduled changes (no restart needed), removing expired sessions, and
// the job queue (sending email, expiring unconfirmed submissions). It
// returns once running jobs have finished or had 10 seconds to.
func (a *App) RunBackground(ctx context.Context) {
	go auth.NewSessionStore(a.pool).RunCleanup(ctx, time.Hour)
	if err := a.jobs.Start(ctx); err != nil {
		a.logger.Error("job queue", "error", err)
	}
	defer func() {
		stop, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		if err := a.jobs.Stop(stop); err != nil {
			a.logger.Error("job queue stop", "error", err)
		}
	}()
	t := time.NewTicker(SchedulerInterval)
	defer t.Stop()
	for {
		if _, err := a.PublishDue(ctx); err != nil && ctx.Err() == nil {
			a.logger.Error("scheduled publishing", "error", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// PublishDue publishes every change whose scheduled time has come, each in
// its own transaction, and returns how many it published.
func (a *App) PublishDue(ctx context.Context) (int, error) {
	due, err := content.DueItems(ctx, a.pool, a.now())
	if err != nil {
		return 0, err
	}
	n := 0
	for _, d := range due {
		k, ok := a.kinds.Kind(d.Kind)
		if !ok {
			continue
		}
		var key string
		var by content.Author
		err := pgx.BeginFunc(ctx, a.pool, func(tx pgx.Tx) error {
			var err error
			key, by, err = content.PublishDue(ctx, tx, k, d.Key, a.now())
			return err
		})
		if err != nil {
			a.logger.Error("scheduled publish failed", "kind", d.Kind, "key", d.Key, "error", err)
			continue
		}
		if key == "" {
			continue
		}
		n++
		e := store.AuditEvent{Action: store.ActionContentPublish, Actor: by.Name, ObjectKind: k.Name, ObjectKey: key, Detail: "published at its scheduled time"}
		if by.ID != 0 {
			id := by.ID
			e.ActorID = &id
		}
		if it, err := content.Get(ctx, a.pool, k, key); err == nil {
			e.ObjectLabel = it.Title()
		}
		if err := a.store.Audit(ctx, e); err != nil {
			a.logger.Error("audit", "error", err)
		}
		a.logger.Info("published at its scheduled time", "kind", k.Name, "key", key)
	}
	return n, nil
}
