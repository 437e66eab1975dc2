package signing_test

import (
	"context"
	"errors"
	"fmt"
	netmail "net/mail"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/dbtest"
	"github.com/sswalliance/advocacy/internal/mail/mailtest"
	"github.com/sswalliance/advocacy/internal/seed"
	"github.com/sswalliance/advocacy/internal/signing"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/workflow/workflowtest"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

type fixture struct {
	pool  *pgxpool.Pool
	st    *store.Store
	svc   *signing.Service
	smtp  *mailtest.Server
	staff store.Actor
}

// newFixture is the workflow over a seeded database, with its email
// delivered by the job queue to a real SMTP server in the test.
func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	pool := dbtest.New(t)
	if err := seed.Load(ctx, store.New(pool), false); err != nil {
		t.Fatal(err)
	}
	svc, smtp := workflowtest.Start(t, pool, signing.New)
	u, err := store.New(pool).CreateUser(ctx, "reviewer@example.org", "Reviewer", "editor", "x")
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{pool: pool, st: store.New(pool), svc: svc, smtp: smtp, staff: store.Actor{ID: &u.ID, Name: "Reviewer"}}
}

func input(name, site, email string) store.SignatoryInput {
	in := store.SignatoryInput{Name: name, Website: site, Country: "KE", OrgType: "ngo",
		ContactName: "Amina", ContactEmail: email, ContactRole: "Director", Consent: true, Lang: "en"}
	signing.Check(&in, true)
	return in
}

var linkRE = regexp.MustCompile(`https://example\.org\S+`)

// link returns the one site link in a delivered email's body.
func link(t *testing.T, m mailtest.Received) string {
	t.Helper()
	l := linkRE.FindString(m.Body)
	if l == "" {
		t.Fatalf("no link in %q", m.Body)
	}
	return l
}

func TestSubmitConfirmApproveWithdraw(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	id, err := f.svc.Submit(ctx, input("Fundación Niñez", "www.ninez.example", "amina@ninez.example"), "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	got := f.smtp.Wait(t, 1, 10*time.Second)
	// The address is not confirmed: a fixed subject, no display name.
	if got[0].To[0] != "amina@ninez.example" || got[0].Subject != "Confirm your organisation's signature of the Call to Action" {
		t.Fatalf("confirmation email: to %v, subject %q", got[0].To, got[0].Subject)
	}
	if to, err := netmail.ParseAddress(got[0].Header.Get("To")); err != nil || to.Name != "" {
		t.Fatalf("confirmation email To %q: the visitor's words in the header", got[0].Header.Get("To"))
	}
	confirm := link(t, got[0])
	if !strings.HasPrefix(confirm, "https://example.org/call-to-action/confirm/") {
		t.Fatalf("confirm link %q", confirm)
	}
	token := confirm[strings.LastIndexByte(confirm, '/')+1:]

	// Looking at the link changes nothing; spending it moves to review.
	if sig, err := f.svc.Pending(ctx, token, store.TokenConfirm); err != nil || sig.ID != id {
		t.Fatalf("pending: %v %v", sig.ID, err)
	}
	if sig, _ := f.st.Signatory(ctx, id); sig.Status != store.StatusAwaitingConfirmation {
		t.Fatalf("status after looking: %s", sig.Status)
	}
	sig, err := f.svc.Confirm(ctx, token, "192.0.2.1")
	if err != nil || sig.Status != store.StatusAwaitingReview || sig.ConfirmedAt == nil {
		t.Fatalf("confirm: %+v %v", sig, err)
	}
	if _, err := f.svc.Confirm(ctx, token, ""); !errors.Is(err, signing.ErrNotFound) {
		t.Fatalf("second confirm: %v, want not found", err)
	}

	before, _ := f.st.SignatoryCount(ctx)
	if _, err := f.svc.Approve(ctx, id, f.staff); err != nil {
		t.Fatal(err)
	}
	if n, _ := f.st.SignatoryCount(ctx); n != before+1 {
		t.Fatalf("count %d, want %d", n, before+1)
	}
	if _, err := f.svc.Approve(ctx, id, f.staff); !errors.Is(err, signing.ErrStateChanged) {
		t.Fatalf("second approve: %v", err)
	}
	got = f.smtp.Wait(t, 2, 10*time.Second)
	links := linkRE.FindAllString(got[1].Body, -1)
	withdraw := links[len(links)-1]
	m := regexp.MustCompile(`/call-to-action/withdraw/(\d+)/(\S+)$`).FindStringSubmatch(withdraw)
	if m == nil {
		t.Fatalf("withdraw link %q", withdraw)
	}
	if ok, _ := f.svc.VerifyWithdraw(ctx, id, m[2]); !ok {
		t.Fatal("the emailed withdraw link does not verify")
	}
	if ok, _ := f.svc.VerifyWithdraw(ctx, id+1, m[2]); ok {
		t.Fatal("a withdraw link verifies for another signatory")
	}
	if _, err := f.svc.Withdraw(ctx, id, ""); err != nil {
		t.Fatal(err)
	}
	if n, _ := f.st.SignatoryCount(ctx); n != before {
		t.Fatalf("count after withdrawal %d, want %d", n, before)
	}

	// Every step is in the audit log, with its actor.
	events, err := f.st.AuditLog(ctx, store.AuditFilter{ObjectKind: "signatory"})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range events {
		actions = append(actions, e.Action+" by "+e.Actor)
	}
	want := []string{"signatory-withdraw by contact (by email link)", "signatory-approve by Reviewer",
		"signatory-confirm by contact (by email link)", "signatory-submit by contact (by email link)"}
	if strings.Join(actions, "; ") != strings.Join(want, "; ") {
		t.Fatalf("audit:\n%s\nwant\n%s", strings.Join(actions, "\n"), strings.Join(want, "\n"))
	}
}

func TestRejectAndRequestChanges(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	in := input("Red de Cuidado", "https://cuidado.example", "ana@cuidado.example")
	in.Lang = "es"
	a, _ := f.st.CreateSignatory(ctx, in, store.StatusAwaitingReview, "form")
	b, _ := f.st.CreateSignatory(ctx, input("Care Network", "https://care.example", "bo@care.example"), store.StatusAwaitingReview, "form")

	if _, err := f.svc.Reject(ctx, a, "logo-unusable", "El fondo es negro.", f.staff); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.RequestChanges(ctx, b, "Please send a larger logo.", f.staff); err != nil {
		t.Fatal(err)
	}
	got := f.smtp.Wait(t, 2, 10*time.Second)
	byTo := map[string]mailtest.Received{}
	for _, m := range got {
		byTo[m.To[0]] = m
	}
	rej := byTo["ana@cuidado.example"]
	if !strings.Contains(rej.Body, "No pudimos mostrar el logotipo") || !strings.Contains(rej.Body, "El fondo es negro.") {
		t.Fatalf("rejection in Spanish with reason and note; got %q", rej.Body)
	}
	ch := byTo["bo@care.example"]
	if !strings.Contains(ch.Body, "Please send a larger logo.") {
		t.Fatalf("changes email lacks the note: %q", ch.Body)
	}
	token := link(t, ch)[len("https://example.org/call-to-action/sign/change/"):]
	if _, err := f.svc.Pending(ctx, token, store.TokenChange); err != nil {
		t.Fatal(err)
	}
	fixed := input("Care Network", "https://care.example", "bo@care.example")
	fixed.Statement = "We support it."
	sig, err := f.svc.Resubmit(ctx, token, fixed, "")
	if err != nil || sig.Status != store.StatusAwaitingReview || sig.Statement != "We support it." {
		t.Fatalf("resubmit: %+v %v", sig, err)
	}
	if _, err := f.svc.Resubmit(ctx, token, fixed, ""); !errors.Is(err, signing.ErrNotFound) {
		t.Fatalf("a change link works twice: %v", err)
	}
}

func TestResubmitWithNewEmailNeedsConfirmation(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	id, _ := f.st.CreateSignatory(ctx, input("Care Network", "https://care.example", "bo@care.example"), store.StatusAwaitingReview, "form")
	if _, err := f.svc.RequestChanges(ctx, id, "Use your work address.", f.staff); err != nil {
		t.Fatal(err)
	}
	token := link(t, f.smtp.Wait(t, 1, 10*time.Second)[0])[len("https://example.org/call-to-action/sign/change/"):]
	sig, err := f.svc.Resubmit(ctx, token, input("Care Network", "https://care.example", "Bo@Care.example.org"), "")
	if err != nil || sig.Status != store.StatusAwaitingConfirmation {
		t.Fatalf("resubmit with a new address: %+v %v", sig.Status, err)
	}
	// Made long ago, sent back for confirmation just now: it gets its
	// full week again.
	if _, err := f.pool.Exec(ctx, `UPDATE signatories SET created_at = now() - interval '10 days' WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}
	if n, err := f.svc.ExpireUnconfirmed(ctx); err != nil || n != 0 {
		t.Fatalf("expired a submission sent back for confirmation just now: %d %v", n, err)
	}
	got := f.smtp.Wait(t, 2, 10*time.Second)
	if got[1].To[0] != "bo@care.example.org" || !strings.Contains(link(t, got[1]), "/call-to-action/confirm/") {
		t.Fatalf("no confirmation sent to the new address: %v", got[1].To)
	}
}

func TestOneConfirmationEmailAnHourPerAddress(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if _, err := f.svc.Submit(ctx, input("Fundación Niñez", "www.ninez.example", "amina@ninez.example"), "192.0.2.1"); err != nil {
		t.Fatal(err)
	}
	// Three more for the same address within the hour: refused, with
	// nothing saved and no email.
	for _, addr := range []string{"amina@ninez.example", "AMINA@ninez.example", "amina@NINEZ.example"} {
		if _, err := f.svc.Submit(ctx, input("Another Org", "www.another.example", addr), "192.0.2.1"); !errors.Is(err, signing.ErrConfirmationSent) {
			t.Fatalf("a second confirmation within the hour: %v, want ErrConfirmationSent", err)
		}
	}
	var subs, emails int
	f.pool.QueryRow(ctx, `SELECT count(*) FROM signatories WHERE status = 'awaiting_confirmation'`).Scan(&subs)
	f.pool.QueryRow(ctx, `SELECT count(*) FROM emails WHERE kind = 'signatory-confirm'`).Scan(&emails)
	if subs != 1 || emails != 1 {
		t.Fatalf("%d submissions and %d confirmation emails, want 1 and 1", subs, emails)
	}
	got := f.smtp.Wait(t, 1, 10*time.Second)
	time.Sleep(200 * time.Millisecond)
	if n := len(f.smtp.Messages()); n != 1 {
		t.Fatalf("%d emails arrived, want 1", n)
	}
	// Another address is not held back.
	if _, err := f.svc.Submit(ctx, input("Another Org", "www.another.example", "bo@another.example"), "192.0.2.1"); err != nil {
		t.Fatal(err)
	}
	// Once the first is confirmed, its contact may sign for another
	// organisation at once.
	confirm := link(t, got[0])
	if _, err := f.svc.Confirm(ctx, confirm[strings.LastIndexByte(confirm, '/')+1:], ""); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Submit(ctx, input("Third Org", "www.third.example", "amina@ninez.example"), "192.0.2.1"); err != nil {
		t.Fatalf("after confirming: %v", err)
	}
}

func TestSimultaneousSubmissionsForOneAddressSendOneConfirmation(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	errs := make(chan error, 8)
	for i := range 8 {
		go func() {
			_, err := f.svc.Submit(ctx, input(fmt.Sprintf("Org %d", i), "www.org.example", "same@org.example"), "192.0.2.1")
			errs <- err
		}()
	}
	ok := 0
	for range 8 {
		switch err := <-errs; {
		case err == nil:
			ok++
		case !errors.Is(err, signing.ErrConfirmationSent):
			t.Fatal(err)
		}
	}
	var emails int
	f.pool.QueryRow(ctx, `SELECT count(*) FROM emails WHERE kind = 'signatory-confirm'`).Scan(&emails)
	if ok != 1 || emails != 1 {
		t.Fatalf("%d of 8 simultaneous submissions taken, %d emails queued; want 1 and 1", ok, emails)
	}
}

func TestEraseKeepsApprovedOrganisation(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	approved, _ := f.svc.Add(ctx, input("Kept Org", "https://kept.example", "x@kept.example"), f.staff)
	pending, _ := f.svc.Submit(ctx, input("Gone Org", "https://gone.example", "y@gone.example"), "")
	f.smtp.Wait(t, 1, 10*time.Second)

	if deleted, err := f.svc.Erase(ctx, approved, f.staff); err != nil || deleted {
		t.Fatalf("erase approved: deleted=%v %v", deleted, err)
	}
	sig, _ := f.st.Signatory(ctx, approved)
	if sig.Status != store.StatusApproved || sig.ContactEmail != "" || sig.ContactName != "" || sig.ErasedAt == nil {
		t.Fatalf("after erasure: %+v", sig)
	}
	if deleted, err := f.svc.Erase(ctx, pending, f.staff); err != nil || !deleted {
		t.Fatalf("erase pending: deleted=%v %v", deleted, err)
	}
	if _, err := f.st.Signatory(ctx, pending); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("erased submission still there: %v", err)
	}
	if list, _ := f.st.Emails(ctx, store.EmailFilter{To: "gone.example"}); len(list) != 0 {
		t.Fatalf("emails to an erased contact kept: %d", len(list))
	}
}

func TestUnconfirmedExpireAfterSevenDays(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	id, _ := f.svc.Submit(ctx, input("Slow Org", "https://slow.example", "z@slow.example"), "")
	if n, err := f.svc.ExpireUnconfirmed(ctx); err != nil || n != 0 {
		t.Fatalf("expired a fresh submission: %d %v", n, err)
	}
	f.svc.Now = func() time.Time { return time.Now().Add(signing.ConfirmFor + time.Minute) }
	if n, err := f.svc.ExpireUnconfirmed(ctx); err != nil || n != 1 {
		t.Fatalf("expired %d, want 1 (%v)", n, err)
	}
	if _, err := f.st.Signatory(ctx, id); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("expired submission still there: %v", err)
	}
}

func TestDuplicatesFlagged(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	first, _ := f.svc.Add(ctx, input("Save the Children", "https://www.savethechildren.example", ""), f.staff)
	a, _ := f.st.CreateSignatory(ctx, input("SAVE-THE-CHILDREN!", "https://other.example", "a@other.example"), store.StatusAwaitingReview, "form")
	b, _ := f.st.CreateSignatory(ctx, input("Different name", "http://savethechildren.example/about", "b@x.example"), store.StatusAwaitingReview, "form")
	c, _ := f.st.CreateSignatory(ctx, input("Unrelated", "https://unrelated.example", "c@unrelated.example"), store.StatusAwaitingReview, "form")
	for _, tc := range []struct {
		id             int64
		byName, bySite bool
	}{{a, true, false}, {b, false, true}} {
		sig, _ := f.st.Signatory(ctx, tc.id)
		m, err := f.st.SignatoryMatches(ctx, sig)
		if err != nil || len(m) != 1 || m[0].ID != first || m[0].ByName != tc.byName || m[0].BySite != tc.bySite {
			t.Errorf("matches of %q: %+v %v", sig.Name, m, err)
		}
	}
	sig, _ := f.st.Signatory(ctx, c)
	if m, _ := f.st.SignatoryMatches(ctx, sig); len(m) != 0 {
		t.Errorf("unrelated matched: %+v", m)
	}
}

func TestRetriedEmailThenFailedForGood(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.smtp.FailNext(1, false) // a temporary refusal: River tries again
	id, _ := f.svc.Submit(ctx, input("Retry Org", "https://retry.example", "r@retry.example"), "")
	// River's first retry comes after about a second.
	f.smtp.Wait(t, 1, 30*time.Second)
	list, _ := f.st.Emails(ctx, store.EmailFilter{})
	deadline := time.Now().Add(5 * time.Second)
	for list[0].Status != store.EmailSent && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		list, _ = f.st.Emails(ctx, store.EmailFilter{})
	}
	if list[0].Status != store.EmailSent || list[0].Attempts != 2 || *list[0].SignatoryID != id {
		t.Fatalf("after one refusal: %+v", list[0])
	}

	f.smtp.FailNext(1, true) // a permanent refusal: no more tries
	if _, err := f.svc.Submit(ctx, input("Bounce Org", "https://bounce.example", "nobody@bounce.example"), ""); err != nil {
		t.Fatal(err)
	}
	deadline = time.Now().Add(10 * time.Second)
	for {
		list, _ = f.st.Emails(ctx, store.EmailFilter{To: "bounce.example"})
		if len(list) == 1 && list[0].Status == store.EmailFailed {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("permanently refused email not marked failed: %+v", list)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if list[0].LastError == "" || list[0].Attempts != 1 {
		t.Fatalf("failed email: %+v", list[0])
	}
}

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		name    string
		in      store.SignatoryInput
		problem map[string]string
	}{
		{"empty", store.SignatoryInput{}, map[string]string{"name": "sign.error.name.required", "website": "sign.error.website.required",
			"country": "sign.error.country.required", "type": "sign.error.type.required", "contact_name": "sign.error.contact_name.required",
			"contact_email": "sign.error.contact_email.required", "role": "sign.error.role.required", "consent": "sign.error.consent.required"}},
		{"bad email and url", store.SignatoryInput{Name: "X", Website: "not a site", Country: "ZZ", OrgType: "club", ContactName: "A",
			ContactEmail: "a@b", ContactRole: "R", Consent: true}, map[string]string{"website": "sign.error.website.invalid",
			"country": "sign.error.country.invalid", "type": "sign.error.type.invalid", "contact_email": "sign.error.contact_email.invalid"}},
		{"javascript url", store.SignatoryInput{Name: "X", Website: "javascript:alert(1)//x.org", Country: "KE", OrgType: "ngo", ContactName: "A",
			ContactEmail: "a@b.org", ContactRole: "R", Consent: true}, map[string]string{"website": "sign.error.website.invalid"}},
		{"display name email", store.SignatoryInput{Name: "X", Website: "x.org", Country: "KE", OrgType: "ngo", ContactName: "A",
			ContactEmail: "A <a@b.org>", ContactRole: "R", Consent: true}, map[string]string{"contact_email": "sign.error.contact_email.invalid"}},
		{"long statement", store.SignatoryInput{Name: "X", Website: "x.org", Country: "KE", OrgType: "ngo", ContactName: "A",
			ContactEmail: "a@b.org", ContactRole: "R", Consent: true, Statement: strings.Repeat("é", 501)}, map[string]string{"statement": "sign.error.statement.long"}},
		{"phishing names", store.SignatoryInput{Name: "Confirm URGENT: verify now at http://evil.example/x", Website: "x.org", Country: "KE",
			OrgType: "ngo", ContactName: "evil.example/unlock", ContactEmail: "a@b.org", ContactRole: "R", Consent: true},
			map[string]string{"name": "sign.error.name.link", "contact_name": "sign.error.contact_name.link"}},
		{"names with dots", store.SignatoryInput{Name: "St. Mary's Home", Website: "x.org", Country: "KE", OrgType: "ngo",
			ContactName: "Dr. A. Smith", ContactEmail: "a@b.org", ContactRole: "R", Consent: true}, map[string]string{}},
		{"fine", store.SignatoryInput{Name: "  Org  ", Website: "WWW.Org.example/path", Country: "KE", OrgType: "ngo", ContactName: "A",
			ContactEmail: "a@b.org", ContactRole: "R", Consent: true, Statement: strings.Repeat("é", 500)}, map[string]string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in
			got := signing.Check(&in, true)
			if len(got) != len(tc.problem) {
				t.Fatalf("problems %v, want %v", got, tc.problem)
			}
			for k, v := range tc.problem {
				if got[k] != v {
					t.Errorf("%s: %q, want %q", k, got[k], v)
				}
			}
			if tc.name == "fine" && (in.Name != "Org" || in.Website != "https://www.org.example/path" || in.Domain != "org.example" || in.NameKey != "org") {
				t.Errorf("tidied: %+v", in)
			}
		})
	}
}

func TestKeys(t *testing.T) {
	if k := signing.NameKey("Fundación S.O.S. Niñez"); k != "fundacionsosninez" {
		t.Errorf("NameKey = %q", k)
	}
	if d := signing.Domain("https://WWW.Example.org:8443/x"); d != "example.org" {
		t.Errorf("Domain = %q", d)
	}
	for _, tc := range []struct {
		email, site string
		differs     bool
	}{
		{"a@example.org", "https://www.example.org", false},
		{"a@mail.example.org", "https://example.org", false},
		{"a@gmail.com", "https://example.org", true},
		{"a@gmail.com", "", false},
	} {
		if got := signing.EmailDomainDiffers(tc.email, tc.site); got != tc.differs {
			t.Errorf("EmailDomainDiffers(%q, %q) = %v", tc.email, tc.site, got)
		}
	}
}
