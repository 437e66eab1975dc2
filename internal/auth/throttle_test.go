package auth_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

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

// fail counts a wrong password for email from ip.
func fail(t *testing.T, th *auth.Throttle, email, ip string) *auth.Attempt {
	t.Helper()
	a, err := th.Begin(context.Background(), email, ip)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// locked reports whether an attempt for email from ip would be refused,
// taking the attempt back when it is not.
func locked(t *testing.T, th *auth.Throttle, email, ip string) (time.Time, bool) {
	t.Helper()
	a := fail(t, th, email, ip)
	if !a.Locked {
		if err := a.Unchecked(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	return a.Until, a.Locked
}

func TestThrottleLocksAnEmailFromOneAddressOnly(t *testing.T) {
	th, clock := newThrottle(t)
	type lock struct {
		email, ip string
		until     time.Time
	}
	var notices []lock
	th.OnLock = func(_ context.Context, _ pgx.Tx, email, ip string, until time.Time) error {
		notices = append(notices, lock{email, ip, until})
		return nil
	}
	const email, ip, elsewhere = "Staff@Example.org", "192.0.2.1", "198.51.100.7"

	wantDelays := []time.Duration{0, 0, 0, 1 * time.Second, 2 * time.Second, 3 * time.Second, 4 * time.Second, 5 * time.Second, 5 * time.Second}
	for i, want := range wantDelays {
		if a := fail(t, th, email, ip); a.Delay != want || a.Locked {
			t.Errorf("attempt %d: delay %v, locked %v; want %v, not locked", i+1, a.Delay, a.Locked, want)
		}
		clock.Advance(time.Second)
	}
	// The tenth attempt is refused without its password being checked,
	// and locks.
	a := fail(t, th, email, ip)
	until := clock.Now().Add(15 * time.Minute)
	if !a.Locked || !a.NewLock || !a.Until.Equal(until) {
		t.Fatalf("10th attempt: %+v; want a new lock until %v", a, until)
	}
	if len(notices) != 1 || notices[0] != (lock{"staff@example.org", ip, until}) {
		t.Errorf("OnLock calls %v, want one for the email and address", notices)
	}

	// The lock is on the email from that address, in any letter case.
	for _, e := range []string{email, " STAFF@EXAMPLE.ORG"} {
		if got, ok := locked(t, th, e, ip); !ok || !got.Equal(until) {
			t.Errorf("%q from %s: locked %v until %v; want locked until %v", e, ip, ok, got, until)
		}
	}
	// Neither the email from elsewhere nor the address for other emails.
	if _, ok := locked(t, th, email, elsewhere); ok {
		t.Errorf("the email is locked from %s too", elsewhere)
	}
	if _, ok := locked(t, th, "other@example.org", ip); ok {
		t.Error("another email from the same address is locked")
	}

	// Attempts during the lock are refused without extending it or
	// telling the owner again.
	clock.Advance(time.Minute)
	if a := fail(t, th, email, ip); !a.Locked || a.NewLock || !a.Until.Equal(until) {
		t.Errorf("attempt during the lock: %+v; want the same lock", a)
	}
	if len(notices) != 1 {
		t.Errorf("%d notices, want one per lock", len(notices))
	}

	// When the lock ends, counting starts again from zero.
	clock.now = until
	if a := fail(t, th, email, ip); a.Delay != 0 || a.Locked {
		t.Errorf("first attempt after the lock: %+v; want a fresh count", a)
	}
}

func TestThrottleParallelAttemptsCountedBeforeChecking(t *testing.T) {
	ctx := context.Background()
	th, _ := newThrottle(t)
	th.Delay = 0
	const email, ip = "staff@example.org", "192.0.2.1"
	var (
		mu                       sync.Mutex
		checked, refused, newLks int
		wg                       sync.WaitGroup
	)
	for range 40 {
		wg.Go(func() {
			a, err := th.Begin(ctx, email, ip)
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			switch {
			case a.NewLock:
				newLks++
				refused++
			case a.Locked:
				refused++
			default:
				checked++
			}
		})
	}
	wg.Wait()
	if checked != th.LockAfter-1 || refused != 40-checked || newLks != 1 {
		t.Errorf("40 parallel attempts: %d may check the password, %d refused, %d new locks; want %d, %d, 1",
			checked, refused, newLks, th.LockAfter-1, 40-th.LockAfter+1)
	}
}

func TestThrottleRightPasswordRefusedWhenLockedMeanwhile(t *testing.T) {
	ctx := context.Background()
	th, _ := newThrottle(t)
	const email, ip = "staff@example.org", "192.0.2.1"
	right := fail(t, th, email, ip) // its password is being checked...
	for range th.LockAfter - 1 {    // ...while the others reach the limit
		fail(t, th, email, ip)
	}
	until, locked, err := right.Right(ctx)
	if err != nil || !locked || until.IsZero() {
		t.Fatalf("right password after a lock was set alongside: locked %v until %v, %v; want refused", locked, until, err)
	}
}

func TestThrottleRightPasswordClearsTheEmailFromThatAddress(t *testing.T) {
	ctx := context.Background()
	th, clock := newThrottle(t)
	const email, ip = "staff@example.org", "192.0.2.1"
	// Nine wrong passwords and the tenth attempt would lock: the ninth
	// attempt is the last that may be right.
	for range 8 {
		fail(t, th, email, ip)
		clock.Advance(time.Second)
	}
	if _, locked, err := fail(t, th, "Staff@example.org", ip).Right(ctx); locked || err != nil {
		t.Fatalf("right password: locked %v, %v", locked, err)
	}
	for i := range 9 {
		if a := fail(t, th, email, ip); (a.Delay != 0 && i < 3) || a.Locked {
			t.Fatalf("attempt %d after a right password: %+v; want a fresh count", i+1, a)
		}
	}

	// The address keeps those failures: 8 + 9 so far, 33 more lock it.
	for i := range 32 {
		if a := fail(t, th, fmt.Sprintf("guess%d@example.org", i), ip); a.Locked {
			t.Fatalf("address locked after %d attempts", 18+i)
		}
	}
	if a := fail(t, th, "guess-last@example.org", ip); !a.Locked || !a.NewLock {
		t.Error("address not locked after 50 failures, 8 of them before a right password")
	}
}

func TestThrottleUncheckedAttemptsDoNotCount(t *testing.T) {
	ctx := context.Background()
	th, _ := newThrottle(t)
	for i := range 30 {
		a := fail(t, th, "staff@example.org", "192.0.2.1")
		if a.Locked {
			t.Fatalf("locked after %d attempts taken back", i)
		}
		if err := a.Unchecked(ctx); err != nil {
			t.Fatal(err)
		}
	}
}

func TestThrottleLocksAnAddress(t *testing.T) {
	th, clock := newThrottle(t)
	var notices int
	th.OnLock = func(context.Context, pgx.Tx, string, string, time.Time) error { notices++; return nil }
	const ip = "2001:db8::"
	for i := range 49 {
		if a := fail(t, th, fmt.Sprintf("user%d@example.org", i), ip); a.Locked || a.Delay != 0 {
			t.Fatalf("attempt %d: %+v; want nothing yet", i+1, a)
		}
		clock.Advance(time.Second)
	}
	a := fail(t, th, "user49@example.org", ip)
	until := clock.Now().Add(15 * time.Minute)
	if !a.Locked || !a.NewLock || !a.Until.Equal(until) {
		t.Fatalf("50th attempt: %+v; want the address locked until %v", a, until)
	}
	if got, ok := locked(t, th, "someone-new@example.org", ip); !ok || !got.Equal(until) {
		t.Errorf("a new email from the locked address: locked %v until %v; want locked until %v", ok, got, until)
	}
	if _, ok := locked(t, th, "user1@example.org", "192.0.2.9"); ok {
		t.Error("an email tried from the locked address is locked from elsewhere too")
	}
	if notices != 0 {
		t.Errorf("%d owners told of an address's lock; it is no account's", notices)
	}
}

func TestThrottleWindow(t *testing.T) {
	ctx := context.Background()
	th, clock := newThrottle(t)
	const email, ip = "staff@example.org", "192.0.2.1"
	for range 9 {
		fail(t, th, email, ip)
	}
	// Fifteen minutes on, those nine no longer count, without being
	// deleted first; the cleanup then deletes them, and only them.
	clock.Advance(15 * time.Minute)
	if a := fail(t, th, email, ip); a.Delay != 0 || a.Locked {
		t.Errorf("attempt after the window: %+v; want a fresh count", a)
	}
	if n, err := th.Cleanup(ctx); err != nil || n != 9 {
		t.Errorf("cleanup deleted %d rows (%v), want the 9 old failures", n, err)
	}
	var rows int
	if err := th.Pool.QueryRow(ctx, `SELECT count(*) FROM login_failures`).Scan(&rows); err != nil || rows != 1 {
		t.Errorf("%d failure rows kept (%v), want only the latest", rows, err)
	}
}

func TestThrottleUnknownAddress(t *testing.T) {
	th, _ := newThrottle(t)
	// Visitors without a known address are not lumped together.
	for i := range 60 {
		if a := fail(t, th, fmt.Sprintf("u%d@example.org", i), ""); a.Locked {
			t.Fatalf("attempt %d with no address: locked", i+1)
		}
	}
	if _, ok := locked(t, th, "new@example.org", ""); ok {
		t.Error("an unknown address is locked")
	}
	// An email is still locked from the unknown address after its own limit.
	for range 9 {
		fail(t, th, "staff@example.org", "")
	}
	if a := fail(t, th, "staff@example.org", ""); !a.Locked {
		t.Error("ten attempts at one email from an unknown address: not locked")
	}
}

// TestThrottleCleanupKeepsAnExpiredLockOneMoreWindow: an expired lock
// marks where counting restarts, so the cleanup keeps it until it is a
// window old, and only then deletes it.
func TestThrottleCleanupKeepsAnExpiredLockOneMoreWindow(t *testing.T) {
	ctx := context.Background()
	th, clock := newThrottle(t)
	const email, ip = "staff@example.org", "192.0.2.1"
	for range th.LockAfter {
		fail(t, th, email, ip)
	}
	locks := func() (n int) {
		t.Helper()
		if err := th.Pool.QueryRow(ctx, `SELECT count(*) FROM login_locks`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	clock.Advance(th.LockFor + th.Window - time.Minute)
	if n, err := th.Cleanup(ctx); err != nil || n != int64(th.LockAfter) || locks() != 1 {
		t.Errorf("cleanup a minute before the lock is a window old: %d rows (%v), %d locks left; want the failures gone, the lock kept", n, err, locks())
	}
	if a := fail(t, th, email, ip); a.Locked {
		t.Error("locked again by one attempt after the lock ran its course")
	}
	clock.Advance(time.Minute)
	if n, err := th.Cleanup(ctx); err != nil || n != 1 || locks() != 0 {
		t.Errorf("cleanup once the lock is a window old: %d rows (%v), %d locks left; want the lock gone", n, err, locks())
	}
}
