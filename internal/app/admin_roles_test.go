package app

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/go-chi/chi/v5"

	"github.com/sswalliance/advocacy/internal/store"
)

// access is who may use a route.
type access string

const (
	everyone   access = "everyone" // the public site, and signing in
	staffOnly  access = "editor, admin"
	adminsOnly access = "admin"
)

// routeAccess is the table of who gets what, for every route the router
// has (public routes under /es are those without it). A route added
// without a row here fails TestEveryRouteAnswersEachRoleAsTheTableSays;
// the README's table is this one.
var routeAccess = map[string]access{
	// Public.
	"/": everyone, "/healthz": everyone, "/readyz": everyone, "/robots.txt": everyone,
	"/sitemap.xml": everyone, "/feed.xml": everyone, "/static/*": everyone,
	"/key-messages": everyone, "/key-messages/{audience}": everyone, "/toolkit": everyone,
	"/resources": everyone, "/resources/{slug}": everyone, "/files/{id}/{name}": everyone,
	"/blog": everyone, "/blog/{slug}": everyone, "/events": everyone, "/events.ics": everyone,
	"/events/{entry}.ics": everyone, "/sswweek/{year}.ics": everyone, "/sswweek/{year}/event-{id}.ics": everyone,
	"/sswweek": everyone, "/sswweek/{year}": everyone, "/sswweek/{year}/share": everyone, "/sswweek/subscribe": everyone,
	"/sswweek/subscribe/check-email": everyone, "/sswweek/subscribe/confirm/{token}": everyone,
	"/sswweek/subscription/{id}/{sig}": everyone, "/sswweek/unsubscribe/{id}/{sig}": everyone,
	"/call-to-action": everyone, "/call-to-action/sign": everyone, "/call-to-action/sign/check-email": everyone,
	"/call-to-action/confirm/{token}": everyone, "/call-to-action/sign/change/{token}": everyone,
	"/call-to-action/withdraw/{id}/{sig}": everyone, "/call-to-action/supporter/{id}/{sig}": everyone, "/call-to-action/signatories": everyone,
	"/call-to-action/signatories.csv": everyone, "/call-to-action/signatories.json": everyone,
	"/logos/{file}": everyone, "/logos/preview/{file}": everyone, "/media/{file}": everyone,
	"/sswweek/{year}/card.png": everyone, "/sswweek/{year}/card-square.png": everyone,
	"/sswweek/{year}/day-{n}/card.png": everyone, "/sswweek/{year}/day-{n}/card-square.png": everyone,
	"/call-to-action/card.png": everyone, "/call-to-action/card-square.png": everyone,
	"/call-to-action/supporter-badge.svg": everyone, "/call-to-action/supporter-badge.png": everyone,
	"/call-to-action/badge.svg": everyone, "/admin/login": everyone,
	// Custom pages, else redirects, else not found: every path no other route answers.
	"/*": everyone,

	// Every member of staff: content and moderating signatories.
	"/admin/": staffOnly, "/admin/logout": staffOnly, "/admin/password": staffOnly, "/admin/markdown": staffOnly,
	"/admin/content": staffOnly, "/admin/content/{kind}/": staffOnly, "/admin/content/{kind}/new": staffOnly,
	"/admin/content/{kind}/{key}": staffOnly, "/admin/content/{kind}/{key}/preview": staffOnly,
	"/admin/content/{kind}/{key}/history": staffOnly, "/admin/content/{kind}/{key}/restore": staffOnly,
	"/admin/content/{kind}/{key}/delete": staffOnly, "/admin/content/{kind}/{key}/move": staffOnly,
	"/admin/signatories": staffOnly, "/admin/signatories/bulk": staffOnly, "/admin/signatories/new": staffOnly,
	"/admin/signatories/{id}": staffOnly, "/admin/signatories/{id}/edit": staffOnly,
	"/admin/signatories/{id}/approve": staffOnly, "/admin/signatories/{id}/reject": staffOnly,
	"/admin/signatories/{id}/request-changes": staffOnly, "/admin/signatories/{id}/hide": staffOnly,
	"/admin/signatories/{id}/unhide": staffOnly, "/admin/logos/{file}": staffOnly,
	"/admin/files/{id}/{name}": staffOnly,
	"/admin/redirects":         staffOnly, "/admin/redirects/{id}/delete": staffOnly,
	"/admin/media": staffOnly, "/admin/media/{id}": staffOnly, "/admin/media/{id}/delete": staffOnly,

	// Admins only: personal data in bulk, email for the site, accounts.
	"/admin/signatories/{id}/erase": adminsOnly, "/admin/signatories/{id}/original": adminsOnly,
	"/admin/subscribers": adminsOnly, "/admin/subscribers.csv": adminsOnly,
	"/admin/subscribers/{id}": adminsOnly, "/admin/subscribers/{id}/erase": adminsOnly,
	"/admin/mailings": adminsOnly, "/admin/mailings/drafts": adminsOnly, "/admin/mailings/new": adminsOnly,
	"/admin/mailings/{id}": adminsOnly, "/admin/mailings/{id}/send": adminsOnly,
	"/admin/mailings/{id}/unschedule": adminsOnly,
	"/admin/outbox":                   adminsOnly, "/admin/outbox/{id}": adminsOnly, "/admin/outbox/{id}/retry": adminsOnly,
	"/admin/users": adminsOnly, "/admin/users/new": adminsOnly, "/admin/users/{id}": adminsOnly,
	"/admin/users/{id}/disable": adminsOnly, "/admin/users/{id}/enable": adminsOnly,
	"/admin/users/{id}/reset-password": adminsOnly, "/admin/audit": adminsOnly,
}

// route is one method and pattern the router answers.
type route struct{ method, pattern string }

// everyRoute walks the real router.
func everyRoute(t *testing.T, h http.Handler) []route {
	t.Helper()
	var out []route
	err := chi.Walk(routesOf(h), func(method, pattern string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		out = append(out, route{method, pattern})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Sign-out last: it ends the session the other requests use.
	slices.SortStableFunc(out, func(a, b route) int {
		return boolInt(a.pattern == "/admin/logout") - boolInt(b.pattern == "/admin/logout")
	})
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ruleFor is the row of routeAccess for pattern.
func ruleFor(pattern string) (access, bool) {
	if p, ok := strings.CutPrefix(pattern, "/es/"); ok {
		pattern = "/" + p
	}
	a, ok := routeAccess[pattern]
	return a, ok
}

// samplePath fills pattern's parameters. A GET names things that exist,
// so the page really renders; a POST names things that do not, so the
// walk changes nothing (whoever is let through gets a 404 or the form
// back, never a 403).
func samplePath(method, pattern string, ids map[string]string) string {
	section := strings.Split(strings.TrimPrefix(pattern, "/admin/"), "/")[0]
	id, key := ids[section], "call-to-action"
	if method != http.MethodGet || id == "" {
		id, key = "999999", "no-such-item"
	}
	return strings.NewReplacer("{kind}", "page", "{key}", key, "{id}", id, "{file}", ids["logo"],
		"{token}", "no-such-token", "{sig}", "no-such-sig", "{slug}", "no-such-slug", "{name}", "x.pdf",
		"{year}", "2018", "{n}", "1", "{audience}", "no-such-audience", "*", "no-such-file").Replace(pattern)
}

func TestEveryRouteAnswersEachRoleAsTheTableSays(t *testing.T) {
	s := newStaffSite(t)
	ctx := context.Background()
	editorPassword := addStaff(t, s.pool, "editor@example.org", "editor")
	sig := addSignatory(t, s.store, store.StatusAwaitingReview, "Walk Org", "https://walk.example.org", "c@walk.example.org")
	sigRow := s.signatory(t, sig)
	sub := addSubscriber(t, s.store, store.SubscriberInput{Email: "walk@example.org", Name: "Walker", Lang: "en", Daily: true}, store.SubscriberActive)
	email, err := s.store.QueueEmail(ctx, store.Email{Kind: "test", To: "walk@example.org", Subject: "Hello", Body: "Hello", SignatoryID: &sig})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{
		"signatories": strconv.FormatInt(sig, 10), "subscribers": strconv.FormatInt(sub, 10),
		"mailings": strconv.FormatInt(s.dailyDraft(t), 10), "outbox": strconv.FormatInt(email, 10),
		"users": strconv.FormatInt(s.user(t, "editor@example.org").ID, 10), "logo": sigRow.LogoSHA + ".png",
	}

	routes := everyRoute(t, s.srv.Config.Handler)
	if len(routes) < 100 {
		t.Fatalf("only %d routes found", len(routes))
	}
	for _, rt := range routes {
		if _, ok := ruleFor(rt.pattern); !ok {
			t.Errorf("%s %s has no row in routeAccess: say who may use it", rt.method, rt.pattern)
		}
	}
	// Every row is a route, so the table (and the README's) stays true.
	for pattern := range routeAccess {
		if !slices.ContainsFunc(routes, func(r route) bool { return r.pattern == pattern }) {
			t.Errorf("routeAccess has %s, which the router does not", pattern)
		}
	}
	if t.Failed() {
		t.FailNow()
	}

	for _, who := range []struct {
		role   string
		client *http.Client
	}{
		{"anonymous", client(t, s.srv.URL)},
		{"editor", signIn(t, s.srv.URL, "editor@example.org", editorPassword)},
		{"admin", s.admin},
	} {
		for _, rt := range routes {
			rule, _ := ruleFor(rt.pattern)
			path := samplePath(rt.method, rt.pattern, ids)
			res := do(t, who.client, rt.method, s.srv.URL+path)
			loc := res.Header.Get("Location")
			toSignIn := res.StatusCode == http.StatusSeeOther && strings.HasPrefix(loc, "/admin/login?next=")
			got := res.Status + " " + loc
			switch {
			case who.role == "anonymous" && rule != everyone:
				if !toSignIn {
					t.Errorf("anonymous %s %s: %s, want a redirect to sign in", rt.method, path, got)
				} else if rt.method == http.MethodGet && loc != "/admin/login?next="+url.QueryEscape(path) {
					t.Errorf("anonymous GET %s: sent to %q, want back here after signing in", path, loc)
				}
			case who.role == "editor" && rule == adminsOnly:
				if res.StatusCode != http.StatusForbidden {
					t.Errorf("editor %s %s: %s, want 403", rt.method, path, got)
				}
			default:
				if res.StatusCode == http.StatusForbidden || res.StatusCode >= 500 || toSignIn {
					t.Errorf("%s %s %s (%s): %s, want an answer", who.role, rt.method, path, rule, got)
				}
			}
		}
	}
}

// do sends an empty request (a form POST for POST) with c.
func do(t *testing.T, c *http.Client, method, u string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(method, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	if method == http.MethodPost {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res
}

func TestEditorsPagesLinkToNothingOnlyAdminsMayOpen(t *testing.T) {
	s := newStaffSite(t)
	editor := signIn(t, s.srv.URL, "editor@example.org", addStaff(t, s.pool, "editor@example.org", "editor"))
	sig := addSignatory(t, s.store, store.StatusAwaitingReview, "Link Org", "https://link.example.org", "c@link.example.org")
	if _, err := s.store.QueueEmail(context.Background(), store.Email{Kind: "test", To: "c@link.example.org",
		Subject: "About Link Org", Body: "Hello", SignatoryID: &sig}); err != nil {
		t.Fatal(err)
	}
	router := routesOf(s.srv.Config.Handler)
	patternOf := func(method, path string) string {
		rctx := chi.NewRouteContext()
		if !router.Match(rctx, method, path) {
			return ""
		}
		return rctx.RoutePattern()
	}
	pages := []string{"/admin", "/admin/content", "/admin/signatories", sigPath(sig), "/admin/password"}
	for who, c := range map[string]*http.Client{"editor": editor, "admin": s.admin} {
		seen := map[access]int{}
		for _, page := range pages {
			doc := parse(t, s.get(t, c, page))
			if doc.Find("main").Length() == 0 {
				t.Fatalf("%s %s: no page", who, page)
			}
			check := func(method, attr string) func(int, *goquery.Selection) {
				return func(_ int, e *goquery.Selection) {
					u, err := url.Parse(e.AttrOr(attr, ""))
					if err != nil || !strings.HasPrefix(u.Path, "/admin") {
						return
					}
					rule, _ := ruleFor(patternOf(method, u.Path))
					seen[rule]++
					if who == "editor" && rule == adminsOnly {
						t.Errorf("editor's %s offers %s %s, which only admins may open", page, method, u.Path)
					}
				}
			}
			doc.Find("a[href]").Each(check(http.MethodGet, "href"))
			doc.Find("form[action]").Each(check(http.MethodPost, "action"))
		}
		// The admin's pages do link to admin pages: the check can see them.
		if who == "admin" && seen[adminsOnly] < 5 {
			t.Errorf("admin's pages link to %d admin-only pages, want the menu's and the signatory's", seen[adminsOnly])
		}
	}
}
