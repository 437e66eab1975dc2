package app

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/chromedp"

	"github.com/sswalliance/advocacy/internal/store"
)

// addApprovedSignatories inserts n approved signatories in one statement:
// "Organisation 00001" to "Organisation n", so A to Z is their number;
// the lower the number the later approved; every even one with a logo;
// countries KE, ZM, PE, DE and types ngo, government, academic, network
// in turn (Organisation 00004 is a Kenyan NGO). pad adds that many times
// 32 characters of hex to every name, for downloads large enough that no
// buffer between Postgres and the visitor can hold them. Postgres then
// vacuums and analyses the table, as autovacuum would after such a change.
func addApprovedSignatories(t *testing.T, s signSite, n, pad int) {
	t.Helper()
	ctx := context.Background()
	logo := testPNG(t, 4, 2)
	sum := sha256.Sum256(logo)
	sha := hex.EncodeToString(sum[:])
	if _, err := s.pool.Exec(ctx, `INSERT INTO logo_images (sha256, png, width, height) VALUES ($1, $2, 400, 200)`, sha, logo); err != nil {
		t.Fatal(err)
	}
	if _, err := s.pool.Exec(ctx, `
		INSERT INTO signatories (name, website, status, country, org_type, name_key, domain, logo_sha, source, decided_at,
			contact_name, contact_email)
		SELECT 'Organisation ' || lpad(i::text, 5, '0')
				|| CASE WHEN $3 > 0 THEN ' ' || repeat(md5(i::text), $3) ELSE '' END,
			'https://org' || i || '.example.org', 'approved',
			(ARRAY['KE', 'ZM', 'PE', 'DE'])[1 + i % 4], (ARRAY['ngo', 'government', 'academic', 'network'])[1 + i % 4],
			'organisation' || lpad(i::text, 5, '0'), 'org' || i || '.example.org',
			CASE WHEN i % 2 = 0 THEN $2 END, 'staff', now() - make_interval(secs => i),
			'Private Person', 'private' || i || '@example.org'
		FROM generate_series(1, $1::int) i`, n, sha, pad); err != nil {
		t.Fatal(err)
	}
	if _, err := s.pool.Exec(ctx, `VACUUM ANALYZE signatories`); err != nil {
		t.Fatal(err)
	}
}

// organisations are the names "Organisation 00001"... for the numbers given.
func organisations(numbers ...int) []string {
	out := make([]string, len(numbers))
	for i, n := range numbers {
		out[i] = fmt.Sprintf("Organisation %05d", n)
	}
	return out
}

// numbers returns from, from+step, ... count numbers.
func numbers(from, step, count int) []int {
	out := make([]int, count)
	for i := range out {
		out[i] = from + i*step
	}
	return out
}

// timedGet serves path and says how long the site took.
func timedGet(t *testing.T, s signSite, path string) (*http.Response, []byte, time.Duration) {
	t.Helper()
	start := time.Now()
	res := s.get(t, path)
	took := time.Since(start)
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	res.Body = io.NopCloser(bytes.NewReader(body))
	return res, body, took
}

func TestCallToActionWallStaysSmallWithTenThousandSignatories(t *testing.T) {
	s := newSignSite(t)
	addApprovedSignatories(t, s, 10_000, 0)
	s.addSignatory(t, "Newest Organisation", "https://newest.example.org", "KE", "ngo", true, store.StatusApproved)
	// The wall: the latest approved with a logo, newest first; of the
	// generated ones, the even numbers from 2.
	want := append([]string{"Newest Organisation"}, organisations(numbers(2, 2, 47)...)...)
	for _, path := range []string{"/call-to-action", "/es/call-to-action"} {
		res, body, took := timedGet(t, s, path)
		t.Logf("%s: %d bytes of HTML in %v", path, len(body), took)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %s", path, res.Status)
		}
		if len(body) >= 100<<10 {
			t.Errorf("%s: %d bytes of HTML, want under 100 KB", path, len(body))
		}
		doc := parse(t, res)
		var names []string
		doc.Find(`[data-testid=logo-tile]`).Each(func(_ int, tile *goquery.Selection) {
			names = append(names, strings.TrimSpace(tile.Find(`[data-testid=logo-name]`).Text()))
			if tile.Find("img").Length() != 1 {
				t.Errorf("%s: a tile without a logo while thousands have one", path)
			}
		})
		if !slices.Equal(names, want) {
			t.Errorf("%s: wall %q,\nwant %q", path, names, want)
		}
		if got := doc.Find(`[data-testid=signatory-count] strong`).Text(); got != "10001" {
			t.Errorf("%s: count %q, want the true count 10001", path, got)
		}
		if note := doc.Find(`[data-testid=wall-note]`).Text(); !strings.Contains(note, "48") || !strings.Contains(note, "10001") {
			t.Errorf("%s: the wall does not say it shows 48 of 10001: %q", path, note)
		}
		prefix := strings.TrimSuffix(path, "/call-to-action")
		if got := doc.Find(`a[data-testid=all-signatories]`).AttrOr("href", ""); got != prefix+"/call-to-action/signatories" {
			t.Errorf("%s: link to the full list %q", path, got)
		}
	}
}

// TestCallToActionWallTakesSignatoriesWithoutALogoWhenTooFewHaveOne: the
// wall prefers logos but is never emptier than it needs to be.
func TestCallToActionWallTakesSignatoriesWithoutALogoWhenTooFewHaveOne(t *testing.T) {
	s := newSignSite(t)
	for i := range 50 {
		s.addSignatory(t, fmt.Sprintf("Plain %02d", i), "", "KE", "ngo", false, store.StatusApproved)
	}
	s.addSignatory(t, "With a Logo", "", "KE", "ngo", true, store.StatusApproved)
	doc := parse(t, s.get(t, "/call-to-action"))
	tiles := doc.Find(`[data-testid=logo-name]`)
	if tiles.Length() != 48 || strings.TrimSpace(tiles.First().Text()) != "With a Logo" || strings.TrimSpace(tiles.Eq(1).Text()) != "Plain 49" {
		t.Errorf("wall of %d, starting %q, %q", tiles.Length(), tiles.First().Text(), tiles.Eq(1).Text())
	}
	if doc.Find(`[data-testid=signatory-count] strong`).Text() != "51" {
		t.Errorf("count %q", doc.Find(`[data-testid=signatory-count] strong`).Text())
	}
}

// listed returns the names a page of the list shows.
func listed(doc *goquery.Document) []string {
	var out []string
	doc.Find(`[data-testid=signatory-name]`).Each(func(_ int, n *goquery.Selection) { out = append(out, strings.TrimSpace(n.Text())) })
	return out
}

// pagerHrefs returns the page links of a page's pager, in order ("" for a gap).
func pagerHrefs(doc *goquery.Document) []string {
	var out []string
	doc.Find(`[data-testid=pager] li`).Each(func(_ int, li *goquery.Selection) {
		switch {
		case li.Find(`[rel]`).Length() > 0:
		case li.HasClass("pagination-gap"):
			out = append(out, "")
		case li.Find(`[aria-current=page]`).Length() > 0:
			out = append(out, "current:"+li.Text())
		default:
			out = append(out, li.Find("a").AttrOr("href", "?"))
		}
	})
	return out
}

func TestSignatoriesListPagesTenThousandSignatories(t *testing.T) {
	s := newSignSite(t)
	addApprovedSignatories(t, s, 10_000, 0)
	const list = "/call-to-action/signatories"
	var took []time.Duration

	res, body, d := timedGet(t, s, list)
	took = append(took, d)
	doc := parse(t, res)
	if res.StatusCode != http.StatusOK || len(body) >= 100<<10 {
		t.Errorf("first page: %s, %d bytes", res.Status, len(body))
	}
	if got := listed(doc); !slices.Equal(got, organisations(numbers(1, 1, 100)...)) {
		t.Errorf("first page lists %d: %q...", len(got), got[:min(3, len(got))])
	}
	if got := doc.Find(`[data-testid=result-count]`).Text(); got != "10000 organisations have signed" {
		t.Errorf("count %q", got)
	}
	if got := doc.Find(`[data-testid=showing]`).Text(); got != "Showing 1 to 100 of 10000" {
		t.Errorf("showing %q", got)
	}
	pager := doc.Find(`nav[data-testid=pager]`)
	if pager.AttrOr("aria-label", "") != "Pages of the list of signatories" || pager.Find(`[data-testid=page-of]`).Text() != "Page 1 of 100" {
		t.Errorf("pager %q %q", pager.AttrOr("aria-label", ""), pager.Find(`[data-testid=page-of]`).Text())
	}
	if got, want := pagerHrefs(doc), []string{"current:Page 1", list + "?page=2", list + "?page=3", "", list + "?page=100"}; !slices.Equal(got, want) {
		t.Errorf("pager links %q, want %q", got, want)
	}
	if pager.Find(`a[rel=prev]`).Length() != 0 || pager.Find(`a[rel=next]`).AttrOr("href", "") != list+"?page=2" {
		t.Error("first page: wrong previous or next link")
	}

	res, _, d = timedGet(t, s, list+"?page=50")
	took = append(took, d)
	doc = parse(t, res)
	if got := listed(doc); res.StatusCode != http.StatusOK || !slices.Equal(got, organisations(numbers(4901, 1, 100)...)) {
		t.Errorf("page 50: %s, %d listed from %q", res.Status, len(got), got[:min(1, len(got))])
	}
	if got, want := pagerHrefs(doc), []string{list, "", list + "?page=48", list + "?page=49", "current:Page 50", list + "?page=51", list + "?page=52", "", list + "?page=100"}; !slices.Equal(got, want) {
		t.Errorf("page 50 pager %q, want %q", got, want)
	}
	if doc.Find(`a[rel=prev]`).AttrOr("href", "") != list+"?page=49" || doc.Find(`a[rel=next]`).AttrOr("href", "") != list+"?page=51" {
		t.Error("page 50: wrong previous or next link")
	}
	if title := doc.Find("title").Text(); !strings.Contains(title, "page 50 of 100") {
		t.Errorf("page 50 title %q", title)
	}
	if got := doc.Find(`link[rel=canonical]`).AttrOr("href", ""); !strings.HasSuffix(got, list+"?page=50") {
		t.Errorf("page 50 canonical %q", got)
	}
	if got := doc.Find(`[data-testid=showing]`).Text(); got != "Showing 4901 to 5000 of 10000" {
		t.Errorf("showing %q", got)
	}

	res, _, d = timedGet(t, s, list+"?page=100")
	took = append(took, d)
	doc = parse(t, res)
	if got := listed(doc); res.StatusCode != http.StatusOK || len(got) != 100 || got[99] != "Organisation 10000" {
		t.Errorf("last page: %s, %d listed", res.Status, len(got))
	}
	if doc.Find(`a[rel=next]`).Length() != 0 || doc.Find(`a[rel=prev]`).AttrOr("href", "") != list+"?page=99" {
		t.Error("last page: wrong previous or next link")
	}

	// Filters carry over into the pager (in the page's language), and
	// only those that applied.
	res, _, d = timedGet(t, s, "/es"+list+"?country=KE&page=2")
	took = append(took, d)
	doc = parse(t, res)
	if got := listed(doc); res.StatusCode != http.StatusOK || !slices.Equal(got, organisations(numbers(404, 4, 100)...)) {
		t.Errorf("Kenya, page 2: %s, %d listed from %q", res.Status, len(got), got[:min(1, len(got))])
	}
	if got := doc.Find(`a[rel=next]`).AttrOr("href", ""); got != "/es"+list+"?country=KE&page=3" {
		t.Errorf("Kenya, page 2: next %q", got)
	}
	if got := doc.Find(`a[rel=prev]`).AttrOr("href", ""); got != "/es"+list+"?country=KE" {
		t.Errorf("Kenya, page 2: previous %q", got)
	}
	if got := doc.Find(`[data-testid=page-of]`).Text(); got != "Página 2 de 25" {
		t.Errorf("Kenya, page 2: %q", got)
	}
	res, _, d = timedGet(t, s, list+"?type=cult&q=organisation")
	took = append(took, d)
	doc = parse(t, res)
	if got := doc.Find(`a[rel=next]`).AttrOr("href", ""); res.StatusCode != http.StatusBadRequest || got != list+"?page=2&q=organisation" {
		t.Errorf("a rejected type: %s, next %q", res.Status, got)
	}
	res, _, d = timedGet(t, s, list+"?q=organisation+0004")
	took = append(took, d)
	doc = parse(t, res)
	if got := listed(doc); !slices.Equal(got, organisations(numbers(40, 1, 10)...)) || doc.Find(`[data-testid=pager]`).Length() != 0 {
		t.Errorf("a search: %q, pager %d", got, doc.Find(`[data-testid=pager]`).Length())
	}

	// Pages that are not there: past the last one is a 404, anything
	// that is not a page number a 400; both show the first page, say
	// why, and are not for search engines.
	for _, tt := range []struct {
		page   string
		status int
	}{
		{"101", http.StatusNotFound},
		{"1000000", http.StatusNotFound},
		{"abc", http.StatusBadRequest},
		{"0", http.StatusBadRequest},
		{"-1", http.StatusBadRequest},
		{"01", http.StatusBadRequest},
		{"1.5", http.StatusBadRequest},
		{"%2B1", http.StatusBadRequest},
		{"1e3", http.StatusBadRequest},
		{"1000001", http.StatusBadRequest},
		{"99999999999999999999", http.StatusBadRequest},
		{"99999999999999999999999999999999999999999999999999", http.StatusBadRequest},
	} {
		res, _, d := timedGet(t, s, list+"?page="+tt.page)
		took = append(took, d)
		doc := parse(t, res)
		if res.StatusCode != tt.status {
			t.Errorf("page=%s: %s, want %d", tt.page, res.Status, tt.status)
		}
		if got := listed(doc); len(got) != 100 || got[0] != "Organisation 00001" {
			t.Errorf("page=%s: not the first page (%d listed)", tt.page, len(got))
		}
		if doc.Find(`[data-testid=page-problem]`).Text() == "" || doc.Find(`meta[name=robots]`).AttrOr("content", "") != "noindex" {
			t.Errorf("page=%s: no message, or indexable", tt.page)
		}
	}
	res = s.get(t, "/es"+list+"?page=7&country=ZM&type=government") // ZM and government go together: 25 pages
	if doc := parse(t, res); res.StatusCode != http.StatusOK || len(listed(doc)) != 100 {
		t.Errorf("Zambia's government, page 7: %s", res.Status)
	}
	if res := s.get(t, list+"?page=26&country=ZM"); res.StatusCode != http.StatusNotFound {
		t.Errorf("past Zambia's last page: %s", res.Status)
	}

	slices.Sort(took)
	t.Logf("%d uncached pages of the list with 10,000 signatories: median %v, slowest %v", len(took), took[len(took)/2], took[len(took)-1])
}

// openDataRecord is one signatory of the JSON, its fields in their order.
type openDataRecord struct {
	Name        string `json:"name"`
	Website     string `json:"website"`
	Country     string `json:"country"`
	CountryName string `json:"country_name"`
	Type        string `json:"type"`
	ApprovedAt  string `json:"approved_at"`
	LogoURL     string `json:"logo_url"`
}

// wholeJSON is the JSON as it was made before it was streamed: the whole
// document given to json.MarshalIndent, and a newline.
func wholeJSON(t *testing.T, body []byte) []byte {
	t.Helper()
	var doc struct {
		Count       int              `json:"count"`
		Signatories []openDataRecord `json:"signatories"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatalf("JSON: %v", err)
	}
	if doc.Signatories == nil {
		doc.Signatories = []openDataRecord{}
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(out, '\n')
}

// wholeCSV is the CSV as it was made before it was streamed: a byte order
// mark, then every record given to one csv.Writer.
func wholeCSV(t *testing.T, body []byte) []byte {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatalf("CSV: %v", err)
	}
	var b bytes.Buffer
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	w.WriteAll(rows)
	return b.Bytes()
}

// TestSignatoriesOpenDataKeepsItsBytes: streamed row by row, the JSON and
// the CSV are byte for byte what the whole list gave at once, with no
// signatory, a few, and 10,000.
func TestSignatoriesOpenDataKeepsItsBytes(t *testing.T) {
	s := newSignSite(t)
	check := func(stage string, count int) {
		t.Helper()
		body, _ := io.ReadAll(s.get(t, "/call-to-action/signatories.json").Body)
		if want := wholeJSON(t, body); !bytes.Equal(body, want) {
			t.Errorf("%s: JSON differs from the whole list's:\n%s\nwant\n%s", stage, body[:min(len(body), 600)], want[:min(len(want), 600)])
		}
		if !bytes.Contains(body, fmt.Appendf(nil, "{\n  \"count\": %d,\n", count)) {
			t.Errorf("%s: JSON count is not %d", stage, count)
		}
		body, _ = io.ReadAll(s.get(t, "/call-to-action/signatories.csv").Body)
		if want := wholeCSV(t, body); !bytes.Equal(body, want) {
			t.Errorf("%s: CSV differs from the whole list's:\n%q\nwant\n%q", stage, body[:min(len(body), 600)], want[:min(len(want), 600)])
		}
		if n := bytes.Count(body, []byte("\n")); n != count+1 {
			t.Errorf("%s: CSV has %d lines, want %d", stage, n, count+1)
		}
	}
	body, _ := io.ReadAll(s.get(t, "/call-to-action/signatories.json").Body)
	if string(body) != "{\n  \"count\": 0,\n  \"signatories\": []\n}\n" {
		t.Errorf("JSON without signatories: %q", body)
	}
	check("none", 0)
	wallFixture(t, s)
	check("a few", 5)
	addApprovedSignatories(t, s, 10_000, 0)
	check("10,000 more", 10_005)
}

// heapWatcher is a ResponseWriter that throws the body away, counting it,
// and every 256 KiB collects garbage and notes the heap still in use: the
// memory the answer holds while it is being written.
type heapWatcher struct {
	header  http.Header
	status  int
	written int
	next    int
	peak    uint64
}

func (h *heapWatcher) Header() http.Header { return h.header }
func (h *heapWatcher) WriteHeader(status int) {
	if h.status == 0 {
		h.status = status
	}
}

func (h *heapWatcher) Write(p []byte) (int, error) {
	h.WriteHeader(http.StatusOK)
	h.written += len(p)
	if h.written >= h.next {
		h.next = h.written + 256<<10
		h.peak = max(h.peak, liveHeap())
	}
	return len(p), nil
}

// liveHeap is the heap in use after a full collection.
func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestSignatoriesOpenDataStreamsInBoundedMemory: a download of 10,000
// signatories of about 1 KB each holds no more than a small part of its
// body in memory at any time, as JSON and as CSV, compressed or not (CSV
// is never compressed: text/csv is not among the compressible types).
func TestSignatoriesOpenDataStreamsInBoundedMemory(t *testing.T) {
	s := newSignSite(t)
	addApprovedSignatories(t, s, 10_000, 30) // names of 979 characters
	for _, path := range []string{"/call-to-action/signatories.json", "/call-to-action/signatories.csv"} {
		for _, encoding := range []string{"identity", "gzip"} {
			req := httptest.NewRequest(http.MethodGet, path, nil)
			req.Header.Set("Accept-Encoding", encoding)
			w := &heapWatcher{header: http.Header{}}
			base := liveHeap()
			s.h.ServeHTTP(w, req)
			// (Below zero when a collection freed what an earlier
			// download left, such as a pooled compressor.)
			growth := max(0, int64(w.peak)-int64(base))
			t.Logf("%s (%s): %d bytes sent, the heap grew by at most %d bytes", path, encoding, w.written, growth)
			if w.status != http.StatusOK || (encoding == "identity" && w.written < 10_000_000) {
				t.Fatalf("%s (%s): %d with %d bytes", path, encoding, w.status, w.written)
			}
			if growth > 2<<20 {
				t.Errorf("%s (%s): the heap grew by %d bytes while sending the body: not streamed", path, encoding, growth)
			}
		}
	}
}

// TestSignatoriesOpenDataIsCutShortWhenTheDatabaseDies: the first bytes
// of a download reach the visitor while its rows are still being read
// (the query is still running when they arrive), and when the database
// dies under it the transfer is cut: the visitor's client reports an
// error instead of ending a body that could pass for the whole list.
func TestSignatoriesOpenDataIsCutShortWhenTheDatabaseDies(t *testing.T) {
	s := newSignSite(t)
	addApprovedSignatories(t, s, 10_000, 30) // about 11 MB: more than every buffer on the way
	srv := httptest.NewServer(s.h)
	t.Cleanup(srv.Close)
	for _, tt := range []struct{ path, end string }{
		{"/call-to-action/signatories.json", "]\n}\n"},
		{"/call-to-action/signatories.csv", "Organisation 10000"},
	} {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+tt.path, nil)
		req.Header.Set("Accept-Encoding", "identity")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		r := bufio.NewReader(res.Body)
		first, err := r.Peek(1024)
		if err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %s, first bytes: %v", tt.path, res.Status, err)
		}
		// The download holds no connection while its client does not read
		// (it reads the list in batches), so slow clients cannot take the
		// pool.
		for deadline := time.Now().Add(2 * time.Second); ; time.Sleep(20 * time.Millisecond) {
			var running int
			if err := s.pool.QueryRow(context.Background(), `
				SELECT count(*) FROM pg_stat_activity
				WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'
				AND query LIKE '%FROM signatories s LEFT JOIN logo_images li%'`).Scan(&running); err != nil {
				t.Fatal(err)
			}
			if running == 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: the download holds a connection while its client reads nothing", tt.path)
			}
		}
		// The database going away shows in the next batch: here, a table
		// gone.
		if _, err := s.pool.Exec(context.Background(), `ALTER TABLE signatories RENAME TO signatories_away`); err != nil {
			t.Fatal(err)
		}
		rest, err := io.ReadAll(r)
		res.Body.Close()
		t.Logf("%s: %d bytes, then %v", tt.path, len(rest), err)
		if err == nil {
			t.Errorf("%s: the body ended as if complete after the database died", tt.path)
		}
		if strings.Contains(string(rest), tt.end) {
			t.Errorf("%s: the body holds its end (%q)", tt.path, tt.end)
		}
		if _, err := s.pool.Exec(context.Background(), `ALTER TABLE signatories_away RENAME TO signatories`); err != nil {
			t.Fatal(err)
		}
		_ = first
	}
	// The site carries on: the pool replaces the connection.
	if res := s.get(t, "/call-to-action/signatories.json"); res.StatusCode != http.StatusOK {
		t.Errorf("after: %s", res.Status)
	}
}

// TestBoundedSignatoryPagesAreValidAndAccessible: the wall with its note
// and the pages of the list with their pager (gaps on both sides, the
// last page, a page past the end, a page that is not a number, filters in
// Spanish) are valid HTML and pass axe (WCAG 2.2 AA), also at phone
// width, without JavaScript.
func TestBoundedSignatoryPagesAreValidAndAccessible(t *testing.T) {
	s := newSignSite(t)
	addApprovedSignatories(t, s, 1_000, 0)
	const list = "/call-to-action/signatories"
	pages := []struct {
		name, path string
		status     int
	}{
		{"wall", "/call-to-action", 200},
		{"wall-es", "/es/call-to-action", 200},
		{"list", list, 200},
		{"list-middle", list + "?page=5", 200},
		{"list-last", list + "?page=10", 200},
		{"list-past-the-end", list + "?page=11", 404},
		{"list-not-a-page", list + "?page=abc", 400},
		{"list-es-filtered", "/es" + list + "?country=PE&page=2", 200},
	}
	valid := newValidPages(t)
	for _, p := range pages {
		doc := valid.addResponse(p.name, s.get(t, p.path), p.status)
		if key := rawCatalogueKey.FindString(doc.Find("body").Text()); key != "" {
			t.Errorf("%s: shows the interface key %q", p.name, key)
		}
		if doc.Find("script").Length() != 0 {
			t.Errorf("%s: has a script", p.name)
		}
	}
	valid.validate()

	srv := httptest.NewServer(s.h)
	t.Cleanup(srv.Close)
	b := newBrowser(t, srv.URL)
	for _, width := range []int64{1280, 390} {
		b.do(chromedp.EmulateViewport(width, 844))
		for _, p := range pages {
			b.do(chromedp.Navigate(srv.URL+p.path), chromedp.WaitVisible(chromedp.CSS(`h1`)))
			b.checkAxe(fmt.Sprintf("%s at %dpx", p.name, width))
		}
	}
	b.screenshot("list-middle-390")
	// The expected error statuses (400, 404) are logged by the browser.
	b.mu.Lock()
	b.problems = slices.DeleteFunc(b.problems, func(p string) bool {
		return strings.Contains(p, "status of 400") || strings.Contains(p, "status of 404")
	})
	b.mu.Unlock()
	b.checkClean()
}
