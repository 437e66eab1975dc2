package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/chromedp"

	"github.com/sswalliance/advocacy/internal/i18n"
)

// errorPages are requests every visitor can make that do not end on a normal
// page; the page they get must be as valid as any other.
var errorPages = []struct {
	path   string
	status int
}{
	{"/no-such-page", http.StatusNotFound},
	{"/key-messages/no-such-audience", http.StatusNotFound},
	{"/resources/no-such-resource", http.StatusNotFound},
	{"/sswweek/1900", http.StatusNotFound},
	{"/resources?type=nope", http.StatusBadRequest},
	{"/resources?page=abc", http.StatusBadRequest},
	{"/call-to-action/signatories?type=nope", http.StatusBadRequest},
	{"/call-to-action/confirm/no-such-token", http.StatusNotFound},
	{"/call-to-action/sign/change/no-such-token", http.StatusNotFound},
}

// htmlValidateConfig is the html-validate configuration the pages are held
// to: its standard rules plus those for whole documents. The document preset
// asks for Subresource Integrity on every stylesheet and script; SRI guards
// against a tampering CDN, and the site loads only its own files (the CSP
// and the browser tests see to that), so it is required only on anything
// cross-origin, should that ever appear.
const htmlValidateConfig = `{
	"root": true,
	"extends": ["html-validate:standard", "html-validate:document"],
	"rules": {
		"require-sri": ["error", {"target": "crossorigin"}]
	}
}`

// htmlValidatePath finds the html-validate CLI, which `make test` installs
// from npm into .data/npm (never committed).
func htmlValidatePath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("HTML_VALIDATE"); p != "" {
		return p
	}
	dir, _ := os.Getwd()
	for ; dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
	}
	p := filepath.Join(dir, ".data", "npm", "node_modules", ".bin", "html-validate")
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("html-validate not found (%v): run `make test`, which installs it from npm, or `npm install --prefix .data/npm html-validate`, or set HTML_VALIDATE to its path", err)
	}
	return p
}

// allPagePaths is every public page in every language, as request paths.
// rawCatalogueKey matches interface catalogue keys ("home.sdg.title").
var rawCatalogueKey = regexp.MustCompile(`\b(?:site|nav|footer|home|km|cta|toolkit|resource|resources|sswweek|calendar|error|fallback|breadcrumb|lang|og|sign|org|signatories|subscribe|form)\.[a-z0-9_]+(?:\.[a-z0-9_]+)*\b`)

func allPagePaths(t *testing.T, app *App) []string {
	t.Helper()
	urls, err := app.public.PublicURLs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(urls) < 10 {
		t.Fatalf("publicURLs gave only %d pages: %v", len(urls), urls)
	}
	var paths []string
	for _, l := range i18n.Langs {
		for _, u := range urls {
			paths = append(paths, l.Path(u))
		}
	}
	return paths
}

// htmlValidateReport is html-validate's JSON formatter output: one entry
// per file that has problems.
type htmlValidateReport []struct {
	FilePath string `json:"filePath"`
	Messages []struct {
		RuleID   string `json:"ruleId"`
		Message  string `json:"message"`
		Offset   int    `json:"offset"`
		Selector string `json:"selector"`
	} `json:"messages"`
}

// byteOffset converts html-validate's offset into a page, counted in UTF-16
// code units as JavaScript counts, to a byte offset.
func byteOffset(body []byte, units int) int {
	for i, r := range string(body) {
		if units <= 0 {
			return i
		}
		units -= utf16.RuneLen(r)
	}
	return len(body)
}

func TestEveryPageIsValidHTML(t *testing.T) {
	app, _ := seededApp(t)
	srv := httptest.NewServer(app.Handler())
	defer srv.Close()
	dir := t.TempDir()
	files := map[string]string{} // saved file -> the path that produced it
	titles := map[i18n.Lang]map[string]string{}

	fetch := func(path string, status int) *goquery.Document {
		t.Helper()
		res, err := srv.Client().Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if res.StatusCode != status {
			t.Errorf("%s: status %d, want %d", path, res.StatusCode, status)
		}
		if ct, _, _ := mime.ParseMediaType(res.Header.Get("Content-Type")); ct != "text/html" {
			t.Errorf("%s: content type %q", path, res.Header.Get("Content-Type"))
			return nil
		}
		file := filepath.Join(dir, fmt.Sprintf("page-%03d.html", len(files)))
		if err := os.WriteFile(file, body, 0o644); err != nil {
			t.Fatal(err)
		}
		files[file] = path
		doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if n := doc.Find("head > title").Length(); n != 1 {
			t.Errorf("%s: %d title elements", path, n)
		}
		if strings.TrimSpace(doc.Find("head > title").Text()) == "" {
			t.Errorf("%s: empty title", path)
		}
		// Error pages are not for search engines and need no description.
		if status == http.StatusOK && strings.TrimSpace(doc.Find(`head > meta[name=description]`).AttrOr("content", "")) == "" {
			t.Errorf("%s: no meta description", path)
		}
		if n := doc.Find("h1").Length(); n != 1 {
			t.Errorf("%s: %d h1 elements, want 1", path, n)
		}
		// A catalogue key shown as text means T was given a key that does
		// not exist (T returns the key itself).
		if key := rawCatalogueKey.FindString(doc.Find("body").Text()); key != "" {
			t.Errorf("%s: shows the untranslated interface key %q", path, key)
		}
		return doc
	}

	for _, path := range allPagePaths(t, app) {
		doc := fetch(path, http.StatusOK)
		if doc == nil {
			continue
		}
		l, _ := i18n.Split(path)
		if titles[l] == nil {
			titles[l] = map[string]string{}
		}
		title := doc.Find("head > title").Text()
		if other, ok := titles[l][title]; ok {
			t.Errorf("%s and %s share the title %q", other, path, title)
		}
		titles[l][title] = path
	}
	for _, l := range i18n.Langs {
		for _, e := range errorPages {
			fetch(l.Path(e.path), e.status)
		}
	}

	start := time.Now()
	problems := htmlValidate(t, files)
	t.Logf("html-validate: %d pages in %s, %d problems", len(files), time.Since(start).Round(time.Millisecond), problems)
}

func TestBrowserEveryPageAccessible(t *testing.T) {
	app, _ := seededApp(t)
	srv := httptest.NewServer(app.Handler())
	defer srv.Close()
	urls, err := app.public.PublicURLs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	// One Chromium per language, side by side, each reusing its one tab.
	t.Run("lang", func(t *testing.T) {
		for _, l := range i18n.Langs {
			t.Run(string(l), func(t *testing.T) {
				t.Parallel()
				b := newBrowser(t, srv.URL)
				for _, u := range urls {
					path := l.Path(u)
					name := strings.TrimPrefix(u, "/")
					if name == "" {
						name = "home"
					}
					// A subtest per page names the page that fails and gives
					// its screenshot a folder of its own.
					t.Run(name, func(st *testing.T) {
						b.t = st
						defer func() { b.t = t }()
						b.do(chromedp.Navigate(srv.URL + path))
						b.checkAxe(path)
						b.checkClean()
						if st.Failed() {
							b.screenshot("failure")
						}
					})
					if b.ctx.Err() != nil {
						t.Fatalf("Chromium gave up after %s: %v", path, b.ctx.Err())
					}
				}
			})
		}
	})
	t.Logf("axe on %d pages in %d languages in %s", len(urls)*len(i18n.Langs), len(i18n.Langs), time.Since(start).Round(time.Millisecond))
}

// validPages collects pages, each saved to a file, for one run of
// htmlValidate.
type validPages struct {
	t     *testing.T
	dir   string
	names map[string]string // file -> page name, for the messages
}

func newValidPages(t *testing.T) *validPages {
	return &validPages{t: t, dir: t.TempDir(), names: map[string]string{}}
}

// add saves body as the page name.
func (p *validPages) add(name string, body []byte) {
	p.t.Helper()
	file := filepath.Join(p.dir, name+".html")
	if err := os.WriteFile(file, body, 0o644); err != nil {
		p.t.Fatal(err)
	}
	p.names[file] = name
}

// addResponse reads res, checks that it has status, saves its body as
// the page name and returns the page.
func (p *validPages) addResponse(name string, res *http.Response, status int) *goquery.Document {
	p.t.Helper()
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		p.t.Fatal(err)
	}
	if res.StatusCode != status {
		p.t.Errorf("%s: %s, want %d", name, res.Status, status)
	}
	p.add(name, b)
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(b))
	if err != nil {
		p.t.Fatal(err)
	}
	return doc
}

// validate runs htmlValidate over the pages and returns how many problems
// it found.
func (p *validPages) validate() int {
	p.t.Helper()
	return htmlValidate(p.t, p.names)
}

// htmlValidate runs html-validate once over the saved pages (file path to
// a name for messages), reports each problem as a test error with the
// markup around it, and returns how many there were. The report goes to a
// file: Node may exit before a large report written to a pipe is flushed.
func htmlValidate(t *testing.T, files map[string]string) int {
	t.Helper()
	work := t.TempDir()
	config, reportFile := filepath.Join(work, "htmlvalidate.json"), filepath.Join(work, "report.json")
	if err := os.WriteFile(config, []byte(htmlValidateConfig), 0o644); err != nil {
		t.Fatal(err)
	}
	saved := slices.Sorted(maps.Keys(files))
	cli := htmlValidatePath(t)
	out, err := exec.Command(cli, append([]string{"--config", config, "--formatter", "json=" + reportFile}, saved...)...).CombinedOutput()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("run html-validate %s: %v: run `make test`, which installs it", cli, err)
	}
	raw, rerr := os.ReadFile(reportFile)
	if rerr != nil {
		t.Fatalf("html-validate wrote no report (%v): %v\n%s", rerr, err, out)
	}
	var report htmlValidateReport
	if err := json.Unmarshal(raw, &report); err != nil {
		t.Fatalf("html-validate report (%v): %s\n%s", err, raw, out)
	}
	problems := 0
	for _, f := range report {
		// The pages are rendered on one line, so the markup around the
		// problem says more than its line and column.
		body, _ := os.ReadFile(f.FilePath)
		for _, m := range f.Messages {
			problems++
			at := body[byteOffset(body, m.Offset):]
			at = at[:min(len(at), 80)]
			t.Errorf("html-validate: %s: %s (rule %s) at %s: %s", files[f.FilePath], m.Message, m.RuleID, m.Selector, at)
		}
	}
	if err != nil && problems == 0 {
		t.Errorf("html-validate failed without naming a problem: %v\n%s", err, out)
	}
	return problems
}
