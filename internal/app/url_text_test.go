package app

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/go-chi/chi/v5"
)

// queryParams are every query parameter a page reads (grep URL.Query).
var queryParams = []string{
	"action", "actor", "before", "country", "from", "k", "kind", "lang", "list", "next",
	"page", "parent", "q", "rev", "saved", "status", "to", "topic", "type", "version", "year",
}

// notText are bytes Postgres refuses in text (SQLSTATE 22021), and other
// control characters no address or search needs.
var notText = []string{"%00", "%FF", "%C3%28", "%ED%A0%80", "%01", "%1B", "%7F", "%C2%85"}

var routeParam = regexp.MustCompile(`\{[^}]+\}|\*$`)

// TestEveryURLWithBytesThatAreNotTextGets400 walks every route the site
// answers, public and staff, and puts bytes that are not text in each of
// its path parameters, after its path, and in every query parameter the
// pages read: each request gets the styled 400 page, never a 500.
func TestEveryURLWithBytesThatAreNotTextGets400(t *testing.T) {
	h := seededHandler(t)
	var urls []string
	err := chi.Walk(routesOf(h), func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		params := routeParam.FindAllStringIndex(route, -1)
		fill := func(skip int, bad string) string {
			var b strings.Builder
			last := 0
			for i, m := range params {
				b.WriteString(route[last:m[0]])
				if i == skip {
					b.WriteString("x" + bad)
				} else {
					b.WriteString("1")
				}
				last = m[1]
			}
			b.WriteString(route[last:])
			return b.String()
		}
		for _, bad := range notText {
			for i := range params {
				urls = append(urls, method+" "+fill(i, bad))
			}
			urls = append(urls, method+" "+strings.TrimSuffix(fill(-1, ""), "/")+"/x"+bad)
		}
		if method == http.MethodGet {
			for i, p := range queryParams {
				bad := notText[i%2] // NUL and %FF for every parameter
				urls = append(urls, method+" "+fill(-1, "")+"?"+p+"="+bad, method+" "+fill(-1, "")+"?"+p+"=ok&"+bad+"=ok")
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(urls) < 1000 {
		t.Fatalf("only %d addresses to try", len(urls))
	}
	for _, u := range urls {
		method, target, _ := strings.Cut(u, " ")
		req := httptest.NewRequest(method, target, nil)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusBadRequest {
			t.Errorf("%s = %d, want 400", u, rec.Code)
		}
	}
	for _, target := range []string{
		"/resources?q=%FF", "/resources/%FF", "/blog/%FF", "/call-to-action/signatories?q=%00",
		"/es/resources?q=%FF", "/es/blog/%00", "/admin/signatories?q=%00",
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
		if rec.Code != http.StatusBadRequest {
			t.Errorf("GET %s = %d, want 400", target, rec.Code)
			continue
		}
		doc, err := goquery.NewDocumentFromReader(rec.Body)
		if err != nil {
			t.Fatal(err)
		}
		if doc.Find(`[data-testid=error-page]`).Length() != 1 {
			t.Errorf("GET %s: not the styled error page", target)
		}
		if want := map[bool]string{true: "es", false: "en"}[strings.HasPrefix(target, "/es/")]; doc.Find("html").AttrOr("lang", "") != want {
			t.Errorf("GET %s: page in %q, want %q", target, doc.Find("html").AttrOr("lang", ""), want)
		}
		if body := rec.Body.String(); strings.Contains(body, "\x00") || !utf8.ValidString(body) {
			t.Errorf("GET %s: the page repeats the bytes", target)
		}
	}
}

// TestURLTextKeepsEveryRealAddress: what visitors really type is let
// through, in any script, with the whitespace a pasted search carries.
func TestURLTextKeepsEveryRealAddress(t *testing.T) {
	h := seededHandler(t)
	for _, target := range []string{
		"/resources?q=" + "%E2%80%9Cmental+health%E2%80%9D", "/resources?q=ni%C3%B1os", "/resources?q=%E6%97%A5%E6%9C%AC",
		"/resources?q=a%09b", "/resources?q=line%0D%0Abreak", "/resources?q=%F0%9F%98%80", "/es/resources?q=se%C3%B1al",
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
		if rec.Code != http.StatusOK {
			t.Errorf("GET %s = %d, want 200", target, rec.Code)
		}
	}
}
