package app

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/sswalliance/advocacy/internal/dbtest"
	"github.com/sswalliance/advocacy/internal/web"
)

// lockedBuffer is a log destination tests can read while the app writes.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// secretPaths are addresses whose last part is a secret, spelled as the
// router accepts them and as a mangled link might arrive.
var secretPaths = []string{
	"/call-to-action/confirm/SECRET",
	"/call-to-action/sign/change/SECRET",
	"/call-to-action/withdraw/5/SECRET",
	"/call-to-action/withdraw/+5/SECRET", // strconv.ParseInt reads +5 as 5: the link works
	"/call-to-action/withdraw/-5/SECRET",
	"/call-to-action/withdraw/05/SECRET",
	"/call-to-action/withdraw//SECRET",
	"/call-to-action//withdraw/5/SECRET",
	"/call-to-action/supporter/5/SECRET",
	"/es/call-to-action/supporter/+5/SECRET",
	"/Call-To-Action/Confirm/SECRET",
	"/call-to-action/confirm/SECRET/more",
	"/sswweek/subscribe/confirm/SECRET",
	"/sswweek/subscription/+7/SECRET",
	"/sswweek/unsubscribe/+7/SECRET",
	"/es/call-to-action/withdraw/+5/SECRET",
	"/es/sswweek/unsubscribe/7/SECRET",
}

func TestLogPathHidesEverySpellingOfALinkSecret(t *testing.T) {
	for _, p := range secretPaths {
		got := web.LogPath(p)
		if strings.Contains(got, "SECRET") || !strings.HasSuffix(got, "/[secret]") {
			t.Errorf("web.LogPath(%q) = %q", p, got)
		}
	}
	for _, p := range []string{
		"/call-to-action/sign", "/call-to-action/sign/check-email", "/call-to-action/signatories",
		"/sswweek/subscribe", "/sswweek/subscribe/check-email", "/sswweek/2018",
		"/call-to-action/confirm/", "/resources/annual-report",
	} {
		if got := web.LogPath(p); got != p {
			t.Errorf("web.LogPath(%q) = %q, want it unchanged", p, got)
		}
	}
}

// TestNoLogLineCarriesALinkSecret sends every secret-bearing address
// through the real router as a visitor, as another site (refused as
// cross-origin) and with a method it does not take, and reads the log.
func TestNoLogLineCarriesALinkSecret(t *testing.T) {
	var log lockedBuffer
	app := mustNew(t, testConfig(t, nil), slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelDebug})), dbtest.New(t))
	h := app.Handler()
	for _, p := range secretPaths {
		for _, tc := range []struct {
			method string
			header map[string]string
			want   int
		}{
			{"POST", map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}, http.StatusForbidden},
			{"GET", nil, 0},
			{"PUT", nil, 0},
		} {
			req := httptest.NewRequest(tc.method, p, strings.NewReader("a=b"))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			for k, v := range tc.header {
				req.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			// One-click unsubscribe is exempt from the cross-origin check.
			if tc.want != 0 && rec.Code != tc.want && !strings.Contains(p, "unsubscribe") {
				t.Errorf("%s %s = %d, want %d", tc.method, p, rec.Code, tc.want)
			}
		}
	}
	out := log.String()
	if !strings.Contains(out, "cross-origin request refused") {
		t.Fatalf("no refusal was logged:\n%s", out)
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "SECRET") {
			t.Errorf("secret in the log: %s", line)
		}
	}
}
