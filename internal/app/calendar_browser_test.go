package app

import (
	"net/http/httptest"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

func TestBrowserCalendar(t *testing.T) {
	srv := httptest.NewServer(calendarApp(t))
	defer srv.Close()
	b := newBrowser(t, srv.URL)
	wswd := chromedp.CSS(`#world-social-work-day-2026-03-17`)

	// English, at 1280px: the coming dates, the feed, and axe.
	b.do(chromedp.Navigate(srv.URL+"/events"), chromedp.WaitVisible(wswd))
	if got := value(b, chromedp.Text(chromedp.CSS(`#world-social-work-day-2026-03-17 [data-testid=calendar-theme]`))); got != "Theme 2026: Harambee" {
		t.Errorf("theme %q", got)
	}
	// The stylesheet reached the calendar: the date badge has its colour.
	if bg := value(b, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('#world-social-work-day-2026-03-17 .cal-badge')).backgroundColor`)); bg == "rgba(0, 0, 0, 0)" || bg == "" {
		t.Errorf("date badge not styled (%q)", bg)
	}
	b.screenshot("events-1280")
	b.checkAxe("events")
	b.checkClean()

	// A year link leads to that year, with the entry's anchor to link to.
	b.do(
		chromedp.Click(chromedp.CSS(`[data-testid=calendar-years] a[href="/events?year=2021"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#world-social-work-day-2021-03-16`)),
	)
	if loc := value(b, chromedp.Location()); loc != srv.URL+"/events?year=2021" {
		t.Errorf("year link landed on %s", loc)
	}
	b.checkAxe("events in 2021")
	b.do(chromedp.Navigate(srv.URL+"/events?year=2021#world-social-work-day-2021-03-16"), chromedp.WaitVisible(chromedp.CSS(`#world-social-work-day-2021-03-16`)))
	if !value(b, chromedp.Evaluate[bool](`document.querySelector('#world-social-work-day-2021-03-16').matches(':target')`)) {
		t.Error("the entry's anchor does not target it")
	}
	b.do(chromedp.Navigate(srv.URL+"/events?year=abc"), chromedp.WaitVisible(chromedp.CSS(`[data-testid=calendar-problem]`)))
	b.checkAxe("events with a bad year")
	b.mu.Lock()
	b.problems = nil // the 400 status is logged by the browser, and is the point
	b.mu.Unlock()

	// Spanish, on a phone, then in dark mode.
	b.do(
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(srv.URL+"/es/events"),
		chromedp.WaitVisible(wswd),
	)
	if got := value(b, chromedp.Text(chromedp.CSS(`#world-social-work-day-2026-03-17 [data-testid=calendar-date]`))); got != "martes 17 de marzo de 2026" {
		t.Errorf("Spanish date %q", got)
	}
	if value(b, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`)) {
		t.Error("the calendar scrolls sideways at 390px")
	}
	b.screenshot("events-es-390")
	b.checkAxe("events in Spanish at 390px")
	if _, err := chromedp.Call(b.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}},
	}); err != nil {
		t.Fatal(err)
	}
	b.do(chromedp.Reload(), chromedp.WaitVisible(wswd))
	b.screenshot("events-es-390-dark")
	b.checkAxe("events in Spanish in dark mode")
	b.do(chromedp.EmulateViewport(320, 700), chromedp.Navigate(srv.URL+"/events"), chromedp.WaitVisible(wswd))
	if value(b, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`)) {
		t.Error("the calendar scrolls sideways at 320px")
	}
	b.screenshot("events-320-dark")
	b.checkAxe("events at 320px in dark mode")
	b.checkClean()
}
