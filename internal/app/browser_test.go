package app

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// chromiumPath finds Debian's Chromium. `make test` installs it; a test run
// without it fails with a message saying how to get it (never skips).
func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("Chromium not found: run `make test` (it installs Debian's chromium), or `apt-get install chromium`, or set CHROMIUM to its path")
	return ""
}

// axeSource returns axe-core's script, which `make test` installs from npm
// into .data/npm (never committed).
func axeSource(t *testing.T) string {
	t.Helper()
	path := os.Getenv("AXE_CORE_JS")
	if path == "" {
		dir, _ := os.Getwd()
		for ; dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
			if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
				break
			}
		}
		path = filepath.Join(dir, ".data", "npm", "node_modules", "axe-core", "axe.min.js")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("axe-core not found (%v): run `make test`, which installs it from npm, or set AXE_CORE_JS", err)
	}
	return string(b)
}

// browser is a headless Chromium tab on a server running the real routes,
// recording console errors and every URL the page requests.
type browser struct {
	t        *testing.T
	ctx      context.Context
	base     string
	axe      string
	mu       sync.Mutex
	problems []string
	requests []string
}

func newBrowser(t *testing.T, base string) *browser {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.NoSandbox, // tests run as root in CI
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })

	b := &browser{t: t, ctx: ctx, base: base, axe: axeSource(t)}
	err := chromedp.Listen(ctx, func(ev any) {
		b.mu.Lock()
		defer b.mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == "error" || ev.Type == "warning" || ev.Type == "assert" {
				var args []string
				for _, a := range ev.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				b.problems = append(b.problems, "console."+string(ev.Type)+": "+strings.Join(args, " "))
			}
		case *runtime.EventExceptionThrown:
			b.problems = append(b.problems, "exception: "+ev.ExceptionDetails.Text)
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.EntryLevelError || ev.Entry.Level == cdplog.EntryLevelWarning {
				b.problems = append(b.problems, "log: "+ev.Entry.Text+" "+ev.Entry.URL)
			}
		case *network.EventRequestWillBeSent:
			b.requests = append(b.requests, ev.Request.URL)
		}
	})
	if err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return b
}

func (b *browser) do(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.screenshot("failure")
		b.t.Fatal(err)
	}
}

// value runs an action that returns a value, failing the test on error.
func value[T any](b *browser, a chromedp.Action[T]) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, a)
	if err != nil {
		b.screenshot("failure")
		b.t.Fatal(err)
	}
	return v
}

// screenshot saves a full-page PNG in the test's artifact directory.
func (b *browser) screenshot(name string) {
	b.t.Helper()
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Logf("screenshot %s: %v", name, err)
		return
	}
	path := filepath.Join(b.t.ArtifactDir(), name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("browser: screenshot %s (%d KB)", path, len(png)/1024)
}

type axeResult struct {
	Violations []struct {
		ID    string `json:"id"`
		Help  string `json:"help"`
		Nodes []struct {
			Target  []any  `json:"target"`
			Summary string `json:"failureSummary"`
		} `json:"nodes"`
	} `json:"violations"`
	Passes int `json:"passes"`
}

// checkAxe runs axe-core on the current page against WCAG 2.2 A and AA and
// fails the test on any violation.
func (b *browser) checkAxe(label string) {
	b.t.Helper()
	script := `axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})
		.then(r => JSON.stringify({violations: r.violations, passes: r.passes.length}))`
	value(b, chromedp.Evaluate[any](b.axe))
	raw := value(b, chromedp.Evaluate[string](script, chromedp.EvalAwaitPromise))
	var res axeResult
	if err := json.Unmarshal([]byte(raw), &res); err != nil {
		b.t.Fatalf("axe result: %v", err)
	}
	if res.Passes == 0 {
		b.t.Fatalf("axe on %s ran no rules", label)
	}
	for _, v := range res.Violations {
		for _, n := range v.Nodes {
			b.t.Errorf("axe on %s: %s (%s) at %v: %s", label, v.ID, v.Help, n.Target, n.Summary)
		}
	}
	b.t.Logf("axe: %s: %d WCAG 2.2 A/AA rules passed, %d violations", label, res.Passes, len(res.Violations))
}

// checkClean fails the test on console errors and on requests that left the
// site (no third-party requests).
func (b *browser) checkClean() {
	b.t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, p := range b.problems {
		b.t.Errorf("browser console: %s", p)
	}
	for _, u := range b.requests {
		if !strings.HasPrefix(u, b.base+"/") && !strings.HasPrefix(u, "data:") {
			b.t.Errorf("third-party request: %s", u)
		}
	}
	b.problems = nil
}

func TestBrowserHomeNavigationAndAccessibility(t *testing.T) {
	app, _ := seededApp(t)
	srv := httptest.NewServer(app.Handler())
	defer srv.Close()
	b := newBrowser(t, srv.URL)
	title := chromedp.CSS(`[data-testid=page-title]`)

	b.do(chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(title))
	if h1 := value(b, chromedp.Text(title)); h1 != "Why support the social service workforce?" {
		t.Errorf("h1 = %q", h1)
	}
	if got := value(b, chromedp.Title()); !strings.HasSuffix(got, "| Social Service Workforce Advocacy") {
		t.Errorf("title = %q", got)
	}
	if n := value(b, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid=section-card]').length`)); n != 6 {
		t.Errorf("section cards = %d", n)
	}
	// The stylesheet loaded (the CSP allows it): the header has its colour.
	if bg := value(b, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('.site-header')).backgroundColor`)); bg == "rgba(0, 0, 0, 0)" || bg == "" {
		t.Errorf("header not styled (background %q): stylesheet blocked?", bg)
	}
	b.screenshot("home-1280")
	b.checkAxe("home")
	b.checkClean()

	// The first Tab reaches the skip link, which moves focus to the content.
	b.do(chromedp.KeyEvent(kb.Tab))
	if got := value(b, chromedp.Evaluate[string](`document.activeElement.textContent`)); got != "Skip to main content" {
		t.Errorf("first Tab focuses %q, want the skip link", got)
	}
	b.do(chromedp.KeyEvent(kb.Enter), chromedp.Sleep(100*time.Millisecond))
	if got := value(b, chromedp.Evaluate[string](`document.activeElement.id`)); got != "main" {
		t.Errorf("after the skip link, focus is on %q, want main", got)
	}

	// Every navigation link leads to its page, marked as current.
	for _, slug := range navSlugs {
		b.do(
			chromedp.Navigate(srv.URL+"/"),
			chromedp.Click(chromedp.CSS(`nav a[href="/`+slug+`"]`)),
			chromedp.WaitVisible(title),
		)
		if loc := value(b, chromedp.Location()); loc != srv.URL+"/"+slug {
			t.Errorf("nav to %s landed on %s", slug, loc)
		}
		if h := value(b, chromedp.Text(title)); h == "" {
			t.Errorf("%s: empty heading", slug)
		}
		current := value(b, chromedp.Evaluate[string](`document.querySelector('nav a[aria-current=page]')?.getAttribute('href') ?? ''`))
		if current != "/"+slug {
			t.Errorf("%s: aria-current on %q", slug, current)
		}
		b.checkAxe(slug)
		b.checkClean()
	}

	// From the key messages to an audience and its messages.
	b.do(
		chromedp.Navigate(srv.URL+"/key-messages"),
		chromedp.Click(chromedp.CSS(`a[href="/key-messages/policymakers"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=message]`)),
	)
	if h := value(b, chromedp.Text(title)); h != "Policymakers" {
		t.Errorf("audience page h1 = %q", h)
	}
	if n := value(b, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid=message] .points li').length`)); n < 9 {
		t.Errorf("supporting points rendered from Markdown: %d, want at least 9", n)
	}
	b.checkAxe("policymakers' key messages")
	b.do(chromedp.Navigate(srv.URL+"/es/key-messages/donors"), chromedp.WaitVisible(title))
	b.checkAxe("donors' key messages in Spanish (English fallback)")
	b.checkClean()

	// Switching language keeps the visitor on the same page, both ways.
	b.do(
		chromedp.Navigate(srv.URL+"/toolkit"),
		chromedp.Click(chromedp.CSS(`[data-testid=lang-switch] a[hreflang=es]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=fallback-note]`)),
	)
	if loc := value(b, chromedp.Location()); loc != srv.URL+"/es/toolkit" {
		t.Errorf("switch to Spanish landed on %s", loc)
	}
	if l := value(b, chromedp.Evaluate[string](`document.documentElement.lang`)); l != "es" {
		t.Errorf("html lang after switch = %q", l)
	}
	b.checkAxe("toolkit in Spanish (English fallback)")
	b.do(chromedp.Navigate(srv.URL+"/es/"), chromedp.WaitVisible(title))
	b.checkAxe("home in Spanish")
	b.do(
		chromedp.Click(chromedp.CSS(`[data-testid=lang-switch] a[hreflang=en]`)),
		chromedp.WaitVisible(title),
	)
	if loc := value(b, chromedp.Location()); loc != srv.URL+"/" {
		t.Errorf("switch back to English landed on %s", loc)
	}
	b.checkClean()

	// The error page, the phone layout and dark mode are accessible too.
	b.do(chromedp.Navigate(srv.URL+"/no-such-page"), chromedp.WaitVisible(title))
	b.checkAxe("404 page")
	b.mu.Lock()
	if len(b.problems) != 1 || !strings.Contains(b.problems[0], "404") {
		t.Errorf("console after a missing page: %v", b.problems)
	}
	b.problems = nil // the 404 was the point
	b.mu.Unlock()
	b.do(
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(title),
	)
	if value(b, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`)) {
		t.Error("home page scrolls sideways at 390px")
	}
	b.screenshot("home-390")
	b.checkAxe("home at 390px")
	if _, err := chromedp.Call(b.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}},
	}); err != nil {
		t.Fatal(err)
	}
	b.do(chromedp.Reload(), chromedp.WaitVisible(title))
	b.screenshot("home-390-dark")
	b.checkAxe("home in dark mode")

	// Public pages set no cookies.
	res, err := chromedp.Call(b.ctx, network.GetCookies, network.GetCookiesParams{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Cookies) != 0 {
		t.Errorf("cookies set: %v", res.Cookies)
	}
	b.checkClean()
}
