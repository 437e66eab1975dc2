package app

import (
	"net/http"
	"strings"
	"testing"
)

func TestOpenGraphAndTwitterTags(t *testing.T) {
	app, _ := seededApp(t)
	h := app.Handler()
	base := app.cfg.BaseURL.String()
	// The 2018 edition has a lead image, but the preview shows its own
	// card (drawn by the server, in the page's language); the home page
	// has none and shows the site's share card. (A blog post's preview is
	// its lead image's crop: TestALeadImageAndAFigureInAPostShowInBothLanguages.)
	for path, want := range map[string]struct {
		title, locale, alt string
		image              string
	}{
		"/sswweek/2018":    {"SSWWeek 2018", "en_US", "es_ES", "/sswweek/2018/card.png"},
		"/es/sswweek/2018": {"SSWWeek 2018", "es_ES", "en_US", "/es/sswweek/2018/card.png"},
		"/es/":             {"¿Por qué apoyar", "es_ES", "en_US", "/static/img/share."},
	} {
		doc := parse(t, get(t, h, "GET", path, nil))
		prop := func(p string) string {
			v, _ := doc.Find(`meta[property="` + p + `"]`).Attr("content")
			return v
		}
		title := doc.Find("title").Text()
		if !strings.HasPrefix(prop("og:title"), want.title) || !strings.HasPrefix(title, prop("og:title")) {
			t.Errorf("%s: og:title %q, title %q", path, prop("og:title"), title)
		}
		desc, _ := doc.Find(`meta[name=description]`).Attr("content")
		if desc == "" || prop("og:description") != desc {
			t.Errorf("%s: og:description %q, description %q", path, prop("og:description"), desc)
		}
		canonical, _ := doc.Find(`link[rel=canonical]`).Attr("href")
		if prop("og:url") != base+path || canonical != base+path {
			t.Errorf("%s: og:url %q, canonical %q", path, prop("og:url"), canonical)
		}
		if prop("og:locale") != want.locale || prop("og:locale:alternate") != want.alt {
			t.Errorf("%s: og:locale %q alternate %q", path, prop("og:locale"), prop("og:locale:alternate"))
		}
		img := prop("og:image")
		prefix, ct := base+want.image, "image/png"
		if !strings.HasPrefix(img, prefix) || prop("og:image:width") != "1200" || prop("og:image:height") != "630" {
			t.Errorf("%s: og:image %q %sx%s", path, img, prop("og:image:width"), prop("og:image:height"))
		} else if res := get(t, h, "GET", strings.TrimPrefix(img, base), nil); res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != ct {
			t.Errorf("%s: og:image answers %d %s", path, res.StatusCode, res.Header.Get("Content-Type"))
		}
		if prop("og:image:alt") == "" {
			t.Errorf("%s: og:image:alt missing", path)
		}
		if card, _ := doc.Find(`meta[name="twitter:card"]`).Attr("content"); card != "summary_large_image" {
			t.Errorf("%s: twitter:card %q", path, card)
		}
		feed, _ := doc.Find(`link[rel=alternate][type="application/atom+xml"]`).Attr("href")
		if res := get(t, h, "GET", strings.TrimPrefix(feed, base), nil); !strings.HasPrefix(feed, base) || res.StatusCode != http.StatusOK {
			t.Errorf("%s: feed link %q answers %d", path, feed, res.StatusCode)
		}
	}
	// Error pages are not for sharing or indexing.
	doc := parse(t, get(t, h, "GET", "/nope", nil))
	if doc.Find(`meta[property^="og:"]`).Length() != 0 {
		t.Error("the 404 page has Open Graph tags")
	}
}
