package pagecache

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
)

// Channel is the Postgres notification channel every write to a table
// that public pages read notifies (migration 00016).
const Channel = "public_pages"

// How the listening connection is checked and brought back.
const (
	// checkEvery: with no notification for this long, the connection is
	// asked to answer; the pages kept are served only within heardWithin of
	// its last answer, so one that died silently (a network gone, not
	// closed) stops them within a second.
	checkEvery = 300 * time.Millisecond
	checkWait  = 500 * time.Millisecond
	retryFirst = 100 * time.Millisecond
	retryMost  = 2 * time.Second
)

// Listen keeps the cache told of every change to what public pages show,
// until ctx ends: it listens on Channel over a connection of its own
// (connect makes one), and each notification makes the pages kept stale.
// The pages kept are served only while it listens: when the connection is
// lost they are not (a change could go unheard), except in place of an
// error while the database cannot be reached; once it listens again,
// everything kept before is stale, since changes may have been missed.
func (c *Cache) Listen(ctx context.Context, connect func(context.Context) (*pgx.Conn, error), logger *slog.Logger) {
	wait := retryFirst
	lost := false
	for {
		err := c.listen(ctx, connect, func() {
			if lost {
				logger.Info("page cache: listening for changes again")
			}
			lost, wait = false, retryFirst
		})
		c.live.Store(false)
		if ctx.Err() != nil {
			return
		}
		if !lost {
			lost = true
			logger.Warn("page cache: lost the notifications of changes; pages are rendered afresh until they are back", "error", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = min(2*wait, retryMost)
	}
}

// listen listens until the connection fails, calling listening once it
// does.
func (c *Cache) listen(ctx context.Context, connect func(context.Context) (*pgx.Conn, error), listening func()) error {
	conn, err := connect(ctx)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "LISTEN "+Channel); err != nil {
		return err
	}
	c.Changed()
	c.Heard()
	c.live.Store(true)
	listening()
	for {
		wctx, cancel := context.WithTimeout(ctx, checkEvery)
		_, err := conn.WaitForNotification(wctx)
		cancel()
		switch {
		case err == nil:
			c.Changed()
			c.Heard()
		case ctx.Err() != nil:
			return ctx.Err()
		case errors.Is(err, context.DeadlineExceeded):
			pctx, cancel := context.WithTimeout(ctx, checkWait)
			err = conn.Ping(pctx)
			cancel()
			if err != nil {
				return err
			}
			c.Heard()
		default:
			return err
		}
	}
}
