package app

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/form"
	"github.com/sswalliance/advocacy/internal/store"
)

// addRedirect posts the redirect form and returns the answer.
func (s staffSite) addRedirect(t *testing.T, from, to, status string) *http.Response {
	t.Helper()
	return postForm(t, s.admin, s.srv.URL+"/admin/redirects", url.Values{"from": {from}, "to": {to}, "status": {status}})
}

// wantRedirect checks that a visitor asking for path is sent to to with status.
func (s staffSite) wantRedirect(t *testing.T, path string, status int, to string) {
	t.Helper()
	res := s.get(t, client(t, s.srv.URL), path)
	if res.StatusCode != status || res.Header.Get("Location") != to {
		t.Errorf("GET %s: %s to %q, want %d to %q", path, res.Status, res.Header.Get("Location"), status, to)
	}
}

func TestRedirectWithAQueryAnswersOnlyThatQuery(t *testing.T) {
	s := newStaffSite(t)
	if res := s.addRedirect(t, "/advocacy?lang=es", "/es/", "301"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: %s: %s", res.Status, parse(t, res).Find(".error-message").Text())
	}
	s.wantRedirect(t, "/advocacy?lang=es", http.StatusMovedPermanently, "/es/")
	// The same link shared on a network, or sent in a mailing, comes back
	// with the parameters those add: they say nothing of where it goes.
	s.wantRedirect(t, "/advocacy?lang=es&fbclid=IwAR0x", http.StatusMovedPermanently, "/es/")
	s.wantRedirect(t, "/advocacy?utm_source=newsletter&UTM_Medium=email&lang=es&gclid=1", http.StatusMovedPermanently, "/es/")
	if res := s.get(t, client(t, s.srv.URL), "/advocacy?lang=es&page=2"); res.StatusCode != http.StatusNotFound {
		t.Errorf("GET /advocacy?lang=es&page=2: %s, want 404", res.Status)
	}
	if res := s.get(t, client(t, s.srv.URL), "/advocacy"); res.StatusCode != http.StatusNotFound {
		t.Errorf("GET /advocacy (no query): %s, want 404", res.Status)
	}
	if res := s.get(t, client(t, s.srv.URL), "/advocacy?lang=fr"); res.StatusCode != http.StatusNotFound {
		t.Errorf("GET /advocacy?lang=fr: %s, want 404", res.Status)
	}
	events := s.audit(t, store.AuditFilter{})
	if len(events) == 0 || events[0].Action != store.ActionRedirectAdd || events[0].ObjectLabel != "/advocacy?lang=es" {
		t.Errorf("the audit log's latest line is %+v, want the redirect added", events[0])
	}
	doc := parse(t, s.get(t, s.admin, "/admin/redirects"))
	if doc.Find(`[data-testid=redirect-row][data-from="/advocacy?lang=es"]`).Length() != 1 {
		t.Error("the list does not show the redirect")
	}
}

func TestPathOnlyRedirectAnswersAnyQueryAndA302StaysTemporary(t *testing.T) {
	s := newStaffSite(t)
	if res := s.addRedirect(t, "/old-toolkit", "/toolkit", "302"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: %s", res.Status)
	}
	if res := s.addRedirect(t, "/partners", "https://example.org/partners", "301"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: %s", res.Status)
	}
	s.wantRedirect(t, "/old-toolkit", http.StatusFound, "/toolkit")
	s.wantRedirect(t, "/old-toolkit?utm_source=x", http.StatusFound, "/toolkit")
	s.wantRedirect(t, "/partners", http.StatusMovedPermanently, "https://example.org/partners")
	// Deleting it brings the 404 back, and says so in the audit log.
	doc := parse(t, s.get(t, s.admin, "/admin/redirects"))
	del := doc.Find(`[data-testid=redirect-row][data-from="/old-toolkit"] form`).AttrOr("action", "")
	s.post(t, s.admin, del, url.Values{}, "/admin/redirects")
	if res := s.get(t, client(t, s.srv.URL), "/old-toolkit"); res.StatusCode != http.StatusNotFound {
		t.Errorf("GET /old-toolkit after deleting its redirect: %s, want 404", res.Status)
	}
	if events := s.audit(t, store.AuditFilter{}); events[0].Action != store.ActionRedirectDelete {
		t.Errorf("the audit log's latest line is %s, want the redirect deleted", events[0].Action)
	}
}

func TestRedirectLoopsAndBadAddressesAreRefusedBesideTheFieldAndNothingIsSaved(t *testing.T) {
	s := newStaffSite(t)
	for _, r := range [][2]string{{"/a", "/b"}, {"/b", "/c?x=1"}} {
		if res := s.addRedirect(t, r[0], r[1], "301"); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("add %s: %s", r[0], res.Status)
		}
	}
	for _, c := range []struct{ from, to, status, field string }{
		{"/c", "/a", "301", "to"},                  // /c -> /a -> /b -> /c?x=1, which /c matches
		{"/d", "/d", "301", "to"},                  // to itself
		{"/toolkit", "/resources", "301", "from"},  // a page of the site
		{"/about/team", "/toolkit", "301", "from"}, // a published custom page
		{"/es/about/team", "/toolkit", "301", "from"},
		{"/a", "/toolkit", "301", "from"},          // a duplicate
		{"advocacy", "/toolkit", "301", "from"},    // not a path
		{"/e", "http://example.org/", "301", "to"}, // not https
		{"/e", "javascript:alert(1)", "301", "to"}, // not a web address
		{"/e", "//evil.example.org/", "301", "to"}, // another host, without a scheme
		{"/e", "/toolkit", "307", "status"},
		{"/e\x00", "/toolkit", "301", "from"},               // a NUL, as pasted
		{"/e", "/" + strings.Repeat("a", 600), "301", "to"}, // far too long
		{"/f\xff", "/toolkit", "301", "from"},               // not UTF-8
	} {
		before := s.count(t, "redirects")
		res := s.addRedirect(t, c.from, c.to, c.status)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("from %s to %s: %s, want 422", c.from, c.to, res.Status)
			continue
		}
		doc := parse(t, res)
		if msg := strings.TrimSpace(doc.Find("[data-testid=" + c.field + "-error]").Text()); msg == "" {
			t.Errorf("from %s to %s: no message beside %s", c.from, c.to, c.field)
		}
		if got := doc.Find(`input[name=from]`).AttrOr("value", ""); got != c.from && form.Typable(c.from) {
			t.Errorf("from %s to %s: the form lost what was typed (%q)", c.from, c.to, got)
		}
		if n := s.count(t, "redirects"); n != before {
			t.Errorf("from %s to %s: %d redirects, was %d", c.from, c.to, n, before)
		}
	}
	res := s.addRedirect(t, "/c", "/a", "301")
	if msg := parse(t, res).Find("[data-testid=to-error]").Text(); !strings.Contains(msg, "loop") {
		t.Errorf("the loop's message is %q", msg)
	}
}

func TestPublishingANewAddressLeavesA301FromTheOldOneWithoutChains(t *testing.T) {
	s := newStaffSite(t)
	// A blog post's new slug.
	post := "/admin/content/blog-post/advocacy-and-the-sdgs"
	if res := s.publishEdit(t, post, map[string]string{"slug": "advocacy-and-the-global-goals"}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %s: %s", res.Status, parse(t, res).Find(".error-message").Text())
	}
	s.wantRedirect(t, "/blog/advocacy-and-the-sdgs", http.StatusMovedPermanently, "/blog/advocacy-and-the-global-goals")
	s.wantRedirect(t, "/es/blog/advocacy-and-the-sdgs", http.StatusMovedPermanently, "/es/blog/advocacy-and-the-global-goals")
	if res := s.get(t, client(t, s.srv.URL), "/blog/advocacy-and-the-global-goals"); res.StatusCode != http.StatusOK {
		t.Errorf("the post at its new address: %s", res.Status)
	}
	// Renamed again: the first redirect goes straight to the newest address.
	if res := s.publishEdit(t, "/admin/content/blog-post/advocacy-and-the-global-goals", map[string]string{"slug": "advocacy-for-the-goals"}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %s", res.Status)
	}
	s.wantRedirect(t, "/blog/advocacy-and-the-sdgs", http.StatusMovedPermanently, "/blog/advocacy-for-the-goals")
	s.wantRedirect(t, "/blog/advocacy-and-the-global-goals", http.StatusMovedPermanently, "/blog/advocacy-for-the-goals")

	// A custom page's new address, with a redirect staff had pointed at it.
	if res := s.addRedirect(t, "/team", "/about/team", "301"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: %s", res.Status)
	}
	var id string
	if err := s.pool.QueryRow(context.Background(), `SELECT id::text FROM custom_pages WHERE path = '/about/team'`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	edit := "/admin/content/custom-page/" + id
	if res := s.publishEdit(t, edit, map[string]string{"path": "/about/our-team"}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish %s: %s: %s", edit, res.Status, parse(t, res).Find(".error-message").Text())
	}
	s.wantRedirect(t, "/about/team", http.StatusMovedPermanently, "/about/our-team")
	s.wantRedirect(t, "/es/about/team", http.StatusMovedPermanently, "/es/about/our-team")
	s.wantRedirect(t, "/team", http.StatusMovedPermanently, "/about/our-team")
	if res := s.get(t, client(t, s.srv.URL), "/es/about/our-team"); res.StatusCode != http.StatusOK {
		t.Errorf("the page at its new address: %s", res.Status)
	}
}

// Adding a redirect, on any instance, makes every kept page stale: the
// redirects table notifies as the content tables do.
func TestAddingARedirectMakesKeptPagesStale(t *testing.T) {
	s := newCacheSite(t)
	s.kept(t, "/toolkit")
	if _, _, problems, err := content.AddRedirect(context.Background(), s.pool, content.RedirectForm{From: "/old-toolkit", To: "/toolkit", Status: "301"}); err != nil || len(problems) > 0 {
		t.Fatalf("add: %v %v", problems, err)
	}
	for deadline := time.Now().Add(time.Second); ; time.Sleep(20 * time.Millisecond) {
		misses := s.app.pages.Stats().Misses
		s.page(t, "/toolkit")
		if s.app.pages.Stats().Misses > misses {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("/toolkit is still served as kept a second after a redirect was added")
		}
	}
}

// The list of redirects grows with every renamed page: it is shown a
// page at a time and can be searched; a page or a search it cannot show
// says why, never a failed request. Adding one reads only the chain it
// joins, and refuses a chain longer than browsers follow.
func TestTheRedirectListIsPagedAndSearchedAndLongChainsAreRefused(t *testing.T) {
	s := newStaffSite(t)
	ctx := context.Background()
	if _, err := s.pool.Exec(ctx, `INSERT INTO redirects (from_path, from_query, to_target, status)
		SELECT '/old/' || lpad(n::text, 3, '0'), '', '/toolkit', 301 FROM generate_series(1, 230) n`); err != nil {
		t.Fatal(err)
	}
	total := s.count(t, "redirects")
	rows := func(doc *goquery.Document) int { return doc.Find("[data-testid=redirect-row]").Length() }

	doc := parse(t, s.get(t, s.admin, "/admin/redirects"))
	if n := rows(doc); n != content.RedirectsPerPage {
		t.Errorf("the first page lists %d redirects, want %d", n, content.RedirectsPerPage)
	}
	last := (total + content.RedirectsPerPage - 1) / content.RedirectsPerPage
	next := doc.Find("[data-testid=pagination] a[rel=next]").AttrOr("href", "")
	if next != "/admin/redirects?page=2" {
		t.Errorf("the next page's link is %q", next)
	}
	res := s.get(t, s.admin, "/admin/redirects?page="+strconv.Itoa(last))
	if n := rows(parse(t, res)); res.StatusCode != http.StatusOK || n != total-(last-1)*content.RedirectsPerPage {
		t.Errorf("the last page: %s with %d redirects", res.Status, n)
	}

	doc = parse(t, s.get(t, s.admin, "/admin/redirects?q=/old/01"))
	if n := rows(doc); n != 10 {
		t.Errorf("searching /old/01 lists %d redirects, want 10", n)
	}
	if doc.Find("[data-testid=pagination]").Length() != 0 {
		t.Error("ten results are paged")
	}
	if n := rows(parse(t, s.get(t, s.admin, "/admin/redirects?q=100%25"))); n != 0 {
		t.Errorf("searching 100%% lists %d redirects: %% is not a wildcard", n)
	}

	for _, c := range []struct {
		query  string
		status int
	}{
		{"page=" + strconv.Itoa(last+1), http.StatusNotFound},
		{"page=99999999999999999999", http.StatusBadRequest},
		{"page=-1", http.StatusBadRequest},
		{"q=" + strings.Repeat("a", 600), http.StatusBadRequest},
	} {
		res := s.get(t, s.admin, "/admin/redirects?"+c.query)
		doc := parse(t, res)
		if res.StatusCode != c.status || doc.Find("[data-testid=page-problem]").Length() != 1 || rows(doc) != content.RedirectsPerPage {
			t.Errorf("?%.40s: %s with %d rows, want %d with the first page and a message", c.query, res.Status, rows(doc), c.status)
		}
	}
	// Bytes no address has are refused before the list (any page's query).
	for _, q := range []string{"q=%00", "q=%FF"} {
		if res := s.get(t, s.admin, "/admin/redirects?"+q); res.StatusCode != http.StatusBadRequest {
			t.Errorf("?%s: %s, want 400", q, res.Status)
		}
	}

	// A chain of 15 redirects: one more in front of it is refused.
	if _, err := s.pool.Exec(ctx, `INSERT INTO redirects (from_path, from_query, to_target, status)
		SELECT '/chain/' || n, '', '/chain/' || (n + 1), 301 FROM generate_series(1, 15) n`); err != nil {
		t.Fatal(err)
	}
	res = s.addRedirect(t, "/chain/0", "/chain/1", "301")
	if msg := parse(t, res).Find("[data-testid=to-error]").Text(); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(msg, "through more than 15 redirects") {
		t.Errorf("a chain of 16: %s, %q", res.Status, strings.TrimSpace(msg))
	}
	if res := s.addRedirect(t, "/chain/0", "/chain/2", "301"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("a chain of 15: %s", res.Status)
	}
}
