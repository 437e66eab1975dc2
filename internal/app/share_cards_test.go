package app

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/xml"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/store"
)

// imageBody is the answer to GET path from h, failing unless it is a 200
// of content type ct.
func imageBody(t *testing.T, h http.Handler, path, ct string) ([]byte, *http.Response) {
	t.Helper()
	res := get(t, h, "GET", path, nil)
	b, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != ct {
		t.Fatalf("GET %s: %d %q, want 200 %s", path, res.StatusCode, res.Header.Get("Content-Type"), ct)
	}
	return b, res
}

func TestShareCardsArePNGsOfTheirSizeDifferentForEveryDayAndLanguage(t *testing.T) {
	h := seededHandler(t)
	var paths []string
	for _, l := range i18n.Langs {
		for _, page := range []string{"/sswweek/2018", "/sswweek/2018/day-1", "/sswweek/2018/day-2", "/sswweek/2018/day-3",
			"/sswweek/2018/day-4", "/sswweek/2018/day-5", "/sswweek/2016", "/call-to-action"} {
			paths = append(paths, l.Path(page+"/card.png"), l.Path(page+"/card-square.png"))
		}
	}
	seen := map[[32]byte]string{}
	for _, path := range paths {
		b, res := imageBody(t, h, path, "image/png")
		cfg, err := png.DecodeConfig(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: not a PNG: %v", path, err)
		}
		w, ht := 1200, 630
		if strings.HasSuffix(path, "-square.png") {
			w, ht = 1080, 1080
		}
		if cfg.Width != w || cfg.Height != ht {
			t.Errorf("%s: %dx%d, want %dx%d", path, cfg.Width, cfg.Height, w, ht)
		}
		if _, err := png.Decode(bytes.NewReader(b)); err != nil {
			t.Errorf("%s: does not decode: %v", path, err)
		}
		if res.Header.Get("Cross-Origin-Resource-Policy") != "cross-origin" || res.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: headers %v", path, res.Header)
		}
		sum := sha256.Sum256(b)
		if other, ok := seen[sum]; ok {
			t.Errorf("%s is the same image as %s", path, other)
		}
		seen[sum] = path
	}
}

func TestShareCardsOfNoSuchEditionOrDayAreNotFound(t *testing.T) {
	h := seededHandler(t)
	for _, path := range []string{
		"/sswweek/1999/card.png", "/sswweek/2101/card.png", "/sswweek/2030/card.png", "/sswweek/abc/card.png",
		"/sswweek/02018/card.png", "/sswweek/2018x/card-square.png", "/es/sswweek/1900/card.png",
		"/sswweek/2018/day-0/card.png", "/sswweek/2018/day-6/card.png", "/sswweek/2018/day-8/card.png",
		"/sswweek/2018/day-01/card.png", "/sswweek/2018/day-1x/card.png", "/sswweek/2018/day-/card.png",
		"/sswweek/2018/day-99999999999999999999/card.png", "/es/sswweek/2018/day-7/card-square.png",
		"/sswweek/2014/day-1/card.png", // an edition whose days are not on record
		"/sswweek/2030/day-1/card.png",
		"/sswweek/2018/card.jpg", "/call-to-action/card.gif",
	} {
		res := get(t, h, "GET", path, nil)
		res.Body.Close()
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", path, res.StatusCode)
		}
	}
}

// TestTheEditionAndTheCallToActionShareTheirCards: their link previews
// show their card, the 2018 edition's lead image notwithstanding, with
// its size, type and text; a blog post keeps its lead image's crop.
func TestTheEditionAndTheCallToActionShareTheirCards(t *testing.T) {
	app, _ := seededApp(t)
	h := app.Handler()
	base := app.cfg.BaseURL.String()
	ctx := context.Background()
	for _, tc := range []struct {
		page, card string
		alt        func(l i18n.Lang) string
	}{
		{"/sswweek/2018", "/sswweek/2018/card.png", func(l i18n.Lang) string {
			e, err := app.store.Edition(ctx, 2018, l)
			if err != nil {
				t.Fatal(err)
			}
			return e.Theme
		}},
		{"/call-to-action", "/call-to-action/card.png", func(l i18n.Lang) string {
			p, err := app.store.Page(ctx, "call-to-action", l)
			if err != nil {
				t.Fatal(err)
			}
			return p.Title
		}},
	} {
		for _, l := range i18n.Langs {
			page := l.Path(tc.page)
			doc := parse(t, get(t, h, "GET", page, nil))
			prop := func(p string) string { return doc.Find(`meta[property="`+p+`"]`).AttrOr("content", "") }
			if got, want := prop("og:image"), base+l.Path(tc.card); got != want {
				t.Errorf("%s: og:image %q, want %q", page, got, want)
			}
			if prop("og:image:width") != "1200" || prop("og:image:height") != "630" || prop("og:image:type") != "image/png" {
				t.Errorf("%s: og:image is %sx%s %s", page, prop("og:image:width"), prop("og:image:height"), prop("og:image:type"))
			}
			if alt := prop("og:image:alt"); !strings.Contains(alt, tc.alt(l)) {
				t.Errorf("%s: og:image:alt %q does not say %q", page, alt, tc.alt(l))
			}
			if n := doc.Find(`meta[property="og:image"]`).Length(); n != 1 {
				t.Errorf("%s: %d og:image", page, n)
			}
			b, _ := imageBody(t, h, strings.TrimPrefix(prop("og:image"), base), "image/png")
			if cfg, err := png.DecodeConfig(bytes.NewReader(b)); err != nil || cfg.Width != 1200 || cfg.Height != 630 {
				t.Errorf("%s: og:image is %+v, %v", page, cfg, err)
			}
		}
	}
	// The 2018 edition still shows its lead image on the page.
	if doc := parse(t, get(t, h, "GET", "/sswweek/2018", nil)); doc.Find(`[data-testid=lead-image] img`).Length() != 1 {
		t.Error("/sswweek/2018 lost its lead image")
	}
	// A blog post with a lead image keeps the image's crop as its preview.
	slugs, err := app.store.BlogSlugs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	leads := 0
	for _, slug := range slugs {
		doc := parse(t, get(t, h, "GET", "/blog/"+slug, nil))
		og := doc.Find(`meta[property="og:image"]`).AttrOr("content", "")
		if strings.Contains(og, "card") {
			t.Errorf("/blog/%s: og:image %q is a card", slug, og)
		}
		if doc.Find(`[data-testid=lead-image]`).Length() > 0 {
			leads++
			if !strings.HasPrefix(og, base+"/media/") {
				t.Errorf("/blog/%s: og:image %q, want its lead image's crop", slug, og)
			}
		}
	}
	if leads == 0 {
		t.Error("no blog post of the demo content has a lead image: the check saw nothing")
	}
}

// svgTitle is the <title> of an SVG image, failing unless it parses.
func svgTitle(t *testing.T, b []byte) string {
	t.Helper()
	var doc struct {
		XMLName xml.Name
		Role    string `xml:"role,attr"`
		Title   string `xml:"title"`
	}
	if err := xml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("not XML: %v\n%s", err, b)
	}
	if doc.XMLName.Local != "svg" || doc.Role != "img" {
		t.Errorf("root %v role %q, want an svg with role=img", doc.XMLName, doc.Role)
	}
	return doc.Title
}

func TestSupporterBadgesInBothLanguagesAreCachedLong(t *testing.T) {
	h := seededHandler(t)
	titles := map[string]bool{}
	for _, l := range i18n.Langs {
		b, res := imageBody(t, h, l.Path("/call-to-action/supporter-badge.svg"), "image/svg+xml")
		title := svgTitle(t, b)
		if title != l.T("cards.supporter.title") {
			t.Errorf("%s: badge title %q", l, title)
		}
		titles[title] = true
		if cc := res.Header.Get("Cache-Control"); !strings.Contains(cc, "max-age=86400") {
			t.Errorf("%s: Cache-Control %q", l, cc)
		}
		if res.Header.Get("Cross-Origin-Resource-Policy") != "cross-origin" {
			t.Errorf("%s: a badge for other sites is refused to them: CORP %q", l, res.Header.Get("Cross-Origin-Resource-Policy"))
		}
		p, res := imageBody(t, h, l.Path("/call-to-action/supporter-badge.png"), "image/png")
		if cfg, err := png.DecodeConfig(bytes.NewReader(p)); err != nil || cfg.Width != 720 || cfg.Height != 200 {
			t.Errorf("%s: PNG badge %+v, %v", l, cfg, err)
		}
		if cc := res.Header.Get("Cache-Control"); !strings.Contains(cc, "max-age=86400") {
			t.Errorf("%s: PNG Cache-Control %q", l, cc)
		}
	}
	if len(titles) != 2 {
		t.Errorf("badge titles %v: want one per language", titles)
	}
}

// TestTheCountBadgeFollowsApprovals: the live badge says how many
// organisations are approved, and says it again once another is, the
// cache notwithstanding.
func TestTheCountBadgeFollowsApprovals(t *testing.T) {
	s := newCacheSite(t)
	ctx := context.Background()
	count := func() int {
		n, err := s.app.store.PublicSignatoryCount(ctx, store.PublicFilter{})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	n := count()
	if n < 2 {
		t.Fatalf("the demo content has %d approved signatories", n)
	}
	badge := s.kept(t, "/call-to-action/badge.svg")
	if got, want := svgTitle(t, []byte(badge)), strconv.Itoa(n)+" organisations support the Call to Action"; got != want {
		t.Errorf("badge title %q, want %q", got, want)
	}
	if es := svgTitle(t, []byte(s.page(t, "/es/call-to-action/badge.svg"))); es != strconv.Itoa(n)+" organizaciones apoyan el Llamado a la acción" {
		t.Errorf("Spanish badge title %q", es)
	}
	addSignatory(t, s.other.store, store.StatusApproved, "Badge Counting Org", "https://badgecounting.example.org", "badge@example.org")
	addSignatory(t, s.other.store, store.StatusAwaitingReview, "Badge Waiting Org", "https://badgewaiting.example.org", "wait@example.org")
	after := s.freshWithin(t, "/call-to-action/badge.svg")
	if got, want := svgTitle(t, []byte(after)), strconv.Itoa(n+1)+" organisations support the Call to Action"; got != want {
		t.Errorf("after an approval: badge title %q, want %q", got, want)
	}
	req, _ := http.NewRequest("GET", s.srv.URL+"/call-to-action/badge.svg", nil)
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if cc := res.Header.Get("Cache-Control"); !strings.Contains(cc, "max-age=300") || res.Header.Get("Content-Type") != "image/svg+xml" {
		t.Errorf("badge served as %q, Cache-Control %q", res.Header.Get("Content-Type"), cc)
	}
}

// TestCardsAreKeptAndDrawnAgainWhenWhatTheySayChanges: a card is served
// from the cache, answers If-None-Match, and is drawn again once the
// day's topic changes.
func TestCardsAreKeptAndDrawnAgainWhenWhatTheySayChanges(t *testing.T) {
	s := newCacheSite(t)
	const path = "/sswweek/2018/day-2/card.png"
	before := s.kept(t, path)
	req, _ := http.NewRequest("GET", s.srv.URL+path, nil)
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	etag := res.Header.Get("ETag")
	req.Header.Set("If-None-Match", etag)
	if res, err = http.DefaultTransport.RoundTrip(req); err != nil {
		t.Fatal(err)
	} else if res.Body.Close(); etag == "" || res.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match %q: %d, want 304", etag, res.StatusCode)
	}
	if _, err := s.pool.Exec(context.Background(), `
		UPDATE sswweek_day_texts SET topic = 'A topic changed a moment ago'
		WHERE lang = 'en' AND day_id = (SELECT id FROM sswweek_days WHERE year = 2018 AND number = 2)`); err != nil {
		t.Fatal(err)
	}
	if after := s.freshWithin(t, path); after == before {
		t.Error("the card was not drawn again after its day's topic changed")
	}
}

// TestBrowserAnotherSiteShowsTheBadgesAndCards: a partner's page on
// another origin shows the badges and a card (the site's own pages may
// be read only by itself; these images are for everyone), each drawn at
// its size.
func TestBrowserAnotherSiteShowsTheBadgesAndCards(t *testing.T) {
	app, _ := seededApp(t)
	srv := httptest.NewServer(app.Handler())
	defer srv.Close()
	images := []string{"/call-to-action/supporter-badge.svg", "/es/call-to-action/supporter-badge.png",
		"/call-to-action/badge.svg", "/es/call-to-action/badge.svg", "/sswweek/2018/day-3/card.png"}
	partner := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, "<!doctype html><html lang=en><title>A partner</title><body>")
		for _, p := range images {
			io.WriteString(w, `<p><img alt="" src="`+srv.URL+p+`"></p>`)
		}
		io.WriteString(w, "</body></html>")
	}))
	defer partner.Close()
	b := newBrowser(t, srv.URL)
	b.do(chromedp.Navigate(partner.URL + "/"))
	sizes := value(b, chromedp.Evaluate[[]string](`Promise.all([...document.images].map(i =>
		i.decode().then(() => i.naturalWidth + "x" + i.naturalHeight, () => "failed")))`, chromedp.EvalAwaitPromise))
	want := map[string]string{images[0]: "360x100", images[1]: "720x200", images[4]: "1200x630"}
	if len(sizes) != len(images) {
		t.Fatalf("%d images: %v", len(sizes), sizes)
	}
	for i, p := range images {
		if sizes[i] == "failed" || sizes[i] == "0x0" || want[p] != "" && sizes[i] != want[p] {
			t.Errorf("%s on another site: %s, want %s", p, sizes[i], cmp.Or(want[p], "shown"))
		}
	}
	b.screenshot("partner")
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, p := range b.problems {
		t.Errorf("browser console: %s", p)
	}
}
