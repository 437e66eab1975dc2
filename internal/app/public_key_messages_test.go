package app

import (
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

func TestKeyMessages(t *testing.T) {
	h := seededHandler(t)

	doc := parse(t, get(t, h, "GET", "/key-messages", nil))
	var slugs []string
	doc.Find(`[data-testid=audience-card] h3 a`).Each(func(_ int, s *goquery.Selection) {
		slugs = append(slugs, strings.TrimPrefix(s.AttrOr("href", ""), "/key-messages/"))
	})
	if got := strings.Join(slugs, " "); got != "donors policymakers media general-public social-service-professionals" {
		t.Errorf("audiences = %q", got)
	}

	for _, slug := range slugs {
		res := get(t, h, "GET", "/key-messages/"+slug, nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", slug, res.StatusCode)
		}
		doc := parse(t, res)
		msgs := doc.Find(`[data-testid=message]`)
		if msgs.Length() < 3 {
			t.Errorf("%s: %d messages, want at least 3", slug, msgs.Length())
		}
		msgs.Each(func(i int, s *goquery.Selection) {
			if s.Find("h2").Text() == "" || s.Find(".points li").Length() == 0 || s.Find(".sources li").Length() == 0 {
				t.Errorf("%s message %d lacks a headline, points or sources", slug, i+1)
			}
		})
		if doc.Find(`nav.breadcrumbs a[href="/key-messages"]`).Length() != 1 {
			t.Errorf("%s: no way back to the list", slug)
		}
		if n := doc.Find(`.other-audiences a`).Length(); n != 4 {
			t.Errorf("%s: %d links to other audiences, want 4", slug, n)
		}
	}

	// Spanish: two of the policymakers' messages are translated, none of
	// the donors' messages are.
	doc = parse(t, get(t, h, "GET", "/es/key-messages/policymakers", nil))
	if got := doc.Find(`[data-testid=fallback-note]`).Text(); !strings.HasPrefix(got, "Algunas partes") {
		t.Errorf("partly translated page: note %q", got)
	}
	if got := doc.Find(`[data-testid=page-title]`).Text(); got != "Responsables de políticas" {
		t.Errorf("Spanish audience name %q", got)
	}
	if doc.Find(`[data-testid=message][lang=en]`).Length() != 1 {
		t.Error("the one untranslated policymakers message should be marked lang=en")
	}
	doc = parse(t, get(t, h, "GET", "/es/key-messages/donors", nil))
	if got := doc.Find(`[data-testid=fallback-note]`).Text(); !strings.HasPrefix(got, "Algunas partes") {
		t.Errorf("audience translated, messages not: note %q", got)
	}
	if doc.Find(`[data-testid=message][lang=en]`).Length() != 3 {
		t.Error("untranslated donor messages not marked lang=en")
	}
	if got := doc.Find(`[data-testid=page-title]`).Text(); got != "Donantes" {
		t.Errorf("audience name in Spanish %q", got)
	}

	if res := get(t, h, "GET", "/key-messages/astronauts", nil); res.StatusCode != 404 {
		t.Errorf("unknown audience = %d, want 404", res.StatusCode)
	}
}
