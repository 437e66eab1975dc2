package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/upload"
)

// heapBytes is the memory the heap's objects take (live, and dead ones not
// yet swept), read without stopping the world.
func heapBytes() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// TestLargestFileDownloadsRunInBoundedMemory downloads the largest file the
// admin accepts with 20 clients at once, whole and by 1-byte ranges, while
// the home page keeps answering. Reading whole files into memory, this took
// the heap 1.5 GB up and GET / to seconds (the pool's connections busy
// reading 50 MB values); from a copy on disk, about 10 MB.
func TestLargestFileDownloadsRunInBoundedMemory(t *testing.T) {
	const (
		clients = 20
		// heapBound is what the downloads may add to the heap: a fill's
		// chunks, the clients' and server's buffers. Holding the file in
		// memory, one download alone takes more.
		heapBound = 32 << 20
		homeBound = 500 * time.Millisecond
	)
	app, pool := seededApp(t)
	// A cheap pattern (bytes.Repeat copies, rather than a loop writing
	// each byte) in which every offset reads differently from its
	// neighbours.
	block := make([]byte, 251)
	for i := range block {
		block[i] = byte(i)
	}
	data := bytes.Repeat(block, upload.MaxSize/len(block)+1)[:upload.MaxSize]
	want := sha256.Sum256(data)
	id := publishTestFile(t, app, pool, "largest.pdf", data)
	byteAt := func(off int) byte { return byte(off % 251) }
	data = nil
	srv := httptest.NewServer(app.Handler())
	defer srv.Close()
	url := srv.URL + "/files/" + strconv.FormatInt(id, 10) + "/largest.pdf"
	transport := &http.Transport{MaxIdleConnsPerHost: 2 * clients}
	defer transport.CloseIdleConnections()
	hc := &http.Client{Transport: transport}
	home := func() (time.Duration, error) {
		start := time.Now()
		res, err := hc.Get(srv.URL + "/")
		if err != nil {
			return 0, err
		}
		defer res.Body.Close()
		if _, err := io.Copy(io.Discard, res.Body); err != nil {
			return 0, err
		}
		if res.StatusCode != http.StatusOK {
			return 0, fmt.Errorf("GET / = %d", res.StatusCode)
		}
		return time.Since(start), nil
	}
	if _, err := home(); err != nil { // warm up: templates, the pool
		t.Fatal(err)
	}

	// Measure what is in use, not garbage awaiting collection: collect
	// when the heap grows by a tenth, and start without the buffers the
	// 50 MB insert left on its connection.
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	pool.Reset()
	runtime.GC()
	runtime.GC()
	base := heapBytes()
	var peak atomic.Uint64
	stop := make(chan struct{})
	var sampling sync.WaitGroup
	sampling.Go(func() {
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			if h := heapBytes(); h > peak.Load() {
				peak.Store(h)
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	})

	// Every client starts at the same moment, the file not yet on disk:
	// they wait for one fill, then each reads from the copy.
	errs := make(chan error, 2*clients)
	start := make(chan struct{})
	var downloads sync.WaitGroup
	for i := range clients {
		downloads.Go(func() {
			<-start
			res, err := hc.Get(url)
			if err != nil {
				errs <- err
				return
			}
			defer res.Body.Close()
			// One client checks the bytes; hashing a gigabyte would only
			// take the CPU the server needs.
			h := sha256.New()
			dst := io.Writer(h)
			if i > 0 {
				dst = struct{ io.Writer }{io.Discard} // not its ReadFrom: reads of 8 KB
			}
			n, err := io.CopyBuffer(dst, res.Body, make([]byte, 256<<10))
			switch {
			case err != nil:
				errs <- err
			case res.StatusCode != http.StatusOK || n != upload.MaxSize || i == 0 && !bytes.Equal(h.Sum(nil), want[:]):
				errs <- fmt.Errorf("full download %d: %d, %d bytes", i, res.StatusCode, n)
			}
		})
		downloads.Go(func() {
			<-start
			off := i * (upload.MaxSize / clients)
			req, _ := http.NewRequest("GET", url, nil)
			req.Header.Set("Range", fmt.Sprintf("bytes=%d-%d", off, off))
			res, err := hc.Do(req)
			if err != nil {
				errs <- err
				return
			}
			defer res.Body.Close()
			body, err := io.ReadAll(res.Body)
			switch {
			case err != nil:
				errs <- err
			case res.StatusCode != http.StatusPartialContent || len(body) != 1 || body[0] != byteAt(off):
				errs <- fmt.Errorf("range at %d: %d, %q", off, res.StatusCode, body)
			}
		})
	}
	done := make(chan struct{})
	go func() { downloads.Wait(); close(done) }()
	began := time.Now()
	close(start)

	// Meanwhile the home page answers in normal time. The median is
	// asserted: on a busy machine any one request can wait for a CPU.
	var homes []time.Duration
	for waiting := true; waiting; {
		select {
		case <-done:
			waiting = false
		case <-time.After(50 * time.Millisecond):
			took, err := home()
			if err != nil {
				t.Fatal(err)
			}
			homes = append(homes, took)
		}
	}
	took := time.Since(began)
	close(stop)
	sampling.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	added := int64(peak.Load()) - int64(base)
	if len(homes) == 0 {
		t.Fatal("the downloads ended before the home page was asked for")
	}
	slices.Sort(homes)
	median := homes[len(homes)/2]
	t.Logf("%d full downloads and %d ranges of %d MB in %v; heap %d MB at rest, peak +%d MB; GET / ×%d: median %v, slowest %v",
		clients, clients, upload.MaxSize>>20, took.Round(time.Millisecond), base>>20, added>>20,
		len(homes), median.Round(time.Millisecond), homes[len(homes)-1].Round(time.Millisecond))
	if added > heapBound {
		t.Errorf("the downloads took the heap %d MB above where it was, over the bound of %d MB", added>>20, heapBound>>20)
	}
	if median > homeBound {
		t.Errorf("GET / took %v (median) during the downloads, over %v", median, homeBound)
	}

	// Clients that stop reading hold no pooled connection: each is sent
	// from a local file.
	var stalled []*http.Response
	for range clients {
		res, err := hc.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := res.Body.Read(make([]byte, 1)); err != nil {
			t.Fatal(err)
		}
		stalled = append(stalled, res)
	}
	if took, err := home(); err != nil || took > homeBound {
		t.Errorf("GET / beside %d stalled downloads: %v, %v", clients, took, err)
	}
	if n := pool.Stat().AcquiredConns(); n != 0 {
		t.Errorf("%d stalled downloads hold %d pooled connections", clients, n)
	}
	for _, res := range stalled {
		res.Body.Close()
	}
}

// publishTestFile stores data as a file that a published resource of the
// seeded site links (so it is public) and returns its id.
func publishTestFile(t *testing.T, app *App, pool *pgxpool.Pool, name string, data []byte) int64 {
	t.Helper()
	ctx := context.Background()
	id, err := app.store.CreateFile(ctx, name, "application/pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `
		INSERT INTO resource_files (resource_id, file_id, lang, position)
		SELECT id, $1, 'en', 99 FROM resources WHERE slug = 'call-to-action'`, id); err != nil {
		t.Fatal(err)
	}
	return id
}
