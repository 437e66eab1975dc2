package app

import (
	"net/http"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

func TestSpanish(t *testing.T) {
	h := seededHandler(t)

	for _, path := range []string{"/es/", "/es"} {
		res := get(t, h, "GET", path, nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s = %d", path, res.StatusCode)
		}
		doc := parse(t, res)
		if got := doc.Find("html").AttrOr("lang", ""); got != "es" {
			t.Errorf("%s: html lang = %q", path, got)
		}
		if got := doc.Find(`[data-testid=page-title]`).Text(); got != "¿Por qué apoyar a la fuerza laboral del servicio social?" {
			t.Errorf("%s: h1 = %q", path, got)
		}
		if doc.Find(`[data-testid=fallback-note]`).Length() != 0 {
			t.Errorf("%s: translated page shows the fallback note", path)
		}
		if href := doc.Find(`nav.site-nav a`).First().AttrOr("href", ""); href != "/es/key-messages" {
			t.Errorf("%s: nav stays in Spanish? first link %q", path, href)
		}
		if got := doc.Find(`.skip-link`).Text(); got != "Saltar al contenido principal" {
			t.Errorf("%s: skip link = %q", path, got)
		}
		alt := map[string]string{}
		doc.Find(`link[rel=alternate][hreflang]`).Each(func(_ int, s *goquery.Selection) {
			alt[s.AttrOr("hreflang", "")] = s.AttrOr("href", "")
		})
		if alt["en"] != "http://localhost:8080/" || alt["es"] != "http://localhost:8080/es/" || alt["x-default"] != "http://localhost:8080/" {
			t.Errorf("%s: alternates %v", path, alt)
		}
		if got := doc.Find(`link[rel=canonical]`).AttrOr("href", ""); got != "http://localhost:8080/es/" {
			t.Errorf("%s: canonical %q", path, got)
		}
		if got := doc.Find(`[data-testid=lang-switch] a`).AttrOr("href", ""); got != "/" {
			t.Errorf("%s: switch to English goes to %q", path, got)
		}
	}

	// An untranslated page falls back to English, says so, and marks the
	// English part's language.
	doc := parse(t, get(t, h, "GET", "/es/toolkit", nil))
	if doc.Find("html").AttrOr("lang", "") != "es" {
		t.Error("interface of /es/toolkit is not Spanish")
	}
	note := doc.Find(`[data-testid=fallback-note]`)
	if note.Length() != 1 || note.Text() != "Esta página aún no está traducida; se muestra en inglés." {
		t.Errorf("fallback note = %q", note.Text())
	}
	if got := doc.Find(`div[lang=en] [data-testid=page-title]`).Text(); got != "Global Advocacy Toolkit" {
		t.Errorf("English content not marked lang=en: %q", got)
	}
	if got := doc.Find(`nav a[aria-current=page]`).AttrOr("href", ""); got != "/es/toolkit" {
		t.Errorf("current nav item %q", got)
	}
	if got := doc.Find(`[data-testid=lang-switch] a`).AttrOr("href", ""); got != "/toolkit" {
		t.Errorf("language switch goes to %q, want the same page in English", got)
	}

	// Error pages speak the language of the address.
	res := get(t, h, "GET", "/es/no-existe", nil)
	if res.StatusCode != 404 {
		t.Fatalf("status %d", res.StatusCode)
	}
	doc = parse(t, res)
	if got := doc.Find(`[data-testid=page-title]`).Text(); got != "Página no encontrada" {
		t.Errorf("Spanish 404 title %q", got)
	}
	if doc.Find(`meta[name=robots][content=noindex]`).Length() != 1 {
		t.Error("error page indexable")
	}
}
