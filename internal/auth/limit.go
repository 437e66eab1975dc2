package auth

import (
	"context"
	"errors"
	"runtime"
	"sync/atomic"
	"time"
)

// ErrBusy is returned when every slot for checking or hashing a password
// is taken. The caller should answer at once that the site is busy (503
// with Retry-After) rather than queue: a queue without bound is what let a
// burst of sign-ins take the process's memory.
var ErrBusy = errors.New("auth: too many passwords being checked at once")

// Capacity is how many argon2id computations may run at once: one fewer
// than the threads the Go scheduler runs on (GOMAXPROCS at start), and at
// least one. Each keeps a core busy, so with one per thread a flood of
// sign-ins took every core and the public pages waited behind it; one core
// is left for the site. Each holds Params.Memory (19 MiB) while it runs, so
// this is also what bounds the memory password checks take, however many
// sign-ins arrive together. With one core there is one slot, shared with
// the site: fewer would be none.
func Capacity() int { return cap(slots) }

// BusyWait is how long Hash, Verify and VerifyNoAccount wait for a slot
// before giving up with ErrBusy: long enough to ride out a few checks
// finishing (each takes tens of milliseconds), short enough that a flood
// is answered at once instead of piling up.
const BusyWait = 250 * time.Millisecond

var (
	slots    = make(chan struct{}, max(1, runtime.GOMAXPROCS(0)-1))
	computed atomic.Uint64
)

// Computations is how many argon2id computations (hashes and checks) this
// process has run, for tests and diagnostics.
func Computations() uint64 { return computed.Load() }

// Slot is the right to run argon2id, taken with Reserve. Its methods run
// one computation at a time; Release gives the slot back.
type Slot struct{ released atomic.Bool }

// errReleased means a Slot was used after Release: a programming error.
var errReleased = errors.New("auth: password slot used after release")

// Reserve takes a slot, waiting at most wait for one to be free. It
// returns ErrBusy when none frees in time, and ctx's error if ctx ends
// first. The caller must Release the slot.
func Reserve(ctx context.Context, wait time.Duration) (*Slot, error) {
	select {
	case slots <- struct{}{}:
		return &Slot{}, nil
	default:
	}
	if wait <= 0 {
		return nil, ErrBusy
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case slots <- struct{}{}:
		return &Slot{}, nil
	case <-timer.C:
		return nil, ErrBusy
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Release gives the slot back. Releasing twice does nothing, so a caller
// may release early and still defer it.
func (s *Slot) Release() {
	if s != nil && s.released.CompareAndSwap(false, true) {
		<-slots
	}
}

// Hash is the package's Hash, in this slot.
func (s *Slot) Hash(password string) (string, error) {
	if s.released.Load() {
		return "", errReleased
	}
	return hash(password)
}

// Verify is the package's Verify, in this slot.
func (s *Slot) Verify(password, encoded string) (ok, rehash bool, err error) {
	if s.released.Load() {
		return false, false, errReleased
	}
	return verify(password, encoded)
}

// VerifyNoAccount is the package's VerifyNoAccount, in this slot.
func (s *Slot) VerifyNoAccount(password string) error {
	if s.released.Load() {
		return errReleased
	}
	_, _, err := verify(password, decoyHash())
	return err
}

// inSlot runs fn in a slot taken with BusyWait.
func inSlot(fn func(s *Slot) error) error {
	s, err := Reserve(context.Background(), BusyWait)
	if err != nil {
		return err
	}
	defer s.Release()
	return fn(s)
}
