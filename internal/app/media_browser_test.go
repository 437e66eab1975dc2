package app

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/sswalliance/advocacy/internal/media"
	"github.com/sswalliance/advocacy/internal/store"
)

// TestBrowserMediaLibraryUploadRefusedThenAccepted: the library at phone
// and desktop widths passes axe; an SVG is refused with its message beside
// the file field (which points at it, and which the summary's link
// focuses), the alt text typed kept; a PNG is then accepted and shown on
// its page.
func TestBrowserMediaLibraryUploadRefusedThenAccepted(t *testing.T) {
	app, pool := seededApp(t)
	srv := httptest.NewServer(app.Handler())
	defer srv.Close()
	password := addStaff(t, pool, "admin@example.org", "admin")
	ctx := context.Background()
	// One image already there, so the list has a card.
	res, err := media.Process(ctx, testPNG(t, 480, 320))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.New(pool).CreateMedia(ctx, res.Original, res.ContentType, res.Width, res.Height,
		store.MediaTexts{AltEN: "A test picture", AltES: "Una imagen de prueba", CaptionEN: "A caption"}, res.Renditions); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	svg, pic := filepath.Join(dir, "logo.svg"), filepath.Join(dir, "visit.png")
	os.WriteFile(svg, []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>`), 0o644)
	os.WriteFile(pic, testPNG(t, 640, 480), 0o644)

	b := newBrowser(t, srv.URL)
	b.do(
		chromedp.Navigate(srv.URL+"/admin/login?next=/admin/media"),
		chromedp.WaitVisible(chromedp.CSS(`#email`)),
		chromedp.SendKeys(chromedp.CSS(`#email`), "admin@example.org"),
		chromedp.SendKeys(chromedp.CSS(`#password`), password),
		chromedp.Click(chromedp.CSS(`[data-testid=sign-in]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=media-list] img`)),
	)
	if !value(b, imageLoads(`[data-testid=media-list] img`)) {
		t.Error("the thumbnail did not load")
	}
	b.checkAxe("media library at 1280px")
	b.screenshot("media-library-1280")
	b.do(chromedp.EmulateViewport(390, 844), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`[data-testid=media-form]`)))
	if value(b, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`)) {
		t.Error("the media library scrolls sideways at 390px")
	}
	b.checkAxe("media library at 390px")
	b.screenshot("media-library-390")

	// An SVG: refused beside the field, the texts kept.
	const alt = "Two social workers talking with a family"
	b.do(
		chromedp.SendKeys(chromedp.CSS(`#alt_en`), alt),
		chromedp.SendKeys(chromedp.CSS(`#alt_es`), "Dos trabajadoras sociales conversan con una familia"),
		chromedp.SetUploadFiles(chromedp.CSS(`#file`), []string{svg}),
		chromedp.Click(chromedp.CSS(`[data-testid=upload]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=error-summary]`)),
	)
	if got := value(b, chromedp.Text(chromedp.CSS(`#file-error`))); !strings.Contains(strings.ToLower(got), strings.ToLower(media.ErrSVG.Error())) {
		t.Errorf("message beside the file: %q", got)
	}
	if got := value(b, chromedp.Evaluate[string](`document.querySelector('#file').getAttribute('aria-describedby')`)); !strings.Contains(got, "file-error") {
		t.Errorf("the file field's aria-describedby %q does not name its message", got)
	}
	if got := value(b, chromedp.Evaluate[string](`document.querySelector('#alt_en').value`)); got != alt {
		t.Errorf("alt text not kept: %q", got)
	}
	b.screenshot("media-upload-refused-390")
	b.checkAxe("upload refused at 390px")
	b.do(chromedp.Click(chromedp.CSS(`[data-testid=error-summary] a`)))
	if got := value(b, chromedp.Evaluate[string](`document.activeElement.id`)); got != "file" {
		t.Errorf("the summary's link focuses %q, want the file field", got)
	}
	b.do(chromedp.EmulateViewport(1280, 900))
	b.checkAxe("upload refused at 1280px")
	b.screenshot("media-upload-refused-1280")

	// A PNG: accepted, and shown on its page.
	// The refused page is marked, to wait for the next one whatever it is.
	value(b, chromedp.Evaluate[string](`document.body.dataset.before = "yes"`))
	b.do(
		chromedp.SetUploadFiles(chromedp.CSS(`#file`), []string{pic}),
		chromedp.Click(chromedp.CSS(`[data-testid=upload]`)),
		chromedp.WaitVisible(chromedp.CSS(`body:not([data-before]) [data-testid=flash], body:not([data-before]) [data-testid=error-summary]`)),
	)
	if got := value(b, chromedp.Evaluate[string](`location.pathname`)); got == "/admin/media" {
		b.screenshot("media-upload-not-accepted")
		t.Fatalf("the PNG was refused: %q", value(b, chromedp.Text(chromedp.CSS(`#main`))))
	}
	b.do(chromedp.WaitVisible(chromedp.CSS(`[data-testid=media-image]`)))
	if got := value(b, chromedp.Evaluate[string](`document.querySelector('[data-testid=media-image]').alt`)); got != alt {
		t.Errorf("image page alt %q", got)
	}
	if !value(b, imageLoads(`[data-testid=media-image]`)) {
		t.Error("the uploaded image does not load on its page")
	}
	if got := value(b, chromedp.Evaluate[string](`document.querySelector('[data-testid=snippet]').value`)); !strings.HasPrefix(got, "![](media:") {
		t.Errorf("snippet %q", got)
	}
	b.checkAxe("image page at 1280px")
	b.screenshot("media-image-1280")
	b.do(chromedp.EmulateViewport(390, 844), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`[data-testid=media-image]`)))
	if value(b, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`)) {
		t.Error("the image page scrolls sideways at 390px")
	}
	b.checkAxe("image page at 390px")
	b.screenshot("media-image-390")
	// The 422 of the refused form is in the console, as expected (the
	// log entry may arrive late, so it is dropped only now).
	b.mu.Lock()
	b.problems = slices.DeleteFunc(b.problems, func(p string) bool {
		return strings.Contains(p, "status of 422") && strings.HasSuffix(p, "/admin/media")
	})
	b.mu.Unlock()
	b.checkClean()
}

// imageLoads reports whether the image selector names loads, brought
// into view and waited for when it has not yet (thumbnails load lazily).
func imageLoads(selector string) chromedp.Action[bool] {
	return chromedp.Evaluate[bool](`new Promise(r => {
		const i = document.querySelector(`+strconv.Quote(selector)+`);
		if (i.complete && i.naturalWidth > 0) { r(true); return; }
		i.addEventListener('load', () => r(i.naturalWidth > 0));
		i.addEventListener('error', () => r(false));
		i.scrollIntoView();
		setTimeout(() => r(i.complete && i.naturalWidth > 0), 5000);
	})`, chromedp.EvalAwaitPromise)
}
