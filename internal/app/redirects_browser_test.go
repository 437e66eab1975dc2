package app

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserRedirectsAndCustomPage adds a redirect through the staff
// form, is refused a loop with the message beside the field, follows the
// redirect as a visitor, and reads the demo custom page in both
// languages, checking accessibility at 1280 and 390 pixels.
func TestBrowserRedirectsAndCustomPage(t *testing.T) {
	app, pool := seededApp(t)
	srv := httptest.NewServer(app.Handler())
	defer srv.Close()
	password := addStaff(t, pool, "admin@example.org", "admin")
	b := newBrowser(t, srv.URL)
	title := chromedp.CSS(`[data-testid=page-title]`)

	b.do(chromedp.Navigate(srv.URL+"/admin/redirects"), chromedp.WaitVisible(chromedp.CSS(`#email`)))
	b.do(
		chromedp.SendKeys(chromedp.CSS(`#email`), "admin@example.org"),
		chromedp.SendKeys(chromedp.CSS(`#password`), password),
		chromedp.Click(chromedp.CSS(`[data-testid=sign-in]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=redirect-form]`)),
	)
	b.checkAxe("redirects, none yet")
	b.do(
		chromedp.SendKeys(chromedp.CSS(`#from`), "/advocacy?lang=es"),
		chromedp.SendKeys(chromedp.CSS(`#to`), "/es/"),
		chromedp.Click(chromedp.CSS(`[data-testid=add-redirect]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=redirect-row]`)),
	)
	b.checkAxe("redirects, one")

	// A loop back to the old address: refused beside the field.
	b.do(
		chromedp.SendKeys(chromedp.CSS(`#from`), "/es/"),
		chromedp.SendKeys(chromedp.CSS(`#to`), "/advocacy?lang=es"),
		chromedp.Click(chromedp.CSS(`[data-testid=add-redirect]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=from-error], [data-testid=to-error]`)),
	)
	b.mu.Lock()
	b.problems = nil // the 422 was the point
	b.mu.Unlock()
	b.checkAxe("redirects, with a refused one")
	b.screenshot("redirects-refused-1280")

	// A visitor follows the redirect to the Spanish home page.
	b.do(chromedp.Navigate(srv.URL+"/advocacy?lang=es"), chromedp.WaitReady("body"))
	if loc := value(b, chromedp.Location()); loc != srv.URL+"/es/" {
		t.Errorf("/advocacy?lang=es led to %s", loc)
	}

	for _, c := range []struct{ path, want string }{{"/about/team", "Who runs this site"}, {"/es/about/team", "Quién mantiene este sitio"}} {
		b.do(chromedp.EmulateViewport(1280, 900), chromedp.Navigate(srv.URL+c.path), chromedp.WaitVisible(title))
		if got := value(b, chromedp.Text(title)); !strings.Contains(got, c.want) {
			t.Errorf("%s: title %q", c.path, got)
		}
		b.checkAxe(c.path + " at 1280px")
		b.do(chromedp.EmulateViewport(390, 844), chromedp.Navigate(srv.URL+c.path), chromedp.WaitVisible(title))
		if value(b, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`)) {
			t.Errorf("%s scrolls sideways at 390px", c.path)
		}
		b.checkAxe(c.path + " at 390px")
	}
	b.do(chromedp.Navigate(srv.URL+"/admin/redirects"), chromedp.WaitVisible(chromedp.CSS(`[data-testid=redirects]`)))
	b.checkAxe("redirects at 390px")
	b.screenshot("redirects-390")
	b.checkClean()
}
