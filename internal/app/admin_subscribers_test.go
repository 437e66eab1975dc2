package app

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/sswalliance/advocacy/internal/store"
)

// newSubscriberSite is a staff site with no subscribers but the test's.
func newSubscriberSite(t *testing.T) staffSite {
	t.Helper()
	s := newStaffSite(t)
	if _, err := s.pool.Exec(context.Background(), `DELETE FROM subscribers`); err != nil {
		t.Fatal(err)
	}
	return s
}

// addSubscriber stores a subscriber and moves it to status.
func addSubscriber(t *testing.T, st *store.Store, in store.SubscriberInput, status string) int64 {
	t.Helper()
	ctx := context.Background()
	id, created, err := st.CreateSubscriber(ctx, in)
	if err != nil || !created {
		t.Fatalf("add subscriber %s: %v (created %v)", in.Email, err, created)
	}
	switch status {
	case store.SubscriberActive:
		_, err = st.ActivateSubscriber(ctx, id)
	case store.SubscriberUnsubscribed:
		_, err = st.UnsubscribeSubscriber(ctx, id)
	}
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func subPath(id int64) string { return "/admin/subscribers/" + strconv.FormatInt(id, 10) }

// subscriberRows are the ids of the subscribers a list page shows.
func subscriberRows(doc *goquery.Document) []string {
	var ids []string
	doc.Find(`[data-testid=subscriber-row]`).Each(func(_ int, row *goquery.Selection) { ids = append(ids, row.AttrOr("data-id", "")) })
	return ids
}

func subscriberIDs(list ...int64) []string {
	var out []string
	for _, id := range list {
		out = append(out, strconv.FormatInt(id, 10))
	}
	return out
}

func TestSubscriberListCountsAndSearch(t *testing.T) {
	s := newSubscriberSite(t)
	ana := addSubscriber(t, s.store, store.SubscriberInput{Email: "ana@example.org", Name: "Ana Díaz", Lang: "es", Daily: true}, store.SubscriberActive)
	bob := addSubscriber(t, s.store, store.SubscriberInput{Email: "Bob@Example.org", Lang: "en", Daily: true, Updates: true}, store.SubscriberActive)
	carla := addSubscriber(t, s.store, store.SubscriberInput{Email: "carla_x@example.net", Name: "Carla 100%", Lang: "en", Updates: true}, store.SubscriberPending)
	dan := addSubscriber(t, s.store, store.SubscriberInput{Email: "dan@example.net", Lang: "en", Daily: true}, store.SubscriberUnsubscribed)

	res := s.get(t, s.admin, "/admin/subscribers")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("list: %s", res.Status)
	}
	doc := parse(t, res)
	counts := map[string]string{}
	doc.Find(`[data-testid=subscriber-counts] tbody tr`).Each(func(_ int, tr *goquery.Selection) {
		var cells []string
		for _, c := range []string{"active", "pending", "unsubscribed", "total"} {
			// What is seen: the words for screen readers left out.
			cell := tr.Find("[data-testid=" + c + "]").Clone()
			cell.Find(".visually-hidden").Remove()
			cells = append(cells, strings.TrimSpace(cell.Text()))
		}
		counts[strings.TrimPrefix(tr.AttrOr("data-testid", ""), "count-")] = strings.Join(cells, " ")
	})
	want := map[string]string{"all": "2 1 1 4", "daily": "2 0 – 2", "updates": "1 1 – 2", "lang-en": "1 1 1 3", "lang-es": "1 0 0 1"}
	if fmt.Sprint(counts) != fmt.Sprint(want) {
		t.Errorf("counts (active pending unsubscribed total) %v, want %v", counts, want)
	}
	tabs := map[string]string{}
	doc.Find(`[data-testid=subscriber-tabs] a`).Each(func(_ int, a *goquery.Selection) {
		tabs[strings.TrimPrefix(a.AttrOr("data-testid", ""), "tab-")] = a.Find("[data-testid=tab-count]").Text()
	})
	if want := map[string]string{"all": "4", "active": "2", "pending": "1", "unsubscribed": "1"}; fmt.Sprint(tabs) != fmt.Sprint(want) {
		t.Errorf("tabs %v, want %v", tabs, want)
	}
	if got := subscriberRows(doc); fmt.Sprint(got) != fmt.Sprint(subscriberIDs(dan, carla, bob, ana)) {
		t.Errorf("rows %v, want newest first", got)
	}
	if doc.Find(`[data-testid=export]`).AttrOr("href", "") != "/admin/subscribers.csv" {
		t.Errorf("export link %q", doc.Find(`[data-testid=export]`).AttrOr("href", ""))
	}

	for _, c := range []struct {
		query string
		want  []string
	}{
		{"q=BOB", subscriberIDs(bob)},       // the address, any letter case
		{"q=d%C3%ADaz", subscriberIDs(ana)}, // the name
		{"q=_", subscriberIDs(carla)},       // _ is itself, not any character
		{"q=100%25", subscriberIDs(carla)},  // and so is %
		{"q=example.net&status=pending", subscriberIDs(carla)},
		{"list=daily&lang=en", subscriberIDs(bob)}, // leaving (dan) clears the lists
		{"status=active&list=updates", subscriberIDs(bob)},
		{"lang=es", subscriberIDs(ana)},
		{"q=nobody", nil},
	} {
		doc := parse(t, s.get(t, s.admin, "/admin/subscribers?"+c.query))
		got := subscriberRows(doc)
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%s: rows %v, want %v", c.query, got, c.want)
		}
		if len(c.want) == 0 && doc.Find(`[data-testid=no-subscribers]`).Length() != 1 {
			t.Errorf("%s: no message saying nobody matches", c.query)
		}
	}
	// The export link carries the filter.
	doc = parse(t, s.get(t, s.admin, "/admin/subscribers?status=active&lang=es&q=ana"))
	if href := doc.Find(`[data-testid=export]`).AttrOr("href", ""); href != "/admin/subscribers.csv?lang=es&q=ana&status=active" {
		t.Errorf("export link %q", href)
	}
	for _, bad := range []string{"status=gone", "list=weekly", "lang=fr"} {
		if res := s.get(t, s.admin, "/admin/subscribers?"+bad); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %s", bad, res.Status)
		}
	}

	// The person's page.
	doc = parse(t, s.get(t, s.admin, subPath(bob)))
	if doc.Find(`[data-testid=fact-email]`).Text() != "Bob@Example.org" || doc.Find(`[data-testid=fact-lists]`).Text() != "Daily emails, updates" {
		t.Errorf("subscriber page facts: %q", doc.Find(`[data-testid=subscriber-facts]`).Text())
	}
	if res := s.get(t, s.admin, "/admin/subscribers/999999"); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown subscriber: %s", res.Status)
	}
}

func TestSubscriberListPages(t *testing.T) {
	s := newSubscriberSite(t)
	if _, err := s.pool.Exec(context.Background(), `INSERT INTO subscribers (email, daily)
		SELECT 'person' || n || '@example.org', true FROM generate_series(1, 205) n`); err != nil {
		t.Fatal(err)
	}
	var pages [][]string
	next := "/admin/subscribers?status=pending"
	for next != "" && len(pages) < 5 {
		doc := parse(t, s.get(t, s.admin, next))
		pages = append(pages, subscriberRows(doc))
		next = doc.Find(`[data-testid=older]`).AttrOr("href", "")
		if len(pages) > 1 && doc.Find(`[data-testid=newest]`).Length() != 1 {
			t.Errorf("page %d has no link back to the newest", len(pages))
		}
	}
	if len(pages) != 3 || len(pages[0]) != 100 || len(pages[1]) != 100 || len(pages[2]) != 5 {
		t.Fatalf("pages of %v", func() (n []int) {
			for _, p := range pages {
				n = append(n, len(p))
			}
			return
		}())
	}
	seen := map[string]bool{}
	last := int64(1 << 62)
	for _, p := range pages {
		for _, id := range p {
			n, _ := strconv.ParseInt(id, 10, 64)
			if seen[id] || n >= last {
				t.Fatalf("subscriber %s twice or out of order", id)
			}
			seen[id], last = true, n
		}
	}
}

func TestSubscriberCSVExport(t *testing.T) {
	s := newSubscriberSite(t)
	addSubscriber(t, s.store, store.SubscriberInput{Email: "=2+3@example.org", Name: "@SUM(A1)", Lang: "es", Daily: true}, store.SubscriberActive)
	addSubscriber(t, s.store, store.SubscriberInput{Email: "ana@example.org", Name: "-1, \"quoted\"", Lang: "en", Updates: true}, store.SubscriberActive)
	addSubscriber(t, s.store, store.SubscriberInput{Email: "pending@example.org", Name: "+Waiting", Lang: "en", Daily: true}, store.SubscriberPending)

	res := s.get(t, s.admin, "/admin/subscribers.csv?status=active")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("export: %s", res.Status)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv; charset=utf-8") {
		t.Errorf("Content-Type %q", ct)
	}
	if cd := res.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename="subscribers-`) || !strings.HasSuffix(cd, `.csv"`) {
		t.Errorf("Content-Disposition %q", cd)
	}
	if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control %q: a list of people must not be cached", cc)
	}
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	text, ok := strings.CutPrefix(string(body), "\ufeff")
	if !ok {
		t.Error("no byte order mark: Excel would misread accents")
	}
	records, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(records[0], ","); got != "email,name,language,daily,updates,status,signed_up,confirmed,unsubscribed" {
		t.Errorf("header %q", got)
	}
	if len(records) != 3 {
		t.Fatalf("%d rows, want the header and the 2 active subscribers: %q", len(records), records)
	}
	byEmail := map[string][]string{}
	for _, rec := range records[1:] {
		byEmail[rec[0]] = rec
		for _, cell := range rec {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("cell %q would run as a formula", cell)
			}
		}
	}
	formula := byEmail["'=2+3@example.org"]
	if formula == nil || formula[1] != "'@SUM(A1)" || formula[2] != "es" || formula[3] != "yes" || formula[4] != "no" ||
		formula[5] != "active" || formula[6] == "" || formula[7] == "" || formula[8] != "" {
		t.Errorf("row %q", formula)
	}
	if ana := byEmail["ana@example.org"]; ana == nil || ana[1] != "'-1, \"quoted\"" {
		t.Errorf("row %q", ana)
	}

	// The search goes to the file too, and the audit log says who took
	// how many, without the search (it may be an address).
	res = s.get(t, s.admin, "/admin/subscribers.csv?q=ana%40example")
	body, _ = io.ReadAll(res.Body)
	if n := strings.Count(string(body), "\n"); n != 2 {
		t.Errorf("searched export has %d lines, want the header and 1: %s", n, body)
	}
	events := s.audit(t, store.AuditFilter{Action: store.ActionSubscriberExport})
	if len(events) != 2 {
		t.Fatalf("%d export lines in the audit log, want 2", len(events))
	}
	if e := events[1]; e.ObjectKind != "subscriber" || e.Actor != s.self.Name || e.ActorID == nil || *e.ActorID != s.self.ID ||
		e.Detail != "2 subscribers, filtered by state subscribed" {
		t.Errorf("audit %+v", e)
	}
	if e := events[0]; e.Detail != "1 subscriber, filtered by a search" || strings.Contains(e.Detail+e.ObjectLabel, "@") {
		t.Errorf("audit of a searched export %+v", e)
	}
}

func TestSubscriberEraseRemovesEverything(t *testing.T) {
	s := newSubscriberSite(t)
	ctx := context.Background()
	const address = "Erase.Me@erasure.example"
	id := addSubscriber(t, s.store, store.SubscriberInput{Email: address, Name: "Erin", Lang: "en", Daily: true}, store.SubscriberActive)
	other := addSubscriber(t, s.store, store.SubscriberInput{Email: "stay@example.org", Lang: "en", Daily: true}, store.SubscriberActive)
	if err := s.store.CreateLinkToken(ctx, store.TokenOwner{Kind: store.OwnerSubscriber, ID: id}, "confirm", "a-token", 24*time.Hour); err != nil {
		t.Fatal(err)
	}
	mailing, err := s.store.CreateMailing(ctx, store.Mailing{Kind: "daily", SubjectEN: "Day one", BodyEN: "Hello"})
	if err != nil {
		t.Fatal(err)
	}
	if n, err := s.store.StartMailing(ctx, mailing); err != nil || n != 2 {
		t.Fatalf("start mailing: %d %v", n, err)
	}
	for _, to := range []string{"erase.me@ERASURE.example", address, "stay@example.org"} {
		if _, err := s.store.QueueEmail(ctx, store.Email{Kind: "subscriber-confirm", To: to, Subject: "Confirm", Body: "Link"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.store.Audit(ctx, store.AuditEvent{Actor: "visitor", Action: store.ActionSubscriberSubscribe,
		ObjectKind: "subscriber", ObjectKey: strconv.FormatInt(id, 10), ObjectLabel: "E***@erasure.example"}); err != nil {
		t.Fatal(err)
	}

	// The person's page lists what is kept, and links to the confirmation.
	doc := parse(t, s.get(t, s.admin, subPath(id)))
	if doc.Find(`[data-testid=subscriber-emails] tbody tr`).Length() != 2 || doc.Find(`[data-testid=subscriber-deliveries] tbody tr`).Length() != 1 {
		t.Error("the subscriber's page does not list its 2 emails and 1 delivery")
	}
	if href := doc.Find(`[data-testid=erase-link]`).AttrOr("href", ""); href != subPath(id)+"/erase" {
		t.Errorf("erase link %q", href)
	}
	doc = parse(t, s.get(t, s.admin, subPath(id)+"/erase"))
	if doc.Find(`form[method=post][action="`+subPath(id)+`/erase"] [data-testid=erase]`).Length() != 1 {
		t.Fatal("no confirmation form")
	}

	flash := s.post(t, s.admin, subPath(id)+"/erase", nil, "/admin/subscribers")
	if want := fmt.Sprintf("Subscriber #%d is erased, with 2 emails and 1 delivery record.", id); flash != want {
		t.Errorf("flash %q, want %q", flash, want)
	}
	if _, err := s.store.Subscriber(ctx, id); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("subscriber after erasing: %v", err)
	}
	for what, q := range map[string]struct {
		sql string
		arg any
	}{
		"tokens":     {`SELECT count(*) FROM link_tokens WHERE subscriber_id = $1`, id},
		"deliveries": {`SELECT count(*) FROM deliveries WHERE subscriber_id = $1`, id},
		"emails":     {`SELECT count(*) FROM emails WHERE lower(to_address) = lower($1)`, address},
	} {
		var n int
		if err := s.pool.QueryRow(ctx, q.sql, q.arg).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("%d %s left about the erased address", n, what)
		}
	}
	var inAudit int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM audit_log
		WHERE strpos(lower(object_label || ' ' || detail || ' ' || actor), 'erasure.example') > 0`).Scan(&inAudit); err != nil || inAudit != 0 {
		t.Errorf("%d audit lines still show the address's domain (%v)", inAudit, err)
	}
	// Someone else's subscription, delivery and email stay.
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM deliveries WHERE subscriber_id = $1)
		+ (SELECT count(*) FROM emails WHERE to_address = 'stay@example.org')`, other).Scan(&n); err != nil || n != 2 {
		t.Errorf("the other subscriber's delivery and email: %d %v", n, err)
	}
	events := s.audit(t, store.AuditFilter{ObjectKind: "subscriber"})
	if len(events) != 2 {
		t.Fatalf("%d audit lines, want the sign-up and the erasure", len(events))
	}
	label := fmt.Sprintf("subscriber #%d", id)
	if e := events[0]; e.Action != store.ActionSubscriberErase || e.ObjectLabel != label || e.Actor != s.self.Name ||
		!strings.HasPrefix(e.Detail, label+" erased") {
		t.Errorf("erasure audit %+v", e)
	}
	if e := events[1]; e.ObjectLabel != label {
		t.Errorf("the earlier line still shows %q", e.ObjectLabel)
	}

	// A second erase (another tab) finds nothing, and says so.
	flash = s.post(t, s.admin, subPath(id)+"/erase", nil, "/admin/subscribers")
	if !strings.Contains(flash, "nothing to erase") {
		t.Errorf("second erase: flash %q", flash)
	}
	if res := s.get(t, s.admin, subPath(id)); res.StatusCode != http.StatusNotFound {
		t.Errorf("erased subscriber's page: %s", res.Status)
	}
}

// TestSubscriberPagesValid holds the staff subscriber pages to
// html-validate.
func TestSubscriberPagesValid(t *testing.T) {
	s := newSubscriberSite(t)
	ctx := context.Background()
	id := addSubscriber(t, s.store, store.SubscriberInput{Email: "ana@example.org", Name: "Ana <b>Díaz</b>", Lang: "es", Daily: true}, store.SubscriberActive)
	addSubscriber(t, s.store, store.SubscriberInput{Email: "left@example.org", Lang: "en", Updates: true}, store.SubscriberUnsubscribed)
	mailing, err := s.store.CreateMailing(ctx, store.Mailing{Kind: "daily", SubjectEN: "Day one", BodyEN: "Hello", SubjectES: "Día uno", BodyES: "Hola"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.store.StartMailing(ctx, mailing); err != nil {
		t.Fatal(err)
	}
	if _, err := s.store.QueueEmail(ctx, store.Email{Kind: "subscriber-confirm", To: "ana@example.org", Subject: "Confirm", Body: "Link"}); err != nil {
		t.Fatal(err)
	}
	pages := newValidPages(t)
	for name, path := range map[string]string{
		"list": "/admin/subscribers", "filtered": "/admin/subscribers?status=active&list=daily&lang=es&q=ana",
		"empty": "/admin/subscribers?q=nobody", "subscriber": subPath(id), "erase": subPath(id) + "/erase",
	} {
		pages.addResponse(name, s.get(t, s.admin, path), http.StatusOK)
	}
	if problems := pages.validate(); problems != 0 {
		t.Errorf("html-validate found %d problems", problems)
	}
}
