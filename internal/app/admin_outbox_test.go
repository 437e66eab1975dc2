package app

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/sswalliance/advocacy/internal/links"
	"github.com/sswalliance/advocacy/internal/mail/mailtest"
	"github.com/sswalliance/advocacy/internal/signing"
	"github.com/sswalliance/advocacy/internal/store"
)

// actingLink finds the links in an email that act as its recipient, with
// the secret in their last segment.
var actingLink = regexp.MustCompile(`http://[^\s<>]+/(?:call-to-action/confirm|call-to-action/sign/change|call-to-action/withdraw/\d+|sswweek/subscribe/confirm|sswweek/subscription/\d+|sswweek/unsubscribe/\d+)/([A-Za-z0-9_-]+)`)

func TestOutboxShowsStaffNoWorkingLinkWhileTheRecipientGetsOne(t *testing.T) {
	smtp := mailtest.NewServer(t)
	_, pool := seededApp(t)
	app := mustNew(t, testConfig(t, map[string]string{"SMTP_URL": smtp.URL()}), testLogger(t), pool)
	app.throttle.Delay = 0
	srv := serveWithJobs(t, app)
	ctx := context.Background()
	visitor := client(t, srv.URL)
	admin := signIn(t, srv.URL, "admin@example.org", addStaff(t, pool, "admin@example.org", "admin"))
	editor := signIn(t, srv.URL, "editor@example.org", addStaff(t, pool, "editor@example.org", "editor"))
	staffActor := store.Actor{Name: "test"}

	// Every email that carries a secret, sent through the workflows; each
	// link in what reaches SMTP works.
	var secrets []string
	sent := 0
	arrive := func(wantLinks int) mailtest.Received {
		t.Helper()
		sent++
		m := smtp.Wait(t, sent, 20*time.Second)[sent-1]
		text := m.Body + "\n" + m.Header.Get("List-Unsubscribe")
		links := actingLink.FindAllStringSubmatch(text, -1)
		if len(links) != wantLinks || strings.Contains(text, "{{") || strings.Contains(text, store.SecretMask) {
			t.Fatalf("email %q reached SMTP with %d working links, want %d:\n%s", m.Subject, len(links), wantLinks, text)
		}
		for _, l := range links {
			res, err := visitor.Get(l[0])
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				t.Errorf("the link %s in %q: %s, want the page it opens", l[0], m.Subject, res.Status)
			}
			secrets = append(secrets, l[1])
		}
		return m
	}
	submit := func(name, addr string) int64 {
		in := store.SignatoryInput{Name: name, Website: "https://" + strings.ToLower(strings.ReplaceAll(name, " ", "")) + ".example.org",
			Country: "KE", OrgType: "ngo", ContactName: "Contact of " + name, ContactEmail: addr, ContactRole: "Director",
			Lang: "en", Consent: true, NameKey: signing.NameKey(name)}
		id, err := app.signing.Submit(ctx, in, "192.0.2.1")
		if err != nil {
			t.Fatal(err)
		}
		confirm := actingLink.FindString(arrive(1).Body)
		if res := postForm(t, visitor, confirm, url.Values{}); res.StatusCode >= 400 {
			t.Fatalf("confirming %s: %s", name, res.Status)
		}
		return id
	}
	approved := submit("Masked Org", "m@masked.example.org")
	if _, err := app.signing.Approve(ctx, approved, staffActor); err != nil {
		t.Fatal(err)
	}
	arrive(1) // with the withdraw link
	changed := submit("Second Org", "s@second.example.org")
	if _, err := app.signing.RequestChanges(ctx, changed, "A larger logo, please.", staffActor); err != nil {
		t.Fatal(err)
	}
	arrive(1) // with the link to the form
	in := store.SubscriberInput{Email: "reader@masked.example.org", Name: "Reader", Lang: "en", Daily: true}
	if err := app.subscribe.Subscribe(ctx, in, "192.0.2.1"); err != nil {
		t.Fatal(err)
	}
	if res := postForm(t, visitor, actingLink.FindString(arrive(1).Body), url.Values{}); res.StatusCode >= 400 {
		t.Fatalf("confirming the subscription: %s", res.Status)
	}
	if err := app.subscribe.Subscribe(ctx, in, "192.0.2.1"); err != nil {
		t.Fatal(err)
	}
	arrive(2) // the reminder: preferences in the body, unsubscribe in the header
	if len(secrets) != 7 {
		t.Fatalf("%d secrets sent, want 7", len(secrets))
	}

	// None of them is at rest in the outbox.
	for _, sec := range secrets {
		var n int
		if err := pool.QueryRow(ctx, `SELECT count(*) FROM emails WHERE body LIKE '%' || $1 || '%' OR headers::text LIKE '%' || $1 || '%'`, sec).Scan(&n); err != nil || n != 0 {
			t.Errorf("a link's secret is kept in %d outbox emails (%v)", n, err)
		}
	}

	// Nor in any staff view of an email: the outbox, each email, the
	// signatories' pages.
	var ids []int64
	rows, _ := pool.Query(ctx, `SELECT id FROM emails ORDER BY id`)
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		ids = append(ids, id)
	}
	if rows.Err() != nil || len(ids) != 6 {
		t.Fatalf("%d emails in the outbox (%v), want 6", len(ids), rows.Err())
	}
	pages := []string{"/admin/outbox", "/admin/outbox?status=sent", sigPath(approved), sigPath(changed), "/admin/subscribers"}
	for _, id := range ids {
		pages = append(pages, fmt.Sprintf("/admin/outbox/%d", id))
	}
	masked := 0
	for who, c := range map[string]*http.Client{"admin": admin, "editor": editor} {
		for _, page := range pages {
			res, err := c.Get(srv.URL + page)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusOK && !(who == "editor" && res.StatusCode == http.StatusForbidden) {
				t.Errorf("%s %s: %s", who, page, res.Status)
			}
			for _, sec := range secrets {
				if strings.Contains(string(body), sec) {
					t.Errorf("%s's %s shows a working link's secret", who, page)
				}
			}
			if who == "admin" && strings.HasPrefix(page, "/admin/outbox/") {
				doc := parse(t, &http.Response{StatusCode: res.StatusCode, Body: io.NopCloser(strings.NewReader(string(body)))})
				text := doc.Find(`[data-testid=email-body]`).Text()
				if strings.Contains(text, "{{") {
					t.Errorf("%s shows a placeholder: %q", page, text)
				}
				if strings.Contains(text, store.SecretMask) {
					masked++
					doc.Find(`[data-testid=email-body] a`).Each(func(_ int, a *goquery.Selection) {
						if strings.Contains(a.AttrOr("href", ""), "/confirm/") || strings.Contains(a.AttrOr("href", ""), "/withdraw/") {
							t.Errorf("%s links to %s", page, a.AttrOr("href", ""))
						}
					})
				}
			}
		}
	}
	if masked != 6 {
		t.Errorf("%d emails show a masked link, want 6 (every one with a secret)", masked)
	}
}

// sentLink is the link matching re in the last email queued to addr, as
// the send step writes it for the recipient (with its secret), where the
// outbox shows it masked.
func sentLink(t *testing.T, app *App, addr string, re *regexp.Regexp) string {
	t.Helper()
	ctx := context.Background()
	var id int64
	if err := app.pool.QueryRow(ctx, `SELECT id FROM emails WHERE to_address = $1 ORDER BY id DESC LIMIT 1`, addr).Scan(&id); err != nil {
		t.Fatalf("no email to %s: %v", addr, err)
	}
	e, err := app.store.Email(ctx, id)
	if err == nil {
		e, err = links.Fill(ctx, app.store, e)
	}
	if err != nil {
		t.Fatal(err)
	}
	i := re.FindStringIndex(e.Body)
	if i == nil {
		t.Fatalf("no link %s in the email:\n%s", re, e.Body)
	}
	// The whole address: from its scheme to the end of the match.
	start := strings.LastIndex(e.Body[:i[0]], "http")
	return e.Body[start:i[1]]
}
