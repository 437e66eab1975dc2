package app

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/sswalliance/advocacy/static"
)

// BenchmarkHome measures the home page through the whole middleware stack
// and a real Postgres query: `make bench`.
func BenchmarkHome(b *testing.B) {
	h := seededHandler(b)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
			if rec.Code != http.StatusOK {
				b.Fatalf("status %d", rec.Code)
			}
		}
	})
}

// BenchmarkHomeGzip is the same page as a browser asks for it, compressed.
func BenchmarkHomeGzip(b *testing.B) {
	h := seededHandler(b)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			rec := httptest.NewRecorder()
			req := httptest.NewRequest("GET", "/", nil)
			req.Header.Set("Accept-Encoding", "gzip, br")
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				b.Fatalf("status %d", rec.Code)
			}
		}
	})
}

// BenchmarkStaticNotModified measures a hashed stylesheet answered with 304.
func BenchmarkStaticNotModified(b *testing.B) {
	h := seededHandler(b)
	url := static.Path("css/site.css")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", url, nil))
	etag := rec.Header().Get("ETag")
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", url, nil)
		req.Header.Set("If-None-Match", etag)
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusNotModified {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
