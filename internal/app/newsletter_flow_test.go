package app

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sswalliance/advocacy/internal/mail/mailtest"
	"github.com/sswalliance/advocacy/internal/newsletter"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
)

// TestDailyEmailReachesSubscriberAndOneClickUnsubscribes is the issue's
// first check, through the real server, job queue and an SMTP server:
// subscribe, confirm by POST, a scheduled daily email arrives with the
// unsubscribe headers, and the one-click POST they name unsubscribes.
func TestDailyEmailReachesSubscriberAndOneClickUnsubscribes(t *testing.T) {
	smtp := mailtest.NewServer(t)
	_, pool := seededApp(t)
	// Mail through the test's SMTP server, links to this server.
	app := mustNew(t, testConfig(t, map[string]string{"SMTP_URL": smtp.URL()}), testLogger(t), pool)
	srv := serveWithJobs(t, app)
	ctx := context.Background()
	c := client(t, srv.URL)
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

	// Subscribe, as a person would (the form's stamp, then 2 s later).
	stamp, err := app.site.Guard().Stamp(ctx)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(web.MinFillTime)
	res := postForm(t, c, srv.URL+"/sswweek/subscribe", subscribeFields(stamp, "reader@example.org"))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("subscribe: %s", res.Status)
	}
	confirm := regexp.MustCompile(`http://\S+/sswweek/subscribe/confirm/\S+`).FindString(smtp.Wait(t, 1, 10*time.Second)[0].Body)
	if confirm == "" {
		t.Fatal("no confirmation link in the email")
	}
	status := func() string {
		var s string
		pool.QueryRow(ctx, `SELECT status FROM subscribers WHERE email = 'reader@example.org'`).Scan(&s)
		return s
	}
	if res, _ := c.Get(confirm); res.StatusCode != http.StatusOK || status() != store.SubscriberPending {
		t.Fatalf("opening the link: %s, status %s", res.Status, status())
	}
	if res := postForm(t, c, confirm, url.Values{}); res.StatusCode >= 400 || status() != store.SubscriberActive {
		t.Fatalf("confirming: %s, status %s", res.Status, status())
	}

	// Staff's daily drafts for 2018; the first is scheduled and its time comes.
	drafts, err := newsletter.DailyDrafts(ctx, pool, app.cfg.BaseURL, 2018, nil)
	if err != nil || len(drafts) == 0 {
		t.Fatalf("drafts: %d %v", len(drafts), err)
	}
	if err := app.store.ScheduleMailing(ctx, drafts[0].ID, time.Now().Add(-time.Second)); err != nil {
		t.Fatal(err)
	}
	if err := app.newsletter.StartDue(ctx); err != nil {
		t.Fatal(err)
	}
	got := smtp.Wait(t, 2, 20*time.Second)[1]
	if got.To[0] != "reader@example.org" || got.Subject != drafts[0].SubjectEN {
		t.Fatalf("daily email: to %v, subject %q (want %q)", got.To, got.Subject, drafts[0].SubjectEN)
	}
	unsub := strings.Trim(got.Header.Get("List-Unsubscribe"), "<>")
	if !strings.HasPrefix(unsub, srv.URL+"/sswweek/unsubscribe/") || got.Header.Get("List-Unsubscribe-Post") != "List-Unsubscribe=One-Click" {
		t.Fatalf("unsubscribe headers: %q, %q", got.Header.Get("List-Unsubscribe"), got.Header.Get("List-Unsubscribe-Post"))
	}

	// The mail program's one-click POST (RFC 8058): no Origin, no cookie.
	req, _ := http.NewRequest(http.MethodPost, unsub, strings.NewReader("List-Unsubscribe=One-Click"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK || status() != store.SubscriberUnsubscribed {
		t.Fatalf("one-click unsubscribe: %s, status %s", res.Status, status())
	}
}
