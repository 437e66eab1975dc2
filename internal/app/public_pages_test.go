package app

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	webpublic "github.com/sswalliance/advocacy/internal/web/public"
)

func TestCallToAction(t *testing.T) {
	app, pool := seededApp(t)
	h := app.Handler()
	clearSignatories(t, pool) // the demo ones: this test counts its own

	doc := parse(t, get(t, h, "GET", "/call-to-action", nil))
	if n := doc.Find(`[data-testid=recommendations-country] > li`).Length(); n != 6 {
		t.Errorf("country-level recommendations: %d, want 6", n)
	}
	if n := doc.Find(`[data-testid=recommendations-global] > li`).Length(); n != 4 {
		t.Errorf("global-level recommendations: %d, want 4", n)
	}
	if got := doc.Find(`#level-country`).Text(); got != "At country level" {
		t.Errorf("country heading %q", got)
	}
	// Documents in English and Spanish, each a real PDF.
	langs := map[string]bool{}
	doc.Find(`.cta-documents [data-testid=file] a`).Each(func(_ int, a *goquery.Selection) {
		href, _ := a.Attr("href")
		hl, _ := a.Attr("hreflang")
		langs[hl] = true
		res := get(t, h, "GET", href, nil)
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusOK || !strings.HasPrefix(string(body), "%PDF-") {
			t.Errorf("%s: %d, starts %q", href, res.StatusCode, body[:min(len(body), 8)])
		}
	})
	if !langs["en"] || !langs["es"] {
		t.Errorf("document languages %v, want en and es", langs)
	}
	if got := strings.Join(strings.Fields(doc.Find(`[data-testid=signatory-count]`).Text()), " "); got != "0 of 50 organisations have signed." { // the demo's goal
		t.Errorf("signatory count %q", got)
	}
	if doc.Find(`[data-testid=logo-wall]`).Length() != 1 {
		t.Error("no empty logo wall")
	}

	// Spanish: translated recommendations in Spanish, the rest marked English.
	es := parse(t, get(t, h, "GET", "/es/call-to-action", nil))
	if got := es.Find(`#level-global`).Text(); got != "A nivel mundial" {
		t.Errorf("Spanish global heading %q", got)
	}
	first := es.Find(`[data-testid=recommendations-country] > li`).First()
	if _, marked := first.Attr("lang"); marked || !strings.Contains(first.Text(), "diálogo nacional") {
		t.Errorf("first Spanish recommendation: %q", first.Text())
	}
	if es.Find(`[data-testid=recommendations-global] > li[lang=en]`).Length() != 1 {
		t.Error("the untranslated global recommendation is not marked lang=en")
	}

	// The count is the approved signatories in the database.
	if _, err := pool.Exec(context.Background(), `INSERT INTO signatories (name, website, status) VALUES ('FICE International', 'https://www.fice-inter.net', 'approved'), ('Hidden', '', 'approved')`); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(context.Background(), `UPDATE signatories SET status = 'hidden' WHERE name = 'Hidden'`); err != nil {
		t.Fatal(err)
	}
	doc = parse(t, get(t, h, "GET", "/es/call-to-action", nil))
	if got := strings.Join(strings.Fields(doc.Find(`[data-testid=signatory-count]`).Text()), " "); got != "1 de 50 organizaciones lo ha firmado." {
		t.Errorf("signatory count after one approval %q", got)
	}
}

func TestToolkit(t *testing.T) {
	h := seededHandler(t)
	for _, prefix := range []string{"", "/es"} {
		doc := parse(t, get(t, h, "GET", prefix+"/toolkit", nil))
		facts := doc.Find(`[data-testid=toolkit-facts]`).Text()
		if !strings.Contains(facts, "2017") || !strings.Contains(facts, "WithoutViolence") {
			t.Errorf("%s/toolkit facts: %q", prefix, facts)
		}
		comps := doc.Find(`[data-testid=component]`)
		if comps.Length() != 6 {
			t.Fatalf("%s/toolkit components: %d, want 6", prefix, comps.Length())
		}
		comps.Each(func(_ int, c *goquery.Selection) {
			href, _ := c.Find("a").Attr("href")
			if !strings.HasPrefix(href, prefix+"/resources?type=") {
				t.Errorf("component link %q", href)
			}
			res := parse(t, get(t, h, "GET", href, nil))
			if res.Find(`[data-testid=result]`).Length() == 0 && res.Find(`.results li`).Length() == 0 {
				t.Errorf("%s lists no resources", href)
			}
		})
		if doc.Find(`.toolkit-document [data-testid=file]`).Length() == 0 {
			t.Errorf("%s/toolkit offers no toolkit download", prefix)
		}
	}
	es := parse(t, get(t, h, "GET", "/es/toolkit", nil))
	if got := es.Find(`#components-heading`).Text(); got != "Qué contiene" {
		t.Errorf("Spanish components heading %q", got)
	}
}

func TestHubInfographicEventsAndLatestEdition(t *testing.T) {
	app, _ := seededApp(t)
	app.site.Now = func() time.Time { return time.Date(2026, 2, 1, 12, 0, 0, 0, time.UTC) }
	h := app.Handler()
	for path, want := range map[string]struct{ wswd, alt string }{
		"/":    {"17 March 2026", "SDG 1, no poverty"},
		"/es/": {"17 de marzo de 2026", "ODS 1, fin de la pobreza"},
	} {
		doc := parse(t, get(t, h, "GET", path, nil))
		src, _ := doc.Find(`[data-testid=infographic]`).Attr("src")
		alt, _ := doc.Find(`[data-testid=infographic]`).Attr("alt")
		if res := get(t, h, "GET", src, nil); res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/svg+xml" || alt == "" {
			t.Errorf("%s: infographic %q answers %d %s, alt %q", path, src, res.StatusCode, res.Header.Get("Content-Type"), alt)
		}
		text := doc.Find(`[data-testid=infographic-text]`)
		if text.Find("li").Length() != 5 || !strings.Contains(text.Text(), want.alt) {
			t.Errorf("%s: infographic text %q", path, text.Text())
		}
		upcoming := doc.Find(`[data-testid=upcoming] li`)
		if upcoming.Length() == 0 || upcoming.Length() > webpublic.HomeUpcoming {
			t.Errorf("%s: %d upcoming dates", path, upcoming.Length())
		}
		if !strings.Contains(upcoming.Text(), want.wswd) {
			t.Errorf("%s: upcoming dates lack World Social Work Day (%s): %q", path, want.wswd, upcoming.Text())
		}
		upcoming.Each(func(_ int, li *goquery.Selection) {
			href, _ := li.Find("a").Attr("href")
			anchor := href[strings.Index(href, "#")+1:]
			events := parse(t, get(t, h, "GET", href[:strings.Index(href, "#")], nil))
			if events.Find("#"+anchor).Length() != 1 {
				t.Errorf("%s: %s has no element #%s", path, href, anchor)
			}
		})
		latest := doc.Find(`[data-testid=latest-edition]`)
		if href, _ := latest.Find("a").Attr("href"); !strings.HasSuffix(href, "/sswweek/2023") {
			t.Errorf("%s: latest edition links to %q", path, href)
		}
	}
}

func TestKeyMessagesDocument(t *testing.T) {
	h := seededHandler(t)
	doc := parse(t, get(t, h, "GET", "/key-messages", nil))
	links := doc.Find(`[data-testid=km-document] [data-testid=file] a`)
	if links.Length() == 0 {
		t.Fatal("no key-messages document")
	}
	href, _ := links.First().Attr("href")
	res := get(t, h, "GET", href, nil)
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment") {
		t.Errorf("%s: %d %s %s", href, res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"))
	}
}
