package app

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/sswalliance/advocacy/internal/share"
	"github.com/sswalliance/advocacy/internal/signing"
	"github.com/sswalliance/advocacy/internal/store"
)

var supporterLink = regexp.MustCompile(`/call-to-action/supporter/\d+/([A-Za-z0-9_-]+)`)

func TestAfterSigningThePageOffersAPostNamingTheOrganisationThatNobodyCanForge(t *testing.T) {
	s := newSignSite(t)
	res := s.post(t, "/call-to-action/sign", "192.0.2.10", signFields(s.stamp(t)), "logo.png", testPNG(t, 300, 150))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign: %s", res.Status)
	}
	loc, err := url.Parse(res.Header.Get("Location"))
	if err != nil || loc.Path != "/call-to-action/sign/check-email" || loc.Query().Get("org") != "Red de Trabajo Social" {
		t.Fatalf("sent to %q", res.Header.Get("Location"))
	}
	page := s.get(t, loc.RequestURI())
	if cc := page.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("check-email page Cache-Control %q", cc)
	}
	doc := parse(t, page)
	post := doc.Find(`[data-testid=share-signed] [data-testid=share-text]`).Text()
	if !strings.HasPrefix(post, "Red de Trabajo Social has signed the Call to Action") || !strings.HasSuffix(post, "/call-to-action") {
		t.Errorf("the share step's post reads %q", post)
	}
	if n := doc.Find(`[data-testid=share-signed] [data-testid=share-link]`).Length(); n != 5 {
		t.Errorf("%d share links after signing", n)
	}

	// Another name, or the signature of another, names nobody.
	for _, q := range []string{
		"org=Evil+Org&sig=" + url.QueryEscape(loc.Query().Get("sig")),
		"org=Evil+Org",
		"org=" + strings.Repeat("x", 5000) + "&sig=abc",
	} {
		res := s.get(t, "/call-to-action/sign/check-email?"+q)
		post := parse(t, res).Find(`[data-testid=share-signed] [data-testid=share-text]`).Text()
		if res.StatusCode != http.StatusOK || !strings.HasPrefix(post, "We have signed") || strings.Contains(post, "Evil") {
			t.Errorf("?%.40s: %s, post %q", q, res.Status, post)
		}
	}
	if res := s.get(t, "/call-to-action/sign/check-email?org=%ff%00&sig=%ff"); res.StatusCode >= 500 {
		t.Errorf("bad bytes in the address: %s", res.Status)
	}
	// Spanish.
	es := parse(t, s.get(t, "/es"+loc.RequestURI())).Find(`[data-testid=share-signed] [data-testid=share-text]`).Text()
	if !strings.HasPrefix(es, "Red de Trabajo Social firmó el Llamado a la acción") || !strings.HasSuffix(es, "/es/call-to-action") {
		t.Errorf("Spanish post %q", es)
	}
}

func TestApprovalEmailsTheBadgePageWhoseSnippetShowsTheBadgeOnAnotherSite(t *testing.T) {
	app, pool := seededApp(t)
	srv := serveWithJobs(t, app)
	s := signSite{app: app, pool: pool, h: app.Handler()}
	ctx := context.Background()
	id := s.addSignatory(t, "Kenya Social Workers", "https://ksw.example.org", "KE", "network", true, store.StatusAwaitingReview)
	if _, err := app.signing.Approve(ctx, id, store.Actor{Name: "test"}); err != nil {
		t.Fatal(err)
	}
	path, mac := s.emailLink(t, "private@"+signing.NameKey("Kenya Social Workers")+".example", supporterLink)
	res := s.get(t, path)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("badge page %s: %s", path, res.Status)
	}
	doc := parse(t, res)
	if doc.Find(`meta[name=robots][content=noindex]`).Length() != 1 || res.Header.Get("Cache-Control") != "no-store" {
		t.Error("the badge page is not private")
	}
	if post := doc.Find(`[data-testid=share-signed] [data-testid=share-text]`).Text(); !strings.HasPrefix(post, "Kenya Social Workers has signed") {
		t.Errorf("badge page post %q", post)
	}
	snippets := doc.Find(`[data-testid=snippet]`)
	if snippets.Length() != 2 {
		t.Fatalf("%d snippets, want English and Spanish", snippets.Length())
	}
	snippet := snippets.First().Text()
	if !strings.Contains(snippet, `href="`+srv.URL+`/call-to-action"`) || !strings.Contains(snippet, `src="`+srv.URL+`/call-to-action/supporter-badge.svg"`) {
		t.Errorf("English snippet %s", snippet)
	}
	if es := snippets.Eq(1).Text(); !strings.Contains(es, srv.URL+"/es/call-to-action/supporter-badge.svg") {
		t.Errorf("Spanish snippet %s", es)
	}

	// A forged link, or one for another organisation, finds nothing.
	other := s.addSignatory(t, "Other Org", "https://other.example.org", "KE", "ngo", true, store.StatusApproved)
	for _, p := range []string{
		strings.TrimSuffix(path, mac) + "x" + mac[1:],
		"/call-to-action/supporter/" + strconv.FormatInt(other, 10) + "/" + mac,
		"/call-to-action/supporter/99999999999999999999999/" + mac,
	} {
		if res := s.get(t, p); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %s, want 404", p, res.Status)
		}
	}

	b := newBrowser(t, srv.URL)
	// The badge page itself, at 390 and 1280px.
	for _, w := range []int64{390, 1280} {
		b.do(chromedp.EmulateViewport(w, 900), chromedp.Navigate(srv.URL+path), chromedp.WaitVisible(chromedp.CSS(`[data-testid=badge] img`)))
		b.screenshot("badge-page-" + strconv.FormatInt(w, 10))
		b.checkAxe("badge page")
	}
	b.checkClean()

	// Pasted into a plain HTML file on another site, the snippet shows the
	// badge, which links back.
	dir := t.TempDir()
	file := filepath.Join(dir, "partner.html")
	if err := os.WriteFile(file, []byte("<!DOCTYPE html><html lang=en><title>Partner</title><body><p>Our partners:</p>"+snippet+"</body></html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	partner := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer partner.Close()
	b.do(chromedp.Navigate(partner.URL+"/partner.html"),
		chromedp.Poll[chromedp.Void](`document.images[0] && document.images[0].complete`))
	width := value(b, chromedp.Evaluate[int](`document.images[0].naturalWidth`))
	if width == 0 {
		t.Error("the pasted badge did not load")
	}
	if href := value(b, chromedp.Evaluate[string](`document.querySelector('a').href`)); href != srv.URL+"/call-to-action" {
		t.Errorf("the badge links to %q", href)
	}
	b.screenshot("badge-on-a-partner-site")

	// Withdrawn, the page is gone.
	if _, err := app.signing.Withdraw(ctx, id, "192.0.2.9"); err != nil {
		t.Fatal(err)
	}
	if res := s.get(t, path); res.StatusCode != http.StatusNotFound {
		t.Errorf("after withdrawing, the badge page answers %s", res.Status)
	}
}

func TestThePostAfterSigningLeavesOutANameTooLongForX(t *testing.T) {
	s := newSignSite(t)
	ctx := context.Background()
	for _, l := range []string{"", "/es"} {
		for name, named := range map[string]bool{"Red de Trabajo Social": true, strings.Repeat("Organisation ", 15) + "Network": false} {
			mac, err := s.app.signing.SealName(ctx, name)
			if err != nil {
				t.Fatal(err)
			}
			res := s.get(t, l+"/call-to-action/sign/check-email?"+url.Values{"org": {name}, "sig": {mac}}.Encode())
			post := parse(t, res).Find(`[data-testid=share-signed] [data-testid=share-text]`).Text()
			if strings.Contains(post, name) != named {
				t.Errorf("%s, a name of %d characters: the post reads %q", l, len(name), post)
			}
			if n := share.XLength(post); n > share.XLimit {
				t.Errorf("%s, a name of %d characters: the post is %d on X", l, len(name), n)
			}
		}
	}
}
