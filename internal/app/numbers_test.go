package app

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// badNumbers are what a visitor can type where the site reads a number.
var badNumbers = []string{
	"9223372036854775807", "9223372036854775808", "99999999999999999999", "2147483648",
	"-1", "-9223372036854775808", "0", "abc", "1e3", "+5", "05", "0x10", " 5",
}

// TestEveryNumberInAURLIsBounded reads every number the site reads from a
// URL, public and staff, with huge, negative, zero and non-numeric values:
// each is refused (400, or 404 for an address) or ignored, never a 500.
func TestEveryNumberInAURLIsBounded(t *testing.T) {
	app, pool := seededApp(t)
	srv := httptest.NewServer(app.Handler())
	defer srv.Close()
	staff := signIn(t, srv.URL, "admin@example.org", addStaff(t, pool, "admin@example.org", "admin"))

	for _, tc := range []struct {
		path   string // X is replaced by the number
		signIn bool
		want   int // 0: anything but a 5xx
	}{
		{"/resources?page=X", false, http.StatusBadRequest},
		{"/es/resources?page=X", false, http.StatusBadRequest},
		{"/resources?q=logbook&page=X", false, http.StatusBadRequest},
		{"/resources?year=X", false, http.StatusBadRequest},
		{"/blog?page=X", false, http.StatusBadRequest},
		{"/events?year=X", false, http.StatusBadRequest},
		{"/sswweek/X", false, http.StatusNotFound},
		{"/sswweek/X.ics", false, http.StatusNotFound},
		{"/sswweek/X/event-1.ics", false, http.StatusNotFound},
		{"/sswweek/2018/event-X.ics", false, http.StatusNotFound},
		{"/es/sswweek/2018/event-X.ics", false, http.StatusNotFound},
		{"/events/world-social-work-day-X-03-17.ics", false, http.StatusNotFound},
		{"/files/X/report.pdf", false, 0}, // a file's id with a leading 0 may be redirected
		{"/call-to-action/withdraw/X/sig", false, http.StatusNotFound},
		{"/sswweek/subscription/X/sig", false, http.StatusNotFound},
		{"/sswweek/unsubscribe/X/sig", false, http.StatusNotFound},
		{"/admin/mailings/X", true, http.StatusNotFound},
		{"/admin/outbox/X", true, http.StatusNotFound},
		{"/admin/outbox?before=X", true, http.StatusOK},
		{"/admin/signatories/X", true, http.StatusNotFound},
		{"/admin/signatories/X/original", true, http.StatusNotFound},
		{"/admin/subscribers/X", true, http.StatusNotFound},
		{"/admin/subscribers?before=X", true, http.StatusOK},
		{"/admin/users/X", true, http.StatusNotFound},
		{"/admin/audit?before=X", true, http.StatusOK},
		{"/admin/content/page/call-to-action/history?from=X&to=X", true, http.StatusOK},
		{"POST /admin/content/page/call-to-action/restore?rev=1&version=X", true, 0},
		{"POST /admin/content/page/call-to-action/restore?rev=X&version=1", true, 0},
	} {
		for _, n := range badNumbers {
			method, p, _ := strings.Cut(tc.path, " ")
			if p == "" {
				method, p = "GET", tc.path
			}
			p = strings.ReplaceAll(p, "X", url.QueryEscape(n))
			if !strings.Contains(p, "?") || strings.Index(p, "X") < strings.Index(p, "?") {
				p = strings.ReplaceAll(p, "+", "%2B") // a path segment: + is itself
			}
			c := client(t, srv.URL)
			if tc.signIn {
				c = staff
			}
			req, _ := http.NewRequest(method, srv.URL+p, nil)
			res, err := c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			switch {
			case res.StatusCode >= 500:
				t.Errorf("%s %s = %d", method, p, res.StatusCode)
			case tc.want != 0 && res.StatusCode != tc.want:
				t.Errorf("%s %s = %d, want %d", method, p, res.StatusCode, tc.want)
			}
		}
	}
}
