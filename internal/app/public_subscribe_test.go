package app

import (
	"bytes"
	"cmp"
	"context"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	webpublic "github.com/sswalliance/advocacy/internal/web/public"
)

// postForm sends an urlencoded form from ip, as a browser on this site
// would (or a mail program's server, which sends no Origin).
func (s signSite) postForm(t *testing.T, path, ip string, fields url.Values) *http.Response {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(fields.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return s.do(t, req, ip)
}

// subscribeFields is a complete, valid sign-up for addr.
func subscribeFields(stamp, addr string) url.Values {
	return url.Values{"email": {addr}, "name": {"Rosa"}, "lang": {"en"}, "daily": {"yes"},
		"consent": {"yes"}, "started": {stamp}, "homepage": {""}}
}

func (s signSite) subscriber(t *testing.T, addr string) (store.Subscriber, bool) {
	t.Helper()
	var id int64
	if err := s.pool.QueryRow(context.Background(), `SELECT id FROM subscribers WHERE lower(email) = lower($1)`, addr).Scan(&id); err != nil {
		return store.Subscriber{}, false
	}
	sub, err := s.app.store.Subscriber(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return sub, true
}

func (s signSite) countRows(t *testing.T, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := s.pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

var subscribeConfirmLink = regexp.MustCompile(`/sswweek/subscribe/confirm/([A-Za-z0-9_-]+)`)

// activeSubscriber signs addr up through the form and confirms it.
func (s signSite) activeSubscriber(t *testing.T, addr string) store.Subscriber {
	t.Helper()
	if res := s.postForm(t, "/sswweek/subscribe", "198.51.100.7", subscribeFields(s.stamp(t), addr)); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-up: %s", res.Status)
	}
	path, _ := s.emailLink(t, addr, subscribeConfirmLink)
	if res := s.postForm(t, path, "198.51.100.7", nil); res.StatusCode != http.StatusOK {
		t.Fatalf("confirm: %s", res.Status)
	}
	sub, _ := s.subscriber(t, addr)
	if sub.Status != store.SubscriberActive {
		t.Fatalf("not active after confirming: %+v", sub)
	}
	return sub
}

// preferencesPath is the path of sub's preferences page, from the link
// every email carries.
func (s signSite) preferencesPath(t *testing.T, sub store.Subscriber) string {
	t.Helper()
	u, err := s.app.subscribe.PreferencesURL(context.Background(), sub)
	if err != nil {
		t.Fatal(err)
	}
	return webpublic.SitePath(u)
}

func TestSubscribeFormRendersEverywhere(t *testing.T) {
	s := newSignSite(t)
	for _, tt := range []struct{ path, action, lang string }{
		{"/sswweek/subscribe", "/sswweek/subscribe", "en"},
		{"/es/sswweek/subscribe", "/es/sswweek/subscribe", "es"},
		{"/", "/sswweek/subscribe", "en"},
		{"/es/toolkit", "/es/sswweek/subscribe", "es"},
		{"/sswweek", "/sswweek/subscribe", "en"},
	} {
		res := s.get(t, tt.path)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %s", tt.path, res.Status)
		}
		doc := parse(t, res)
		forms := doc.Find(`[data-testid="subscribe-form"]`)
		if forms.Length() != 1 {
			t.Errorf("%s: %d sign-up forms, want 1", tt.path, forms.Length())
			continue
		}
		if a, _ := forms.Attr("action"); a != tt.action {
			t.Errorf("%s: the form posts to %q, want %q", tt.path, a, tt.action)
		}
		for _, name := range []string{"email", "name", "lang", "daily", "updates", "consent", "homepage"} {
			if forms.Find(`[name="`+name+`"]`).Length() == 0 {
				t.Errorf("%s: no %s field", tt.path, name)
			}
		}
		// A kept page's stamp is written last on the page, tied to its
		// form by id (the part made per response; see FormStamps); the
		// sign-up page's own, never kept, is inside its form.
		id, _ := forms.Attr("id")
		stamp := doc.Find(`input[name="started"][form="` + id + `"]`).AddSelection(forms.Find(`[name="started"]`))
		if id == "" || stamp.Length() != 1 {
			t.Errorf("%s: form %q has %d stamps", tt.path, id, stamp.Length())
		}
		if v, _ := forms.Find(`[name="lang"][checked]`).Attr("value"); v != tt.lang {
			t.Errorf("%s: language %q chosen, want the page's %q", tt.path, v, tt.lang)
		}
		if v, _ := stamp.Attr("value"); v == "" {
			t.Errorf("%s: the form has no stamp", tt.path)
		}
	}
}

func TestSubscribeFormProblems(t *testing.T) {
	s := newSignSite(t)
	stamp := s.stamp(t)
	with := func(change func(url.Values)) url.Values {
		v := subscribeFields(stamp, "rosa@example.org")
		change(v)
		return v
	}
	tests := []struct {
		name     string
		fields   url.Values
		problems []string // fields with a message beside them
		form     bool     // a problem with the whole form
	}{
		{"empty", url.Values{"started": {stamp}}, []string{"email", "lang", "lists", "consent"}, false},
		{"bad email", with(func(v url.Values) { v.Set("email", "rosa.example.org") }), []string{"email"}, false},
		{"no list, no consent", with(func(v url.Values) { v.Del("daily"); v.Del("consent") }), []string{"lists", "consent"}, false},
		{"link as name", with(func(v url.Values) { v.Set("name", "Visit www.spam.example") }), []string{"name"}, false},
		{"no stamp", with(func(v url.Values) { v.Del("started") }), nil, true},
		{"forged stamp", with(func(v url.Values) { v.Set("started", "1700000000000.forged") }), nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := s.postForm(t, "/sswweek/subscribe", "192.0.2.30", tt.fields)
			if res.StatusCode != http.StatusBadRequest {
				t.Fatalf("%s, want 400", res.Status)
			}
			doc := parse(t, res)
			if doc.Find(`[data-testid="error-summary"]`).Length() != 1 {
				t.Error("no error summary")
			}
			if got := doc.Find(`[data-testid="field-error"]`).Length(); got != len(tt.problems) {
				t.Errorf("%d field messages, want %d", got, len(tt.problems))
			}
			for _, f := range tt.problems {
				if doc.Find("#subscribe-"+f+"-error").Length() != 1 {
					t.Errorf("no message beside %s", f)
				}
			}
			if got := doc.Find(`[data-testid="form-problem"]`).Length() == 1; got != tt.form {
				t.Errorf("whole-form problem shown: %v, want %v", got, tt.form)
			}
			if !strings.HasPrefix(doc.Find("title").Text(), "Error:") {
				t.Errorf("title %q not marked", doc.Find("title").Text())
			}
			// What was typed is kept, and the form is stamped to try again.
			if v, _ := doc.Find("#subscribe-email").Attr("value"); v != tt.fields.Get("email") {
				t.Errorf("email shown as %q, want %q", v, tt.fields.Get("email"))
			}
			if v, _ := doc.Find(`[name="started"]`).Attr("value"); v == "" {
				t.Error("no fresh stamp")
			}
		})
	}
	if n := s.countRows(t, `SELECT count(*) FROM subscribers`); n != 0 {
		t.Fatalf("%d subscribers saved from forms with problems", n)
	}
}

func TestSubscribeRobotsSaveNothing(t *testing.T) {
	s := newSignSite(t)
	honeypot := subscribeFields(s.stamp(t), "robot1@example.org")
	honeypot.Set("homepage", "http://spam.example")
	fresh, err := s.app.site.Guard().Stamp(context.Background()) // shown just now: too fast for a person
	if err != nil {
		t.Fatal(err)
	}
	for name, fields := range map[string]url.Values{"honeypot": honeypot, "too fast": subscribeFields(fresh, "robot2@example.org")} {
		res := s.postForm(t, "/sswweek/subscribe", "192.0.2.31", fields)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/sswweek/subscribe/check-email" {
			t.Errorf("%s: %s to %q, want the normal success redirect", name, res.Status, res.Header.Get("Location"))
		}
	}
	if n := s.countRows(t, `SELECT count(*) FROM subscribers`) + s.countRows(t, `SELECT count(*) FROM emails`); n != 0 {
		t.Fatalf("robots saved %d rows", n)
	}
}

func TestSubscribeConfirmByPostOnly(t *testing.T) {
	s := newSignSite(t)
	res := s.postForm(t, "/es/sswweek/subscribe", "192.0.2.32", func() url.Values {
		v := subscribeFields(s.stamp(t), "lucia@example.org")
		v.Set("lang", "es")
		v.Set("updates", "yes")
		return v
	}())
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/es/sswweek/subscribe/check-email" {
		t.Fatalf("sign-up: %s to %q", res.Status, res.Header.Get("Location"))
	}
	if res := s.get(t, "/es/sswweek/subscribe/check-email"); res.StatusCode != http.StatusOK {
		t.Fatalf("check-email page: %s", res.Status)
	}
	path, _ := s.emailLink(t, "lucia@example.org", subscribeConfirmLink)
	if !strings.HasPrefix(path, "/sswweek/") {
		t.Fatalf("link %q", path)
	}
	path = "/es" + path

	// Opening the link (as a mail scanner would) changes nothing.
	for range 2 {
		res := s.get(t, path)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("confirm page: %s", res.Status)
		}
		doc := parse(t, res)
		if a, _ := doc.Find(`[data-testid="confirm-form"]`).Attr("action"); a != path {
			t.Errorf("the button posts to %q, want %q", a, path)
		}
		if got := doc.Find(`[data-testid="address"]`).Text(); got != "l***@example.org" {
			t.Errorf("address shown as %q", got)
		}
		if res.Header.Get("Cache-Control") != "no-store" {
			t.Error("the confirm page may be cached")
		}
	}
	if sub, _ := s.subscriber(t, "lucia@example.org"); sub.Status != store.SubscriberPending {
		t.Fatalf("GET confirmed: %s", sub.Status)
	}
	res = s.postForm(t, path, "192.0.2.32", nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("confirm: %s", res.Status)
	}
	doc := parse(t, res)
	prefs, _ := doc.Find(`[data-testid="preferences-link"]`).Attr("href")
	if !strings.HasPrefix(prefs, "/es/sswweek/subscription/") {
		t.Errorf("preferences link %q", prefs)
	}
	if sub, _ := s.subscriber(t, "lucia@example.org"); sub.Status != store.SubscriberActive || !sub.Daily || !sub.Updates || sub.Lang != "es" {
		t.Fatalf("after confirming: %+v", sub)
	}
	// Spent: the link now says so.
	for _, method := range []string{http.MethodGet, http.MethodPost} {
		res := s.do(t, httptest.NewRequest(method, path, nil), "192.0.2.32")
		if res.StatusCode != http.StatusNotFound || parse(t, res).Find(`[data-testid="link-expired"]`).Length() != 1 {
			t.Errorf("%s of a spent link: %s", method, res.Status)
		}
	}
}

func TestSubscribeAgainRevealsNothing(t *testing.T) {
	s := newSignSite(t)
	s.activeSubscriber(t, "pia@example.org")
	emails := s.countRows(t, `SELECT count(*) FROM emails`)
	res := s.postForm(t, "/sswweek/subscribe", "192.0.2.33", subscribeFields(s.stamp(t), "PIA@example.org"))
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/sswweek/subscribe/check-email" {
		t.Fatalf("again: %s to %q, want the same answer as a new address", res.Status, res.Header.Get("Location"))
	}
	if n := s.countRows(t, `SELECT count(*) FROM subscribers WHERE lower(email) = 'pia@example.org'`); n != 1 {
		t.Fatalf("%d rows for the address", n)
	}
	if n := s.countRows(t, `SELECT count(*) FROM emails`); n != emails+1 {
		t.Fatalf("%d emails queued, want one reminder", n-emails)
	}
}

func TestSubscribeRateLimit(t *testing.T) {
	s := newSignSite(t)
	stamp := s.stamp(t)
	for i := range web.SubscribeLimit {
		res := s.postForm(t, "/sswweek/subscribe", "192.0.2.34", subscribeFields(stamp, "p"+strconv.Itoa(i)+"@example.org"))
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign-up %d: %s", i+1, res.Status)
		}
	}
	res := s.postForm(t, "/sswweek/subscribe", "192.0.2.34", subscribeFields(stamp, "one-more@example.org"))
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
		t.Fatalf("over the limit: %s, Retry-After %q", res.Status, res.Header.Get("Retry-After"))
	}
	if parse(t, res).Find(`[data-testid="form-problem"]`).Length() != 1 {
		t.Error("no message about the limit")
	}
	if _, ok := s.subscriber(t, "one-more@example.org"); ok {
		t.Fatal("saved over the limit")
	}
	// Another address is not affected.
	if res := s.postForm(t, "/sswweek/subscribe", "192.0.2.35", subscribeFields(stamp, "other@example.org")); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("another address: %s", res.Status)
	}
}

func TestOneClickUnsubscribe(t *testing.T) {
	s := newSignSite(t)
	ctx := context.Background()
	sub := s.activeSubscriber(t, "tom@example.org")
	headers, err := s.app.subscribe.Headers(ctx, sub)
	if err != nil {
		t.Fatal(err)
	}
	if headers["List-Unsubscribe-Post"] != "List-Unsubscribe=One-Click" {
		t.Fatalf("headers %v", headers)
	}
	path := webpublic.SitePath(strings.Trim(headers["List-Unsubscribe"], "<>"))
	if !strings.HasPrefix(path, "/sswweek/unsubscribe/") {
		t.Fatalf("List-Unsubscribe %q", headers["List-Unsubscribe"])
	}
	oneClick := url.Values{"List-Unsubscribe": {"One-Click"}}

	// Opening the link shows a button and changes nothing.
	res := s.get(t, path)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET: %s", res.Status)
	}
	if a, _ := parse(t, res).Find(`[data-testid="unsubscribe-form"]`).Attr("action"); a != path {
		t.Errorf("the button posts to %q", a)
	}
	// A forged link is not found; a POST without the one-click body does
	// nothing.
	forged := path[:strings.LastIndexByte(path, '/')+1] + strings.Repeat("A", 32)
	if res := s.postForm(t, forged, "203.0.113.5", oneClick); res.StatusCode != http.StatusNotFound {
		t.Errorf("forged link: %s", res.Status)
	}
	if res := s.get(t, forged); res.StatusCode != http.StatusNotFound {
		t.Errorf("GET of a forged link: %s", res.Status)
	}
	if res := s.postForm(t, path, "203.0.113.5", nil); res.StatusCode != http.StatusBadRequest {
		t.Errorf("POST without the body: %s", res.Status)
	}
	if got, _ := s.subscriber(t, "tom@example.org"); got.Status != store.SubscriberActive {
		t.Fatalf("unsubscribed without the one-click POST: %s", got.Status)
	}

	// The mail program's POST: no cookies, no Origin, no Sec-Fetch-Site.
	res = s.postForm(t, path, "203.0.113.5", oneClick)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("one-click: %s", res.Status)
	}
	if parse(t, res).Find(`[data-testid="page-title"]`).Text() != "You are unsubscribed" {
		t.Error("no word that it worked")
	}
	if got, _ := s.subscriber(t, "tom@example.org"); got.Status != store.SubscriberUnsubscribed {
		t.Fatalf("after one-click: %s", got.Status)
	}
	// Again: the same answer.
	if res := s.postForm(t, path, "203.0.113.5", oneClick); res.StatusCode != http.StatusOK {
		t.Errorf("second one-click: %s", res.Status)
	}

	// Multipart, as RFC 8058 prefers, and posted by a webmail from the
	// reader's browser (marked cross-site).
	other := s.activeSubscriber(t, "una@example.org")
	h, _ := s.app.subscribe.Headers(ctx, other)
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("List-Unsubscribe", "One-Click")
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, webpublic.SitePath(strings.Trim(h["List-Unsubscribe"], "<>")), &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	req.Header.Set("Origin", "https://webmail.example")
	if res := s.do(t, req, "203.0.113.6"); res.StatusCode != http.StatusOK {
		t.Fatalf("multipart one-click from a webmail: %s", res.Status)
	}
	if got, _ := s.subscriber(t, "una@example.org"); got.Status != store.SubscriberUnsubscribed {
		t.Fatalf("after multipart one-click: %s", got.Status)
	}
}

func TestSubscriptionPreferences(t *testing.T) {
	s := newSignSite(t)
	sub := s.activeSubscriber(t, "vera@example.org")
	path := s.preferencesPath(t, sub)

	res := s.get(t, path)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("preferences: %s", res.Status)
	}
	doc := parse(t, res)
	if got := doc.Find(`[data-testid="address"]`).Text(); got != "v***@example.org" {
		t.Errorf("address shown as %q", got)
	}
	if strings.Contains(doc.Text(), "vera@example.org") {
		t.Error("the page shows the whole address")
	}
	if doc.Find(`#prefs-daily[checked]`).Length() != 1 || doc.Find(`#prefs-updates[checked]`).Length() != 0 {
		t.Error("the boxes do not show the lists")
	}

	// No list: refused, with the way to unsubscribe pointed out.
	res = s.postForm(t, path, "192.0.2.36", url.Values{"lang": {"en"}})
	if res.StatusCode != http.StatusBadRequest || parse(t, res).Find("#prefs-lists-error").Length() != 1 {
		t.Fatalf("no list: %s", res.Status)
	}
	// Spanish, updates only: saved, and the page is shown in Spanish.
	res = s.postForm(t, path, "192.0.2.36", url.Values{"lang": {"es"}, "updates": {"yes"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/es"+path+"?saved=1" {
		t.Fatalf("save: %s to %q", res.Status, res.Header.Get("Location"))
	}
	res = s.get(t, res.Header.Get("Location"))
	if res.StatusCode != http.StatusOK || parse(t, res).Find(`[data-testid="saved"]`).Length() != 1 {
		t.Fatalf("after saving: %s", res.Status)
	}
	if got, _ := s.subscriber(t, "vera@example.org"); got.Lang != "es" || got.Daily || !got.Updates {
		t.Fatalf("saved as %+v", got)
	}

	// The page's unsubscribe button takes the one-click way.
	doc = parse(t, s.get(t, path))
	form := doc.Find(`[data-testid="unsubscribe-form"]`)
	action, _ := form.Attr("action")
	fields := url.Values{}
	form.Find("input").Each(func(_ int, in *goquery.Selection) {
		name, _ := in.Attr("name")
		value, _ := in.Attr("value")
		fields.Set(name, value)
	})
	if res := s.postForm(t, action, "192.0.2.36", fields); res.StatusCode != http.StatusOK {
		t.Fatalf("unsubscribe button: %s", res.Status)
	}
	doc = parse(t, s.get(t, path))
	if doc.Find(`[data-testid="unsubscribed"]`).Length() != 1 || doc.Find(`[data-testid="preferences-form"]`).Length() != 0 {
		t.Error("the preferences page of an unsubscribed address still offers the form")
	}
	if res := s.postForm(t, path, "192.0.2.36", url.Values{"lang": {"en"}, "daily": {"yes"}}); res.StatusCode != http.StatusOK {
		t.Errorf("saving preferences after leaving: %s", res.Status)
	}
	if got, _ := s.subscriber(t, "vera@example.org"); got.Status != store.SubscriberUnsubscribed {
		t.Fatalf("preferences brought an unsubscribed address back: %+v", got)
	}

	// A forged signature, an id that is no number: not found.
	// (The last character is changed to one it is not: a signature can
	// end in "x" itself.)
	last := "x"
	if strings.HasSuffix(path, "x") {
		last = "y"
	}
	for _, p := range []string{path[:len(path)-1] + last, "/sswweek/subscription/abc/" + strings.Repeat("A", 32)} {
		if res := s.get(t, p); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %s", p, res.Status)
		}
	}
}

// TestSubscribePagesAreValidHTML checks every state of the sign-up and
// subscription pages with html-validate, and that no page shows a
// catalogue key.
func TestSubscribePagesAreValidHTML(t *testing.T) {
	s := newSignSite(t)
	ctx := context.Background()
	stamp := s.stamp(t)
	pages := map[string]*http.Response{}
	want := map[string]int{"form-problems": 400, "form-problems-es": 400, "rate-limited": 429,
		"link-expired": 404, "preferences-problems": 400}

	pages["form"] = s.get(t, "/sswweek/subscribe")
	pages["form-es"] = s.get(t, "/es/sswweek/subscribe")
	pages["form-problems"] = s.postForm(t, "/sswweek/subscribe", "192.0.2.40", url.Values{"email": {"bad"}, "name": {"www.x.example"}})
	pages["form-problems-es"] = s.postForm(t, "/es/sswweek/subscribe", "192.0.2.40", url.Values{"started": {stamp}, "lang": {"fr"}})
	for i := range web.SubscribeLimit {
		s.postForm(t, "/sswweek/subscribe", "192.0.2.41", subscribeFields(stamp, "v"+strconv.Itoa(i)+"@example.org"))
	}
	pages["rate-limited"] = s.postForm(t, "/sswweek/subscribe", "192.0.2.41", subscribeFields(stamp, "late@example.org"))
	pages["check-email"] = s.get(t, "/sswweek/subscribe/check-email")
	pages["check-email-es"] = s.get(t, "/es/sswweek/subscribe/check-email")
	confirm, _ := s.emailLink(t, "v0@example.org", subscribeConfirmLink)
	pages["confirm"] = s.get(t, confirm)
	pages["confirmed"] = s.postForm(t, confirm, "192.0.2.41", nil)
	pages["link-expired"] = s.get(t, confirm)
	sub, _ := s.subscriber(t, "v0@example.org")
	prefs := s.preferencesPath(t, sub)
	pages["preferences"] = s.get(t, prefs)
	pages["preferences-problems"] = s.postForm(t, prefs, "192.0.2.41", url.Values{"lang": {"xx"}})
	pages["preferences-saved"] = s.get(t, prefs+"?saved=1")
	pending, _ := s.subscriber(t, "v1@example.org")
	pages["preferences-pending"] = s.get(t, s.preferencesPath(t, pending))
	h, err := s.app.subscribe.Headers(ctx, sub)
	if err != nil {
		t.Fatal(err)
	}
	unsub := webpublic.SitePath(strings.Trim(h["List-Unsubscribe"], "<>"))
	pages["unsubscribe"] = s.get(t, unsub)
	pages["unsubscribed"] = s.postForm(t, unsub, "192.0.2.41", url.Values{"List-Unsubscribe": {"One-Click"}})
	pages["preferences-unsubscribed"] = s.get(t, prefs)
	pages["home-footer"] = s.get(t, "/")
	pages["home-footer-es"] = s.get(t, "/es/")
	pages["sswweek"] = s.get(t, "/sswweek")
	years, err := s.app.store.EditionYears(ctx)
	if err != nil || len(years) == 0 {
		t.Fatalf("edition years: %v %v", years, err)
	}
	pages["edition"] = s.get(t, "/sswweek/"+strconv.Itoa(years[len(years)-1]))

	valid := newValidPages(t)
	rawKey := regexp.MustCompile(`\bsubscribe\.[a-z_]+(?:\.[a-z0-9_]+)*\b`)
	for name, res := range pages {
		doc := valid.addResponse(name, res, cmp.Or(want[name], http.StatusOK))
		if n := doc.Find("h1").Length(); n != 1 {
			t.Errorf("%s: %d h1 elements", name, n)
		}
		text := doc.Find("body").Text()
		if key := rawCatalogueKey.FindString(text); key != "" {
			t.Errorf("%s: shows the interface key %q", name, key)
		}
		if key := rawKey.FindString(text); key != "" {
			t.Errorf("%s: shows the interface key %q", name, key)
		}
		if n := doc.Find(`[data-testid="subscribe-form"]`).Length(); n > 1 {
			t.Errorf("%s: %d sign-up forms", name, n)
		}
	}
	valid.validate()
}

// TestLogPathHidesSubscriptionSecrets: whoever reads the log must not be
// able to confirm, change or end a subscription with it.
func TestLogPathHidesSubscriptionSecrets(t *testing.T) {
	for in, want := range map[string]string{
		"/sswweek/subscribe/confirm/abc_DEF-123": "/sswweek/subscribe/confirm/[secret]",
		"/es/sswweek/subscription/42/sigsigsig":  "/es/sswweek/subscription/42/[secret]",
		"/sswweek/unsubscribe/42/sigsigsig":      "/sswweek/unsubscribe/42/[secret]",
		"/sswweek/subscribe":                     "/sswweek/subscribe",
		"/sswweek/subscribe/check-email":         "/sswweek/subscribe/check-email",
		"/sswweek/2018":                          "/sswweek/2018",
	} {
		if got := web.LogPath(in); got != want {
			t.Errorf("web.LogPath(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestBrowserSubscribe signs up from the footer, confirms, changes the
// preferences and unsubscribes as a visitor would (forms sent from the
// page, without JavaScript), checking every page with axe, in light and
// dark colours and at phone width.
func TestBrowserSubscribe(t *testing.T) {
	app, pool := seededApp(t)
	srv := httptest.NewServer(app.Handler())
	defer srv.Close()
	s := signSite{app: app, pool: pool}
	b := newBrowser(t, srv.URL)
	visit := func(label, path string) {
		t.Helper()
		b.do(chromedp.Navigate(srv.URL+path), chromedp.WaitVisible(chromedp.CSS(`h1`)))
		b.checkAxe(label)
	}
	click := func(label, button, wait string) {
		t.Helper()
		b.do(chromedp.Click(chromedp.CSS(button)), chromedp.WaitVisible(chromedp.CSS(wait)))
		b.checkAxe(label)
	}

	visit("home with the footer form", "/")
	b.screenshot("footer-form")
	// Boxes ticked by keyboard, as many people do (and with no mouse
	// coordinates to go stale while the page settles).
	b.do(
		chromedp.SendKeys(chromedp.CSS(`#footer-subscribe-email`), "nadia@example.org"),
		chromedp.Focus(chromedp.CSS(`#footer-subscribe-daily`)),
		chromedp.KeyEvent(" "),
		chromedp.Focus(chromedp.CSS(`#footer-subscribe-consent`)),
		chromedp.KeyEvent(" "),
	)
	if !value(b, chromedp.Evaluate[bool](`document.querySelector('#footer-subscribe-daily').checked && document.querySelector('#footer-subscribe-consent').checked`)) {
		t.Fatal("the boxes are not ticked after pressing Space on them")
	}
	time.Sleep(web.MinFillTime) // a person takes longer than a robot
	b.do(chromedp.Click(chromedp.CSS(`[data-testid=footer-subscribe] [data-testid=subscribe-submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=panel], [data-testid=error-summary]`)))
	if !strings.Contains(value(b, chromedp.Location()), "/sswweek/subscribe/check-email") {
		b.screenshot("subscribe-refused")
		t.Fatalf("after signing up: %s, the form says %q", value(b, chromedp.Location()),
			value(b, chromedp.Evaluate[string](`document.querySelector('[data-testid=error-summary]')?.innerText ?? ''`)))
	}
	b.checkAxe("check your email")
	confirm, _ := s.emailLink(t, "nadia@example.org", subscribeConfirmLink)
	visit("confirm", confirm)
	click("confirmed", `[data-testid=confirm]`, `[data-testid=preferences-link]`)
	click("preferences", `[data-testid=preferences-link]`, `[data-testid=preferences-form]`)
	b.do(chromedp.Focus(chromedp.CSS(`#prefs-updates`)), chromedp.KeyEvent(" "), chromedp.Focus(chromedp.CSS(`#prefs-lang-en`)), chromedp.KeyEvent(kb.ArrowRight))
	click("preferences saved, in Spanish", `[data-testid=save]`, `[data-testid=saved]`)
	b.screenshot("preferences-saved")
	click("unsubscribed", `[data-testid=unsubscribe]`, `[data-testid=panel]`)
	if sub, _ := s.subscriber(t, "nadia@example.org"); sub.Status != store.SubscriberUnsubscribed || sub.Lang != "es" {
		t.Fatalf("after the browser's visit: %+v", sub)
	}

	visit("sign-up page", "/es/sswweek/subscribe")
	time.Sleep(web.MinFillTime)
	click("sign-up page with problems", `[data-testid=subscribe-submit]`, `[data-testid=error-summary]`)
	b.screenshot("subscribe-problems")
	visit("SSWWeek with the form", "/sswweek")
	visit("link expired", confirm)

	if _, err := chromedp.Call(b.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}},
	}); err != nil {
		t.Fatal(err)
	}
	visit("home, dark", "/")
	b.screenshot("footer-form-dark")
	b.do(chromedp.EmulateViewport(390, 844))
	visit("sign-up page at 390px", "/sswweek/subscribe")
	b.screenshot("subscribe-390")
	visit("home at 390px", "/")

	// The expected error statuses (400, 404) are logged by the browser.
	b.mu.Lock()
	b.problems = slices.DeleteFunc(b.problems, func(p string) bool {
		return strings.Contains(p, "status of 400") || strings.Contains(p, "status of 404")
	})
	b.mu.Unlock()
	b.checkClean()
}
