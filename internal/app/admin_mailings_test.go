package app

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/sswalliance/advocacy/internal/store"
)

// newMailingSite is the seeded site with a signed-in admin, and a few
// subscribers: three active on the daily list (one reading Spanish), one
// active on updates only, one pending and one gone.
func newMailingSite(t *testing.T) staffSite {
	t.Helper()
	app, pool := seededApp(t)
	app.throttle.Delay = 0
	srv := httptest.NewServer(app.Handler())
	t.Cleanup(srv.Close)
	password := addStaff(t, pool, "admin@example.org", "admin")
	s := staffSite{srv: srv, pool: pool, store: store.New(pool)}
	s.admin = signIn(t, srv.URL, "admin@example.org", password)
	s.self = s.user(t, "admin@example.org")
	if _, err := pool.Exec(context.Background(), `
		INSERT INTO subscribers (email, lang, daily, updates, status, confirmed_at, unsubscribed_at) VALUES
			('ana@example.org', 'en', true, false, 'active', now(), NULL),
			('bea@example.org', 'es', true, true, 'active', now(), NULL),
			('cai@example.org', 'en', true, false, 'active', now(), NULL),
			('dan@example.org', 'en', false, true, 'active', now(), NULL),
			('eve@example.org', 'en', true, false, 'pending', NULL, NULL),
			('fay@example.org', 'en', false, false, 'unsubscribed', now(), now())`); err != nil {
		t.Fatal(err)
	}
	return s
}

func mailingPath(id int64) string { return "/admin/mailings/" + strconv.FormatInt(id, 10) }

// dailyDraft creates the 2018 drafts through the list's button and
// returns the id of day 2's.
func (s staffSite) dailyDraft(t *testing.T) int64 {
	t.Helper()
	flash := s.post(t, s.admin, "/admin/mailings/drafts", url.Values{"year": {"2018"}}, "/admin/mailings")
	if !strings.Contains(flash, "Created 5 daily drafts for SSWWeek 2018") {
		t.Fatalf("creating drafts: flash %q", flash)
	}
	var id int64
	if err := s.pool.QueryRow(context.Background(), `SELECT id FROM mailings WHERE kind = 'daily' AND day_date = '2018-09-25'`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

func (s staffSite) mailing(t *testing.T, id int64) store.Mailing {
	t.Helper()
	m, err := s.store.Mailing(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// mailingForm is the form as the page shows it for id, with changes.
func (s staffSite) mailingForm(t *testing.T, id int64, action string, changes url.Values) url.Values {
	t.Helper()
	doc := parse(t, s.get(t, s.admin, mailingPath(id)))
	form := url.Values{"action": {action}}
	for _, f := range []string{"subject_en", "subject_es", "send_at"} {
		form.Set(f, doc.Find("#"+f).AttrOr("value", ""))
	}
	for _, f := range []string{"body_en", "body_es"} {
		form.Set(f, doc.Find("#"+f).Text())
	}
	for k, v := range changes {
		form[k] = v
	}
	return form
}

func TestMailingDraftsEditScheduleCancel(t *testing.T) {
	s := newMailingSite(t)
	ctx := context.Background()
	doc := parse(t, s.get(t, s.admin, "/admin/mailings"))
	if doc.Find(`[data-testid=draft-edition][data-year="2018"] [data-testid=create-drafts]`).Length() != 1 {
		t.Fatal("no button to create the 2018 drafts")
	}
	id := s.dailyDraft(t)
	if flash := s.post(t, s.admin, "/admin/mailings/drafts", url.Values{"year": {"2018"}}, "/admin/mailings"); !strings.Contains(flash, "already has") {
		t.Errorf("creating the drafts again: flash %q", flash)
	}
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM mailings WHERE kind = 'daily'`).Scan(&n); err != nil || n != 5 {
		t.Fatalf("%d daily mailings after pressing twice (%v), want 5", n, err)
	}
	doc = parse(t, s.get(t, s.admin, "/admin/mailings"))
	if got := doc.Find(`[data-testid=mailing-row][data-status=draft]`).Length(); got != 5 {
		t.Errorf("%d draft rows listed, want 5", got)
	}
	if doc.Find(`[data-testid=draft-edition][data-year="2018"]`).Length() != 0 {
		t.Error("2018 still offered for drafts after they were created")
	}

	doc = parse(t, s.get(t, s.admin, mailingPath(id)))
	if got := doc.Find("#send_at").AttrOr("value", ""); got != "2018-09-25T08:00" {
		t.Errorf("proposed send time %q, want 08:00 New York time on the day", got)
	}
	if !strings.Contains(doc.Find("#subject_en").AttrOr("value", ""), "Mapping the social service workforce") {
		t.Errorf("subject %q is not the day's topic", doc.Find("#subject_en").AttrOr("value", ""))
	}
	if !strings.Contains(doc.Find("label[for=send_at]").Text(), "America/New_York") {
		t.Errorf("send time label %q does not name the edition's zone", doc.Find("label[for=send_at]").Text())
	}

	// Save an edit.
	flash := s.post(t, s.admin, mailingPath(id), s.mailingForm(t, id, "save", url.Values{"subject_en": {"Day 2: count the workforce"}}), mailingPath(id))
	if !strings.Contains(flash, "Draft saved") {
		t.Errorf("save: flash %q", flash)
	}
	if m := s.mailing(t, id); m.SubjectEN != "Day 2: count the workforce" || m.Status != "draft" {
		t.Errorf("after saving: %q, %s", m.SubjectEN, m.Status)
	}

	// Problems: the proposed time has passed; Spanish subject without a
	// message.
	for name, c := range map[string]struct {
		changes url.Values
		field   string
	}{
		"past time":         {url.Values{}, "send_at"},
		"no time":           {url.Values{"send_at": {""}}, "send_at"},
		"not a time":        {url.Values{"send_at": {"next tuesday"}}, "send_at"},
		"half of a Spanish": {url.Values{"send_at": {""}, "body_es": {""}}, "body_es"},
		"no English":        {url.Values{"subject_en": {""}}, "subject_en"},
	} {
		res := postForm(t, s.admin, s.srv.URL+mailingPath(id), s.mailingForm(t, id, "schedule", c.changes))
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s: %s, want 422", name, res.Status)
			continue
		}
		doc := parse(t, res)
		if doc.Find("[data-testid=error-summary] a[href='#"+c.field+"']").Length() != 1 || doc.Find("#"+c.field).AttrOr("aria-invalid", "") != "true" {
			t.Errorf("%s: no error on %s: %q", name, c.field, doc.Find("[data-testid=error-summary]").Text())
		}
	}
	if m := s.mailing(t, id); m.Status != "draft" || m.SubjectES == "" {
		t.Errorf("a refused form changed the mailing: %s, %q", m.Status, m.SubjectES)
	}

	// Schedule for 08:00 New York time two days from now.
	ny, _ := time.LoadLocation("America/New_York")
	day := time.Now().In(ny).AddDate(0, 0, 2)
	at := time.Date(day.Year(), day.Month(), day.Day(), 8, 0, 0, 0, ny)
	flash = s.post(t, s.admin, mailingPath(id), s.mailingForm(t, id, "schedule", url.Values{"send_at": {at.Format("2006-01-02T15:04")}}), mailingPath(id))
	if !strings.Contains(flash, "Scheduled for") {
		t.Errorf("schedule: flash %q", flash)
	}
	if m := s.mailing(t, id); m.Status != "scheduled" || m.SendAt == nil || !m.SendAt.Equal(at) {
		t.Errorf("after scheduling: %s at %v, want scheduled at %v", m.Status, m.SendAt, at)
	}
	doc = parse(t, s.get(t, s.admin, "/admin/mailings"))
	row := doc.Find(`[data-testid=mailing-row][data-id="` + strconv.FormatInt(id, 10) + `"]`)
	if row.AttrOr("data-status", "") != "scheduled" || !strings.Contains(row.Text(), "08:00 E") || !strings.Contains(row.Text(), "UTC") {
		t.Errorf("list row of the scheduled mailing: %s %q", row.AttrOr("data-status", ""), row.Text())
	}

	// Cancel the schedule: a draft again, its time kept.
	flash = s.post(t, s.admin, mailingPath(id)+"/unschedule", nil, mailingPath(id))
	if !strings.Contains(flash, "cancelled") {
		t.Errorf("unschedule: flash %q", flash)
	}
	if m := s.mailing(t, id); m.Status != "draft" || m.SendAt == nil || !m.SendAt.Equal(at) {
		t.Errorf("after cancelling: %s at %v", m.Status, m.SendAt)
	}
	if flash := s.post(t, s.admin, mailingPath(id)+"/unschedule", nil, mailingPath(id)); !strings.Contains(flash, "not scheduled") {
		t.Errorf("cancelling twice: flash %q", flash)
	}

	var audited int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM audit_log WHERE object_kind = 'mailing' AND object_key = $1
		AND action IN ('mailing-create', 'mailing-save', 'mailing-schedule', 'mailing-unschedule')`, strconv.FormatInt(id, 10)).Scan(&audited); err != nil {
		t.Fatal(err)
	}
	if audited != 4 {
		t.Errorf("%d audit lines for create, save, schedule and cancel", audited)
	}
}

func TestMailingPreviewTestAndSendNow(t *testing.T) {
	s := newMailingSite(t)
	ctx := context.Background()
	id := s.dailyDraft(t)

	// Preview: both languages, with the footer's sample link.
	res := postForm(t, s.admin, s.srv.URL+mailingPath(id), s.mailingForm(t, id, "preview", nil))
	if res.StatusCode != http.StatusOK {
		t.Fatalf("preview: %s", res.Status)
	}
	doc := parse(t, res)
	en, es := doc.Find("[data-testid=preview-en]"), doc.Find("[data-testid=preview-es]")
	if !strings.Contains(en.Find("[data-testid=preview-subject]").Text(), "Mapping") || !strings.Contains(en.Find("[data-testid=preview-body]").Text(), "unsubscribe") {
		t.Errorf("English preview: %q", en.Text())
	}
	if !strings.Contains(es.Find("[data-testid=preview-subject]").Text(), "Mapear") || !strings.Contains(es.Find("[data-testid=preview-body]").Text(), "/es/sswweek/subscription/") {
		t.Errorf("Spanish preview: %q", es.Text())
	}
	if es.Find("[data-testid=preview-fallback]").Length() != 0 {
		t.Error("Spanish preview says there is no Spanish")
	}

	// A test to the signed-in staff member, and to no one else.
	flash := s.post(t, s.admin, mailingPath(id), s.mailingForm(t, id, "test-es", nil), mailingPath(id))
	if !strings.Contains(flash, "admin@example.org") {
		t.Errorf("test: flash %q", flash)
	}
	emails, err := s.store.Emails(ctx, store.EmailFilter{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(emails) != 1 || emails[0].To != "admin@example.org" || !strings.HasPrefix(emails[0].Subject, "[Test] SSWWeek 2018, día 2") {
		t.Fatalf("outbox after the test: %+v", emails)
	}
	var deliveries int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM deliveries`).Scan(&deliveries); err != nil || deliveries != 0 {
		t.Fatalf("a test wrote %d deliveries (%v)", deliveries, err)
	}

	// Send now: asks first, then starts deliveries to the three active
	// daily subscribers.
	res = postForm(t, s.admin, s.srv.URL+mailingPath(id), s.mailingForm(t, id, "send", nil))
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || loc != mailingPath(id)+"/send" {
		t.Fatalf("send now: %s to %q, want the confirmation", res.Status, loc)
	}
	if m := s.mailing(t, id); m.Status != "draft" {
		t.Fatalf("pressing Send now sent at once: %s", m.Status)
	}
	doc = parse(t, s.get(t, s.admin, mailingPath(id)+"/send"))
	if got := doc.Find("[data-testid=send-recipients]").Text(); got != "3" {
		t.Errorf("confirmation counts %q recipients, want 3", got)
	}
	flash = s.post(t, s.admin, mailingPath(id)+"/send", nil, mailingPath(id))
	if !strings.Contains(flash, "3 subscribers") {
		t.Errorf("send: flash %q", flash)
	}
	rows, err := s.pool.Query(ctx, `SELECT s.email FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id WHERE d.mailing_id = $1 ORDER BY 1`, id)
	if err != nil {
		t.Fatal(err)
	}
	var to []string
	for rows.Next() {
		var e string
		if err := rows.Scan(&e); err != nil {
			t.Fatal(err)
		}
		to = append(to, e)
	}
	if strings.Join(to, " ") != "ana@example.org bea@example.org cai@example.org" {
		t.Errorf("deliveries to %v", to)
	}
	if m := s.mailing(t, id); m.Status != "sending" {
		t.Errorf("after sending: %s", m.Status)
	}
	doc = parse(t, s.get(t, s.admin, mailingPath(id)))
	if doc.Find("[data-testid=mailing-form]").Length() != 0 || doc.Find("[data-testid=count-recipients]").Text() != "3" {
		t.Errorf("a sending mailing's page: form %d, recipients %q", doc.Find("[data-testid=mailing-form]").Length(), doc.Find("[data-testid=count-recipients]").Text())
	}

	// Neither sent twice nor changed once sending.
	if flash := s.post(t, s.admin, mailingPath(id)+"/send", nil, mailingPath(id)); !strings.Contains(flash, "already started") {
		t.Errorf("sending again: flash %q", flash)
	}
	if flash := s.post(t, s.admin, mailingPath(id), url.Values{"action": {"save"}, "subject_en": {"Changed"}, "body_en": {"x"}}, mailingPath(id)); !strings.Contains(flash, "can no longer be changed") {
		t.Errorf("editing while sending: flash %q", flash)
	}
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM deliveries`).Scan(&deliveries); err != nil || deliveries != 3 {
		t.Errorf("%d deliveries after sending twice (%v), want 3", deliveries, err)
	}
	var sent int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM audit_log WHERE action = 'mailing-send' AND object_key = $1`, strconv.FormatInt(id, 10)).Scan(&sent); err != nil || sent != 1 {
		t.Errorf("%d audit lines for sending (%v)", sent, err)
	}
}

func TestMailingUpdateWrittenFromScratch(t *testing.T) {
	s := newMailingSite(t)
	res := postForm(t, s.admin, s.srv.URL+"/admin/mailings/new", url.Values{"action": {"save"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("empty update: %s", res.Status)
	}
	res = postForm(t, s.admin, s.srv.URL+"/admin/mailings/new", url.Values{"action": {"save"}, "subject_en": {"Our annual report"},
		"body_en": {"It is out.\r\n\r\nRead it on the site."}, "send_at": {"2099-01-05T14:00"}})
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/admin/mailings/") {
		t.Fatalf("new update: %s to %q", res.Status, loc)
	}
	id, _ := strconv.ParseInt(strings.TrimPrefix(loc, "/admin/mailings/"), 10, 64)
	m := s.mailing(t, id)
	if m.Kind != "update" || m.BodyEN != "It is out.\n\nRead it on the site." || m.SendAt == nil || !m.SendAt.Equal(time.Date(2099, 1, 5, 14, 0, 0, 0, time.UTC)) {
		t.Errorf("stored update: %+v", m)
	}
	doc := parse(t, s.get(t, s.admin, loc+"/send"))
	if got := doc.Find("[data-testid=send-recipients]").Text(); got != "2" {
		t.Errorf("an update would go to %q, want the 2 active on updates", got)
	}
}

// TestMailingPagesAreValidHTML holds the mailing pages to html-validate,
// in each state they show.
func TestMailingPagesAreValidHTML(t *testing.T) {
	s := newMailingSite(t)
	ctx := context.Background()
	id := s.dailyDraft(t)
	var sent, scheduled int64
	if err := s.pool.QueryRow(ctx, `SELECT id FROM mailings WHERE day_date = '2018-09-24'`).Scan(&sent); err != nil {
		t.Fatal(err)
	}
	if err := s.pool.QueryRow(ctx, `SELECT id FROM mailings WHERE day_date = '2018-09-26'`).Scan(&scheduled); err != nil {
		t.Fatal(err)
	}
	if err := s.store.ScheduleMailing(ctx, scheduled, time.Now().Add(48*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.store.StartMailing(ctx, sent); err != nil {
		t.Fatal(err)
	}
	if _, err := s.pool.Exec(ctx, `UPDATE deliveries SET status = 'failed', attempts = 5, last_error = '550 mailbox unavailable'
		WHERE mailing_id = $1 AND subscriber_id = (SELECT id FROM subscribers WHERE email = 'ana@example.org')`, sent); err != nil {
		t.Fatal(err)
	}

	pages := newValidPages(t)
	save := pages.addResponse
	for name, path := range map[string]string{
		"list": "/admin/mailings", "new": "/admin/mailings/new", "draft": mailingPath(id), "scheduled": mailingPath(scheduled),
		"confirm": mailingPath(id) + "/send", "confirm-refused": mailingPath(sent) + "/send",
	} {
		save(name, s.get(t, s.admin, path), http.StatusOK)
	}
	save("problem", postForm(t, s.admin, s.srv.URL+mailingPath(id), s.mailingForm(t, id, "schedule", url.Values{"body_es": {""}})), http.StatusUnprocessableEntity)
	save("preview", postForm(t, s.admin, s.srv.URL+mailingPath(id), s.mailingForm(t, id, "preview", url.Values{"subject_es": {""}, "body_es": {""}})), http.StatusOK)
	doc := save("sending-failed", s.get(t, s.admin, mailingPath(sent)), http.StatusOK)
	if got := doc.Find("[data-testid=failed-delivery]").Text(); !strings.Contains(got, "ana@example.org") || !strings.Contains(got, "550 mailbox unavailable") {
		t.Errorf("failed delivery shown as %q", got)
	}
	pages.validate()
}

// TestBrowserStaffSchedulesDailyEmail: a staff member creates the week's
// drafts, previews day 2, schedules it for a local time and sees it in
// the list, with every page axe clean.
func TestBrowserStaffSchedulesDailyEmail(t *testing.T) {
	s := newMailingSite(t)
	// Mailings are for admins (an editor gets 403).
	password := addStaff(t, s.pool, "mailer@example.org", "admin")
	b := newBrowser(t, s.srv.URL)
	b.do(
		chromedp.Navigate(s.srv.URL+"/admin/mailings"),
		chromedp.WaitVisible(chromedp.CSS(`#email`)),
		chromedp.SendKeys(chromedp.CSS(`#email`), "mailer@example.org"),
		chromedp.SendKeys(chromedp.CSS(`#password`), password),
		chromedp.Click(chromedp.CSS(`[data-testid=sign-in]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=draft-edition][data-year="2018"]`)),
	)
	b.checkAxe("mailings without any")
	b.do(
		chromedp.Click(chromedp.CSS(`[data-testid=draft-edition][data-year="2018"] [data-testid=create-drafts]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=mailings]`)),
	)
	b.checkAxe("mailings")
	b.screenshot("mailings")
	var id int64
	if err := s.pool.QueryRow(context.Background(), `SELECT id FROM mailings WHERE day_date = '2018-09-25'`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	b.do(
		chromedp.Click(chromedp.CSS(`[data-testid=mailing-row][data-id="`+strconv.FormatInt(id, 10)+`"] [data-testid=mailing-link]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=mailing-form]`)),
	)
	b.checkAxe("daily draft")
	b.do(
		chromedp.Click(chromedp.CSS(`[data-testid=preview]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=previews]`)),
	)
	b.checkAxe("preview")
	b.screenshot("preview")

	ny, _ := time.LoadLocation("America/New_York")
	day := time.Now().In(ny).AddDate(0, 0, 3)
	at := time.Date(day.Year(), day.Month(), day.Day(), 8, 0, 0, 0, ny)
	b.do(
		chromedp.SetValue(chromedp.CSS(`#send_at`), at.Format("2006-01-02T15:04")),
		chromedp.Click(chromedp.CSS(`[data-testid=schedule]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=scheduled-note]`)),
	)
	if m := s.mailing(t, id); m.Status != "scheduled" || m.SendAt == nil || !m.SendAt.Equal(at) {
		t.Errorf("after scheduling in the browser: %s at %v, want %v", m.Status, m.SendAt, at)
	}
	b.checkAxe("scheduled")
	b.do(
		chromedp.Click(chromedp.CSS(`[data-testid=send-now]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=confirm-send]`)),
	)
	b.checkAxe("confirm sending")
	b.do(chromedp.EmulateViewport(390, 844))
	for _, path := range []string{"/admin/mailings", mailingPath(id)} {
		b.do(chromedp.Navigate(s.srv.URL+path), chromedp.WaitVisible(chromedp.CSS(`h1`)))
		b.checkAxe(path + " at 390px")
	}
	b.screenshot("mailing-390")
	b.checkClean()
}
