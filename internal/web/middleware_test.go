package web

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/sswalliance/advocacy/internal/config"
)

// TestClientIPBehindTrustedProxies: limits count the visitor, not the
// proxy in front of the site, and believe only what trusted proxies wrote.
func TestClientIPBehindTrustedProxies(t *testing.T) {
	cfg, err := config.Load(func(k string) string { return map[string]string{"TRUSTED_PROXIES": "10.0.0.0/8"}[k] })
	if err != nil {
		t.Fatal(err)
	}
	site := &Site{cfg: cfg}
	var got string
	h := site.RealClientIP(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = ClientIP(r) }))
	for _, tc := range []struct{ peer, xff, want string }{
		{"203.0.113.5:1234", "", "203.0.113.5"},
		{"203.0.113.5:1234", "198.51.100.1", "203.0.113.5"}, // not a trusted proxy: its header proves nothing
		{"10.0.0.2:1234", "198.51.100.1", "198.51.100.1"},
		{"10.0.0.2:1234", "6.6.6.6, 198.51.100.1, 10.0.0.9", "198.51.100.1"}, // the left part was written by the visitor
		{"10.0.0.2:1234", "", "10.0.0.2"},
		{"[::ffff:10.0.0.2]:1234", "2001:db8::1", "2001:db8::1"},
	} {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.RemoteAddr = tc.peer
		if tc.xff != "" {
			r.Header.Set("X-Forwarded-For", tc.xff)
		}
		h.ServeHTTP(httptest.NewRecorder(), r)
		if got != tc.want {
			t.Errorf("peer %s, X-Forwarded-For %q: counted as %s, want %s", tc.peer, tc.xff, got, tc.want)
		}
	}
}
