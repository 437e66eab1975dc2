package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strconv"
	"testing"

	"github.com/sswalliance/advocacy/internal/i18n"
)

func TestFiles(t *testing.T) {
	app, _ := seededApp(t)
	h := app.Handler()
	ctx := context.Background()
	r, err := app.store.Resource(ctx, "call-to-action", i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	f := r.Files[0]
	url := f.URL()
	downloads := func() int64 {
		t.Helper()
		n, err := app.store.Downloads(ctx, f.FileID)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}

	// A full download.
	res := get(t, h, "GET", url, nil)
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %d", url, res.StatusCode)
	}
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:]) + `"`
	for k, want := range map[string]string{
		"Content-Type":           "application/pdf",
		"Content-Length":         strconv.FormatInt(f.Size, 10),
		"ETag":                   etag,
		"Cache-Control":          "public, max-age=86400",
		"Content-Disposition":    `attachment; filename="call-to-action-en.pdf"; filename*=UTF-8''call-to-action-en.pdf`,
		"X-Content-Type-Options": "nosniff",
		"Accept-Ranges":          "bytes",
	} {
		if got := res.Header.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if string(body[:5]) != "%PDF-" || int64(len(body)) != f.Size {
		t.Errorf("body: %d bytes starting %q", len(body), body[:5])
	}
	if res.Header.Get("Set-Cookie") != "" {
		t.Error("a download sets a cookie")
	}
	if n := downloads(); n != 1 {
		t.Errorf("after a GET: %d downloads, want 1", n)
	}

	// HEAD: the headers, no body, not counted.
	res = get(t, h, "HEAD", url, nil)
	body, _ = io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK || len(body) != 0 || res.Header.Get("Content-Length") != strconv.FormatInt(f.Size, 10) ||
		res.Header.Get("ETag") != etag || res.Header.Get("Content-Type") != "application/pdf" {
		t.Errorf("HEAD: %d, %d bytes, headers %v", res.StatusCode, len(body), res.Header)
	}

	// Revalidation: 304 with no body, not counted, also for a weak tag in a list.
	for _, inm := range []string{etag, `"other", W/` + etag} {
		res = get(t, h, "GET", url, map[string]string{"If-None-Match": inm})
		body, _ = io.ReadAll(res.Body)
		if res.StatusCode != http.StatusNotModified || len(body) != 0 || res.Header.Get("ETag") != etag {
			t.Errorf("If-None-Match %s: %d with %d bytes", inm, res.StatusCode, len(body))
		}
	}
	res = get(t, h, "GET", url, map[string]string{"If-None-Match": `"stale"`})
	if res.StatusCode != http.StatusOK {
		t.Errorf("stale If-None-Match: %d", res.StatusCode)
	}
	if n := downloads(); n != 2 {
		t.Errorf("after HEAD, two 304s and a GET: %d downloads, want 2", n)
	}

	// Ranges: the first one counts, the rest of the file does not.
	res = get(t, h, "GET", url, map[string]string{"Range": "bytes=0-4"})
	body, _ = io.ReadAll(res.Body)
	if res.StatusCode != http.StatusPartialContent || string(body) != "%PDF-" ||
		res.Header.Get("Content-Range") != "bytes 0-4/"+strconv.FormatInt(f.Size, 10) {
		t.Errorf("Range 0-4: %d %q %q", res.StatusCode, body, res.Header.Get("Content-Range"))
	}
	res = get(t, h, "GET", url, map[string]string{"Range": "bytes=5-"})
	body, _ = io.ReadAll(res.Body)
	if res.StatusCode != http.StatusPartialContent || int64(len(body)) != f.Size-5 {
		t.Errorf("Range 5-: %d, %d bytes", res.StatusCode, len(body))
	}
	if n := downloads(); n != 3 {
		t.Errorf("after two ranges: %d downloads, want 3", n)
	}

	// A wrong name redirects to the right one; unknown ids are not found.
	res = get(t, h, "GET", "/files/"+strconv.FormatInt(f.FileID, 10)+"/old-name.pdf", nil)
	if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != url {
		t.Errorf("wrong name: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	for _, path := range []string{"/files/999999/x.pdf", "/files/abc/x.pdf", "/files/0/x.pdf", "/files/-1/x.pdf"} {
		res := get(t, h, "GET", path, nil)
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("%s = %d, want 404", path, res.StatusCode)
		}
		if doc := parse(t, res); doc.Find(`[data-testid=error-page]`).Length() != 1 {
			t.Errorf("%s: not the styled 404", path)
		}
	}
	if n := downloads(); n != 3 {
		t.Errorf("after redirects and 404s: %d downloads, want 3", n)
	}
}
