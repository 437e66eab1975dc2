package app

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/sswalliance/advocacy/internal/store"
)

// What an outsider can send to /media/: only a rendition's own address is
// served; anything else is a 404, and revalidating an address that serves
// nothing does not answer 304.
func TestMediaAddressesServeOnlyTheirRendition(t *testing.T) {
	s := newStaffSite(t)
	id := addPicture(t, s.store, 400, 300, store.MediaTexts{Decorative: true})
	m, err := s.store.MediaImage(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	r := m.Thumb()
	hash := r.Hash
	do := func(method, path string, header ...string) (*http.Response, string) {
		t.Helper()
		req, err := http.NewRequest(method, s.srv.URL+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		return res, string(body)
	}
	if res, body := do("GET", r.URL()); res.StatusCode != 200 || len(body) != r.Bytes || res.Header.Get("ETag") != `"`+hash+`"` {
		t.Fatalf("GET %s: %s, %d bytes", r.URL(), res.Status, len(body))
	} else if res.Header.Get("Cross-Origin-Resource-Policy") != "cross-origin" {
		// The feed's readers and link previews show it on their own pages.
		t.Errorf("GET %s: Cross-Origin-Resource-Policy %q", r.URL(), res.Header.Get("Cross-Origin-Resource-Policy"))
	}
	if res, body := do("HEAD", r.URL()); res.StatusCode != 200 || body != "" || res.ContentLength != int64(r.Bytes) {
		t.Errorf("HEAD %s: %s, length %d, body %d bytes", r.URL(), res.Status, res.ContentLength, len(body))
	}
	if res, body := do("GET", r.URL(), "If-None-Match", `"`+hash+`"`); res.StatusCode != 304 || body != "" {
		t.Errorf("revalidating %s: %s", r.URL(), res.Status)
	}
	unknown := strings.Repeat("ab", 32)
	for _, p := range []struct{ path, etag string }{
		{"/media/" + hash + ".png", ""},                      // another format's extension
		{"/media/" + hash + ".jpg", `"` + hash + `"`},        // revalidating it
		{"/media/" + unknown + ".webp", `"` + unknown + `"`}, // no such bytes, revalidated
		{"/media/" + strings.ToUpper(hash) + ".webp", ""},
		{"/media/" + hash + ".WEBP", ""},
		{"/media/" + hash + "0.webp", ""},
		{"/media/" + hash[:63] + ".webp", ""},
		{"/media/" + hash + ".webp.webp", ""},
		{"/media/" + hash + "%2ewebp", ""},
		{"/media/" + hash + "%00.webp", ""},
		{"/media/" + strings.Repeat("a", 5000) + ".webp", ""},
		{"/media/", ""},
		{"/media/..%2f..%2fetc%2fpasswd", ""},
	} {
		res, _ := do("GET", p.path, "If-None-Match", p.etag)
		if res.StatusCode != http.StatusNotFound && res.StatusCode != http.StatusBadRequest &&
			!(p.path == "/media/"+hash+"%2ewebp" && res.StatusCode == 200) {
			t.Errorf("GET %.90s (If-None-Match %q): %s, want 404 (or 400)", p.path, p.etag, res.Status)
		}
	}
}
