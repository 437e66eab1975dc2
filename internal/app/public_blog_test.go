package app

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/store"
)

func TestBlogList(t *testing.T) {
	app, pool := seededApp(t)
	h := app.Handler()

	res := get(t, h, "GET", "/blog", nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /blog = %d", res.StatusCode)
	}
	doc := parse(t, res)
	posts := doc.Find(`[data-testid=post]`)
	if posts.Length() != 10 {
		t.Fatalf("first page lists %d posts, want 10", posts.Length())
	}
	first := posts.First()
	if got := first.Find(`h2 a`).AttrOr("href", ""); got != "/blog/ten-years-of-the-alliance" {
		t.Errorf("newest post = %q", got)
	}
	if got := first.Find(`[data-testid=post-author]`).Text(); got != "Director, Global Social Service Workforce Alliance" {
		t.Errorf("author = %q", got)
	}
	if got := first.Find(`[data-testid=post-meta] time`).Text(); got != "16 October 2023" {
		t.Errorf("date = %q", got)
	}
	if got := first.Find(`[data-testid=post-edition]`); got.AttrOr("href", "") != "/sswweek/2023" || got.Text() != "Social Service Workforce Week 2023 (10th edition)" {
		t.Errorf("edition link = %q %q", got.AttrOr("href", ""), got.Text())
	}
	var dates []time.Time
	posts.Find(`[data-testid=post-meta] time`).Each(func(_ int, s *goquery.Selection) {
		d, err := time.Parse(time.RFC3339, s.AttrOr("datetime", ""))
		if err != nil {
			t.Error(err)
		}
		dates = append(dates, d)
	})
	for i := 1; i < len(dates); i++ {
		if dates[i].After(dates[i-1]) {
			t.Errorf("post %d is newer than post %d", i+1, i)
		}
	}
	pager := doc.Find(`[data-testid=pager]`)
	if pager.Find(`a[rel=next]`).AttrOr("href", "") != "/blog?page=2" || pager.Find(`a[rel=prev]`).Length() != 0 {
		t.Error("first page's pager")
	}
	if doc.Find(`[data-testid=feed-link]`).AttrOr("href", "") != "/feed.xml" {
		t.Error("no link to the feed")
	}

	// The second page holds the rest and leads back.
	doc = parse(t, get(t, h, "GET", "/blog?page=2", nil))
	if n := doc.Find(`[data-testid=post]`).Length(); n < 1 || n > 10 {
		t.Errorf("second page lists %d posts", n)
	}
	if doc.Find(`[data-testid=pager] a[rel=prev]`).AttrOr("href", "") != "/blog" {
		t.Error("second page does not lead back to the first")
	}
	if got := doc.Find(`title`).Text(); !strings.HasPrefix(got, "Blog · Page 2 of 2 |") {
		t.Errorf("second page title = %q", got)
	}
	if got := doc.Find(`[data-testid=lang-switch] a`).AttrOr("href", ""); got != "/es/blog?page=2" {
		t.Errorf("language switch on page 2 = %q", got)
	}

	// Bad page numbers get a message and the first page, never a 500.
	for _, tt := range []struct {
		query  string
		status int
		msg    string
	}{
		{"abc", http.StatusBadRequest, "“abc” is not a page number"},
		{"0", http.StatusBadRequest, "“0” is not a page number"},
		{"-1", http.StatusBadRequest, "“-1” is not a page number"},
		{"99999999999999999999", http.StatusBadRequest, "is not a page number"},
		{"", http.StatusBadRequest, "“” is not a page number"},
		{"7", http.StatusNotFound, "There is no page 7: the blog has 2 pages"},
	} {
		res := get(t, h, "GET", "/blog?page="+tt.query, nil)
		if res.StatusCode != tt.status {
			t.Errorf("page=%s: status %d, want %d", tt.query, res.StatusCode, tt.status)
		}
		doc := parse(t, res)
		if got := doc.Find(`[data-testid=query-problem]`).Text(); !strings.Contains(got, tt.msg) {
			t.Errorf("page=%s: message %q, want %q", tt.query, got, tt.msg)
		}
		if doc.Find(`[data-testid=post]`).Length() != 10 {
			t.Errorf("page=%s: the first page's posts are not shown", tt.query)
		}
		if doc.Find(`meta[name=robots][content=noindex]`).Length() != 1 {
			t.Errorf("page=%s: indexable", tt.query)
		}
	}
	doc = parse(t, get(t, h, "GET", "/es/blog?page=abc", nil))
	if got := doc.Find(`[data-testid=query-problem]`).Text(); !strings.HasPrefix(got, "«abc» no es un número de página") {
		t.Errorf("Spanish message %q", got)
	}

	// Spanish: translated posts in Spanish, the others in English, marked.
	doc = parse(t, get(t, h, "GET", "/es/blog", nil))
	if got := doc.Find(`[data-testid=fallback-note]`).Text(); !strings.HasPrefix(got, "Algunas partes") {
		t.Errorf("Spanish note = %q", got)
	}
	if got := doc.Find(`[data-testid=post]`).First().Find(`h2`).Text(); got != "Diez años después: qué cambió y qué viene" {
		t.Errorf("Spanish newest post = %q", got)
	}
	if doc.Find(`[data-testid=post][data-lang=en] h2[lang=en]`).Length() == 0 {
		t.Error("untranslated posts not marked lang=en")
	}
	if doc.Find(`[data-testid=feed-link]`).AttrOr("href", "") != "/es/feed.xml" {
		t.Error("no link to the Spanish feed")
	}

	// Eleven more posts make a third page; an empty blog says so.
	st := store.New(pool)
	ctx := context.Background()
	if err := st.InTx(ctx, func(tx *store.Store) error {
		for i := range 11 {
			if _, err := content.BlogPostKind.Save(ctx, tx.Conn(), "", content.Doc{
				"slug": fmt.Sprintf("extra-%d", i), "author": "Test", "published_at": fmt.Sprintf("2010-01-%02dT00:00", 1+i),
				"title.en": "Extra",
			}); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	doc = parse(t, get(t, h, "GET", "/blog?page=3", nil))
	if n := doc.Find(`[data-testid=post]`).Length(); n != 3 {
		t.Errorf("third page lists %d posts, want 3", n)
	}
	if doc.Find(`[data-testid=post] [data-testid=post-edition]`).Length() != 0 {
		t.Error("a post with no edition links to one")
	}
	if _, err := pool.Exec(ctx, `DELETE FROM blog_posts`); err != nil {
		t.Fatal(err)
	}
	res = get(t, h, "GET", "/blog", nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("empty blog = %d", res.StatusCode)
	}
	doc = parse(t, res)
	if doc.Find(`[data-testid=no-posts]`).Length() != 1 || doc.Find(`[data-testid=pager]`).Length() != 0 {
		t.Error("empty blog")
	}
}

func TestBlogPost(t *testing.T) {
	h := seededHandler(t)

	res := get(t, h, "GET", "/blog/counting-the-workforce", nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	doc := parse(t, res)
	if got := doc.Find(`[data-testid=page-title]`).Text(); got != "You cannot plan for workers you have not counted" {
		t.Errorf("h1 = %q", got)
	}
	if got := doc.Find(`title`).Text(); !strings.HasPrefix(got, "You cannot plan for workers you have not counted |") {
		t.Errorf("title = %q", got)
	}
	crumbs := doc.Find(`nav.breadcrumbs a`)
	if crumbs.Length() != 3 || crumbs.Eq(1).AttrOr("href", "") != "/blog" || crumbs.Eq(2).AttrOr("aria-current", "") != "page" {
		t.Error("breadcrumbs")
	}
	if got := doc.Find(`[data-testid=post-author]`).Text(); got != "Research officer, Global Social Service Workforce Alliance" {
		t.Errorf("author = %q", got)
	}
	if got := doc.Find(`[data-testid=post-meta] time`).Text(); got != "25 September 2018" {
		t.Errorf("date = %q", got)
	}
	// The body is Markdown: its list is rendered.
	if n := doc.Find(`[data-testid=post-body] ul li`).Length(); n != 3 {
		t.Errorf("body list items = %d, want 3", n)
	}
	edition := doc.Find(`[data-testid=post-edition]`)
	if got := strings.Join(strings.Fields(edition.Text()), " "); got != "Written for day 2 (Tuesday 25 September 2018) of Social Service Workforce Week 2018 (5th edition)" {
		t.Errorf("edition line = %q", got)
	}
	if got := edition.Find(`[data-testid=post-day]`).AttrOr("href", ""); got != "/sswweek/2018#day-2" {
		t.Errorf("day link = %q", got)
	}

	// Spanish version, and a post without one shown in English.
	doc = parse(t, get(t, h, "GET", "/es/blog/counting-the-workforce", nil))
	if got := doc.Find(`[data-testid=page-title]`).Text(); got != "No se puede planificar sin contar" {
		t.Errorf("Spanish h1 = %q", got)
	}
	if doc.Find(`[data-testid=fallback-note]`).Length() != 0 {
		t.Error("translated post with a fallback note")
	}
	if got := doc.Find(`[data-testid=post-day]`).AttrOr("href", ""); got != "/es/sswweek/2018#day-2" {
		t.Errorf("Spanish day link = %q", got)
	}
	doc = parse(t, get(t, h, "GET", "/es/blog/five-actions-for-a-stronger-workforce", nil))
	if got := doc.Find(`[data-testid=fallback-note]`).Text(); !strings.HasPrefix(got, "Esta página aún no") {
		t.Errorf("untranslated post note = %q", got)
	}
	if doc.Find(`[data-testid=page-title][lang=en]`).Length() != 1 || doc.Find(`[data-testid=post-body][lang=en] ol li`).Length() != 5 {
		t.Error("untranslated post not marked lang=en, or its Markdown list not rendered")
	}
	if doc.Find(`[data-testid=post-edition][lang]`).Length() != 0 || !strings.HasPrefix(strings.TrimSpace(doc.Find(`[data-testid=post-edition]`).Text()), "Escrito para el día 5") {
		t.Error("the interface text around an untranslated post should stay Spanish")
	}

	// A post for an edition but no day links to the edition.
	doc = parse(t, get(t, h, "GET", "/blog/the-case-for-investing", nil))
	if got := doc.Find(`[data-testid=post-edition] a`).AttrOr("href", ""); got != "/sswweek/2022" {
		t.Errorf("edition link = %q", got)
	}

	for _, path := range []string{"/blog/no-such-post", "/es/blog/no-such-post", "/blog/UPPER"} {
		if res := get(t, h, "GET", path, nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s = %d, want 404", path, res.StatusCode)
		}
	}
}

// feedDoc is what a feed reader reads from the Atom feed.
type feedDoc struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Author struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Entries []struct {
		Lang      string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
		ID        string `xml:"id"`
		Title     string `xml:"title"`
		Updated   string `xml:"updated"`
		Published string `xml:"published"`
		Link      struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Author struct {
			Name string `xml:"name"`
		} `xml:"author"`
		Summary string `xml:"summary"`
		Content struct {
			Type string `xml:"type,attr"`
			Body string `xml:",chardata"`
		} `xml:"content"`
	} `xml:"entry"`
}

func readFeed(t *testing.T, h http.Handler, path string) (feedDoc, string) {
	t.Helper()
	res := get(t, h, "GET", path, nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %d", path, res.StatusCode)
	}
	if got := res.Header.Get("Content-Type"); got != "application/atom+xml; charset=utf-8" {
		t.Errorf("%s Content-Type = %q", path, got)
	}
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	var f feedDoc
	if err := xml.Unmarshal(raw, &f); err != nil {
		t.Fatalf("%s is not well-formed Atom: %v", path, err)
	}
	return f, string(raw)
}

func TestAtomFeed(t *testing.T) {
	app, _ := seededApp(t)
	// The handlers share the configured BASE_URL, so it is changed in place.
	*app.cfg.BaseURL = *testConfig(t, map[string]string{"BASE_URL": "https://advocacy.example.org"}).BaseURL
	h := app.Handler()
	const base = "https://advocacy.example.org"

	f, raw := readFeed(t, h, "/feed.xml")
	if !strings.HasPrefix(raw, `<?xml version="1.0" encoding="UTF-8"?>`) {
		t.Errorf("no XML declaration: %.60q", raw)
	}
	if f.Lang != "en" || f.ID != base+"/feed.xml" || f.Title == "" || f.Author.Name == "" {
		t.Errorf("feed head: lang %q id %q title %q author %q", f.Lang, f.ID, f.Title, f.Author.Name)
	}
	links := map[string]string{}
	for _, l := range f.Links {
		links[l.Rel] = l.Href
	}
	if links["self"] != base+"/feed.xml" || links["alternate"] != base+"/blog" {
		t.Errorf("feed links = %v", links)
	}
	if len(f.Entries) < 8 {
		t.Fatalf("%d entries, want every seeded post", len(f.Entries))
	}
	updated, err := time.Parse(time.RFC3339, f.Updated)
	if err != nil {
		t.Fatalf("feed updated %q: %v", f.Updated, err)
	}
	if want := time.Date(2023, 10, 16, 12, 0, 0, 0, time.UTC); !updated.Equal(want) {
		t.Errorf("feed updated = %s, want the latest post's %s", updated, want)
	}
	ids := map[string]bool{}
	for _, e := range f.Entries {
		if ids[e.ID] {
			t.Errorf("duplicate entry id %s", e.ID)
		}
		ids[e.ID] = true
		if !strings.HasPrefix(e.ID, base+"/blog/") || e.Link.Href != e.ID || e.Link.Rel != "alternate" {
			t.Errorf("entry id %q link %q %q: want the absolute post URL", e.ID, e.Link.Rel, e.Link.Href)
		}
		for _, ts := range []string{e.Updated, e.Published} {
			if _, err := time.Parse(time.RFC3339, ts); err != nil {
				t.Errorf("%s: bad date %q", e.ID, ts)
			}
		}
		if e.Title == "" || e.Author.Name == "" || e.Summary == "" {
			t.Errorf("%s lacks a title, author or summary", e.ID)
		}
		if e.Content.Type != "html" || !strings.HasPrefix(e.Content.Body, "<") {
			t.Errorf("%s content (%s) = %.40q", e.ID, e.Content.Type, e.Content.Body)
		}
	}
	// The HTML is escaped inside the XML, not raw markup.
	if !strings.Contains(raw, `<content type="html">&lt;p&gt;`) {
		t.Error("content HTML is not escaped text")
	}
	if f.Entries[0].ID != base+"/blog/ten-years-of-the-alliance" {
		t.Errorf("first entry %s, want the newest post", f.Entries[0].ID)
	}

	// Spanish: Spanish text where translated, English (marked) elsewhere.
	f, _ = readFeed(t, h, "/es/feed.xml")
	if f.Lang != "es" || f.ID != base+"/es/feed.xml" {
		t.Errorf("Spanish feed lang %q id %q", f.Lang, f.ID)
	}
	byID := map[string]int{}
	for i, e := range f.Entries {
		byID[e.ID] = i
	}
	es := f.Entries[byID[base+"/es/blog/counting-the-workforce"]]
	if es.Title != "No se puede planificar sin contar" || es.Lang != "" {
		t.Errorf("translated entry: %q lang %q", es.Title, es.Lang)
	}
	en := f.Entries[byID[base+"/es/blog/five-actions-for-a-stronger-workforce"]]
	if en.Title != "Five things you can do after #SSWWeek" || en.Lang != "en" {
		t.Errorf("untranslated entry: %q lang %q", en.Title, en.Lang)
	}
}

// TestAtomFeedEscapesMarkup checks that whatever an editor writes, the feed
// stays well-formed and carries no script.
func TestAtomFeedEscapesMarkup(t *testing.T) {
	app, pool := seededApp(t)
	h := app.Handler()
	ctx := context.Background()
	err := store.New(pool).InTx(ctx, func(tx *store.Store) error {
		_, err := content.BlogPostKind.Save(ctx, tx.Conn(), "", content.Doc{
			"slug": "markup", "author": "Tom & Jerry <editors>", "published_at": "2030-01-01T00:00",
			"title.en": "A < B & C > D", "summary.en": "]]> \"quotes\"",
			"body.en": "Hello **world** <script>alert(1)</script> & [link](javascript:alert(1))",
		})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	f, raw := readFeed(t, h, "/feed.xml")
	e := f.Entries[0]
	if e.Title != "A < B & C > D" || e.Author.Name != "Tom & Jerry <editors>" || e.Summary != `]]> "quotes"` {
		t.Errorf("text fields did not round-trip: %q %q %q", e.Title, e.Author.Name, e.Summary)
	}
	if !strings.Contains(e.Content.Body, "<strong>world</strong>") || strings.Contains(e.Content.Body, "<script") || strings.Contains(e.Content.Body, "javascript:") {
		t.Errorf("content not sanitised Markdown: %q", e.Content.Body)
	}
	if strings.Contains(raw, "<script") {
		t.Error("raw script in the feed")
	}
}
