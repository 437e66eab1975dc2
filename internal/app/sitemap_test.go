package app

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

func TestSitemapListsEveryPublicPageInBothLanguages(t *testing.T) {
	app, _ := seededApp(t)
	h := app.Handler()
	res := get(t, h, "GET", "/sitemap.xml", nil)
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/xml") {
		t.Fatalf("GET /sitemap.xml = %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	body, _ := io.ReadAll(res.Body)
	var set struct {
		URLs []struct {
			Loc   string `xml:"loc"`
			Links []struct {
				Hreflang string `xml:"hreflang,attr"`
				Href     string `xml:"href,attr"`
			} `xml:"http://www.w3.org/1999/xhtml link"`
		} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
	}
	if err := xml.Unmarshal(body, &set); err != nil {
		t.Fatalf("sitemap is not XML: %v\n%s", err, body)
	}
	base := app.cfg.BaseURL.String()
	locs := map[string]bool{}
	for _, u := range set.URLs {
		if !strings.HasPrefix(u.Loc, base+"/") {
			t.Errorf("loc %q is not absolute on %s", u.Loc, base)
		}
		if locs[u.Loc] {
			t.Errorf("loc %q listed twice", u.Loc)
		}
		locs[u.Loc] = true
		if len(u.Links) != 3 {
			t.Errorf("%s has %d alternates, want en, es and x-default", u.Loc, len(u.Links))
		}
	}
	// A sample of pages from every part of the site, in both languages.
	for _, p := range []string{
		"/", "/es/", "/key-messages", "/es/key-messages/donors", "/call-to-action", "/es/toolkit",
		"/resources", "/es/resources/call-to-action", "/sswweek", "/es/sswweek/2018", "/sswweek/2014",
		"/blog", "/events", "/es/events",
	} {
		if !locs[base+p] {
			t.Errorf("sitemap lacks %s", p)
		}
	}
	// Every listed page answers 200, and every blog post is listed.
	for loc := range locs {
		path := strings.TrimPrefix(loc, base)
		if res := get(t, h, "GET", path, nil); res.StatusCode != 200 {
			t.Errorf("GET %s (from the sitemap) = %d", path, res.StatusCode)
		}
	}
	slugs, err := app.store.BlogSlugs(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range slugs {
		if !locs[base+"/blog/"+s] || !locs[base+"/es/blog/"+s] {
			t.Errorf("sitemap lacks blog post %s", s)
		}
	}

	res = get(t, h, "GET", "/robots.txt", nil)
	robots, _ := io.ReadAll(res.Body)
	if !strings.Contains(string(robots), "Sitemap: "+base+"/sitemap.xml") {
		t.Errorf("robots.txt does not name the sitemap:\n%s", robots)
	}
}
