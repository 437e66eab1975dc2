package app

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/content/editing"
)

// editForm opens the content editor's form at path as c and returns what
// a browser would send from it.
func (s staffSite) editForm(t *testing.T, c *http.Client, path string) url.Values {
	t.Helper()
	res := s.get(t, c, path)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", path, res.Status)
	}
	return editFormValues(parse(t, res))
}

// publishEdit sets fields on the editor's form at path and publishes it,
// returning the editor's answer.
func (s staffSite) publishEdit(t *testing.T, path string, fields map[string]string) *http.Response {
	t.Helper()
	form := s.editForm(t, s.admin, path)
	for k, v := range fields {
		form.Set(k, v)
	}
	form.Set("action", "publish")
	return postForm(t, s.admin, s.srv.URL+path, form)
}

func (s staffSite) publishCustomPage(t *testing.T, fields map[string]string) *http.Response {
	t.Helper()
	return s.publishEdit(t, "/admin/content/custom-page/new", fields)
}

func (s staffSite) count(t *testing.T, table string) int {
	t.Helper()
	var n int
	if err := s.pool.QueryRow(context.Background(), `SELECT count(*) FROM `+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func pageTitle(t *testing.T, res *http.Response) string {
	t.Helper()
	return strings.TrimSpace(parse(t, res).Find("[data-testid=page-title]").Text())
}

func TestCustomPageAddressTakenByARouteOrAnotherPageIsRefusedBesideTheField(t *testing.T) {
	s := newStaffSite(t)
	seeded := s.count(t, "custom_pages")
	for _, path := range []string{
		"/toolkit",             // a page of its own
		"/blog/some-post",      // a route with a parameter
		"/admin/team",          // the staff area, mounted whole
		"/static/team",         // the static files
		"/es/team",             // the Spanish site's prefix
		"/about/team",          // the seeded custom page
		"/call-to-action/sign", // a form
		"/About/Team",          // not lowercase
		"/about/team/",         // a trailing slash
		"/a/b/c/d/e",           // five segments
	} {
		res := s.publishCustomPage(t, map[string]string{"path": path, "title.en": "Team"})
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("publishing a custom page at %s: %s, want 422", path, res.Status)
			continue
		}
		doc := parse(t, res)
		if msg := strings.TrimSpace(doc.Find("#f-path-error").Text()); msg == "" {
			t.Errorf("publishing at %s: no message beside the address", path)
		}
		if got := doc.Find(`input[name="title.en"]`).AttrOr("value", ""); got != "Team" {
			t.Errorf("publishing at %s: the title was not kept (%q)", path, got)
		}
	}
	if n := s.count(t, "custom_pages"); n != seeded {
		t.Fatalf("%d custom pages after the refusals, want only the %d seeded", n, seeded)
	}
}

func TestPublishedCustomPageShowsInEnglishAndSpanishAndInTheSitemap(t *testing.T) {
	s := newStaffSite(t)
	res := s.publishCustomPage(t, map[string]string{
		"path": "/about/how-we-work", "title.en": "How we work", "body.en": "We **meet** monthly.",
		"title.es": "Cómo trabajamos", "body.es": "Nos reunimos cada mes.",
	})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %s: %s", res.Status, parse(t, res).Find(".error-message").Text())
	}
	visitor := client(t, s.srv.URL)
	for path, want := range map[string]string{
		"/about/how-we-work": "How we work", "/es/about/how-we-work": "Cómo trabajamos",
		"/about/team": "Who runs this site", "/es/about/team": "Quién mantiene este sitio",
	} {
		res := s.get(t, visitor, path)
		if res.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %s", path, res.Status)
			continue
		}
		if got := pageTitle(t, res); got != want {
			t.Errorf("GET %s: title %q, want %q", path, got, want)
		}
	}
	if got := parse(t, s.get(t, visitor, "/about/how-we-work")).Find("[data-testid=page-body] strong").Text(); got != "meet" {
		t.Errorf("the body's Markdown is not rendered: <strong> holds %q", got)
	}
	// A page with no Spanish text shows its English one under /es.
	if res := s.publishCustomPage(t, map[string]string{"path": "/about/history", "title.en": "Our history"}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %s", res.Status)
	}
	if res := s.get(t, visitor, "/es/about/history"); res.StatusCode != http.StatusOK || pageTitle(t, res) != "Our history" {
		t.Errorf("GET /es/about/history: %s, want the English page", res.Status)
	}
	for _, path := range []string{"/about/nobody", "/es/about/nobody", "/no-such-page", "/Not/Lower"} {
		if res := s.get(t, visitor, path); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %s, want 404", path, res.Status)
		}
	}

	body, _ := io.ReadAll(s.get(t, visitor, "/sitemap.xml").Body)
	for _, want := range []string{"/about/how-we-work</loc>", "/es/about/how-we-work</loc>", "/about/team</loc>", "/es/about/team</loc>",
		`hreflang="es" href="` + baseOf(t, string(body)) + `/es/about/how-we-work"`} {
		if !strings.Contains(string(body), want) {
			t.Errorf("the sitemap lacks %s", want)
		}
	}
}

// baseOf is the base URL the sitemap's first <loc> is on.
func baseOf(t *testing.T, sitemap string) string {
	t.Helper()
	_, rest, ok := strings.Cut(sitemap, "<loc>")
	if !ok {
		t.Fatal("the sitemap has no <loc>")
	}
	loc, _, _ := strings.Cut(rest, "</loc>")
	u, err := url.Parse(loc)
	if err != nil {
		t.Fatal(err)
	}
	return u.Scheme + "://" + u.Host
}

// A custom page kept by one instance and moved through another answers
// with the redirect to its new address within a second: the move's
// notification makes the kept page stale.
func TestAKeptCustomPageMovedOnAnotherInstanceRedirectsWithinASecond(t *testing.T) {
	ctx := context.Background()
	s := newCacheSite(t)
	s.kept(t, "/about/team")
	var id string
	if err := s.pool.QueryRow(ctx, `SELECT id::text FROM custom_pages WHERE path = '/about/team'`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	it, err := content.Get(ctx, s.pool, content.CustomPageKind, id)
	if err != nil {
		t.Fatal(err)
	}
	d := it.Current().Clone()
	d["path"] = "/about/our-team"
	if _, problems, err := s.other.editor.Save(ctx, editing.Change{Item: it, Version: it.Version, Doc: d, Action: editing.Publish, By: s.by}); err != nil || !problems.OK() {
		t.Fatalf("move: %v %v", problems, err)
	}
	for deadline := time.Now().Add(time.Second); ; time.Sleep(20 * time.Millisecond) {
		req, _ := http.NewRequest("GET", s.srv.URL+"/about/team", nil)
		res, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode == http.StatusMovedPermanently && res.Header.Get("Location") == "/about/our-team" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("GET /about/team a second after the move: %s to %q", res.Status, res.Header.Get("Location"))
		}
	}
	s.kept(t, "/about/our-team")
}

func TestBothPublicFormsLinkToThePrivacyNoticeInTheirLanguage(t *testing.T) {
	app, _ := seededApp(t)
	h := app.Handler()
	for path, want := range map[string]string{
		"/call-to-action/sign": "/privacy", "/es/call-to-action/sign": "/es/privacy",
		"/sswweek/subscribe": "/privacy", "/es/sswweek/subscribe": "/es/privacy",
	} {
		res := get(t, h, "GET", path, nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %s", path, res.Status)
		}
		doc := parse(t, res)
		form := doc.Find(`input[name=consent]`).First().ParentsFiltered("form")
		link := form.Find("[data-testid=privacy-link]")
		if link.Length() == 0 || link.AttrOr("href", "") != want {
			t.Errorf("GET %s: the form's privacy link is %q, want %q", path, link.AttrOr("href", ""), want)
		}
	}
}

// The catch-all changes nothing for paths nothing answers: any method gets
// the 404 it got before, and a method a route does not take its 405.
func TestTheCatchAllKeepsNotFoundAndMethodNotAllowedAsTheyWere(t *testing.T) {
	app, _ := seededApp(t)
	h := app.Handler()
	for _, c := range []struct {
		method, path string
		status       int
	}{
		{"GET", "/no-such-page", 404}, {"POST", "/no-such-page", 404}, {"DELETE", "/es/no/such/page", 404},
		{"POST", "/about/team", 404}, {"GET", "/about/team", 200}, {"HEAD", "/es/about/team", 200},
		{"DELETE", "/", 405}, {"POST", "/toolkit", 405}, {"PUT", "/blog/no-such-post", 405},
	} {
		if res := get(t, h, c.method, c.path, nil); res.StatusCode != c.status {
			t.Errorf("%s %s: %d, want %d", c.method, c.path, res.StatusCode, c.status)
		}
	}
}

// A draft custom page previews at its address, in both languages, before
// it is on the site.
func TestADraftCustomPagePreviewsBeforeItIsPublished(t *testing.T) {
	s := newStaffSite(t)
	form := s.editForm(t, s.admin, "/admin/content/custom-page/new")
	form.Set("path", "/about/draft-page")
	form.Set("title.en", "Not yet public")
	form.Set("title.es", "Aún no publicada")
	form.Set("action", "draft")
	res := postForm(t, s.admin, s.srv.URL+"/admin/content/custom-page/new", form)
	edit := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(edit, "/admin/content/custom-page/new-") {
		t.Fatalf("save draft: %s to %q", res.Status, edit)
	}
	if res := s.get(t, client(t, s.srv.URL), "/about/draft-page"); res.StatusCode != http.StatusNotFound {
		t.Errorf("the draft is public: %s", res.Status)
	}
	for q, want := range map[string]string{"": "Not yet public", "?lang=es": "Aún no publicada"} {
		res := s.get(t, s.admin, edit+"/preview"+q)
		if res.StatusCode != http.StatusOK {
			t.Errorf("preview%s: %s", q, res.Status)
			continue
		}
		if got := pageTitle(t, res); got != want {
			t.Errorf("preview%s: title %q, want %q", q, got, want)
		}
	}
}

// TestANewTeamPageJoinsTheFooterAndKeepsItsOldAddressWhenRenamed is the
// issue's walk through as one staff member: create a page, link it from
// the footer, publish, find it in both languages and in the sitemap, then
// rename it and follow the old address to the new one.
func TestANewTeamPageJoinsTheFooterAndKeepsItsOldAddressWhenRenamed(t *testing.T) {
	s := newStaffSite(t)
	res := s.publishCustomPage(t, map[string]string{
		"path": "/campaign/team", "title.en": "Campaign team", "body.en": "Who answers your messages.",
		"title.es": "Equipo de la campaña", "body.es": "Quién responde a sus mensajes.",
	})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %s: %s", res.Status, parse(t, res).Find(".error-message").Text())
	}
	edit := res.Header.Get("Location")

	form := s.editForm(t, s.admin, "/admin/content/menu-entry/new?parent=footer")
	form.Set("label.en", "Our team")
	form.Set("label.es", "Nuestro equipo")
	form.Set("target", "/campaign/team")
	form.Set("action", "publish")
	if res := postForm(t, s.admin, s.srv.URL+"/admin/content/menu-entry/new", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("adding the footer entry: %s: %s", res.Status, parse(t, res).Find(".field-error").Text())
	}

	visitor := client(t, s.srv.URL)
	for _, c := range []struct{ home, label, href, page, title string }{
		{"/", "Our team", "/campaign/team", "/campaign/team", "Campaign team"},
		{"/es/", "Nuestro equipo", "/es/campaign/team", "/es/campaign/team", "Equipo de la campaña"},
	} {
		doc := parse(t, s.get(t, visitor, c.home))
		link := doc.Find(`[data-testid=footer-menu] a`).FilterFunction(func(_ int, a *goquery.Selection) bool {
			return strings.TrimSpace(a.Text()) == c.label
		})
		if link.Length() != 1 || link.AttrOr("href", "") != c.href {
			t.Errorf("%s: footer entry %q links to %q, want %s", c.home, c.label, link.AttrOr("href", ""), c.href)
		}
		res := s.get(t, visitor, c.page)
		if res.StatusCode != http.StatusOK || pageTitle(t, res) != c.title {
			t.Errorf("GET %s: %s, want %q", c.page, res.Status, c.title)
		}
	}
	sitemap, _ := io.ReadAll(s.get(t, visitor, "/sitemap.xml").Body)
	for _, want := range []string{"/campaign/team</loc>", "/es/campaign/team</loc>"} {
		if !strings.Contains(string(sitemap), want) {
			t.Errorf("the sitemap lacks %s", want)
		}
	}

	// Renaming the page leaves its old addresses answering with a redirect.
	form = s.editForm(t, s.admin, edit)
	form.Set("path", "/campaign/our-team")
	form.Set("action", "publish")
	if res := postForm(t, s.admin, s.srv.URL+edit, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("rename: %s: %s", res.Status, parse(t, res).Find(".field-error").Text())
	}
	for old, want := range map[string]string{"/campaign/team": "/campaign/our-team", "/es/campaign/team": "/es/campaign/our-team"} {
		res := s.get(t, visitor, old)
		if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != want {
			t.Errorf("GET %s after the rename: %s to %q, want 301 to %s", old, res.Status, res.Header.Get("Location"), want)
		}
		if res := s.get(t, visitor, want); res.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %s", want, res.Status)
		}
	}
	// The footer links to the new address at once, not through the 301.
	for home, want := range map[string]string{"/": "/campaign/our-team", "/es/": "/es/campaign/our-team"} {
		if doc := parse(t, s.get(t, visitor, home)); doc.Find(`[data-testid=footer-menu] a[href="`+want+`"]`).Length() != 1 {
			t.Errorf("%s: the footer does not link to %s after the rename", home, want)
		}
	}

	// While the footer links to it, the page cannot be deleted: the link
	// would lead nowhere. Staff are told which entry, and it stays.
	del := strings.Replace(edit, "?", "/delete?", 1)
	if !strings.Contains(edit, "?") {
		del = edit + "/delete"
	}
	flash := s.post(t, s.admin, del, url.Values{"version": {s.version(t, edit)}}, edit)
	if !strings.Contains(flash, "“Our team”") || !strings.Contains(flash, "Nothing was deleted") {
		t.Errorf("deleting a page the footer links to says %q", flash)
	}
	if res := s.get(t, visitor, "/campaign/our-team"); res.StatusCode != http.StatusOK {
		t.Errorf("GET /campaign/our-team after the refused delete: %s", res.Status)
	}
	var entry string
	if err := s.pool.QueryRow(context.Background(), `SELECT id::text FROM menu_entries WHERE target = '/campaign/our-team'`).Scan(&entry); err != nil {
		t.Fatal(err)
	}
	entryEdit := "/admin/content/menu-entry/" + entry
	s.post(t, s.admin, entryEdit+"/delete", url.Values{"version": {s.version(t, entryEdit)}}, "/admin/content/menu/footer")
	if flash := s.post(t, s.admin, del, url.Values{"version": {s.version(t, edit)}}, "/admin/content/custom-page"); !strings.Contains(flash, "deleted") {
		t.Errorf("deleting the page once no menu links to it says %q", flash)
	}
	if res := s.get(t, visitor, "/campaign/our-team"); res.StatusCode != http.StatusNotFound {
		t.Errorf("GET /campaign/our-team after the delete: %s", res.Status)
	}
}

// version is the editing version the edit form at path carries.
func (s staffSite) version(t *testing.T, path string) string {
	t.Helper()
	return s.editForm(t, s.admin, path).Get("version")
}

// A page scheduled at an address another page took before its time: when
// it is due, staff find the reason on the page's editor and on the
// dashboard, instead of a line in the server's log every minute.
func TestAScheduledPageWhoseAddressWasTakenSaysSoInTheEditorAndOnTheDashboard(t *testing.T) {
	s := newStaffSite(t)
	ctx := context.Background()
	form := s.editForm(t, s.admin, "/admin/content/custom-page/new")
	form.Set("path", "/about/board")
	form.Set("title.en", "Our board")
	form.Set("action", "schedule")
	form.Set("publish_at", s.app.now().Add(time.Hour).UTC().Format(content.DateTimeLayout))
	res := postForm(t, s.admin, s.srv.URL+"/admin/content/custom-page/new", form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("schedule: %s: %s", res.Status, parse(t, res).Find(".error-message, .field-error").Text())
	}
	edit := res.Header.Get("Location")
	if res := s.publishCustomPage(t, map[string]string{"path": "/about/board", "title.en": "The board"}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the other page: %s", res.Status)
	}
	if _, err := s.pool.Exec(ctx, `UPDATE content_items SET publish_at = now() - interval '1 minute' WHERE publish_at IS NOT NULL`); err != nil {
		t.Fatal(err)
	}
	if n, err := s.app.PublishDue(ctx); err != nil || n != 0 {
		t.Fatalf("when due: published %d (%v), want 0", n, err)
	}
	doc := parse(t, s.get(t, s.admin, edit))
	if msg := doc.Find("[data-testid=schedule-problem]").Text(); !strings.Contains(msg, "Another custom page already uses this address") {
		t.Errorf("the editor says %q", strings.TrimSpace(msg))
	}
	if doc.Find("[data-testid=scheduled]").Length() != 0 {
		t.Error("the editor still says it will publish")
	}
	row := parse(t, s.get(t, s.admin, "/admin")).Find("[data-testid=pending] tr").FilterFunction(func(_ int, r *goquery.Selection) bool {
		return strings.Contains(r.Text(), "Our board")
	})
	if !strings.Contains(row.Find(".pill-not-published").Text(), "Scheduled publish failed") {
		t.Errorf("the dashboard's row reads %q", strings.Join(strings.Fields(row.Text()), " "))
	}
}
