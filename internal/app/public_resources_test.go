package app

import (
	"context"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/templates/public"
)

// cardSlugs lists the slugs of the result cards on a library page.
func cardSlugs(doc *goquery.Document) []string {
	var slugs []string
	doc.Find(`[data-testid=resource-card]`).Each(func(_ int, s *goquery.Selection) {
		slugs = append(slugs, s.AttrOr("data-slug", ""))
	})
	return slugs
}

func TestResourceLibraryListsAndPaginates(t *testing.T) {
	h := seededHandler(t)

	res := get(t, h, "GET", "/resources", nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /resources = %d", res.StatusCode)
	}
	doc := parse(t, res)
	if got := doc.Find(`[data-testid=page-title]`).Text(); got != "Resource library" {
		t.Errorf("h1 = %q", got)
	}
	if got := doc.Find(`[data-testid=intro]`).Text(); !strings.Contains(got, "Evidence and practical guides") {
		t.Errorf("intro from the pages table = %q", got)
	}
	if got := doc.Find(`[data-testid=result-count]`).Text(); got != "19 resources" {
		t.Errorf("count = %q", got)
	}
	if doc.Find(`[data-testid=clear-filters]`).Length() != 0 {
		t.Error("clear filters offered with no filter applied")
	}
	slugs := cardSlugs(doc)
	if len(slugs) != 10 {
		t.Fatalf("page 1 has %d cards, want 10", len(slugs))
	}
	if slugs[0] != "ten-years-of-the-alliance" {
		t.Errorf("newest first: first card %q", slugs[0])
	}
	card := doc.Find(`[data-testid=resource-card]`).First()
	if card.Find(`.badge`).Text() != "Report" || card.Find(`h3 a`).AttrOr("href", "") != "/resources/ten-years-of-the-alliance" ||
		card.Find(`[data-testid=fact-published]`).Text() != "2023" || card.Find(`[data-testid=fact-org]`).Text() != "Global Social Service Workforce Alliance" ||
		card.Find(`[data-testid=fact-langs]`).Text() != "English" || !strings.Contains(card.Find(`[data-testid=fact-topics]`).Text(), "Advocacy") ||
		card.Find(`.summary`).Text() == "" {
		t.Errorf("first card lacks its type, link, year, organisation, languages, topics or summary: %s", card.Text())
	}
	if card.Find(`[data-testid=snippet]`).Length() != 0 {
		t.Error("snippet shown without a search")
	}
	pager := doc.Find(`[data-testid=pagination]`)
	if pager.Find(`[aria-current=page]`).Text() != "Page 1" || pager.Find(`a[href="/resources?page=2"]:not([rel])`).Text() != "Page 2" {
		t.Errorf("current page = %q", pager.Find(`[aria-current=page]`).Text())
	}
	if pager.Find(`a[rel=prev]`).Length() != 0 || pager.Find(`a[rel=next]`).AttrOr("href", "") != "/resources?page=2" {
		t.Error("page 1: want a next link to page 2 and no previous link")
	}

	doc = parse(t, get(t, h, "GET", "/resources?page=2", nil))
	page2 := cardSlugs(doc)
	if len(page2) != 9 {
		t.Errorf("page 2 has %d cards, want 9", len(page2))
	}
	for _, s := range page2 {
		for _, s1 := range slugs {
			if s == s1 {
				t.Errorf("%s on both pages", s)
			}
		}
	}
	if got := doc.Find("title").Text(); !strings.HasPrefix(got, "Resource library, page 2 |") {
		t.Errorf("page 2 title = %q", got)
	}
	if doc.Find(`[data-testid=pagination] a[rel=prev]`).AttrOr("href", "") != "/resources" || doc.Find(`a[rel=next]`).Length() != 0 {
		t.Error("page 2: want a previous link to page 1 and no next link")
	}

	// Pagination keeps the filters.
	doc = parse(t, get(t, h, "GET", "/es/resources?lang=en", nil))
	if got := doc.Find(`a[rel=next]`).AttrOr("href", ""); got != "/es/resources?lang=en&page=2" {
		t.Errorf("next link with a filter = %q", got)
	}
}

func TestResourceSearchAndFilters(t *testing.T) {
	app, pool := seededApp(t)
	h := app.Handler()

	// "logbook" is only in the body of one resource.
	var inOthers bool
	if err := pool.QueryRow(context.Background(), `
		SELECT EXISTS (SELECT 1 FROM resource_texts t JOIN resources r ON r.id = t.resource_id
			WHERE (t.body ILIKE '%logbook%' AND r.slug <> 'a-day-with-a-child-and-youth-care-worker')
			   OR t.title ILIKE '%logbook%' OR t.summary ILIKE '%logbook%')`).Scan(&inOthers); err != nil || inOthers {
		t.Fatalf("the test word must be in one body only (err %v)", err)
	}
	doc := parse(t, get(t, h, "GET", "/resources?q=logbook", nil))
	if got := cardSlugs(doc); len(got) != 1 || got[0] != "a-day-with-a-child-and-youth-care-worker" {
		t.Fatalf("q=logbook found %v", got)
	}
	if got := doc.Find(`[data-testid=snippet] mark`).Text(); got != "logbook" {
		t.Errorf("snippet marks %q", got)
	}
	if got := doc.Find(`[data-testid=result-count]`).Text(); got != "1 resource matches “logbook”" {
		t.Errorf("count = %q", got)
	}
	if doc.Find(`[data-testid=clear-filters]`).AttrOr("href", "") != "/resources" {
		t.Error("no clear filters link")
	}
	if doc.Find(`#resource-q`).AttrOr("value", "") != "logbook" {
		t.Error("the search box does not show the search")
	}

	cases := []struct {
		query string
		want  []string // exactly these, in any order
	}{
		{"type=policy-brief", []string{"ending-violence-against-children", "children-on-the-move"}},
		{"q=violence&type=policy-brief", []string{"ending-violence-against-children"}},
		{"q=violence&type=policy-brief&year=2019", nil},
		{"type=guide&year=2018", []string{"workforce-strengthening-strategy"}},
		{"lang=fr", []string{"ending-violence-against-children"}},
		{"topic=migration", []string{"global-advocacy-toolkit", "children-on-the-move"}},
		{"q=%22child+and+youth+care%22&topic=supervision", []string{"a-day-with-a-child-and-youth-care-worker"}},
		{"q=4Children", []string{"global-advocacy-toolkit"}},
	}
	for _, c := range cases {
		res := get(t, h, "GET", "/resources?"+c.query, nil)
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", c.query, res.StatusCode)
		}
		doc := parse(t, res)
		got := cardSlugs(doc)
		if strings.Join(slices.Sorted(slices.Values(got)), " ") != strings.Join(slices.Sorted(slices.Values(c.want)), " ") {
			t.Errorf("%s: found %v, want %v", c.query, got, c.want)
		}
		if len(c.want) == 0 && doc.Find(`[data-testid=no-results]`).Length() != 1 {
			t.Errorf("%s: no helpful message for empty results", c.query)
		}
	}

	// Ranking: a title match comes before a body-only match.
	doc = parse(t, get(t, h, "GET", "/resources?q=violence", nil))
	if got := cardSlugs(doc); len(got) < 3 || got[0] != "ending-violence-against-children" {
		t.Errorf("q=violence ranked %v", got)
	}
}

func TestResourceSearchSpanish(t *testing.T) {
	app, pool := seededApp(t)
	h := app.Handler()

	// Stemming: "supervisoras" finds the strategy, whose Spanish text only
	// has the singular "supervisora".
	var body string
	if err := pool.QueryRow(context.Background(), `
		SELECT t.body FROM resource_texts t JOIN resources r ON r.id = t.resource_id
		WHERE r.slug = 'workforce-strengthening-strategy' AND t.lang = 'es'`).Scan(&body); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(body, "supervisoras") || !strings.Contains(body, "supervisora") {
		t.Fatal("test premise: the Spanish body has the singular only")
	}
	doc := parse(t, get(t, h, "GET", "/es/resources?q=supervisoras", nil))
	found := doc.Find(`[data-testid=resource-card][data-slug=workforce-strengthening-strategy]`)
	if found.Length() != 1 {
		t.Fatalf("q=supervisoras found %v", cardSlugs(doc))
	}
	if got := found.Find("h3").Text(); !strings.HasPrefix(got, "Cómo elaborar") || found.Find("h3").AttrOr("lang", "") != "" {
		t.Errorf("Spanish title %q (lang %q)", got, found.Find("h3").AttrOr("lang", ""))
	}
	if got := found.Find(`[data-testid=snippet] mark`).Text(); got != "supervisora" {
		t.Errorf("snippet marks %q", got)
	}
	if got := doc.Find(`[data-testid=result-count]`).Text(); !strings.Contains(got, "coinciden con «supervisoras»") {
		t.Errorf("count %q", got)
	}

	// A Spanish visitor finds resources that only have English text, marked
	// as English, with the note.
	doc = parse(t, get(t, h, "GET", "/es/resources?q=logbook", nil))
	card := doc.Find(`[data-testid=resource-card]`)
	if card.Length() != 1 || card.Find("h3").AttrOr("lang", "") != "en" || card.Find(`.badge`).Text() != "Historia" {
		t.Errorf("English-only resource for a Spanish visitor: %d cards, h3 lang %q, badge %q",
			card.Length(), card.Find("h3").AttrOr("lang", ""), card.Find(`.badge`).Text())
	}
	if doc.Find(`[data-testid=fallback-note]`).Length() != 1 {
		t.Error("no note about English parts")
	}
	if got := doc.Find(`[data-testid=page-title]`).Text(); got != "Biblioteca de recursos" {
		t.Errorf("Spanish library h1 %q", got)
	}
}

func TestResourceLibraryBadInput(t *testing.T) {
	h := seededHandler(t)
	long := strings.Repeat("a", 201)
	cases := []struct {
		query, field, message string
		results               int // cards still shown: the other inputs apply
	}{
		{"type=nope&q=logbook", public.LibraryFieldType, "There is no type “nope”", 1},
		{"topic=astronomy&q=logbook", public.LibraryFieldTopic, "There is no topic “astronomy”", 1},
		{"lang=xx&q=logbook", public.LibraryFieldLang, "There are no documents in “xx”", 1},
		{"year=abc&q=logbook", public.LibraryFieldYear, "“abc” is not a year", 1},
		{"year=1800&q=logbook", public.LibraryFieldYear, "choose a year from 2015 to 2023", 1},
		{"q=" + long + "&type=story", public.LibraryFieldQ, "Search for 200 characters or fewer", 1},
		{"page=abc&q=logbook", "", "There is no page “abc”", 1},
		{"page=0", "", "There is no page “0”", 10},
		{"page=99&type=story", "", "There is no page “99”", 1},
	}
	for _, c := range cases {
		res := get(t, h, "GET", "/resources?"+c.query, nil)
		if res.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", c.query, res.StatusCode)
		}
		doc := parse(t, res)
		summary := doc.Find(`[data-testid=error-summary]`)
		if !strings.Contains(summary.Text(), c.message) {
			t.Errorf("%s: error summary %q lacks %q", c.query, summary.Text(), c.message)
		}
		if c.field != "" {
			if summary.Find(`a[href="#`+c.field+`"]`).Length() != 1 {
				t.Errorf("%s: the summary does not link to the field", c.query)
			}
			control := doc.Find("#" + c.field)
			if control.AttrOr("aria-invalid", "") != "true" || !strings.Contains(control.AttrOr("aria-describedby", ""), c.field+"-error") {
				t.Errorf("%s: the control is not tied to its message", c.query)
			}
			if msg := doc.Find("#" + c.field + "-error").Text(); !strings.Contains(msg, c.message) {
				t.Errorf("%s: message beside the field %q", c.query, msg)
			}
		}
		if n := doc.Find(`[data-testid=resource-card]`).Length(); n != c.results {
			t.Errorf("%s: %d results, want %d", c.query, n, c.results)
		}
		if got := doc.Find("title").Text(); !strings.HasPrefix(got, "Error: ") {
			t.Errorf("%s: title %q", c.query, got)
		}
	}

	// The visitor's other inputs are kept in the form.
	doc := parse(t, get(t, h, "GET", "/resources?type=nope&q=care&topic=health&year=2017", nil))
	if doc.Find(`#resource-q`).AttrOr("value", "") != "care" ||
		doc.Find(`#resource-topic option[selected]`).AttrOr("value", "") != "health" ||
		doc.Find(`#resource-year option[selected]`).AttrOr("value", "") != "2017" {
		t.Error("other inputs lost after an error")
	}

	// Spanish messages.
	doc = parse(t, get(t, h, "GET", "/es/resources?type=nope", nil))
	if got := doc.Find(`[data-testid=error-summary] h2`).Text(); got != "Hay un problema" {
		t.Errorf("Spanish error summary %q", got)
	}
}

func TestResourceDetail(t *testing.T) {
	h := seededHandler(t)

	res := get(t, h, "GET", "/resources/call-to-action", nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	doc := parse(t, res)
	if got := doc.Find(`[data-testid=page-title]`).Text(); !strings.HasPrefix(got, "A Call to Action for Strengthening") {
		t.Errorf("h1 %q", got)
	}
	if doc.Find(`h1`).Length() != 1 {
		t.Error("more than one h1")
	}
	if doc.Find(`nav.breadcrumbs a[href="/resources"]`).Length() != 1 {
		t.Error("no breadcrumb back to the library")
	}
	for id, want := range map[string]string{
		"type":           "Call to action",
		"fact-published": "May 2018",
		"fact-org":       "Global Social Service Workforce Alliance",
		"fact-langs":     "English, Spanish",
	} {
		if got := strings.TrimSpace(doc.Find(`[data-testid=` + id + `]`).Text()); got != want {
			t.Errorf("%s = %q, want %q", id, got, want)
		}
	}
	if doc.Find(`[data-testid=fact-topics] a[href="/resources?topic=sdgs"]`).Length() != 1 {
		t.Error("topics do not link to the filtered library")
	}
	if doc.Find(`[data-testid=body] p`).Length() < 3 {
		t.Error("body paragraphs missing")
	}
	if doc.Find(`[data-testid=links] a[href^="https://"]`).Length() == 0 {
		t.Error("no links")
	}
	files := doc.Find(`[data-testid=file]`)
	if files.Length() != 2 {
		t.Fatalf("%d files, want 2", files.Length())
	}
	metaRE := regexp.MustCompile(`^\((English|Spanish), PDF, \d(\.\d)? KB\)$`)
	files.Each(func(i int, s *goquery.Selection) {
		if m := s.Find(`[data-testid=file-meta]`).Text(); !metaRE.MatchString(m) {
			t.Errorf("file %d meta %q", i, m)
		}
		if href := s.Find("a").AttrOr("href", ""); !regexp.MustCompile(`^/files/\d+/[a-z-]+-(en|es)\.pdf$`).MatchString(href) {
			t.Errorf("file %d href %q", i, href)
		}
	})
	if got := files.Eq(1).Find(`span[lang=es]`).Text(); got != "Descarga en español" {
		t.Errorf("Spanish file label %q", got)
	}

	// In Spanish: translated, no note.
	doc = parse(t, get(t, h, "GET", "/es/resources/call-to-action", nil))
	if got := doc.Find(`[data-testid=page-title]`).Text(); !strings.HasPrefix(got, "Llamado a la acción") {
		t.Errorf("Spanish h1 %q", got)
	}
	if doc.Find(`[data-testid=fallback-note]`).Length() != 0 || doc.Find(`[data-testid=page-title]`).AttrOr("lang", "") != "" {
		t.Error("translated resource shown as a fallback")
	}
	if got := doc.Find(`[data-testid=fact-published]`).Text(); got != "mayo de 2018" {
		t.Errorf("Spanish date %q", got)
	}
	if got := doc.Find(`[data-testid=file-meta]`).First().Text(); !strings.HasPrefix(got, "(inglés, PDF, ") || !strings.Contains(got, ",") {
		t.Errorf("Spanish file meta %q", got)
	}

	// Untranslated: English, marked, with the note.
	doc = parse(t, get(t, h, "GET", "/es/resources/global-advocacy-toolkit", nil))
	if doc.Find(`[data-testid=fallback-note]`).Length() != 1 || doc.Find(`[data-testid=body]`).AttrOr("lang", "") != "en" ||
		doc.Find(`[data-testid=page-title]`).AttrOr("lang", "") != "en" {
		t.Error("English fallback not marked")
	}
	doc = parse(t, get(t, h, "GET", "/resources/global-advocacy-toolkit", nil))
	if got := doc.Find(`[data-testid=fact-published]`).Text(); got != "May 2017" {
		t.Errorf("toolkit published %q", got)
	}
	if !strings.Contains(doc.Find(`[data-testid=fact-org]`).Text(), "WithoutViolence") || !strings.Contains(doc.Find(`[data-testid=body]`).Text(), "4Children") {
		t.Error("toolkit lacks its partners")
	}

	for _, path := range []string{"/resources/no-such-thing", "/es/resources/no-such-thing"} {
		res := get(t, h, "GET", path, nil)
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("%s = %d, want 404", path, res.StatusCode)
		}
		doc := parse(t, res)
		if doc.Find(`[data-testid=error-page]`).Length() != 1 {
			t.Errorf("%s: not the styled error page", path)
		}
		if l, _ := i18n.Split(path); doc.Find("html").AttrOr("lang", "") != string(l) {
			t.Errorf("%s: error page in the wrong language", path)
		}
	}
}

// TestResourceURLs checks the sitemap list: every resource, each page
// answering in both languages.
func TestResourceURLs(t *testing.T) {
	app, _ := seededApp(t)
	h := app.Handler()
	urls, err := app.public.ResourceURLs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(urls) != 20 || urls[0] != "/resources" {
		t.Errorf("%d URLs starting %v, want /resources and 19 resources", len(urls), urls[:1])
	}
	for _, want := range []string{"/resources/call-to-action", "/resources/key-messages", "/resources/global-advocacy-toolkit",
		"/resources/sdg-infographic", "/resources/mapping-the-workforce", "/resources/workforce-strengthening-strategy",
		"/resources/ending-violence-against-children"} {
		if !slices.Contains(urls, want) {
			t.Errorf("missing %s", want)
		}
	}
	titles := map[string]bool{}
	for _, u := range urls {
		for _, l := range i18n.Langs {
			res := get(t, h, "GET", l.Path(u), nil)
			if res.StatusCode != http.StatusOK {
				t.Errorf("%s = %d", l.Path(u), res.StatusCode)
				continue
			}
			title := parse(t, res).Find("title").Text()
			if titles[title] {
				t.Errorf("%s: title %q not unique", l.Path(u), title)
			}
			titles[title] = true
		}
	}
}

func TestResourceToolkitTypes(t *testing.T) {
	app, _ := seededApp(t)
	for _, l := range i18n.Langs {
		types, err := app.store.ResourceTypes(context.Background(), l)
		if err != nil {
			t.Fatal(err)
		}
		var toolkit []string
		for _, ty := range types {
			if ty.Toolkit {
				toolkit = append(toolkit, ty.Slug)
				if ty.Description == "" || ty.Lang != string(l) || ty.Count == 0 {
					t.Errorf("%s/%s: description %q, lang %q, %d resources", l, ty.Slug, ty.Description, ty.Lang, ty.Count)
				}
			}
		}
		if got := strings.Join(toolkit, " "); got != "narrative case-study story fact-sheet infographic worksheet" {
			t.Errorf("%s: toolkit components %q", l, got)
		}
	}
}
