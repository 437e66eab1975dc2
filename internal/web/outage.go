package web

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sswalliance/advocacy/internal/db"
)

// outageReportEvery is how often, at most, the log says that an outage
// goes on, with the number of requests refused meanwhile.
const outageReportEvery = 10 * time.Second

// outage reports the database going away once, not once per request: a
// site under load met by a restart would otherwise log thousands of
// errors a second. It logs one ERROR when requests start meeting an
// unavailable database, a WARN with the count of requests refused at most
// every outageReportEvery while it lasts, and one INFO once it answers
// again.
//
// A request served without error does not prove the database is back (it
// may not have needed it): it starts a ping, and the ping's success ends
// the outage. A request begun before the database came back and failing
// after is the outage's tail, not a new outage.
type outage struct {
	logger *slog.Logger
	now    func() time.Time
	every  time.Duration
	// ping checks that the database answers.
	ping func(context.Context) error
	// reset closes the pool's connections; called when an outage begins
	// with a connection ended under a query (a restart ends them all).
	reset func()

	down    atomic.Bool // read by every request; the rest under mu
	probing atomic.Bool // a ping is in flight

	mu       sync.Mutex
	began    time.Time // the first failure of the current or last outage
	upAt     time.Time // when the last outage ended
	reported time.Time
	refused  int // since the last report
	total    int // in this outage
}

// failed records that a request begun at start met err, an error that
// means the database is unavailable.
func (o *outage) failed(ctx context.Context, start time.Time, err error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	now := o.now()
	if !o.down.Load() {
		if start.Before(o.upAt) {
			o.logger.WarnContext(ctx, "database unavailable to a request begun before it came back",
				"error", err, "request_id", RequestID(ctx))
			return
		}
		o.down.Store(true)
		o.began, o.reported, o.refused, o.total = now, now, 0, 1
		o.logger.ErrorContext(ctx, "database unavailable: answering 503 until it is back",
			"error", err, "request_id", RequestID(ctx))
		if o.reset != nil && db.ConnectionLost(err) {
			// Without this, each pooled connection the restart ended
			// would fail one more request once the database is back.
			o.reset()
		}
		return
	}
	o.refused++
	o.total++
	if now.Sub(o.reported) >= o.every {
		o.logger.WarnContext(ctx, "database still unavailable", "refused", o.refused,
			"down_for", now.Sub(o.began).Round(time.Millisecond), "error", err)
		o.reported, o.refused = now, 0
	}
}

// partLeftOut records that a part of a page (its footer) was left out
// because the database is unavailable: it begins an outage if none is
// under way, and is not counted as a refused request.
func (o *outage) partLeftOut(ctx context.Context, err error) {
	if !o.down.Load() {
		o.failed(ctx, o.now(), err)
	}
}

// served records that a request begun at start was answered without a
// database error. During an outage it starts a ping (one at a time),
// which ends the outage if the database answers.
func (o *outage) served(start time.Time) {
	if !o.down.Load() {
		return
	}
	o.mu.Lock()
	before := start.Before(o.began) // begun before the outage: it proves nothing
	o.mu.Unlock()
	if before || !o.probing.CompareAndSwap(false, true) {
		return
	}
	go func() {
		defer o.probing.Store(false)
		pinged := o.now()
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if o.ping(ctx) == nil {
			o.recovered(pinged)
		}
	}()
}

// recovered ends the outage: the database answered a ping sent at at.
func (o *outage) recovered(at time.Time) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if !o.down.Load() || at.Before(o.began) {
		return
	}
	o.down.Store(false)
	o.upAt = at
	o.logger.Info("database available again", "down_for", at.Sub(o.began).Round(time.Millisecond),
		"refused", o.total)
}
