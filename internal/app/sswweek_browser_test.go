package app

import (
	"net/http/httptest"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestBrowserSSWWeek walks from the archive to the 2018 edition, on to one
// of its blog posts and over to Spanish, checking accessibility on the way,
// then the edition at phone width and in dark mode.
func TestBrowserSSWWeek(t *testing.T) {
	app, _ := seededApp(t)
	srv := httptest.NewServer(app.Handler())
	defer srv.Close()
	b := newBrowser(t, srv.URL)
	title := chromedp.CSS(`[data-testid=page-title]`)

	b.do(chromedp.Navigate(srv.URL+"/sswweek"), chromedp.WaitVisible(title))
	if n := value(b, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid=edition]').length`)); n != 10 {
		t.Errorf("archive lists %d editions, want 10", n)
	}
	b.checkAxe("SSWWeek archive")
	b.checkClean()

	b.do(
		chromedp.Click(chromedp.CSS(`[data-year="2018"] h3 a`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=day]`)),
	)
	if loc := value(b, chromedp.Location()); loc != srv.URL+"/sswweek/2018" {
		t.Errorf("archive link led to %s", loc)
	}
	if n := value(b, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid=day]').length`)); n != 5 {
		t.Errorf("%d days shown, want 5", n)
	}
	// The event cards are styled (the stylesheet bundle includes ours).
	if border := value(b, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('.event-card')).borderTopWidth`)); border != "4px" {
		t.Errorf("event card border %q: sswweek.css not applied?", border)
	}
	b.screenshot("sswweek-2018-1280")
	b.checkAxe("SSWWeek 2018")
	b.checkClean()

	// From day 2 to its first blog post, then to Spanish.
	b.do(
		chromedp.Click(chromedp.CSS(`#day-2 [data-testid=day-posts] a`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=post-body]`)),
	)
	if loc := value(b, chromedp.Location()); loc != srv.URL+"/blog/counting-the-workforce" {
		t.Errorf("day 2's post link led to %s", loc)
	}
	b.checkAxe("blog post")
	b.do(
		chromedp.Click(chromedp.CSS(`[data-testid=lang-switch] a[hreflang=es]`)),
		chromedp.WaitVisible(title),
	)
	if loc := value(b, chromedp.Location()); loc != srv.URL+"/es/blog/counting-the-workforce" {
		t.Errorf("switch to Spanish landed on %s", loc)
	}
	if h1 := value(b, chromedp.Text(title)); h1 != "No se puede planificar sin contar" {
		t.Errorf("Spanish h1 = %q", h1)
	}
	b.checkAxe("blog post in Spanish")

	// Back up to the Spanish edition through the post's day link.
	b.do(
		chromedp.Click(chromedp.CSS(`[data-testid=post-day]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=day]`)),
	)
	if loc := value(b, chromedp.Location()); loc != srv.URL+"/es/sswweek/2018#day-2" {
		t.Errorf("day link led to %s", loc)
	}
	b.checkAxe("SSWWeek 2018 in Spanish (partly English)")
	b.do(chromedp.Navigate(srv.URL+"/es/blog"), chromedp.WaitVisible(title))
	b.checkAxe("blog list in Spanish")
	b.checkClean()

	// Phone width and dark mode.
	b.do(
		chromedp.EmulateViewport(320, 700),
		chromedp.Navigate(srv.URL+"/sswweek/2018"),
		chromedp.WaitVisible(title),
	)
	if value(b, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`)) {
		t.Error("SSWWeek 2018 scrolls sideways at 320px")
	}
	b.screenshot("sswweek-2018-320")
	b.checkAxe("SSWWeek 2018 at 320px")
	if _, err := chromedp.Call(b.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}},
	}); err != nil {
		t.Fatal(err)
	}
	b.do(chromedp.Navigate(srv.URL+"/sswweek"), chromedp.WaitVisible(title))
	if value(b, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`)) {
		t.Error("archive scrolls sideways at 320px")
	}
	b.screenshot("sswweek-archive-320-dark")
	b.checkAxe("SSWWeek archive in dark mode")
	b.do(chromedp.Navigate(srv.URL+"/sswweek/2018"), chromedp.WaitVisible(title))
	b.screenshot("sswweek-2018-320-dark")
	b.checkAxe("SSWWeek 2018 in dark mode")
	b.checkClean()
}
