package subscribe_test

import (
	"context"
	"errors"
	netmail "net/mail"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/dbtest"
	"github.com/sswalliance/advocacy/internal/mail/mailtest"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/subscribe"
	"github.com/sswalliance/advocacy/internal/workflow/workflowtest"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

type fixture struct {
	pool *pgxpool.Pool
	st   *store.Store
	svc  *subscribe.Service
	smtp *mailtest.Server
}

// newFixture is the workflow with its email delivered by the job queue to
// a real SMTP server in the test.
func newFixture(t *testing.T) *fixture {
	t.Helper()
	pool := dbtest.New(t)
	svc, smtp := workflowtest.Start(t, pool, subscribe.New)
	return &fixture{pool: pool, st: store.New(pool), svc: svc, smtp: smtp}
}

func signUp(email, lang string, daily, updates bool) store.SubscriberInput {
	return store.SubscriberInput{Email: email, Name: "Ana", Lang: lang, Daily: daily, Updates: updates}
}

var confirmRE = regexp.MustCompile(`https://example\.org(?:/es)?/sswweek/subscribe/confirm/([A-Za-z0-9_-]+)`)

// confirmToken returns the token of the confirmation link in m.
func confirmToken(t *testing.T, m mailtest.Received) string {
	t.Helper()
	got := confirmRE.FindStringSubmatch(m.Body)
	if got == nil {
		t.Fatalf("no confirmation link in %q", m.Body)
	}
	return got[1]
}

// subscribers counts the rows for an address, in any letter case.
func (f *fixture) subscribers(t *testing.T, email string) int {
	t.Helper()
	var n int
	if err := f.pool.QueryRow(context.Background(), `SELECT count(*) FROM subscribers WHERE lower(email) = lower($1)`, email).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func (f *fixture) byEmail(t *testing.T, email string) store.Subscriber {
	t.Helper()
	var id int64
	if err := f.pool.QueryRow(context.Background(), `SELECT id FROM subscribers WHERE lower(email) = lower($1)`, email).Scan(&id); err != nil {
		t.Fatal(err)
	}
	sub, err := f.st.Subscriber(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return sub
}

// subscribed signs addr up and confirms it, returning the active
// subscriber; the confirmation email is the n-th the server receives.
func (f *fixture) subscribed(t *testing.T, addr string, n int) store.Subscriber {
	t.Helper()
	ctx := context.Background()
	if err := f.svc.Subscribe(ctx, signUp(addr, "en", true, false), "192.0.2.1"); err != nil {
		t.Fatal(err)
	}
	got := f.smtp.Wait(t, n, 10*time.Second)
	sub, err := f.svc.Confirm(ctx, confirmToken(t, got[n-1]), "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	return sub
}

func TestSubscribeConfirm(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if err := f.svc.Subscribe(ctx, signUp("ana@example.net", "es", true, true), "192.0.2.1"); err != nil {
		t.Fatal(err)
	}
	got := f.smtp.Wait(t, 1, 10*time.Second)
	m := got[0]
	if m.To[0] != "ana@example.net" || m.Subject != "Confirme su suscripción" {
		t.Fatalf("confirmation email: to %v, subject %q", m.To, m.Subject)
	}
	if to, err := netmail.ParseAddress(m.Header.Get("To")); err != nil || to.Name != "" {
		t.Fatalf("confirmation email To %q: the visitor's words in the header of an unconfirmed address's email", m.Header.Get("To"))
	}
	if !strings.Contains(m.Body, "https://example.org/es/sswweek/subscribe/confirm/") {
		t.Fatalf("the link is not in the subscriber's language:\n%s", m.Body)
	}
	if h := m.Header.Get("List-Unsubscribe"); h != "" {
		t.Errorf("the confirmation email has List-Unsubscribe %q: the address is not subscribed yet", h)
	}
	token := confirmToken(t, m)

	// Looking at the link changes nothing; spending it activates.
	sub, err := f.svc.Pending(ctx, token)
	if err != nil || sub.Email != "ana@example.net" {
		t.Fatalf("pending: %+v %v", sub, err)
	}
	if s := f.byEmail(t, "ana@example.net"); s.Status != store.SubscriberPending {
		t.Fatalf("status after looking: %s", s.Status)
	}
	sub, err = f.svc.Confirm(ctx, token, "192.0.2.9")
	if err != nil || sub.Status != store.SubscriberActive || sub.ConfirmedAt == nil || !sub.Daily || !sub.Updates || sub.Lang != "es" {
		t.Fatalf("confirm: %+v %v", sub, err)
	}
	if _, err := f.svc.Confirm(ctx, token, ""); !errors.Is(err, subscribe.ErrNotFound) {
		t.Fatalf("second confirm: %v, want not found", err)
	}
	if _, err := f.svc.Pending(ctx, token); !errors.Is(err, subscribe.ErrNotFound) {
		t.Fatalf("pending after confirming: %v, want not found", err)
	}

	log, err := f.st.AuditLog(ctx, store.AuditFilter{ObjectKind: "subscriber"})
	if err != nil {
		t.Fatal(err)
	}
	var confirmed *store.AuditEvent
	for i, e := range log {
		if e.Action == store.ActionSubscriberConfirm {
			confirmed = &log[i]
		}
		if strings.Contains(e.ObjectLabel, "ana@") {
			t.Errorf("the audit log shows the address: %q", e.ObjectLabel)
		}
	}
	if confirmed == nil || confirmed.Actor != "subscriber (by email link)" || confirmed.IP != "192.0.2.9" ||
		confirmed.ObjectKey != strconv.FormatInt(sub.ID, 10) || confirmed.ObjectLabel != "a***@example.net" {
		t.Fatalf("audit of the confirmation: %+v (log %+v)", confirmed, log)
	}
}

func TestSubscribeAgainWhileActive(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	sub := f.subscribed(t, "bo@example.net", 1)

	// Again, in another letter case and with other choices: no new row,
	// nothing changed, one reminder with the preferences link.
	again := store.SubscriberInput{Email: "Bo@Example.NET", Name: "Mallory", Lang: "es", Updates: true}
	if err := f.svc.Subscribe(ctx, again, "192.0.2.2"); err != nil {
		t.Fatal(err)
	}
	got := f.smtp.Wait(t, 2, 10*time.Second)
	if n := f.subscribers(t, "bo@example.net"); n != 1 {
		t.Fatalf("%d rows for the address", n)
	}
	now := f.byEmail(t, "bo@example.net")
	if now.Status != store.SubscriberActive || now.Name != sub.Name || now.Lang != "en" || !now.Daily || now.Updates {
		t.Fatalf("signing up again changed the subscriber: %+v", now)
	}
	m := got[1]
	if m.To[0] != "bo@example.net" || m.Subject != "You are already subscribed" {
		t.Fatalf("reminder: to %v, subject %q", m.To, m.Subject)
	}
	prefs, err := f.svc.PreferencesURL(ctx, sub)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(m.Body, prefs) {
		t.Fatalf("the reminder has no preferences link %s:\n%s", prefs, m.Body)
	}
	unsub, _ := f.svc.UnsubscribeURL(ctx, sub)
	if h := m.Header.Get("List-Unsubscribe"); h != "<"+unsub+">" {
		t.Errorf("List-Unsubscribe %q, want <%s>", h, unsub)
	}
	if h := m.Header.Get("List-Unsubscribe-Post"); h != "List-Unsubscribe=One-Click" {
		t.Errorf("List-Unsubscribe-Post %q", h)
	}

	// Within the hour: nothing more is sent.
	if err := f.svc.Subscribe(ctx, again, "192.0.2.2"); err != nil {
		t.Fatal(err)
	}
	var reminders int
	f.pool.QueryRow(ctx, `SELECT count(*) FROM emails WHERE kind = 'subscriber-reminder'`).Scan(&reminders)
	if reminders != 1 {
		t.Fatalf("%d reminders queued within the hour, want 1", reminders)
	}
	// An hour later, another.
	if _, err := f.pool.Exec(ctx, `UPDATE subscribers SET reminded_at = now() - interval '61 minutes'`); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Subscribe(ctx, again, "192.0.2.2"); err != nil {
		t.Fatal(err)
	}
	f.smtp.Wait(t, 3, 10*time.Second)
}

func TestSubscribeAgainWhilePendingSendsOneConfirmationAnHour(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if err := f.svc.Subscribe(ctx, signUp("cy@example.net", "en", true, false), ""); err != nil {
		t.Fatal(err)
	}
	first := confirmToken(t, f.smtp.Wait(t, 1, 10*time.Second)[0])
	// Three more within the hour, in other letter cases and with other
	// choices: no fourth email (no second, even), nothing changed.
	for i := range 3 {
		again := store.SubscriberInput{Email: []string{"CY@example.net", "cy@EXAMPLE.net", "Cy@example.net"}[i], Lang: "es", Updates: true}
		if err := f.svc.Subscribe(ctx, again, ""); err != nil {
			t.Fatal(err)
		}
	}
	var queued int
	if err := f.pool.QueryRow(ctx, `SELECT count(*) FROM emails WHERE kind = 'subscriber-confirm'`).Scan(&queued); err != nil {
		t.Fatal(err)
	}
	if queued != 1 {
		t.Fatalf("%d confirmation emails queued for four sign-ups within the hour, want 1", queued)
	}
	time.Sleep(200 * time.Millisecond) // anything queued would be on its way by now
	if got := f.smtp.Messages(); len(got) != 1 {
		t.Fatalf("%d emails arrived, want 1", len(got))
	}
	if n := f.subscribers(t, "cy@example.net"); n != 1 {
		t.Fatalf("%d rows for the address", n)
	}
	if sub := f.byEmail(t, "cy@example.net"); sub.Lang != "en" || !sub.Daily || sub.Updates {
		t.Fatalf("a sign-up that sent no email changed the subscriber: %+v", sub)
	}

	// An hour later, a sign-up starts over with a fresh link, and the
	// latest choices win.
	if _, err := f.pool.Exec(ctx, `UPDATE confirmation_sends SET sent_at = now() - interval '61 minutes'`); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Subscribe(ctx, store.SubscriberInput{Email: "CY@example.net", Lang: "es", Updates: true}, ""); err != nil {
		t.Fatal(err)
	}
	second := confirmToken(t, f.smtp.Wait(t, 2, 10*time.Second)[1])
	if _, err := f.svc.Confirm(ctx, first, ""); !errors.Is(err, subscribe.ErrNotFound) {
		t.Fatalf("the replaced link still works: %v", err)
	}
	sub, err := f.svc.Confirm(ctx, second, "")
	if err != nil || sub.Lang != "es" || sub.Daily || !sub.Updates || sub.Name != "" {
		t.Fatalf("the latest sign-up should win: %+v %v", sub, err)
	}
	// Confirmed: the address owes nothing to the limit any more.
	var left int
	f.pool.QueryRow(ctx, `SELECT count(*) FROM confirmation_sends`).Scan(&left)
	if left != 0 {
		t.Errorf("%d sends remembered after the address confirmed", left)
	}
}

func TestSimultaneousSignUpsSendOneConfirmation(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if err := f.svc.Subscribe(ctx, signUp("dee@example.net", "en", true, false), ""); err != nil {
		t.Fatal(err)
	}
	// Unsubscribed long ago, say: the next sign-ups restart it, and only
	// one of those sent together may email.
	if _, err := f.pool.Exec(ctx, `UPDATE confirmation_sends SET sent_at = now() - interval '2 hours'`); err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 8)
	for range 8 {
		go func() { errs <- f.svc.Subscribe(ctx, signUp("dee@example.net", "es", false, true), "") }()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	var queued int
	f.pool.QueryRow(ctx, `SELECT count(*) FROM emails WHERE kind = 'subscriber-confirm'`).Scan(&queued)
	if queued != 2 {
		t.Fatalf("%d confirmation emails queued, want the first and one of the eight", queued)
	}
}

func TestUnsubscribeAndStartOver(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	sub := f.subscribed(t, "di@example.net", 1)

	left, err := f.svc.Unsubscribe(ctx, sub.ID, "192.0.2.3", "one-click")
	if err != nil || left.Status != store.SubscriberUnsubscribed || left.Daily || left.Updates {
		t.Fatalf("unsubscribe: %+v %v", left, err)
	}
	if _, err := f.svc.Unsubscribe(ctx, sub.ID, "192.0.2.3", "one-click"); !errors.Is(err, subscribe.ErrStateChanged) {
		t.Fatalf("second unsubscribe: %v", err)
	}
	if _, err := f.svc.UpdatePreferences(ctx, sub.ID, store.SubscriberPreferences{Lang: "en", Daily: true}, ""); !errors.Is(err, subscribe.ErrStateChanged) {
		t.Fatalf("preferences after leaving: %v", err)
	}

	// Signing up again starts over: pending, confirmed by a new link.
	if err := f.svc.Subscribe(ctx, signUp("di@example.net", "en", false, true), ""); err != nil {
		t.Fatal(err)
	}
	got := f.smtp.Wait(t, 2, 10*time.Second)
	if s := f.byEmail(t, "di@example.net"); s.ID != sub.ID || s.Status != store.SubscriberPending {
		t.Fatalf("after signing up again: %+v", s)
	}
	back, err := f.svc.Confirm(ctx, confirmToken(t, got[1]), "")
	if err != nil || back.Status != store.SubscriberActive || back.Daily || !back.Updates {
		t.Fatalf("confirm again: %+v %v", back, err)
	}

	// Preferences: at least one list.
	if p := subscribe.CheckPreferences(store.SubscriberPreferences{Lang: "en"}); p["lists"] == "" {
		t.Error("no list accepted as preferences")
	}
	upd, err := f.svc.UpdatePreferences(ctx, sub.ID, store.SubscriberPreferences{Lang: "es", Daily: true, Updates: true}, "")
	if err != nil || upd.Lang != "es" || !upd.Daily || !upd.Updates {
		t.Fatalf("preferences: %+v %v", upd, err)
	}
}

func TestLinks(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	sub := f.subscribed(t, "ed@example.net", 1)
	other := f.subscribed(t, "fi@example.net", 2)

	u, err := f.svc.UnsubscribeURL(ctx, sub)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`^https://example\.org/sswweek/unsubscribe/(\d+)/([A-Za-z0-9_-]+)$`).FindStringSubmatch(u)
	if m == nil {
		t.Fatalf("unsubscribe link %q", u)
	}
	sig := m[2]
	if got, err := f.svc.FromLink(ctx, sub.ID, sig); err != nil || got.ID != sub.ID {
		t.Fatalf("genuine link: %+v %v", got, err)
	}
	prefs, _ := f.svc.PreferencesURL(ctx, sub)
	if !strings.HasSuffix(prefs, "/sswweek/subscription/"+m[1]+"/"+sig) {
		t.Errorf("preferences link %q does not carry the same signature", prefs)
	}
	forged := []struct {
		id  int64
		sig string
	}{
		{other.ID, sig},                  // another subscriber's id with this signature
		{sub.ID, sig[:len(sig)-1] + "A"}, // one character changed
		{sub.ID, ""},
		{sub.ID, sig + "x"},
	}
	if sig[len(sig)-1] == 'A' {
		forged[1].sig = sig[:len(sig)-1] + "B"
	}
	for _, fg := range forged {
		if _, err := f.svc.FromLink(ctx, fg.id, fg.sig); !errors.Is(err, subscribe.ErrNotFound) {
			t.Errorf("forged link %d/%s: %v, want not found", fg.id, fg.sig, err)
		}
	}
	// A Spanish subscriber's links are in Spanish.
	es := sub
	es.Lang = "es"
	if u, _ := f.svc.PreferencesURL(ctx, es); !strings.HasPrefix(u, "https://example.org/es/sswweek/subscription/") {
		t.Errorf("Spanish preferences link %q", u)
	}
}

func TestExpiry(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	active := f.subscribed(t, "gu@example.net", 1)
	if err := f.svc.Subscribe(ctx, signUp("ha@example.net", "en", true, false), ""); err != nil {
		t.Fatal(err)
	}
	token := confirmToken(t, f.smtp.Wait(t, 2, 10*time.Second)[1])

	// An expired link does not confirm.
	if _, err := f.pool.Exec(ctx, `UPDATE link_tokens SET expires_at = now() - interval '1 second'`); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Pending(ctx, token); !errors.Is(err, subscribe.ErrNotFound) {
		t.Fatalf("pending with an expired link: %v", err)
	}
	if _, err := f.svc.Confirm(ctx, token, ""); !errors.Is(err, subscribe.ErrNotFound) {
		t.Fatalf("confirm with an expired link: %v", err)
	}

	// The chore deletes the sign-up after 7 days, and only it.
	if n, err := f.svc.ExpireUnconfirmed(ctx); err != nil || n != 0 {
		t.Fatalf("expire too early: %d %v", n, err)
	}
	f.svc.Now = func() time.Time { return time.Now().Add(subscribe.ConfirmFor + time.Minute) }
	if n, err := f.svc.ExpireUnconfirmed(ctx); err != nil || n != 1 {
		t.Fatalf("expire: %d %v", n, err)
	}
	if n := f.subscribers(t, "ha@example.net"); n != 0 {
		t.Fatal("the unconfirmed sign-up is still there")
	}
	var emails int
	f.pool.QueryRow(ctx, `SELECT count(*) FROM emails WHERE to_address = 'ha@example.net'`).Scan(&emails)
	if emails != 0 {
		t.Errorf("%d emails to the expired sign-up kept", emails)
	}
	if s, err := f.st.Subscriber(ctx, active.ID); err != nil || s.Status != store.SubscriberActive {
		t.Fatalf("the active subscriber: %+v %v", s, err)
	}
	log, _ := f.st.AuditLog(ctx, store.AuditFilter{Action: store.ActionSubscriberExpire})
	if len(log) != 1 || log[0].Actor != "system" {
		t.Fatalf("audit of the expiry: %+v", log)
	}
}

func TestCheck(t *testing.T) {
	valid := func() store.SubscriberInput {
		return store.SubscriberInput{Email: " ana@example.org ", Name: "  Ana   María ", Lang: "es", Daily: true}
	}
	in := valid()
	if p := subscribe.Check(&in, true); len(p) != 0 {
		t.Fatalf("valid sign-up refused: %v", p)
	}
	if in.Email != "ana@example.org" || in.Name != "Ana María" {
		t.Errorf("not tidied: %q %q", in.Email, in.Name)
	}
	tests := []struct {
		name    string
		change  func(*store.SubscriberInput)
		consent bool
		field   string
		key     string
	}{
		{"no email", func(in *store.SubscriberInput) { in.Email = "" }, true, "email", "subscribe.error.email.required"},
		{"not an email", func(in *store.SubscriberInput) { in.Email = "ana.example.org" }, true, "email", "subscribe.error.email.invalid"},
		{"display name", func(in *store.SubscriberInput) { in.Email = "Ana <ana@example.org>" }, true, "email", "subscribe.error.email.invalid"},
		{"no dot in domain", func(in *store.SubscriberInput) { in.Email = "ana@localhost" }, true, "email", "subscribe.error.email.invalid"},
		{"two addresses", func(in *store.SubscriberInput) { in.Email = "a@example.org,b@example.org" }, true, "email", "subscribe.error.email.invalid"},
		{"long name", func(in *store.SubscriberInput) { in.Name = strings.Repeat("n", 121) }, true, "name", "subscribe.error.name.long"},
		{"link as name", func(in *store.SubscriberInput) { in.Name = "Win at https://spam.example" }, true, "name", "subscribe.error.name.link"},
		{"domain as name", func(in *store.SubscriberInput) { in.Name = "evil.example/unlock" }, true, "name", "subscribe.error.name.link"},
		{"disguised domain as name", func(in *store.SubscriberInput) { in.Name = "Ana, see x[.]com" }, true, "name", "subscribe.error.name.link"},
		{"email as name", func(in *store.SubscriberInput) { in.Name = "ana@example.org" }, true, "name", "subscribe.error.name.link"},
		{"bad language", func(in *store.SubscriberInput) { in.Lang = "fr" }, true, "lang", "subscribe.error.lang.required"},
		{"no list", func(in *store.SubscriberInput) { in.Daily, in.Updates = false, false }, true, "lists", "subscribe.error.lists.required"},
		{"no consent", func(*store.SubscriberInput) {}, false, "consent", "subscribe.error.consent.required"},
	}
	for _, tt := range tests {
		in := valid()
		tt.change(&in)
		p := subscribe.Check(&in, tt.consent)
		if p[tt.field] != tt.key || len(p) != 1 {
			t.Errorf("%s: %v, want %s: %s", tt.name, p, tt.field, tt.key)
		}
	}
}

func TestMask(t *testing.T) {
	for in, want := range map[string]string{
		"ana@example.org":   "a***@example.org",
		"a@example.org":     "a***@example.org",
		"Ñandú@ejemplo.org": "Ñ***@ejemplo.org",
		"nonsense":          "***",
	} {
		if got := subscribe.Mask(in); got != want {
			t.Errorf("Mask(%q) = %q, want %q", in, got, want)
		}
	}
}
