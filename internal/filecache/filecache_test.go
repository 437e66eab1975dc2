package filecache

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// source is a file as Postgres would hand it out, counting its fills.
type source struct {
	data  []byte
	fills atomic.Int32
	delay time.Duration // how long a fill takes
}

func newSource(s string) *source { return &source{data: []byte(s)} }

func (s *source) sum() []byte { b := sha256.Sum256(s.data); return b[:] }

func (s *source) fill(ctx context.Context, w io.Writer) error {
	s.fills.Add(1)
	select {
	case <-time.After(s.delay):
	case <-ctx.Done():
		return ctx.Err()
	}
	// In small chunks, as the real fill reads them.
	for off := 0; off < len(s.data); off += 7 {
		if _, err := w.Write(s.data[off:min(off+7, len(s.data))]); err != nil {
			return err
		}
	}
	return nil
}

func (s *source) open(t *testing.T, c *Cache) *os.File {
	t.Helper()
	f, err := c.Open(context.Background(), s.sum(), int64(len(s.data)), s.fill)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	got, err := io.ReadAll(f)
	if err != nil || !bytes.Equal(got, s.data) {
		t.Fatalf("read %q, %v; want %q", got, err, s.data)
	}
	return f
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	list, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range list {
		out = append(out, d.Name())
	}
	return out
}

func TestConcurrentReadersFillACopyOnce(t *testing.T) {
	c := New(t.TempDir(), 1<<20)
	src := newSource(strings.Repeat("a report of the social service workforce ", 100))
	src.delay = 50 * time.Millisecond
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for range 20 {
		wg.Go(func() {
			f, err := c.Open(context.Background(), src.sum(), int64(len(src.data)), src.fill)
			if err != nil {
				errs <- err
				return
			}
			defer f.Close()
			got, err := io.ReadAll(f)
			if err == nil && !bytes.Equal(got, src.data) {
				err = errors.New("wrong content")
			}
			if err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := src.fills.Load(); n != 1 {
		t.Errorf("20 readers at once filled the copy %d times, want 1", n)
	}
	src.open(t, c)
	if n := src.fills.Load(); n != 1 {
		t.Errorf("a later reader filled it again (%d fills)", n)
	}
}

func TestFillGivingOtherBytesIsRefusedAndLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	c := New(dir, 1<<20)
	want := newSource("the real file")
	for name, fill := range map[string]Fill{
		"other bytes": newSource("a forged file").fill,
		"too short":   newSource("the real").fill,
		"too long":    newSource("the real file, and more").fill,
		"failing":     func(context.Context, io.Writer) error { return errors.New("database away") },
	} {
		if f, err := c.Open(context.Background(), want.sum(), int64(len(want.data)), fill); err == nil {
			f.Close()
			t.Errorf("%s: accepted", name)
		}
	}
	if got := names(t, dir); len(got) != 0 {
		t.Errorf("refused fills left %v", got)
	}
	want.open(t, c) // and the right one still fills
}

func TestLeastRecentlyUsedCopiesGoOverBudget(t *testing.T) {
	dir := t.TempDir()
	a, b, cc := newSource(strings.Repeat("a", 100)), newSource(strings.Repeat("b", 100)), newSource(strings.Repeat("c", 100))
	c := New(dir, 250)
	a.open(t, c)
	b.open(t, c)
	a.open(t, c) // a is now more recent than b
	cc.open(t, c)
	if got := names(t, dir); len(got) != 2 || !contains(got, hex.EncodeToString(a.sum())) || !contains(got, hex.EncodeToString(cc.sum())) {
		t.Errorf("after a, b, a, c within 250 bytes: %v, want a's and c's copies", got)
	}
	b.open(t, c)
	if n := b.fills.Load(); n != 2 {
		t.Errorf("evicted b filled %d times, want 2", n)
	}

	// A copy larger than the whole budget is still served.
	big := newSource(strings.Repeat("z", 300))
	big.open(t, c)
	if got := names(t, dir); len(got) != 1 || got[0] != hex.EncodeToString(big.sum()) {
		t.Errorf("after a copy over budget: %v", got)
	}
}

func TestCopiesFoundAtStartAreCheckedBeforeUse(t *testing.T) {
	dir := t.TempDir()
	good, bad := newSource("kept from the last run"), newSource("damaged on disk")
	// Left by an earlier run: one intact copy, one whose bytes changed, and
	// a write interrupted long ago.
	if err := os.WriteFile(filepath.Join(dir, hex.EncodeToString(good.sum())), good.data, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, hex.EncodeToString(bad.sum())), []byte("damaged on disX"), 0o600); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(dir, tempPrefix+"interrupted")
	if err := os.WriteFile(stale, []byte("half"), 0o600); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-2 * staleTemp)
	if err := os.Chtimes(stale, old, old); err != nil {
		t.Fatal(err)
	}
	c := New(dir, 1<<20)
	good.open(t, c)
	bad.open(t, c)
	if good.fills.Load() != 0 || bad.fills.Load() != 1 {
		t.Errorf("fills: intact copy %d (want 0), damaged copy %d (want 1)", good.fills.Load(), bad.fills.Load())
	}
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("an interrupted write from long ago is still there: %v", err)
	}
}

func TestCopyRemovedFromOutsideIsFilledAgain(t *testing.T) {
	dir := t.TempDir()
	c := New(dir, 1<<20)
	src := newSource("removed by a tmp cleaner")
	src.open(t, c)
	if err := os.Remove(filepath.Join(dir, hex.EncodeToString(src.sum()))); err != nil {
		t.Fatal(err)
	}
	src.open(t, c)
	if n := src.fills.Load(); n != 2 {
		t.Errorf("%d fills, want 2", n)
	}
}

func TestReaderLeavingDoesNotStopTheFill(t *testing.T) {
	c := New(t.TempDir(), 1<<20)
	src := newSource("wanted by others too")
	src.delay = 100 * time.Millisecond
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if _, err := c.Open(ctx, src.sum(), int64(len(src.data)), src.fill); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a reader who left: %v", err)
	}
	src.open(t, c) // waits for the same fill
	if n := src.fills.Load(); n != 1 {
		t.Errorf("%d fills, want 1", n)
	}
}

func TestDirectoryOthersCanWriteIsRefused(t *testing.T) {
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	src := newSource("x")
	if _, err := New(dir, 1<<20).Open(context.Background(), src.sum(), 1, src.fill); err == nil || !strings.Contains(err.Error(), "only this user") {
		t.Errorf("a world-writable directory: %v", err)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestDirectoryRemovedFromOutsideIsMadeAgain: deleting the whole directory
// made every later download fail until a restart.
func TestDirectoryRemovedFromOutsideIsMadeAgain(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "copies")
	c := New(dir, 1<<20)
	first := newSource("filled before the directory went")
	first.open(t, c)
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	newSource("filled after it went").open(t, c)
	first.open(t, c)
	if n := first.fills.Load(); n != 2 {
		t.Errorf("%d fills of the first file, want 2", n)
	}
}

func TestCheckFindsABadDirectoryAtStart(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "copies")
	if err := New(dir, 1<<20).Check(); err != nil {
		t.Fatalf("a new directory: %v", err)
	}
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	if err := New(dir, 1<<20).Check(); err == nil || !strings.Contains(err.Error(), "only this user can write") {
		t.Fatalf("a directory others can write to: %v", err)
	}
}
