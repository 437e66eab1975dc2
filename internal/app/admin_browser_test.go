package app

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserEditPublishRestore is the editor's whole round: sign in, save
// the Call to Action summary as a draft (the public page is unchanged),
// preview it, publish it (the public page changes at once), and restore
// the earlier version from the history (the public page is back).
func TestBrowserEditPublishRestore(t *testing.T) {
	app, pool := seededApp(t)
	srv := httptest.NewServer(app.Handler())
	defer srv.Close()
	password := addStaff(t, pool, "admin@example.org", "admin")
	b := newBrowser(t, srv.URL)
	publicIntro := func() string {
		b.do(chromedp.Navigate(srv.URL+"/call-to-action"), chromedp.WaitVisible(chromedp.CSS(`[data-testid=intro]`)))
		return value(b, chromedp.Text(chromedp.CSS(`[data-testid=intro]`)))
	}
	original := publicIntro()

	// Asking for an admin page leads to sign-in, then back to that page.
	b.do(chromedp.Navigate(srv.URL+"/admin/content/page/call-to-action"), chromedp.WaitVisible(chromedp.CSS(`#email`)))
	b.checkAxe("sign-in")
	b.do(
		chromedp.SendKeys(chromedp.CSS(`#email`), "admin@example.org"),
		chromedp.SendKeys(chromedp.CSS(`#password`), password),
		chromedp.Click(chromedp.CSS(`[data-testid=sign-in]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=edit-form]`)),
	)
	b.checkAxe("edit page")
	b.screenshot("admin-edit-1280")

	const draft = "A draft summary written in the browser test."
	b.do(
		chromedp.SetValue(chromedp.CSS(`#f-intro-en`), draft),
		chromedp.Click(chromedp.CSS(`[data-testid=save-draft]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=flash]`)),
	)
	if got := value(b, chromedp.Text(chromedp.CSS(`[data-testid=flash]`))); !strings.Contains(got, "Draft saved") {
		t.Fatalf("flash after draft: %q", got)
	}
	if got := publicIntro(); got != original {
		t.Fatalf("a draft changed the public page: %q", got)
	}

	// Preview shows the draft as the public page will.
	b.do(chromedp.Navigate(srv.URL+"/admin/content/page/call-to-action/preview"), chromedp.WaitVisible(chromedp.CSS(`[data-testid=preview-banner]`)))
	if got := value(b, chromedp.Text(chromedp.CSS(`[data-testid=intro]`))); got != draft {
		t.Fatalf("preview shows %q", got)
	}
	if got := publicIntro(); got != original {
		t.Fatalf("previewing changed the public page: %q", got)
	}

	// Publish: the public page changes at once.
	b.do(
		chromedp.Navigate(srv.URL+"/admin/content/page/call-to-action"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=publish]`)),
		chromedp.Click(chromedp.CSS(`[data-testid=publish]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=flash]`)),
	)
	if got := publicIntro(); got != draft {
		t.Fatalf("after publishing the public page says %q", got)
	}

	// History: compare and restore the original.
	b.do(
		chromedp.Navigate(srv.URL+"/admin/content/page/call-to-action/history"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=revisions]`)),
		chromedp.Click(chromedp.CSS(`[data-testid=compare-button]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=compare]`)),
	)
	b.checkAxe("history")
	n := value(b, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid=restore]').length`))
	b.do(
		chromedp.Click(chromedp.CSS(`[data-testid=revision]:last-child [data-testid=restore]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=flash]`)),
	)
	if n < 2 {
		t.Fatalf("only %d restore buttons", n)
	}
	if got := publicIntro(); got != original {
		t.Fatalf("after restoring, the public page says %q, want the original", got)
	}
	b.checkClean()
}

// TestBrowserUploadRefusedThenAccepted uploads an HTML file named .pdf
// (refused beside the field, the label kept), then a real PDF.
func TestBrowserUploadRefusedThenAccepted(t *testing.T) {
	app, pool := seededApp(t)
	srv := httptest.NewServer(app.Handler())
	defer srv.Close()
	password := addStaff(t, pool, "admin@example.org", "admin")
	dir := t.TempDir()
	fake, real := filepath.Join(dir, "report.pdf"), filepath.Join(dir, "brief.pdf")
	os.WriteFile(fake, []byte("<!DOCTYPE html><html><body>not a pdf</body></html>"), 0o644)
	os.WriteFile(real, []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"), 0o644)

	b := newBrowser(t, srv.URL)
	b.do(
		chromedp.Navigate(srv.URL+"/admin/login?next=/admin/content/resource-file/new%3Fparent%3Dcall-to-action"),
		chromedp.WaitVisible(chromedp.CSS(`#email`)),
		chromedp.SendKeys(chromedp.CSS(`#email`), "admin@example.org"),
		chromedp.SendKeys(chromedp.CSS(`#password`), password),
		chromedp.Click(chromedp.CSS(`[data-testid=sign-in]`)),
		chromedp.WaitVisible(chromedp.CSS(`#f-file`)),
		chromedp.SendKeys(chromedp.CSS(`#f-label`), "Read the brief"),
		chromedp.SetUploadFiles(chromedp.CSS(`#f-file`), []string{fake}),
		chromedp.Click(chromedp.CSS(`[data-testid=publish]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=error-summary]`)),
	)
	if got := value(b, chromedp.Text(chromedp.CSS(`#f-file-error`))); !strings.Contains(got, "not a PDF") {
		t.Fatalf("message beside the file: %q", got)
	}
	if got := value(b, chromedp.Evaluate[string](`document.querySelector('#f-label').value`)); got != "Read the brief" {
		t.Fatalf("label not kept: %q", got)
	}
	b.checkAxe("upload refused")
	b.do(
		chromedp.SetUploadFiles(chromedp.CSS(`#f-file`), []string{real}),
		chromedp.Click(chromedp.CSS(`[data-testid=publish]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=flash]`)),
	)
	b.do(chromedp.Navigate(srv.URL+"/call-to-action"), chromedp.WaitReady(chromedp.CSS(`main`)))
	html := value(b, chromedp.Evaluate[string](`document.querySelector('main').innerHTML`))
	if !strings.Contains(html, "brief.pdf") {
		t.Fatalf("the uploaded PDF is not offered on the Call to Action page")
	}
}
