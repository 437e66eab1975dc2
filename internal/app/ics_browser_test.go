package app

import (
	"encoding/json"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserAddToCalendarBesideEveryEvent opens the calendar and the 2018
// edition, in both languages, on a phone and a desktop: every event shows
// its own "Add to calendar" link inside its card, on screen, with a
// visible focus; each link, fetched by the page itself, is a calendar
// with one event; axe finds nothing and nothing loads from elsewhere.
func TestBrowserAddToCalendarBesideEveryEvent(t *testing.T) {
	srv := httptest.NewServer(calendarApp(t))
	defer srv.Close()
	b := newBrowser(t, srv.URL)
	links := chromedp.CSS(`a[data-testid=add-to-calendar]`)

	// What every link looks like and downloads, checked in the page.
	const check = `(async () => {
		const out = {links: 0, offscreen: [], outside: [], bad: [], scrolls: document.documentElement.scrollWidth > innerWidth};
		const cards = document.querySelectorAll('[data-testid=calendar-entry], [data-testid=event]');
		for (const c of cards) {
			if (c.querySelectorAll('a[data-testid=add-to-calendar]').length !== 1) out.outside.push(c.id);
		}
		for (const a of document.querySelectorAll('a[data-testid=add-to-calendar]')) {
			out.links++;
			const r = a.getBoundingClientRect();
			if (r.width < 24 || r.height < 16 || r.left < 0 || r.right > innerWidth) out.offscreen.push(a.getAttribute('href'));
			const res = await fetch(a.href);
			const text = await res.text();
			if (res.status !== 200 || res.headers.get('Content-Type') !== 'text/calendar; charset=utf-8' ||
				!text.startsWith('BEGIN:VCALENDAR\r\n') || text.split('BEGIN:VEVENT').length !== 2) out.bad.push(a.getAttribute('href'));
		}
		return JSON.stringify(out);
	})()`
	type result struct {
		Links     int
		Offscreen []string
		Outside   []string
		Bad       []string
		Scrolls   bool
	}

	for _, width := range []int64{1280, 390} {
		for _, page := range []string{"/events", "/sswweek/2018", "/es/sswweek/2018", "/es/events"} {
			label := page + " at " + strconv.FormatInt(width, 10) + "px"
			b.do(chromedp.EmulateViewport(width, 900), chromedp.Navigate(srv.URL+page), chromedp.WaitVisible(links))
			var r result
			if err := json.Unmarshal([]byte(value(b, chromedp.Evaluate[string](check, chromedp.EvalAwaitPromise))), &r); err != nil {
				t.Fatal(err)
			}
			if r.Links < 3 || len(r.Offscreen) > 0 || len(r.Outside) > 0 || len(r.Bad) > 0 || r.Scrolls {
				t.Errorf("%s: %+v", label, r)
			}
			// The link takes the keyboard focus, and shows it: Tab away from
			// it and Shift+Tab back, as a keyboard user would.
			value(b, chromedp.Evaluate[bool](`(window.icsLink = document.querySelector('a[data-testid=add-to-calendar]')).focus(), true`))
			b.do(chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift)))
			focus := value(b, chromedp.Evaluate[string](`document.activeElement === window.icsLink ? getComputedStyle(window.icsLink).boxShadow : 'not focused'`))
			if focus == "not focused" || focus == "none" {
				t.Errorf("%s: focus on the link %q", label, focus)
			}
			b.screenshot("add-to-calendar" + strings.ReplaceAll(page, "/", "-") + "-" + strconv.FormatInt(width, 10))
			b.checkAxe(label)
			b.checkClean()
		}
	}
}
