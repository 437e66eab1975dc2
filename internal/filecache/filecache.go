package filecache

import (
	"container/list"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// MaxFills is how many copies are filled (or checked) at once. Each fill
// holds one chunk of its file in memory at a time, so this bounds the
// memory all fills take together, however many different files are asked
// for at the same moment.
const MaxFills = 4

// fillTimeout bounds one fill. A fill does not stop when the visitor who
// started it leaves: others may be waiting for the same file.
const fillTimeout = 5 * time.Minute

// tempPrefix starts the names of copies being written.
const tempPrefix = ".fill-"

// staleTemp is the age after which a leftover copy being written is taken
// for the remains of a crash and removed (younger ones may belong to
// another instance sharing the directory).
const staleTemp = time.Hour

// Fill writes a file's bytes, from the start, to w.
type Fill func(ctx context.Context, w io.Writer) error

// Cache is a directory of copies within a size budget. The budget is kept
// by evicting the least recently used copies after each fill; it can be
// exceeded by the one copy just filled when that alone is larger, and by
// evicted copies still being sent (an open file outlives its name).
type Cache struct {
	dir    string
	budget int64
	fills  chan struct{}

	mu       sync.Mutex
	ready    bool
	entries  map[string]*entry
	lru      *list.List // of *entry, most recently used first
	used     int64
	inflight map[string]*call
}

type entry struct {
	name string // the SHA-256 in hex
	size int64
	// checked is set once this process has hashed the copy (or written
	// it): copies found in the directory at start are checked on first use.
	checked bool
	elem    *list.Element
}

// call is one fill under way, which everyone asking for the same copy
// waits for.
type call struct {
	done chan struct{}
	err  error
}

// New returns a cache of copies in dir (created on first use, private to
// this user) holding up to budget bytes.
func New(dir string, budget int64) *Cache {
	return &Cache{dir: dir, budget: budget, fills: make(chan struct{}, MaxFills),
		entries: map[string]*entry{}, lru: list.New(), inflight: map[string]*call{}}
}

// Open returns the file with SHA-256 sum and size bytes, opened for
// reading; the caller closes it. A copy not on disk is filled first with
// fill, once however many ask for it at the same time.
func (c *Cache) Open(ctx context.Context, sum []byte, size int64, fill Fill) (*os.File, error) {
	if len(sum) != sha256.Size {
		return nil, fmt.Errorf("filecache: a SHA-256 has %d bytes, not %d", sha256.Size, len(sum))
	}
	name := hex.EncodeToString(sum)
	// A copy can disappear between finding it and opening it (evicted, or
	// removed from outside): then it is filled again. Twice in a row means
	// something keeps removing it.
	for range 3 {
		c.mu.Lock()
		if err := c.setUp(); err != nil {
			c.mu.Unlock()
			return nil, err
		}
		if e, ok := c.entries[name]; ok && e.checked && e.size == size {
			c.lru.MoveToFront(e.elem)
			c.mu.Unlock()
			f, err := os.Open(c.path(name))
			if err == nil {
				return f, nil
			}
			if !errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("filecache: %w", err)
			}
			c.mu.Lock()
			c.forget(e)
			c.mu.Unlock()
			continue
		}
		cl, running := c.inflight[name]
		if !running {
			cl = &call{done: make(chan struct{})}
			c.inflight[name] = cl
			fillCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), fillTimeout)
			go func() {
				defer cancel()
				c.fill(fillCtx, name, sum, size, fill, cl)
			}()
		}
		c.mu.Unlock()
		select {
		case <-cl.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if cl.err != nil {
			return nil, cl.err
		}
	}
	return nil, fmt.Errorf("filecache: copy %s keeps disappearing from %s", name, c.dir)
}

// fill makes the copy called name: checks the one found on disk, or
// writes a new one, then makes room for it.
func (c *Cache) fill(ctx context.Context, name string, sum []byte, size int64, fill Fill, cl *call) {
	defer func() {
		c.mu.Lock()
		delete(c.inflight, name)
		c.mu.Unlock()
		close(cl.done)
	}()
	select {
	case c.fills <- struct{}{}:
		defer func() { <-c.fills }()
	case <-ctx.Done():
		cl.err = fmt.Errorf("filecache: wait to fill %s: %w", name, ctx.Err())
		return
	}

	c.mu.Lock()
	e, found := c.entries[name]
	c.mu.Unlock()
	if found && e.size == size {
		// Found at start: used only once its content is known to be right.
		if ok, err := c.check(name, sum); err == nil && ok {
			c.mu.Lock()
			e.checked = true
			c.mu.Unlock()
			return
		}
	}
	if found {
		c.mu.Lock()
		c.forget(e)
		c.mu.Unlock()
		os.Remove(c.path(name))
	}

	if cl.err = c.write(ctx, name, sum, size, fill); cl.err != nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.entries[name]; ok {
		c.forget(old)
	}
	e = &entry{name: name, size: size, checked: true}
	e.elem = c.lru.PushFront(e)
	c.entries[name] = e
	c.used += size
	c.evict(e)
}

// write fills a temporary file, checks it is the file wanted, and renames
// it into place (flushed first, so a crash cannot leave a short copy under
// the real name).
func (c *Cache) write(ctx context.Context, name string, sum []byte, size int64, fill Fill) (err error) {
	tmp, err := os.CreateTemp(c.dir, tempPrefix+name[:16]+"-*")
	if errors.Is(err, fs.ErrNotExist) {
		// The directory itself was removed (deleting it is always safe):
		// make it again.
		if err = os.MkdirAll(c.dir, 0o700); err == nil {
			tmp, err = os.CreateTemp(c.dir, tempPrefix+name[:16]+"-*")
		}
	}
	if err != nil {
		return fmt.Errorf("filecache: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	w := &checkedWriter{w: tmp, h: sha256.New(), limit: size}
	if err := fill(ctx, w); err != nil {
		return fmt.Errorf("filecache: fill %s: %w", name, err)
	}
	if w.n != size || hex.EncodeToString(w.h.Sum(nil)) != name {
		return fmt.Errorf("filecache: fill %s: got %d bytes (want %d) that are not the file asked for", name, w.n, size)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("filecache: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("filecache: %w", err)
	}
	if err := os.Rename(tmp.Name(), c.path(name)); err != nil {
		return fmt.Errorf("filecache: %w", err)
	}
	return nil
}

// checkedWriter hashes and counts what it writes, and refuses to write
// more than limit bytes.
type checkedWriter struct {
	w     io.Writer
	h     hash.Hash
	n     int64
	limit int64
}

func (cw *checkedWriter) Write(p []byte) (int, error) {
	if cw.n+int64(len(p)) > cw.limit {
		return 0, fmt.Errorf("more than the %d bytes expected", cw.limit)
	}
	n, err := cw.w.Write(p)
	cw.h.Write(p[:n])
	cw.n += int64(n)
	return n, err
}

// check reports whether the copy called name has the SHA-256 sum.
func (c *Cache) check(name string, sum []byte) (bool, error) {
	f, err := os.Open(c.path(name))
	if err != nil {
		return false, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return false, err
	}
	return hex.EncodeToString(h.Sum(nil)) == hex.EncodeToString(sum), nil
}

// evict removes the least recently used copies, other than keep, until
// the copies fit the budget. c.mu is held.
func (c *Cache) evict(keep *entry) {
	for el := c.lru.Back(); el != nil && c.used > c.budget; {
		e := el.Value.(*entry)
		el = el.Prev()
		if e == keep {
			continue
		}
		c.forget(e)
		os.Remove(c.path(e.name))
	}
}

// forget drops e from the index. c.mu is held.
func (c *Cache) forget(e *entry) {
	if c.entries[e.name] != e {
		return
	}
	delete(c.entries, e.name)
	c.lru.Remove(e.elem)
	c.used -= e.size
}

// Check makes the directory if need be and says whether copies can be
// kept in it (it must be a directory only this user can write to), so a
// bad setting is found at start rather than at the first download.
func (c *Cache) Check() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.setUp()
}

// setUp makes the directory and indexes the copies already in it, once it
// has worked. c.mu is held.
func (c *Cache) setUp() error {
	if c.ready {
		return nil
	}
	if err := os.MkdirAll(c.dir, 0o700); err != nil {
		return fmt.Errorf("filecache: %w", err)
	}
	fi, err := os.Lstat(c.dir)
	if err != nil {
		return fmt.Errorf("filecache: %w", err)
	}
	// Copies are trusted once checked: nobody else may be able to swap them.
	if !fi.IsDir() || fi.Mode().Perm()&0o022 != 0 {
		return fmt.Errorf("filecache: %s must be a directory that only this user can write to (mode %v)", c.dir, fi.Mode())
	}
	list, err := os.ReadDir(c.dir)
	if err != nil {
		return fmt.Errorf("filecache: %w", err)
	}
	type found struct {
		e   *entry
		mod time.Time
	}
	var copies []found
	for _, d := range list {
		info, err := d.Info()
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		if strings.HasPrefix(d.Name(), tempPrefix) {
			if time.Since(info.ModTime()) > staleTemp {
				os.Remove(filepath.Join(c.dir, d.Name()))
			}
			continue
		}
		if b, err := hex.DecodeString(d.Name()); err != nil || len(b) != sha256.Size || strings.ToLower(d.Name()) != d.Name() {
			continue
		}
		copies = append(copies, found{&entry{name: d.Name(), size: info.Size()}, info.ModTime()})
	}
	// Newest first, as the LRU list runs.
	slices.SortFunc(copies, func(a, b found) int { return b.mod.Compare(a.mod) })
	for _, f := range copies {
		f.e.elem = c.lru.PushBack(f.e)
		c.entries[f.e.name] = f.e
		c.used += f.e.size
	}
	c.evict(nil)
	c.ready = true
	return nil
}

func (c *Cache) path(name string) string { return filepath.Join(c.dir, name) }
