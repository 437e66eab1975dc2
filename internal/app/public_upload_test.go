package app

import (
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sswalliance/advocacy/internal/logo"
	"github.com/sswalliance/advocacy/internal/web"
)

// heldBack reads its byte only once released: a client slow to finish.
type heldBack struct {
	release <-chan struct{}
	b       byte
	done    bool
}

func (h *heldBack) Read(p []byte) (int, error) {
	if h.done {
		return 0, io.EOF
	}
	<-h.release
	h.done = true
	p[0] = h.b
	return 1, nil
}

// slowSignPost is a sign form post streamed (file parts of zeros, so
// they cost the sender no memory and the test's heap is the server's) from fields and two file parts
// of size bytes each, "logo" and "logo2", that holds back its last byte
// until release is closed.
func slowSignPost(t *testing.T, target string, fields url.Values, size int64, release <-chan struct{}) *http.Request {
	t.Helper()
	var head, mid, tail strings.Builder
	mw := multipart.NewWriter(&head)
	for _, k := range []string{"started", "name", "website", "country", "type", "contact_name", "contact_email", "role", "statement"} {
		mw.WriteField(k, fields.Get(k))
	}
	mw.CreateFormFile("logo", "logo.png")
	w2 := multipart.NewWriter(&mid)
	w2.SetBoundary(mw.Boundary())
	w2.CreateFormFile("logo2", "logo2.png")
	w3 := multipart.NewWriter(&tail)
	w3.SetBoundary(mw.Boundary())
	w3.WriteField("consent", "yes")
	w3.WriteField("homepage", "")
	w3.Close()
	// Each writer after the first writes its boundary line from the start
	// of its text: a part's data needs the CRLF before it.
	midS, tailS := "\r\n"+mid.String(), "\r\n"+tail.String()
	last := tailS[len(tailS)-1]
	body := io.MultiReader(strings.NewReader(head.String()), io.LimitReader(zeros{}, size),
		strings.NewReader(midS), io.LimitReader(zeros{}, size),
		strings.NewReader(tailS[:len(tailS)-1]), &heldBack{release: release, b: last})
	req, err := http.NewRequest(http.MethodPost, target, body)
	if err != nil {
		t.Fatal(err)
	}
	req.ContentLength = int64(head.Len()+len(midS)+len(tailS)) + 2*size
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return req
}

// TestSlowUploadBurstKeepsMemoryBounded: 30 anonymous sign form posts at
// once, each with two 5 MB file parts ("logo" and "logo2"), all holding
// back their last byte, half without a form stamp. Every one is answered
// 400, 429 or 503, and the heap stays within what the upload slots may
// hold. Before, each post read both parts into memory before any check,
// and all of them waited together: 30 × 10 MB and more.
func TestSlowUploadBurstKeepsMemoryBounded(t *testing.T) {
	s := newSignSite(t)
	stamp := s.stamp(t)
	// The real server, so bodies arrive as slowly as they are sent; each
	// post from its own address, so no rate limit hides the uploads.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.RemoteAddr = r.Header.Get("X-Test-Addr") + ":40000"
		s.h.ServeHTTP(w, r)
	}))
	defer srv.Close()
	const n = 30
	hc := &http.Client{Timeout: time.Minute, Transport: &http.Transport{MaxIdleConnsPerHost: n}}
	defer hc.CloseIdleConnections()

	defer debug.SetGCPercent(debug.SetGCPercent(100))
	peaks := sampleHeap()

	release := make(chan struct{})
	statuses := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		fields := signFields(stamp)
		fields.Set("contact_email", fmt.Sprintf("burst%d@example.org", i))
		if i%2 == 1 {
			fields.Del("started")
		}
		req := slowSignPost(t, srv.URL+"/call-to-action/sign", fields, logo.MaxBytes, release)
		req.Header.Set("X-Test-Addr", fmt.Sprintf("198.18.%d.%d", 100+i/250, i%250+1))
		req.Header.Set("Origin", srv.URL)
		wg.Go(func() {
			res, err := hc.Do(req)
			if err != nil {
				t.Errorf("post %d: %v", i, err)
				return
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			statuses[i] = res.StatusCode
			if res.StatusCode == http.StatusServiceUnavailable && res.Header.Get("Retry-After") == "" {
				t.Errorf("post %d: 503 without Retry-After", i)
			}
		})
	}
	// Long enough for every post to send all but its last byte.
	time.Sleep(3 * time.Second)
	close(release)
	wg.Wait()
	peaks.Stop()
	baseline, peakHeap, peakLive := peaks.Baseline, peaks.Heap, peaks.Live

	counts := map[int]int{}
	for _, st := range statuses {
		counts[st]++
	}
	for st := range counts {
		if st != http.StatusBadRequest && st != http.StatusTooManyRequests && st != http.StatusServiceUnavailable {
			t.Errorf("answers %v: want only 400, 429 and 503", counts)
			break
		}
	}
	// Every upload slot holding a whole logo, and what 30 requests and
	// their pages hold besides.
	liveBound := baseline + uint64(web.UploadsInFlight)*(logo.MaxBytes+1) + 32<<20
	heapBound := 2 * liveBound
	if heapBound >= n*2*logo.MaxBytes {
		t.Fatalf("bound %d MiB could not tell the limit from none (%d MiB)", heapBound>>20, n*2*logo.MaxBytes>>20)
	}
	t.Logf("%d slow uploads: %v; %d slots; heap %d MiB before; peak live %d MiB (bound %d), peak heap %d MiB (bound %d)",
		n, counts, web.UploadsInFlight, baseline>>20, peakLive>>20, liveBound>>20, peakHeap>>20, heapBound>>20)
	if peakLive > liveBound || peakHeap > heapBound {
		t.Errorf("peak live heap %d MiB, peak heap %d MiB: over the bounds of %d and %d MiB",
			peakLive>>20, peakHeap>>20, liveBound>>20, heapBound>>20)
	}
}

// TestSignWithEveryUploadSlotTakenAnswers503WithTheFormKept: when as many
// uploads as the site reads at once are in flight, another is answered at
// once, 503 with a Retry-After, the form shown again with what was typed
// and a message beside the logo; nothing is stored.
func TestSignWithEveryUploadSlotTakenAnswers503WithTheFormKept(t *testing.T) {
	s := newSignSite(t)
	for range cap(s.app.forms.Uploads()) {
		s.app.forms.Uploads() <- struct{}{}
	}
	before := s.storedLogos(t)
	fields := signFields(s.stamp(t))
	start := time.Now()
	res := s.post(t, "/call-to-action/sign", "198.18.7.1", fields, "logo.png", testPNG(t, 200, 100))
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("took %v: a full site must answer at once", took)
	}
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" {
		t.Fatalf("%s, Retry-After %q: want 503 with one", res.Status, res.Header.Get("Retry-After"))
	}
	doc := parse(t, res)
	if msg := doc.Find(`#sign-logo-error`).Text(); !strings.Contains(msg, "choose the file again") {
		t.Errorf("message beside the logo %q", msg)
	}
	if lost := signFormKept(doc, fields, "logo_ref"); len(lost) > 0 {
		t.Errorf("lost %v", lost)
	}
	if n := s.storedLogos(t) - before; n != 0 || s.count(t, "true") != 0 {
		t.Errorf("stored %d logo rows, %d submissions", n, s.count(t, "true"))
	}
	for range cap(s.app.forms.Uploads()) {
		<-s.app.forms.Uploads()
	}
	// With a slot free again, the same form goes through.
	if res := s.post(t, "/call-to-action/sign", "198.18.7.1", fields, "logo.png", testPNG(t, 200, 100)); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("with a slot free: %s", res.Status)
	}
}
