package app

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/sswalliance/advocacy/internal/content"
)

// fullMainMenu are six entries that, with the six seeded, fill the main
// menu to its bound of 12; the Spanish labels are the longer ones.
var fullMainMenu = []content.Doc{
	{"label.en": "About and contact", "label.es": "Quiénes somos y contacto", "target": "/about"},
	{"label.en": "Country profiles", "label.es": "Perfiles de países", "target": "/resources?type=country-profile"},
	{"label.en": "Blog", "label.es": "Blog", "target": "/blog"},
	{"label.en": "Workforce data", "label.es": "Datos de la fuerza laboral", "target": "https://example.org/data"},
	{"label.en": "Accessibility", "label.es": "Accesibilidad", "target": "/accessibility"},
	{"label.en": "Privacy notice", "label.es": "Aviso de privacidad", "target": "/privacy"},
}

// TestBrowserMenuEditorAndAFullMainMenu: the menu editor, an entry's form
// with its problems, and public pages whose main menu is full are
// accessible at 1280 and 390 px, and the full menu wraps within a phone's
// width rather than widen the page.
func TestBrowserMenuEditorAndAFullMainMenu(t *testing.T) {
	app, pool := seededApp(t)
	ctx := context.Background()
	for _, d := range fullMainMenu {
		d["menu"] = "main"
		if _, err := content.MenuEntryKind.Save(ctx, pool, "", d); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(app.Handler())
	defer srv.Close()
	password := addStaff(t, pool, "admin@example.org", "admin")
	b := newBrowser(t, srv.URL)
	wide := func(label string) {
		t.Helper()
		if w := value(b, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > 390 {
			b.screenshot(strings.ReplaceAll(label, " ", "-"))
			t.Errorf("%s: the page is %d px wide at 390 px", label, w)
		}
	}

	b.do(chromedp.Navigate(srv.URL+"/admin/content/menu/main"), chromedp.WaitVisible(chromedp.CSS(`#email`)))
	b.do(
		chromedp.SendKeys(chromedp.CSS(`#email`), "admin@example.org"),
		chromedp.SendKeys(chromedp.CSS(`#password`), password),
		chromedp.Click(chromedp.CSS(`[data-testid=sign-in]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=children-menu-entry]`)),
	)
	if n := value(b, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid=items-menu-entry] tbody tr').length`)); n != 12 {
		t.Errorf("the menu editor lists %d entries, want 12", n)
	}
	b.checkAxe("main menu editor at 1280px")
	b.screenshot("menu-editor-1280")

	// One more entry in a full menu: said above the form, the values kept.
	b.do(
		chromedp.Navigate(srv.URL+"/admin/content/menu-entry/new?parent=main"),
		chromedp.WaitVisible(chromedp.CSS(`#f-label-en`)),
		chromedp.SetValue(chromedp.CSS(`#f-label-en`), strings.Repeat("Long ", 9)),
		chromedp.SetValue(chromedp.CSS(`#f-target`), "toolkit"),
		chromedp.Click(chromedp.CSS(`[data-testid=publish]`)),
		chromedp.WaitVisible(chromedp.CSS(`.field-error #f-target`)),
	)
	page := value(b, chromedp.Evaluate[string](`document.querySelector('main').innerText`))
	for _, want := range []string{"at most 12 entries", "40 characters or fewer", "starting with /"} {
		if !strings.Contains(page, want) {
			t.Errorf("the refused entry's page does not say %q", want)
		}
	}
	b.checkAxe("a refused menu entry at 1280px")
	b.mu.Lock()
	b.problems = nil // the 422 was the point
	b.mu.Unlock()

	b.do(chromedp.EmulateViewport(390, 844))
	b.do(chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`.field-error #f-target`)))
	wide("refused menu entry at 390px")
	b.checkAxe("a refused menu entry at 390px")
	b.mu.Lock()
	b.problems = nil
	b.mu.Unlock()
	b.do(chromedp.Navigate(srv.URL+"/admin/content/menu/main"), chromedp.WaitVisible(chromedp.CSS(`[data-testid=children-menu-entry]`)))
	b.checkAxe("main menu editor at 390px")
	b.screenshot("menu-editor-390")

	// Public pages with the full menu, in both languages, both widths.
	for _, path := range []string{"/toolkit", "/es/toolkit", "/es/resources"} {
		b.do(chromedp.EmulateViewport(390, 844), chromedp.Navigate(srv.URL+path), chromedp.WaitVisible(chromedp.CSS(`[data-testid=main-menu]`)))
		if n := value(b, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid=main-menu] a').length`)); n != 12 {
			t.Errorf("%s: main menu has %d links, want 12", path, n)
		}
		wide(path + " at 390px")
		// Every link of the menu is inside the viewport's width.
		if out := value(b, chromedp.Evaluate[int](`[...document.querySelectorAll('[data-testid=main-menu] a')]
			.filter(a => { const r = a.getBoundingClientRect(); return r.left < 0 || r.right > 390 }).length`)); out != 0 {
			t.Errorf("%s: %d menu links stick out at 390px", path, out)
		}
		b.checkAxe(path + " with a full main menu at 390px")
		b.screenshot("full-menu-390" + strings.ReplaceAll(path, "/", "-"))
		b.do(chromedp.EmulateViewport(1280, 900), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`[data-testid=main-menu]`)))
		b.checkAxe(path + " with a full main menu at 1280px")
	}
	b.screenshot("full-menu-1280")
	b.checkClean()
}
