package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// lockedBuffer is a log destination tests can read while the code
// under test writes.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// fakeClock is a clock tests move by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *fakeClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// TestOutageIsLoggedOnceThenCounted: thousands of refused requests make
// one ERROR when the outage begins, a WARN with the count at most every
// period, and one INFO once the database answers; a request that needed
// no database does not end the outage, and one begun before the recovery
// does not begin a new one.
func TestOutageIsLoggedOnceThenCounted(t *testing.T) {
	var log lockedBuffer
	clock := &fakeClock{t: time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)}
	dbUp := false
	pinged := make(chan struct{}, 1)
	o := &outage{logger: slog.New(slog.NewTextHandler(&log, nil)), now: clock.now, every: 10 * time.Second,
		ping: func(context.Context) error {
			defer func() { pinged <- struct{}{} }()
			if dbUp {
				return nil
			}
			return errors.New("connection refused")
		}}
	ctx, down := context.Background(), fmt.Errorf("store: page: %w", syscall.ECONNRESET)
	count := func(level string) int { return strings.Count(log.String(), "level="+level) }
	waitPing := func() {
		select {
		case <-pinged:
		case <-time.After(5 * time.Second):
			t.Fatal("no ping")
		}
		for o.probing.Load() {
			time.Sleep(time.Millisecond)
		}
	}

	before := clock.now()
	o.served(before) // no outage: nothing logged, no ping
	clock.add(time.Second)
	for range 3000 { // three seconds at 1,000 requests a second
		o.failed(ctx, clock.now(), down)
		clock.add(time.Millisecond)
	}
	if count("ERROR") != 1 || count("WARN") != 0 {
		t.Fatalf("after 3,000 refusals:\n%s", log.String())
	}
	o.served(before) // begun before the outage: proves nothing, and no ping
	o.served(clock.now())
	waitPing() // the database is still down: the outage goes on
	clock.add(8 * time.Second)
	o.failed(ctx, clock.now(), down)
	if count("WARN") != 1 || !strings.Contains(log.String(), "refused=3000") {
		t.Fatalf("no count after 10 s:\n%s", log.String())
	}
	for range 100 {
		o.failed(ctx, clock.now(), down)
	}
	if count("WARN") != 1 {
		t.Fatalf("counted more than once in 10 s:\n%s", log.String())
	}

	straggler := clock.now()
	clock.add(time.Second)
	dbUp = true
	o.served(clock.now())
	waitPing()
	if count("INFO") != 1 || !strings.Contains(log.String(), `msg="database available again"`) || !strings.Contains(log.String(), "refused=3101") {
		t.Fatalf("no recovery:\n%s", log.String())
	}
	o.failed(ctx, straggler, down) // begun during the outage, failed after
	if count("ERROR") != 1 {
		t.Fatalf("a straggler began a new outage:\n%s", log.String())
	}
	clock.add(time.Second)
	o.failed(ctx, clock.now(), down) // a new outage
	if count("ERROR") != 2 {
		t.Fatalf("a second outage was not reported:\n%s", log.String())
	}
	if n := strings.Count(log.String(), "\n"); n != 5 {
		t.Errorf("%d log lines for 3,103 refusals in two outages, want 5:\n%s", n, log.String())
	}
}
