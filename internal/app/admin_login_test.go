package app

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/auth"
	"github.com/sswalliance/advocacy/internal/dbtest"
	"github.com/sswalliance/advocacy/internal/seed"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web/admin"
)

// signInSite is the site on a loopback port behind a trusted proxy (the
// test itself), so that each request can say which address it comes from.
type signInSite struct {
	app  *App
	pool *pgxpool.Pool
	srv  *httptest.Server
}

func newSignInSite(t *testing.T) signInSite {
	t.Helper()
	pool := dbtest.New(t)
	app := mustNew(t, testConfig(t, map[string]string{"TRUSTED_PROXIES": "127.0.0.1,::1"}), testLogger(t), pool)
	app.throttle.Delay = 0 // the slow-down is tested in internal/auth
	srv := httptest.NewServer(app.Handler())
	t.Cleanup(srv.Close)
	return signInSite{app: app, pool: pool, srv: srv}
}

// signInFrom posts the sign-in form as if from addr, with c (nil: a new
// client), and returns the response, its body read and closed.
func (s signInSite) signInFrom(t testing.TB, c *http.Client, addr, email, password string) *http.Response {
	t.Helper()
	if c == nil {
		c = client(t, s.srv.URL)
	}
	req, _ := http.NewRequest(http.MethodPost, s.srv.URL+"/admin/login",
		strings.NewReader(url.Values{"email": {email}, "password": {password}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", addr)
	res, err := c.Do(req)
	if err != nil {
		t.Fatalf("sign in as %s from %s: %v", email, addr, err)
	}
	t.Cleanup(func() { res.Body.Close() })
	return res
}

// holdPasswordSlots takes every password slot until the returned function
// is called (or the test ends), so no password is checked meanwhile.
func holdPasswordSlots(t *testing.T) (release func()) {
	t.Helper()
	var held []*auth.Slot
	for range auth.Capacity() {
		s, err := auth.Reserve(context.Background(), 10*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, s)
	}
	release = func() {
		for _, s := range held {
			s.Release()
		}
	}
	t.Cleanup(release)
	return release
}

// argon2Memory is what one password check holds while it runs.
const argon2Memory = 19 << 20

// signInBurst is what one burst of concurrent sign-ins did and took.
type signInBurst struct {
	n                 int
	took              time.Duration
	counts            map[int]int // answers by status
	baseline          uint64      // heap objects before, after a collection
	peakHeap          uint64      // heap objects, at their highest
	peakLive          uint64      // live heap at the last collection, at its highest
	peakConns         int32       // pool connections in use, at their most
	home              []time.Duration
	homeStatus        map[int]int
	checks            uint64 // passwords checked
	allocsPerSignIn   uint64 // bytes allocated per sign-in besides argon2's (and the home page's)
	argon2Allocations uint64
}

// burstSignIns posts n sign-ins at once, from n addresses, half to the
// real account email and half to unknown ones, all with a wrong password,
// while GET / is asked for over and over, one at a time, by another
// visitor. It samples the heap and the pool every millisecond throughout.
func burstSignIns(t *testing.T, s signInSite, email string, n int) signInBurst {
	t.Helper()
	hc := &http.Client{Timeout: time.Minute, Transport: &http.Transport{MaxIdleConnsPerHost: n},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	defer hc.CloseIdleConnections()
	visitor := &http.Client{Timeout: time.Minute}
	defer visitor.CloseIdleConnections()
	// Warm up (the decoy hash, connections, templates, the home page),
	// and see what one visit to the home page allocates.
	s.signInFrom(t, hc, "203.0.113.1", "nobody@example.org", "wrong password")
	allocs := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	var homeAllocs uint64
	for range 2 {
		metrics.Read(allocs)
		before := allocs[0].Value.Uint64()
		res, err := visitor.Get(s.srv.URL + "/")
		if err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("GET / before the burst: %v %v", res, err)
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		metrics.Read(allocs)
		homeAllocs = allocs[0].Value.Uint64() - before
	}

	// The heap may grow to twice what was live at the last collection
	// before the next one (GOGC=100), so both are watched: what is live,
	// which the bound on checks in flight holds down, and the heap.
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	samples := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}, {Name: "/gc/heap/allocs:bytes"}}
	runtime.GC()
	metrics.Read(samples)
	b := signInBurst{n: n, counts: map[int]int{}, homeStatus: map[int]int{}, baseline: samples[0].Value.Uint64()}
	allocsBefore := samples[2].Value.Uint64()
	checksBefore := auth.Computations()
	stop := make(chan struct{})
	var side sync.WaitGroup
	side.Go(func() {
		heap := []metrics.Sample{{Name: samples[0].Name}, {Name: samples[1].Name}}
		for {
			metrics.Read(heap)
			b.peakHeap = max(b.peakHeap, heap[0].Value.Uint64())
			b.peakLive = max(b.peakLive, heap[1].Value.Uint64())
			b.peakConns = max(b.peakConns, s.pool.Stat().AcquiredConns())
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
		}
	})
	side.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			began := time.Now()
			res, err := visitor.Get(s.srv.URL + "/")
			if err != nil {
				t.Errorf("GET / during the burst: %v", err)
				return
			}
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
			b.home = append(b.home, time.Since(began))
			b.homeStatus[res.StatusCode]++
		}
	})

	start := make(chan struct{})
	statuses := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			to := email
			if i%2 == 1 {
				to = fmt.Sprintf("nobody%d@example.org", i)
			}
			<-start
			req, _ := http.NewRequest(http.MethodPost, s.srv.URL+"/admin/login",
				strings.NewReader(url.Values{"email": {to}, "password": {"a wrong password"}}.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Origin", s.srv.URL)
			req.Header.Set("X-Forwarded-For", fmt.Sprintf("10.1.%d.%d", i/250, i%250+1))
			res, err := hc.Do(req)
			if err != nil {
				t.Errorf("sign-in %d: %v", i, err)
				return
			}
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
			statuses[i] = res.StatusCode
			if res.StatusCode == http.StatusServiceUnavailable && res.Header.Get("Retry-After") == "" {
				t.Errorf("sign-in %d: 503 without Retry-After", i)
			}
		})
	}
	began := time.Now()
	close(start)
	wg.Wait()
	b.took = time.Since(began)
	close(stop)
	side.Wait()
	metrics.Read(samples)
	b.checks = auth.Computations() - checksBefore
	b.argon2Allocations = b.checks * argon2Memory
	if allocs, others := samples[2].Value.Uint64()-allocsBefore, b.argon2Allocations+uint64(len(b.home))*homeAllocs; allocs > others {
		b.allocsPerSignIn = (allocs - others) / uint64(n)
	}
	for _, st := range statuses {
		b.counts[st]++
	}
	slices.Sort(b.home)
	return b
}

func (b signInBurst) medianHome() time.Duration {
	if len(b.home) == 0 {
		return 0
	}
	return b.home[len(b.home)/2]
}

// TestSignInBurstKeepsMemoryFlatAndTheSiteAnswering: 100 and then 400
// sign-ins at once, from as many addresses, to a real account and to
// unknown emails. Every one is answered 401, 429 or 503 (none hangs, none
// fails); the heap stays within what auth.Capacity checks at a time can
// take, and does not grow with the burst; sign-ins never take the whole
// pool, so the home page, asked for all along, answers in normal time.
// Without the bound all the checks run together and hold 19 MiB each;
// with the attempt counted before a password slot was reserved, every
// sign-in held a pooled connection in the throttle's transaction and the
// home page waited seconds for one.
func TestSignInBurstKeepsMemoryFlatAndTheSiteAnswering(t *testing.T) {
	s := newSignInSite(t)
	if err := seed.Load(context.Background(), store.New(s.pool), false); err != nil {
		t.Fatal(err) // the home page
	}
	addStaff(t, s.pool, "admin@example.org", "admin")
	maxConns := s.pool.Config().MaxConns

	// Capacity checks in flight, two finished ones not yet collected, and
	// what the requests and their pages hold besides.
	liveBound := func(b signInBurst) uint64 { return b.baseline + uint64(auth.Capacity()+2)*argon2Memory + 32<<20 }
	var bursts []signInBurst
	for _, n := range []int{100, 400} {
		b := burstSignIns(t, s, "admin@example.org", n)
		bursts = append(bursts, b)
		t.Logf("%d sign-ins in %v: %v, %d passwords checked, %d KiB allocated per sign-in besides argon2; capacity %d; heap %d MiB before; peak live %d MiB (bound %d), peak heap %d MiB; pool connections in use at most %d of %d; GET / %d times (%v), median %v, slowest %v",
			n, b.took.Round(time.Millisecond), b.counts, b.checks, b.allocsPerSignIn>>10, auth.Capacity(), b.baseline>>20,
			b.peakLive>>20, liveBound(b)>>20, b.peakHeap>>20, b.peakConns, maxConns,
			len(b.home), b.homeStatus, b.medianHome().Round(time.Millisecond), b.home[len(b.home)-1].Round(time.Millisecond))

		for st := range b.counts {
			if st != http.StatusUnauthorized && st != http.StatusTooManyRequests && st != http.StatusServiceUnavailable {
				t.Errorf("%d sign-ins: answers %v, want only 401, 429 and 503", n, b.counts)
				break
			}
		}
		if b.counts[http.StatusUnauthorized] == 0 {
			t.Errorf("%d sign-ins: answers %v, no password was checked at all", n, b.counts)
		}
		heapBound := 2 * liveBound(b)
		if heapBound >= uint64(n)*argon2Memory/4 {
			t.Fatalf("bound %d MiB could not tell the limit from none (%d MiB)", heapBound>>20, n*argon2Memory>>20)
		}
		if b.peakLive > liveBound(b) || b.peakHeap > heapBound {
			t.Errorf("%d sign-ins: peak live heap %d MiB, peak heap %d MiB: over the bounds of %d and %d MiB",
				n, b.peakLive>>20, b.peakHeap>>20, liveBound(b)>>20, heapBound>>20)
		}
		// A refused sign-in reads a small form and renders one small page.
		// The figure counts the test's own client, a new connection per
		// sign-in at both ends (about 16 KiB each); a compressor for the
		// answer alone was 800 KiB.
		if b.allocsPerSignIn > 256<<10 {
			t.Errorf("%d sign-ins: %d KiB allocated per sign-in besides argon2, want at most 256", n, b.allocsPerSignIn>>10)
		}
		// A refused sign-in holds a connection only in its password slot,
		// and the home page takes one at a time; the pool is never all
		// taken (where it has more connections than that).
		if bound := min(int32(auth.Capacity())+1, maxConns-1); b.peakConns > bound {
			t.Errorf("%d sign-ins: %d of the pool's %d connections in use at once, want at most %d: the site's pages had to wait",
				n, b.peakConns, maxConns, bound)
		}
		if len(b.home) == 0 || b.homeStatus[http.StatusOK] != len(b.home) {
			t.Errorf("%d sign-ins: GET / answered %v during the burst, want 200s", n, b.homeStatus)
		} else if med := b.medianHome(); med > 300*time.Millisecond {
			t.Errorf("%d sign-ins: GET / took %v at the median during the burst, want at most 300ms", n, med)
		}
	}
	// Four times the sign-ins take no more memory than one more password
	// check would (300 more connections at both ends take about 10 MiB).
	if small, big := bursts[0], bursts[1]; big.peakLive > small.peakLive+argon2Memory {
		t.Errorf("peak live heap %d MiB for %d sign-ins, %d MiB for %d: it grows with the burst",
			big.peakLive>>20, big.n, small.peakLive>>20, small.n)
	}
}

// TestParallelGuessesCannotSignInPastTheLock: one guess short of the
// limit, 31 more for one account from one address, all in flight
// together, the right password among them. Whichever is counted first
// reaches the limit and locks the account, so none signs in, and no
// password is checked at all: the attempt that reaches the limit is
// refused unchecked. Each waits as long as it takes for a password slot,
// so none is refused as busy instead.
func TestParallelGuessesCannotSignInPastTheLock(t *testing.T) {
	s := newSignInSite(t)
	password := addStaff(t, s.pool, "admin@example.org", "admin")
	s.app.admin.SetHashWait(time.Minute)
	for range s.app.throttle.LockAfter - 1 {
		if a, err := s.app.throttle.Begin(context.Background(), "admin@example.org", "192.0.2.1"); err != nil || a.Locked {
			t.Fatalf("counting the guesses before: %+v, %v", a, err)
		}
	}
	before := auth.Computations()

	n, right := 40-(s.app.throttle.LockAfter-1), 17
	statuses := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			guess := fmt.Sprintf("wrong guess %d", i)
			if i == right {
				guess = password
			}
			statuses[i] = s.signInFrom(t, nil, "192.0.2.1", "admin@example.org", guess).StatusCode
		})
	}
	wg.Wait()

	counts := map[int]int{}
	for _, st := range statuses {
		counts[st]++
	}
	if counts[http.StatusSeeOther] != 0 {
		t.Errorf("answers %v: the right password signed in past the lock", counts)
	}
	if counts[http.StatusTooManyRequests] != n {
		t.Errorf("answers %v: want only 429", counts)
	}
	if statuses[right] != http.StatusTooManyRequests {
		t.Errorf("the right password: %d, want 429 (locked)", statuses[right])
	}
	if checked := auth.Computations() - before; checked != 0 {
		t.Errorf("%d passwords checked for %d guesses past the limit, want none", checked, n)
	}
	var signIns int
	if err := s.pool.QueryRow(context.Background(), `SELECT count(*) FROM audit_log WHERE action = $1`, store.ActionSignIn).Scan(&signIns); err != nil || signIns != 0 {
		t.Errorf("%d sign-ins in the audit log (%v)", signIns, err)
	}
}

// TestLockFromOneAddressLeavesOthersAndTellsTheOwner: ten wrong passwords
// from address A lock the account from A only; its owner signs in from B,
// and gets one email about the lock. A guesser locking an unknown email or
// a disabled account's gets the same answer, and nobody is mailed.
func TestLockFromOneAddressLeavesOthersAndTellsTheOwner(t *testing.T) {
	s := newSignInSite(t)
	ctx := context.Background()
	password := addStaff(t, s.pool, "admin@example.org", "admin")
	addStaff(t, s.pool, "gone@example.org", "editor")
	if _, err := s.pool.Exec(ctx, `UPDATE users SET disabled_at = now() WHERE email = 'gone@example.org'`); err != nil {
		t.Fatal(err)
	}
	const a, b = "192.0.2.1", "198.51.100.7"

	lockFromA := func(email string) (status int, problem string) {
		for i := range s.app.throttle.LockAfter {
			res := s.signInFrom(t, nil, a, email, fmt.Sprintf("guess %d", i))
			if i < s.app.throttle.LockAfter-1 && res.StatusCode != http.StatusUnauthorized {
				t.Fatalf("%s, attempt %d: %s", email, i+1, res.Status)
			}
			if i == s.app.throttle.LockAfter-1 {
				if res.Header.Get("Retry-After") == "" {
					t.Errorf("%s: locked without Retry-After", email)
				}
				return res.StatusCode, parse(t, res).Find("[data-testid=login-problem]").Text()
			}
		}
		return 0, ""
	}
	status, problem := lockFromA("admin@example.org")
	if status != http.StatusTooManyRequests || !strings.Contains(problem, "Too many failed attempts") {
		t.Fatalf("10th attempt from A: %d %q, want the lockout message", status, problem)
	}
	// The time the lock ends is the same but for the moment each was
	// locked, which may fall either side of a minute.
	at := regexp.MustCompile(`until \d\d:\d\d UTC`)
	for _, email := range []string{"nobody@example.org", "gone@example.org"} {
		if st, p := lockFromA(email); st != status || at.ReplaceAllString(p, "until … UTC") != at.ReplaceAllString(problem, "until … UTC") {
			t.Errorf("locking %s: %d %q; want the same answer as for an account: %d %q", email, st, p, status, problem)
		}
	}
	// More attempts during the lock change nothing, right password or not.
	for _, guess := range []string{"again", password} {
		if res := s.signInFrom(t, nil, a, "admin@example.org", guess); res.StatusCode != http.StatusTooManyRequests {
			t.Errorf("from A during the lock: %s, want 429", res.Status)
		}
	}
	// The owner, elsewhere, is not locked out.
	if res := s.signInFrom(t, nil, b, "admin@example.org", password); res.StatusCode != http.StatusSeeOther {
		t.Errorf("right password from B while A is locked: %s, want signed in", res.Status)
	}

	// The notices are decided by the job queue.
	bg, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { s.app.RunBackground(bg); close(done) }()
	defer func() { stop(); <-done }()
	for deadline := time.Now().Add(15 * time.Second); ; {
		var pending int
		if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM river_job WHERE kind = 'sign_in_lockout_notice' AND state <> 'completed'`).Scan(&pending); err != nil {
			t.Fatal(err)
		}
		if pending == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d lockout notices still to decide", pending)
		}
		time.Sleep(50 * time.Millisecond)
	}
	var jobs int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM river_job WHERE kind = 'sign_in_lockout_notice'`).Scan(&jobs); err != nil || jobs != 3 {
		t.Errorf("%d lockout notice jobs (%v), want one per lock: 3", jobs, err)
	}
	rows, err := s.pool.Query(ctx, `SELECT to_address, subject, body FROM emails WHERE kind = 'staff-lockout'`)
	if err != nil {
		t.Fatal(err)
	}
	type email struct{ to, subject, body string }
	var got []email
	for rows.Next() {
		var e email
		if err := rows.Scan(&e.to, &e.subject, &e.body); err != nil {
			t.Fatal(err)
		}
		got = append(got, e)
	}
	if len(got) != 1 || got[0].to != "admin@example.org" {
		t.Fatalf("lockout emails %+v, want one, to admin@example.org", got)
	}
	if !strings.Contains(got[0].body, a) || !strings.Contains(got[0].body, "anywhere else") || strings.Contains(got[0].body, "guess 1") ||
		strings.Contains(got[0].body, password) || strings.Contains(got[0].body, "http") && strings.Contains(got[0].body, "/admin") {
		t.Errorf("lockout email body:\n%s", got[0].body)
	}
}

// TestSignInCountsIPv6ByItsSlash64: one IPv6 host has a whole /64 to
// rotate through, so addresses in one /64 share a count.
func TestSignInCountsIPv6ByItsSlash64(t *testing.T) {
	s := newSignInSite(t)
	addStaff(t, s.pool, "admin@example.org", "admin")
	var last *http.Response
	for i := range s.app.throttle.LockAfter {
		last = s.signInFrom(t, nil, fmt.Sprintf("2001:db8:1:2::%x", i+1), "admin@example.org", "wrong")
	}
	if last.StatusCode != http.StatusTooManyRequests {
		t.Errorf("10 attempts from 10 addresses of one /64: last %s, want 429", last.Status)
	}
	if res := s.signInFrom(t, nil, "2001:db8:1:3::1", "admin@example.org", "wrong"); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("from the next /64: %s, want 401", res.Status)
	}
}

// TestSignInRefusesBytesNoKeyboardTypes: NUL and broken UTF-8 in the
// email or password give the form again with a message, never a 500.
func TestSignInRefusesBytesNoKeyboardTypes(t *testing.T) {
	s := newSignInSite(t)
	for _, tc := range []struct{ email, password, keep string }{
		{"admin\x00@example.org", "a password", ""},
		{"admin\xff@example.org", "a password", ""},
		{"admin@example.org", "pass\x00word", "admin@example.org"},
		{"Admin@Example.org", "pass\xc3word", "admin@example.org"},
	} {
		res := s.signInFrom(t, nil, "192.0.2.1", tc.email, tc.password)
		doc := parse(t, res)
		if res.StatusCode != http.StatusBadRequest || doc.Find("[data-testid=login-problem]").Text() != admin.BadTextMessage {
			t.Errorf("email %q, password %q: %s %q, want 400 and the form with a message", tc.email, tc.password,
				res.Status, doc.Find("[data-testid=login-problem]").Text())
		}
		if got, _ := doc.Find("input#email").Attr("value"); got != tc.keep {
			t.Errorf("email %q: the form shows %q, want %q", tc.email, got, tc.keep)
		}
	}
	var n int
	if err := s.pool.QueryRow(context.Background(), `SELECT count(*) FROM login_failures`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d attempts counted (%v): nothing was tried", n, err)
	}
}

// TestPasswordRoutesAnswerBusyWhenEverySlotIsTaken: with every password
// slot taken, sign-in, changing one's password, adding an account and
// resetting a password answer 503 with Retry-After at once, and change
// nothing; the sign-in form keeps the email, counts no attempt and does
// not touch the database.
func TestPasswordRoutesAnswerBusyWhenEverySlotIsTaken(t *testing.T) {
	site := newStaffSite(t)
	ctx := context.Background()
	editorPassword := addStaff(t, site.pool, "editor@example.org", "editor")
	editor := site.user(t, "editor@example.org")
	holdPasswordSlots(t)

	acquired := site.pool.Stat().AcquireCount()
	res := postForm(t, client(t, site.srv.URL), site.srv.URL+"/admin/login", url.Values{"email": {"Editor@example.org"}, "password": {editorPassword}})
	if n := site.pool.Stat().AcquireCount() - acquired; n != 0 {
		t.Errorf("sign-in while busy took %d pooled connections, want none: a flood of them would hold the pool", n)
	}
	doc := parse(t, res)
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" ||
		doc.Find("[data-testid=login-problem]").Text() != admin.BusyMessage {
		t.Errorf("sign-in while busy: %s, Retry-After %q, %q", res.Status, res.Header.Get("Retry-After"), doc.Find("[data-testid=login-problem]").Text())
	}
	if got, _ := doc.Find("input#email").Attr("value"); got != "editor@example.org" {
		t.Errorf("sign-in while busy shows the email %q, want it kept", got)
	}
	var attempts int
	if err := site.pool.QueryRow(ctx, `SELECT count(*) FROM login_failures`).Scan(&attempts); err != nil || attempts != 0 {
		t.Errorf("%d attempts counted (%v) for a sign-in never checked", attempts, err)
	}

	for _, tc := range []struct {
		path string
		form url.Values
	}{
		{"/admin/password", url.Values{"current": {"whatever it is"}, "new": {"a new long password"}, "confirm": {"a new long password"}}},
		{"/admin/users/new", url.Values{"name": {"New Person"}, "email": {"new@example.org"}, "role": {"editor"}}},
		{userPath(editor.ID) + "/reset-password", nil},
	} {
		res := postForm(t, site.admin, site.srv.URL+tc.path, tc.form)
		if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" ||
			!strings.Contains(parse(t, res).Find("[data-testid=error-text]").Text(), "nothing was changed") {
			t.Errorf("POST %s while busy: %s, Retry-After %q", tc.path, res.Status, res.Header.Get("Retry-After"))
		}
	}
	if u := site.user(t, "editor@example.org"); u.PasswordHash != editor.PasswordHash {
		t.Error("the reset changed the password while busy")
	}
	if _, err := site.store.UserByEmail(ctx, "new@example.org"); err == nil {
		t.Error("the account was added while busy")
	}
}

// TestSignInRehashesAnOldHash: a hash made with other parameters is
// replaced at sign-in, in the slot the check ran in.
func TestSignInRehashesAnOldHash(t *testing.T) {
	s := newSignInSite(t)
	saved := auth.Params
	auth.Params.Time = 1
	password := addStaff(t, s.pool, "admin@example.org", "admin")
	auth.Params = saved
	if res := s.signInFrom(t, nil, "192.0.2.1", "admin@example.org", password); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in: %s", res.Status)
	}
	u, err := store.New(s.pool).UserByEmail(context.Background(), "admin@example.org")
	if err != nil {
		t.Fatal(err)
	}
	if _, rehash, err := auth.Verify(password, u.PasswordHash); err != nil || rehash || !strings.Contains(u.PasswordHash, "t=2") {
		t.Errorf("hash after sign-in %q (rehash %v, %v), want the current parameters", u.PasswordHash, rehash, err)
	}
}
