package pagecache

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) WriteHeader(int)             {}
func (d *discard) Write(b []byte) (int, error) { return len(b), nil }

// BenchmarkKeptPage is the work of answering from the cache, without the
// HTTP server's own.
func BenchmarkKeptPage(b *testing.B) {
	c := New(64<<20, func(context.Context) (string, error) {
		return "1796191222576.upSn4uhItUQxeQI1iGaZTy04gV8u6D7feKFs1tR5oQ8", nil
	}, time.Now)
	listening(c)
	page := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		m, _ := Marker(r.Context())
		w.Write([]byte(strings.Repeat("<p>Social service workers protect children.</p>\n", 600) + `<input value="` + m + `"></body></html>`))
	}
	h := c.Handler(c.Page()(http.HandlerFunc(page)))
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("Accept-Encoding", "gzip, deflate, br")
	h.ServeHTTP(&discard{h: http.Header{}}, r)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		h.ServeHTTP(&discard{h: http.Header{}}, r)
	}
	if c.hits.Load() == 0 {
		b.Fatal("never served from the cache")
	}
}

// BenchmarkNewBody is the work of keeping a page of 30 KB.
func BenchmarkNewBody(b *testing.B) {
	var page strings.Builder
	for i := range 600 {
		page.WriteString("<p>Result " + strings.Repeat("x", i%13) + " for social service workforce, child and youth care</p>\n")
	}
	p := []byte(page.String() + "MARKER</body>")
	b.SetBytes(int64(len(p)))
	for b.Loop() {
		if _, err := newBody(p, "MARKER"); err != nil {
			b.Fatal(err)
		}
	}
}
