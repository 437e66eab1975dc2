package app

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// allowClipboard lets the page at origin read and write the clipboard
// without asking, as a visitor who said yes would.
func (b *browser) allowClipboard(origin string) {
	b.t.Helper()
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		_, err := chromedp.Call(b.ctx, cdpbrowser.SetPermission, cdpbrowser.SetPermissionParams{
			Permission: &cdpbrowser.PermissionDescriptor{Name: name, AllowWithoutSanitization: true},
			Setting:    "granted", Origin: origin})
		if err != nil {
			b.t.Fatalf("grant %s: %v", name, err)
		}
	}
}

// clipboard is the text on the clipboard.
func (b *browser) clipboard() string {
	b.t.Helper()
	return value(b, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
}

func TestBrowserEachChatQuestionCopiesWithOneClickOrTheKeyboardAndNothingLoadsFromElsewhere(t *testing.T) {
	app, _ := seededApp(t)
	srv := httptest.NewServer(app.Handler())
	defer srv.Close()
	b := newBrowser(t, srv.URL)
	b.allowClipboard(srv.URL)
	buttons := `[data-testid=chat-questions] [data-testid=copy]`

	for _, c := range []struct {
		path, first string
		width       int64
	}{
		{"/sswweek/2018", "Q1: ", 1280},
		{"/es/sswweek/2018", "P1: ", 390},
	} {
		b.do(chromedp.EmulateViewport(c.width, 900), chromedp.Navigate(srv.URL+c.path), chromedp.WaitVisible(chromedp.CSS(buttons)))
		want := value(b, chromedp.Evaluate[[]string](`[...document.querySelectorAll('`+buttons+`')].map(b => b.dataset.copyText)`))
		if len(want) < 3 {
			t.Fatalf("%s: %d chat questions with a copy button", c.path, len(want))
		}
		for i, text := range want {
			if !strings.HasPrefix(text, c.first[:1]+strconv.Itoa(i+1)+": ") || !strings.HasSuffix(text, " #SSWWeek") {
				t.Errorf("%s: question %d copies %q", c.path, i+1, text)
			}
		}
		if !strings.HasPrefix(want[0], c.first) {
			t.Errorf("%s: the first question copies %q", c.path, want[0])
		}
		// One click each.
		for i, text := range want {
			b.do(chromedp.Click(chromedp.CSS(`[data-testid=chat-questions] li:nth-child(` + strconv.Itoa(i+1) + `) [data-testid=copy]`)))
			if got := b.clipboard(); got != text {
				t.Errorf("%s: after clicking question %d's button the clipboard holds %q, want %q", c.path, i+1, got, text)
			}
		}
		// By keyboard: focus the second button and press Enter, then the
		// third with Tab and Space.
		b.do(chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('`+buttons+`')[1].focus()`), chromedp.KeyEvent("\r"))
		if got := b.clipboard(); got != want[1] {
			t.Errorf("%s: Enter on question 2's button copied %q", c.path, got)
		}
		b.do(chromedp.KeyEvent("\t"), chromedp.KeyEvent(" "))
		if got := b.clipboard(); got != want[2] {
			t.Errorf("%s: Tab then Space copied %q, want question 3", c.path, got)
		}
		// Screen readers hear that it worked, a moment after the copy.
		b.do(chromedp.Poll[chromedp.Void](`document.querySelector('[data-copy-status]').textContent !== ''`))
		b.screenshot(strings.ReplaceAll(strings.Trim(c.path, "/"), "/", "-") + "-" + strconv.Itoa(int(c.width)))
		b.checkAxe(c.path)
		b.checkClean() // every request went to the site itself
	}

	// The share kit: a day's message copies as shown, with the page's link.
	b.do(chromedp.EmulateViewport(390, 900), chromedp.Navigate(srv.URL+"/sswweek/2018/share"),
		chromedp.WaitVisible(chromedp.CSS(`#day-2 [data-testid=share-post] [data-testid=copy]`)))
	shown := value(b, chromedp.Text(chromedp.CSS(`#day-2 [data-testid=share-post] [data-testid=share-text]`)))
	b.do(chromedp.Click(chromedp.CSS(`#day-2 [data-testid=share-post] [data-testid=copy]`)))
	if got := b.clipboard(); got != shown || !strings.HasSuffix(got, "/sswweek/2018#day-2") {
		t.Errorf("the share kit's message copied %q; it shows %q", got, shown)
	}
	if value(b, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`)) {
		t.Error("the share kit scrolls sideways at 390px")
	}
	b.screenshot("share-kit-390")
	b.checkAxe("share kit at 390px")
	b.do(chromedp.EmulateViewport(1280, 900), chromedp.Navigate(srv.URL+"/es/sswweek/2018/share"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=share-day]`)))
	b.screenshot("share-kit-es-1280")
	b.checkAxe("Spanish share kit at 1280px")
	b.checkClean()
}

func TestTheShareKitWorksWithoutJavaScriptAndItsLinksAreOrdinaryLinks(t *testing.T) {
	app, _ := seededApp(t)
	h := app.Handler()
	res := get(t, h, http.MethodGet, "/sswweek/2018/share", nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("share kit: %d", res.StatusCode)
	}
	doc := parse(t, res)
	if og, _ := doc.Find(`meta[property="og:image"]`).Attr("content"); !strings.HasSuffix(og, "/sswweek/2018/card.png") {
		t.Errorf("the share kit's og:image is %q, not the edition's card", og)
	}
	// Without the script, no button that does nothing: each is hidden, and
	// the text it would copy is on the page.
	copies := doc.Find(`[data-testid=copy]`)
	if copies.Length() < 10 {
		t.Fatalf("%d copy buttons on the share kit", copies.Length())
	}
	for i := range copies.Nodes {
		s := copies.Eq(i)
		if _, hidden := s.Attr("hidden"); !hidden {
			t.Errorf("copy button %d is shown without JavaScript", i)
		}
	}
	if n := doc.Find(`[data-testid=share-day]`).Length(); n != 5 {
		t.Errorf("%d days in the 2018 share kit, want 5", n)
	}
	if got := doc.Find(`[data-testid=share-hashtag] strong`).Text(); got != "#SSWWeek" {
		t.Errorf("hashtag %q", got)
	}
	// Share links are plain links to each network's own page, with the
	// post in them; the page loads no script but its own.
	x, ok := doc.Find(`[data-testid=share-week] [data-testid=share-link]`).First().Attr("href")
	u, err := url.Parse(x)
	if !ok || err != nil || u.Host != "x.com" || !strings.Contains(u.Query().Get("text"), "#SSWWeek") {
		t.Errorf("first share link %q", x)
	}
	doc.Find(`script`).Each(func(_ int, s *goquery.Selection) {
		if src, _ := s.Attr("src"); !strings.HasPrefix(src, "/static/js/share.") {
			t.Errorf("script %q on the share kit", src)
		}
	})
	// The chats are on their day, numbered as posted.
	if got := doc.Find(`#day-2 [data-testid=share-questions] li`).First().Find(`.share-text`).Text(); !strings.HasPrefix(got, "Q1: ") || !strings.HasSuffix(got, " #SSWWeek") {
		t.Errorf("day 2's first chat question reads %q", got)
	}

	for _, path := range []string{"/sswweek/1999/share", "/sswweek/99999999999999999999/share", "/sswweek/2014x/share", "/es/sswweek/1800/share"} {
		if res := get(t, h, http.MethodGet, path, nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, res.StatusCode)
		}
	}
	// An edition with no days or messages still has its kit.
	if res := get(t, h, http.MethodGet, "/es/sswweek/2014/share", nil); res.StatusCode != http.StatusOK {
		t.Errorf("2014's share kit: %d", res.StatusCode)
	}
}
