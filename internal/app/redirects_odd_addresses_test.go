package app

import (
	"net/http"
	"strings"
	"testing"
)

// A redirect's new address is sent to browsers as http.Redirect sends it,
// dot segments resolved and slashes collapsed: the loop check has to see
// the address the same way, or /a -> /./a loops for ever; and an address
// that only differs from a good one by the case of its scheme is a good
// one, not a failed request.
func TestRedirectTargetsAreCheckedAndKeptAsBrowsersFollowThem(t *testing.T) {
	s := newStaffSite(t)
	for _, c := range []struct{ from, to, want string }{
		{"/partners", "HTTPS://example.org/partners", "https://example.org/partners"},
		{"/old-toolkit", "/resources/../toolkit", "/toolkit"},
		{"/old-library", "/%2F%2Fevil.example/", "/evil.example/"}, // never a protocol-relative //host
		{"/old-week", "/.//sswweek", "/sswweek"},
	} {
		res := s.addRedirect(t, c.from, c.to, "301")
		if res.StatusCode != http.StatusSeeOther {
			t.Errorf("from %s to %s: %s, want 303: %s", c.from, c.to, res.Status, parse(t, res).Find(".error-message").Text())
			continue
		}
		s.wantRedirect(t, c.from, http.StatusMovedPermanently, c.want)
	}
	if res := s.addRedirect(t, "/l6", "/l7", "301"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add /l6: %s", res.Status)
	}
	for _, c := range []struct{ from, to, field string }{
		{"/loop1", "/./loop1", "to"},
		{"/loop2", "/x/../loop2", "to"},
		{"/loop3", "/loop3/.", "to"},
		{"/loop4", "/%2e/loop4", "to"},
		{"/l7", "/a/../l6", "to"},          // /l7 -> /l6 -> /l7
		{"/toolkit/.", "/blog", "from"},    // the toolkit's own page
		{"/blog/../toolkit", "/x", "from"}, // likewise
	} {
		before := s.count(t, "redirects")
		res := s.addRedirect(t, c.from, c.to, "301")
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("from %s to %s: %s, want 422", c.from, c.to, res.Status)
			continue
		}
		if msg := strings.TrimSpace(parse(t, res).Find("[data-testid=" + c.field + "-error]").Text()); msg == "" {
			t.Errorf("from %s to %s: no message beside %s", c.from, c.to, c.field)
		}
		if n := s.count(t, "redirects"); n != before {
			t.Errorf("from %s to %s: saved", c.from, c.to)
		}
	}
}
