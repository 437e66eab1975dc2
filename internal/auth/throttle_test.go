package auth_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/sswalliance/advocacy/internal/auth"
	"github.com/sswalliance/advocacy/internal/dbtest"
)

// testClock is a clock a test moves by hand.
type testClock struct{ now time.Time }

func (c *testClock) Now() time.Time          { return c.now }
func (c *testClock) Advance(d time.Duration) { c.now = c.now.Add(d) }

func newThrottle(t *testing.T) (*auth.Throttle, *testClock) {
	clock := &testClock{now: time.Date(2026, 3, 17, 9, 0, 0, 0, time.UTC)}
	th := auth.NewThrottle(dbtest.New(t))
	th.Now = clock.Now
	return th, clock
}

func TestThrottleLocksAnEmail(t *testing.T) {
	ctx := context.Background()
	th, clock := newThrottle(t)
	const email, ip = "Staff@Example.org", "192.0.2.1"

	wantDelays := []time.Duration{0, 0, 0, 1 * time.Second, 2 * time.Second, 3 * time.Second, 4 * time.Second, 5 * time.Second, 5 * time.Second}
	for i, want := range wantDelays {
		delay, _, locked, err := th.Failure(ctx, email, ip)
		if err != nil {
			t.Fatal(err)
		}
		if delay != want || locked {
			t.Errorf("failure %d: delay %v, locked %v; want %v, not locked", i+1, delay, locked, want)
		}
		if _, locked, err := th.Locked(ctx, email, ip); locked || err != nil {
			t.Fatalf("locked after %d failures (%v)", i+1, err)
		}
		clock.Advance(time.Second)
	}
	_, until, locked, err := th.Failure(ctx, email, ip)
	if err != nil || !locked || !until.Equal(clock.Now().Add(15*time.Minute)) {
		t.Fatalf("10th failure: until %v, locked %v, %v; want locked until %v", until, locked, err, clock.Now().Add(15*time.Minute))
	}

	// The lock is on the email, in any letter case, from any IP; the IP
	// itself is not locked.
	for _, c := range []struct{ email, ip string }{{email, ip}, {"staff@example.org", "198.51.100.7"}, {" STAFF@EXAMPLE.ORG", ""}} {
		got, locked, err := th.Locked(ctx, c.email, c.ip)
		if err != nil || !locked || !got.Equal(until) {
			t.Errorf("Locked(%q, %q) = %v, %v, %v; want until %v", c.email, c.ip, got, locked, err, until)
		}
	}
	if _, locked, _ := th.Locked(ctx, "other@example.org", ip); locked {
		t.Error("another email from the same IP is locked")
	}

	// A failure during the lock (a concurrent request) reports the lock
	// without extending it.
	clock.Advance(time.Minute)
	if _, u, locked, err := th.Failure(ctx, email, ip); err != nil || !locked || !u.Equal(until) {
		t.Errorf("failure during the lock: until %v, locked %v, %v; want the same lock", u, locked, err)
	}

	// When the lock ends, counting starts again from zero.
	clock.now = until
	if _, locked, _ := th.Locked(ctx, email, ip); locked {
		t.Error("still locked when the lock ends")
	}
	if delay, _, locked, err := th.Failure(ctx, email, ip); delay != 0 || locked || err != nil {
		t.Errorf("first failure after the lock: delay %v, locked %v, %v; want a fresh count", delay, locked, err)
	}
}

func TestThrottleSuccessClearsTheEmail(t *testing.T) {
	ctx := context.Background()
	th, clock := newThrottle(t)
	const email, ip = "staff@example.org", "192.0.2.1"
	for range 9 {
		if _, _, _, err := th.Failure(ctx, email, ip); err != nil {
			t.Fatal(err)
		}
		clock.Advance(time.Second)
	}
	if err := th.Success(ctx, "Staff@example.org", ip); err != nil {
		t.Fatal(err)
	}
	if delay, _, locked, err := th.Failure(ctx, email, ip); delay != 0 || locked || err != nil {
		t.Errorf("failure after a success: delay %v, locked %v, %v; want a fresh count", delay, locked, err)
	}

	// The IP keeps those failures: 9 + 1 so far, 40 more lock it.
	for i := range 39 {
		if _, _, locked, err := th.Failure(ctx, fmt.Sprintf("guess%d@example.org", i), ip); locked || err != nil {
			t.Fatalf("IP locked after %d failures (%v)", 11+i, err)
		}
	}
	if _, _, locked, _ := th.Failure(ctx, "guess-last@example.org", ip); !locked {
		t.Error("IP not locked after 50 failures, 9 of them before a success")
	}
}

func TestThrottleLocksAnIP(t *testing.T) {
	ctx := context.Background()
	th, clock := newThrottle(t)
	const ip = "2001:db8::1"
	for i := range 49 {
		delay, _, locked, err := th.Failure(ctx, fmt.Sprintf("user%d@example.org", i), ip)
		if err != nil || locked || delay != 0 {
			t.Fatalf("failure %d: delay %v, locked %v, %v; want nothing yet", i+1, delay, locked, err)
		}
		clock.Advance(time.Second)
	}
	_, until, locked, err := th.Failure(ctx, "user49@example.org", ip)
	if err != nil || !locked || !until.Equal(clock.Now().Add(15*time.Minute)) {
		t.Fatalf("50th failure: until %v, locked %v, %v; want the IP locked for 15 minutes", until, locked, err)
	}
	if got, locked, _ := th.Locked(ctx, "someone-new@example.org", ip); !locked || !got.Equal(until) {
		t.Errorf("a new email from the locked IP: locked %v until %v; want locked until %v", locked, got, until)
	}
	if _, locked, _ := th.Locked(ctx, "user1@example.org", "192.0.2.9"); locked {
		t.Error("an email tried from the locked IP is locked from elsewhere too")
	}
}

func TestThrottleWindow(t *testing.T) {
	ctx := context.Background()
	th, clock := newThrottle(t)
	const email, ip = "staff@example.org", "192.0.2.1"
	for range 9 {
		if _, _, _, err := th.Failure(ctx, email, ip); err != nil {
			t.Fatal(err)
		}
	}
	// Fifteen minutes on, those nine no longer count, and are pruned.
	clock.Advance(15 * time.Minute)
	delay, _, locked, err := th.Failure(ctx, email, ip)
	if delay != 0 || locked || err != nil {
		t.Errorf("failure after the window: delay %v, locked %v, %v; want a fresh count", delay, locked, err)
	}
	var rows int
	if err := th.Pool.QueryRow(ctx, `SELECT count(*) FROM login_failures`).Scan(&rows); err != nil || rows != 1 {
		t.Errorf("%d failure rows kept (%v), want only the latest", rows, err)
	}
}

func TestThrottleUnknownIP(t *testing.T) {
	ctx := context.Background()
	th, _ := newThrottle(t)
	// Visitors without a known address are not lumped together.
	for i := range 60 {
		if _, _, locked, err := th.Failure(ctx, fmt.Sprintf("u%d@example.org", i), ""); locked || err != nil {
			t.Fatalf("failure %d with no IP: locked %v, %v", i+1, locked, err)
		}
	}
	if _, locked, _ := th.Locked(ctx, "new@example.org", ""); locked {
		t.Error("an unknown IP is locked")
	}
}
