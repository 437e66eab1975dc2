package app

import (
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/sswalliance/advocacy/internal/web"
)

// TestBrowserSignConfirmApprove is the whole flow as people meet it: an
// organisation signs with a real PNG, its contact finds the confirmation
// in the outbox (no SMTP server here), opens the link (which confirms
// nothing) and presses Confirm; staff approve; the logo is on the wall in
// both languages and in the open data, and the count went up by one.
func TestBrowserSignConfirmApprove(t *testing.T) {
	app, pool := seededApp(t)
	srv := serveWithJobs(t, app)
	password := addStaff(t, pool, "reviewer@example.org", "editor")

	const org = "Asociación Browser de Prueba"
	logoPath := filepath.Join(t.TempDir(), "logo.png")
	writeTestPNG(t, logoPath, 900, 300)

	b := newBrowser(t, srv.URL)
	count := func(path string) int {
		b.do(chromedp.Navigate(srv.URL+path), chromedp.WaitVisible(chromedp.CSS(`[data-testid=signatory-count] strong`)))
		n, err := strconv.Atoi(value(b, chromedp.Text(chromedp.CSS(`[data-testid=signatory-count] strong`))))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := count("/call-to-action")

	// Sign.
	b.do(chromedp.Click(chromedp.CSS(`[data-testid=sign-button]`)), chromedp.WaitVisible(chromedp.CSS(`[data-testid=sign-form]`)))
	b.checkAxe("sign form")
	b.do(
		chromedp.SendKeys(chromedp.CSS(`#sign-name`), org),
		chromedp.SendKeys(chromedp.CSS(`#sign-website`), "www.prueba.example"),
		chromedp.SetValue(chromedp.CSS(`#sign-country`), "AR"),
		// Radio and checkbox by keyboard, as many people use them (and with
		// no mouse coordinates to go stale while the page settles).
		chromedp.Focus(chromedp.CSS(`#sign-type-ngo`)),
		chromedp.KeyEvent(" "),
		chromedp.SendKeys(chromedp.CSS(`#sign-contact_name`), "Lucía Pérez"),
		chromedp.SendKeys(chromedp.CSS(`#sign-contact_email`), "lucia@prueba.example"),
		chromedp.SendKeys(chromedp.CSS(`#sign-role`), "Directora"),
		chromedp.SetUploadFiles(chromedp.CSS(`#sign-logo`), []string{logoPath}),
		chromedp.Focus(chromedp.CSS(`#sign-consent`)),
		chromedp.KeyEvent(" "),
	)
	if !value(b, chromedp.Evaluate[bool](`document.querySelector('#sign-type-ngo').checked && document.querySelector('#sign-consent').checked`)) {
		t.Fatal("the type or the consent is not ticked after pressing Space on it")
	}
	time.Sleep(web.MinFillTime) // a person takes longer than a robot
	b.do(chromedp.Click(chromedp.CSS(`[data-testid=sign-submit]`)), chromedp.WaitVisible(chromedp.CSS(`[data-testid=panel], [data-testid=error-summary]`)))
	if !strings.Contains(value(b, chromedp.Location()), "/call-to-action/sign/check-email") {
		b.screenshot("sign-refused")
		t.Fatalf("after signing: %s, the form says %q", value(b, chromedp.Location()),
			value(b, chromedp.Evaluate[string](`document.querySelector('[data-testid=error-summary]')?.innerText ?? ''`)))
	}
	b.checkAxe("check your email")
	var id int64
	if err := pool.QueryRow(context.Background(), `SELECT id FROM signatories WHERE name = $1 AND status = 'awaiting_confirmation'`, org).Scan(&id); err != nil {
		t.Fatalf("the submission was not saved: %v", err)
	}

	// The contact's email, as it reaches them (staff see its link masked);
	// its link opens a page with a button, and opening it confirms nothing.
	b.do(chromedp.Navigate(sentLink(t, app, "lucia@prueba.example", confirmLink)), chromedp.WaitVisible(chromedp.CSS(`[data-testid=confirm]`)))
	b.checkAxe("confirm page")
	var status string
	pool.QueryRow(context.Background(), `SELECT status FROM signatories WHERE id = $1`, id).Scan(&status)
	if status != "awaiting_confirmation" {
		t.Fatalf("opening the link changed the status to %s", status)
	}
	b.do(chromedp.Click(chromedp.CSS(`[data-testid=confirm]`)), chromedp.WaitVisible(chromedp.CSS(`[data-testid=done-text]`)))
	pool.QueryRow(context.Background(), `SELECT status FROM signatories WHERE id = $1`, id).Scan(&status)
	if status != "awaiting_review" {
		t.Fatalf("after Confirm the status is %s", status)
	}

	// Staff (an editor: moderation is theirs) approve it from the queue.
	b.do(chromedp.Navigate(srv.URL+"/admin/signatories"), chromedp.WaitVisible(chromedp.CSS(`#email`)))
	b.do(
		chromedp.SendKeys(chromedp.CSS(`#email`), "reviewer@example.org"),
		chromedp.SendKeys(chromedp.CSS(`#password`), password),
		chromedp.Click(chromedp.CSS(`[data-testid=sign-in]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=signatories]`)),
	)
	b.checkAxe("review queue")
	b.screenshot("signatory-queue-1280")
	b.do(
		chromedp.Click(chromedp.CSS(`a[data-testid=signatory-link][href="/admin/signatories/`+strconv.FormatInt(id, 10)+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=logo-previews]`)),
	)
	b.checkAxe("signatory page")
	b.screenshot("signatory-page-1280")
	b.do(chromedp.Click(chromedp.CSS(`[data-testid=approve]`)), chromedp.WaitVisible(chromedp.CSS(`[data-testid=flash]`)))

	// On the wall, in both languages, and in the open data.
	for _, path := range []string{"/call-to-action", "/es/call-to-action"} {
		if n := count(path); n != before+1 {
			t.Fatalf("%s: count %d, want %d", path, n, before+1)
		}
		alts := value(b, chromedp.Evaluate[[]string](`[...document.querySelectorAll('[data-testid=logo-wall] img')].map(i => i.alt)`))
		if !contains(alts, org) {
			t.Fatalf("%s: the wall shows %q, not %q", path, alts, org)
		}
		loaded := value(b, chromedp.Evaluate[bool](`(async () => {
			const img = [...document.querySelectorAll('[data-testid=logo-wall] img')].find(i => i.alt === `+strconv.Quote(org)+`);
			img.scrollIntoView(); await img.decode(); return img.naturalWidth > 0; })()`, chromedp.EvalAwaitPromise))
		if !loaded {
			t.Fatalf("%s: the logo does not load", path)
		}
	}
	b.screenshot("wall-1280")
	res, err := http.Get(srv.URL + "/call-to-action/signatories.json")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var data struct {
		Count       int
		Signatories []struct{ Name string }
	}
	if err := json.NewDecoder(res.Body).Decode(&data); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range data.Signatories {
		names = append(names, s.Name)
	}
	if data.Count != before+1 || !contains(names, org) {
		t.Fatalf("JSON: count %d (want %d), names %v", data.Count, before+1, names)
	}
	b.checkClean()
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// writeTestPNG writes a real w x h PNG: a blue band on white.
func writeTestPNG(t *testing.T, path string, w, h int) {
	t.Helper()
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.NRGBA{255, 255, 255, 255}
			if y > h/3 && y < 2*h/3 {
				c = color.NRGBA{0x1b, 0x4f, 0x72, 255}
			}
			m.SetNRGBA(x, y, c)
		}
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, m); err != nil {
		t.Fatal(err)
	}
}
