package app

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestBrowserResourceLibrary searches and filters the library through its
// form, opens a resource and downloads a file, in English and Spanish,
// checking accessibility on the way.
func TestBrowserResourceLibrary(t *testing.T) {
	app, _ := seededApp(t)
	srv := httptest.NewServer(app.Handler())
	defer srv.Close()
	b := newBrowser(t, srv.URL)
	title := chromedp.CSS(`[data-testid=page-title]`)
	cards := `document.querySelectorAll('[data-testid=resource-card]').length`

	b.do(chromedp.Navigate(srv.URL+"/resources"), chromedp.WaitVisible(title))
	if n := value(b, chromedp.Evaluate[int](cards)); n != 10 {
		t.Errorf("library shows %d cards, want 10", n)
	}
	b.checkAxe("library")

	// Filter and search with the form: the choices end up in the URL.
	b.do(
		chromedp.SendKeys(chromedp.CSS(`#resource-q`), "violence"),
		chromedp.SetValue(chromedp.CSS(`#resource-type`), "policy-brief"),
		chromedp.Click(chromedp.CSS(`[data-testid=apply]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=clear-filters]`)),
	)
	loc := value(b, chromedp.Location())
	if !strings.Contains(loc, "q=violence") || !strings.Contains(loc, "type=policy-brief") {
		t.Errorf("form landed on %s", loc)
	}
	if n := value(b, chromedp.Evaluate[int](cards)); n != 1 {
		t.Errorf("violence + policy brief: %d cards, want 1", n)
	}
	if got := value(b, chromedp.Evaluate[string](`document.querySelector('[data-testid=snippet] mark')?.textContent ?? ''`)); !strings.EqualFold(got, "violence") {
		t.Errorf("snippet mark %q", got)
	}
	if got := value(b, chromedp.Evaluate[string](`document.querySelector('#resource-type').value`)); got != "policy-brief" {
		t.Errorf("type select after submit = %q", got)
	}
	b.screenshot("resources-search-1280")
	b.checkAxe("library search results")

	// Open the resource and download its file through the link.
	b.do(
		chromedp.Click(chromedp.CSS(`[data-testid=resource-card] h3 a`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=files]`)),
	)
	if got := value(b, chromedp.Text(title)); !strings.HasPrefix(got, "Ending violence against children") {
		t.Errorf("resource h1 %q", got)
	}
	head := value(b, chromedp.Evaluate[string](`fetch(document.querySelector('[data-testid=file] a').href)
		.then(r => r.ok && r.headers.get('content-type') === 'application/pdf' ? r.text() : 'HTTP ' + r.status)
		.then(t => t.slice(0, 5))`, chromedp.EvalAwaitPromise))
	if head != "%PDF-" {
		t.Errorf("downloaded file starts %q", head)
	}
	b.checkAxe("resource page")
	b.checkClean()

	// Spanish: a search with stemming, and an English-only resource.
	b.do(chromedp.Navigate(srv.URL+"/es/resources"), chromedp.WaitVisible(title))
	b.do(
		chromedp.SendKeys(chromedp.CSS(`#resource-q`), "supervisoras"),
		chromedp.Click(chromedp.CSS(`[data-testid=apply]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=snippet]`)),
	)
	if n := value(b, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid=resource-card][data-slug=workforce-strengthening-strategy]').length`)); n != 1 {
		t.Error("Spanish search did not find the strategy")
	}
	b.checkAxe("library search in Spanish")
	b.do(chromedp.Navigate(srv.URL+"/es/resources/mapping-the-workforce"), chromedp.WaitVisible(chromedp.CSS(`[data-testid=fallback-note]`)))
	b.checkAxe("English-only resource in Spanish")
	b.checkClean()

	// A bad filter: the error summary is accessible too (the 400 is logged
	// by the browser, which is expected).
	b.do(chromedp.Navigate(srv.URL+"/es/resources?type=nope&year=abc"), chromedp.WaitVisible(chromedp.CSS(`[data-testid=error-summary]`)))
	b.checkAxe("library with errors in Spanish")
	b.mu.Lock()
	b.problems = nil
	b.mu.Unlock()

	// The phone layout does not scroll sideways.
	b.do(chromedp.EmulateViewport(390, 844), chromedp.Navigate(srv.URL+"/resources?q=care"), chromedp.WaitVisible(title))
	if value(b, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`)) {
		t.Error("library scrolls sideways at 390px")
	}
	b.screenshot("resources-390")
	b.checkAxe("library at 390px")
	b.do(chromedp.Navigate(srv.URL+"/resources/call-to-action"), chromedp.WaitVisible(title))
	if value(b, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`)) {
		t.Error("resource page scrolls sideways at 390px")
	}
	b.screenshot("resource-390")
	b.checkClean()

	// Dark mode: the marks, the error colours and the badges keep their
	// contrast.
	if _, err := chromedp.Call(b.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}},
	}); err != nil {
		t.Fatal(err)
	}
	b.do(chromedp.Navigate(srv.URL+"/es/resources?q=violencia&year=1800"), chromedp.WaitVisible(chromedp.CSS(`[data-testid=error-summary]`)))
	b.screenshot("resources-390-dark")
	b.checkAxe("library with a search and an error, dark mode")
	b.mu.Lock()
	b.problems = nil // the 400 was the point
	b.mu.Unlock()
	b.checkClean()
}
