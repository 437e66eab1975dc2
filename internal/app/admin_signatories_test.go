package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/chromedp"

	"github.com/sswalliance/advocacy/internal/signing"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web/admin"
)

// testLogo stores a small logo and returns its hash.
func testLogo(t testing.TB, st *store.Store, shade uint8) string {
	t.Helper()
	m := image.NewNRGBA(image.Rect(0, 0, 120, 60))
	for y := range 60 {
		for x := range 120 {
			m.Set(x, y, color.NRGBA{R: shade, G: 80, B: 120, A: 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	sha := fmt.Sprintf("%x", sha256.Sum256(buf.Bytes()))
	if err := st.SaveLogo(context.Background(), store.Logo{SHA256: sha, PNG: buf.Bytes(), Width: 120, Height: 60},
		buf.Bytes(), sha, "image/png", "png"); err != nil {
		t.Fatal(err)
	}
	return sha
}

// addSignatory stores a signatory in status, as the public form would
// have (with its name key and domain), and returns its id.
func addSignatory(t testing.TB, st *store.Store, status, name, website, email string) int64 {
	t.Helper()
	in := store.SignatoryInput{Name: name, Website: website, Country: "KE", OrgType: "ngo",
		ContactName: "Contact of " + name, ContactEmail: email, ContactRole: "Director",
		Statement: "We support the social service workforce.", Lang: "en", Consent: true,
		NameKey: signing.NameKey(name), Domain: signing.Domain(website)}
	in.LogoSHA = testLogo(t, st, uint8(len(name)*7))
	in.OriginalSHA = in.LogoSHA
	id, err := st.CreateSignatory(context.Background(), in, status, "form")
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// addRejectionReason adds a reason staff can pick, in English and Spanish.
func addRejectionReason(t testing.TB, s staffSite, slug, en, es string) {
	t.Helper()
	ctx := context.Background()
	if _, err := s.pool.Exec(ctx, `INSERT INTO rejection_reasons (slug, position) VALUES ($1, 100) ON CONFLICT DO NOTHING`, slug); err != nil {
		t.Fatal(err)
	}
	if _, err := s.pool.Exec(ctx, `INSERT INTO rejection_reason_texts (reason_slug, lang, text) VALUES ($1, 'en', $2), ($1, 'es', $3)
		ON CONFLICT DO NOTHING`, slug, en, es); err != nil {
		t.Fatal(err)
	}
}

func sigPath(id int64) string { return "/admin/signatories/" + strconv.FormatInt(id, 10) }

func (s staffSite) signatory(t *testing.T, id int64) store.Signatory {
	t.Helper()
	sig, err := s.store.Signatory(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return sig
}

func (s staffSite) publicCount(t *testing.T) int {
	t.Helper()
	n, err := s.store.SignatoryCount(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestSignatoryQueueForEditors(t *testing.T) {
	s := newSignatorySite(t)
	editor := signIn(t, s.srv.URL, "editor@example.org", addStaff(t, s.pool, "editor@example.org", "editor"))
	first := addSignatory(t, s.store, store.StatusAwaitingReview, "Red Social Andina", "https://redandina.org", "ana@redandina.org")
	second := addSignatory(t, s.store, store.StatusAwaitingReview, "Kenya Social Workers", "https://ksw.or.ke", "someone@gmail.com")
	addSignatory(t, s.store, store.StatusApproved, "Kenya Social-Workers!", "https://kenyasw.example.org", "x@kenyasw.example.org")
	addSignatory(t, s.store, store.StatusAwaitingConfirmation, "Not Yet Confirmed", "https://nyc.example.org", "a@nyc.example.org")

	res := s.get(t, editor, "/admin/signatories")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("queue: %s", res.Status)
	}
	doc := parse(t, res)
	counts := map[string]string{}
	doc.Find(`[data-testid=signatory-tabs] a`).Each(func(_ int, a *goquery.Selection) {
		counts[strings.TrimPrefix(a.AttrOr("data-testid", ""), "tab-")] = a.Find("[data-testid=tab-count]").Text()
	})
	want := map[string]string{store.StatusAwaitingReview: "2", store.StatusApproved: "1", store.StatusAwaitingConfirmation: "1",
		store.StatusRejected: "0", store.StatusChangesRequested: "0", store.StatusWithdrawn: "0", store.StatusHidden: "0", "all": "4"}
	if fmt.Sprint(counts) != fmt.Sprint(want) {
		t.Errorf("tab counts %v, want %v", counts, want)
	}
	if doc.Find(`[data-testid=tab-awaiting_review][aria-current=page]`).Length() != 1 {
		t.Error("awaiting review is not the tab shown first")
	}
	var ids []string
	doc.Find(`[data-testid=signatory-row]`).Each(func(_ int, row *goquery.Selection) { ids = append(ids, row.AttrOr("data-id", "")) })
	if fmt.Sprint(ids) != fmt.Sprint([]int64{first, second}) {
		t.Errorf("rows %v, want the two awaiting review, oldest first", ids)
	}
	row := doc.Find(fmt.Sprintf(`[data-testid=signatory-row][data-id="%d"]`, second))
	if row.Find("[data-testid=flag-duplicate]").Length() != 1 || row.Find("[data-testid=flag-domain]").Length() != 1 {
		t.Errorf("Kenya Social Workers is not flagged as a possible duplicate from a gmail address: %q", row.Find(".flags").Text())
	}
	if row.Find(`img.logo-thumb`).Length() != 1 || !strings.Contains(row.Text(), "Kenya") || !strings.Contains(row.Text(), "Non-governmental") {
		t.Errorf("row without thumbnail, country or type: %q", row.Text())
	}
	if r := doc.Find(fmt.Sprintf(`[data-testid=signatory-row][data-id="%d"]`, first)); r.Find(".flag").Length() != 0 {
		t.Errorf("a signatory with nothing odd is flagged: %q", r.Find(".flags").Text())
	}

	// The search looks in the tab shown.
	doc = parse(t, s.get(t, editor, "/admin/signatories?status=all&q=kenya"))
	if n := doc.Find(`[data-testid=signatory-row]`).Length(); n != 2 {
		t.Errorf("search for kenya in every state: %d rows, want 2", n)
	}
	if res := s.get(t, editor, "/admin/signatories?status=nonsense"); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown state: %s", res.Status)
	}

	// The detail page shows the match, linked, and the domain flag.
	doc = parse(t, s.get(t, editor, sigPath(second)))
	if doc.Find(`[data-testid=match] a`).Length() != 1 || !strings.HasPrefix(doc.Find(`[data-testid=match] a`).AttrOr("href", ""), "/admin/signatories/") {
		t.Error("no link to the matching signatory")
	}
	if flag := doc.Find(`[data-testid=domain-flag]`).Text(); !strings.Contains(flag, "gmail.com") || !strings.Contains(flag, "ksw.or.ke") {
		t.Errorf("domain flag %q", flag)
	}
	if doc.Find(`[data-testid=fact-contact-email]`).Text() != "someone@gmail.com" {
		t.Error("the contact's email is not shown to staff")
	}
	if doc.Find(`.logo-on-light img`).Length() != 1 || doc.Find(`.logo-on-dark img`).Length() != 1 ||
		!strings.Contains(doc.Find(`[data-testid=logo-size]`).Text(), "120 × 60") {
		t.Error("the logo is not previewed on light and dark with its size")
	}
	// The upload as sent, and erasure, are for admins.
	if doc.Find(`[data-testid=original]`).Length() != 0 || doc.Find(`[data-testid=erase-link]`).Length() != 0 {
		t.Error("an editor is offered the original upload or erasure")
	}
	doc = parse(t, s.get(t, s.admin, sigPath(second)))
	if doc.Find(`[data-testid=original]`).AttrOr("href", "") != sigPath(second)+"/original" {
		t.Error("no link to the original upload for an admin")
	}
}

func TestSignatoryApproveFromDetailPage(t *testing.T) {
	s := newSignatorySite(t)
	id := addSignatory(t, s.store, store.StatusAwaitingReview, "Asociación de Trabajo Social", "https://ats.example.org", "ana@ats.example.org")
	before := s.publicCount(t)

	doc := parse(t, s.get(t, s.admin, sigPath(id)))
	if doc.Find(`[data-testid=approve]`).Length() != 1 || doc.Find(`[data-testid=hide]`).Length() != 0 {
		t.Fatal("a submission awaiting review does not offer approve (or offers hide)")
	}
	flash := s.post(t, s.admin, sigPath(id)+"/approve", nil, sigPath(id))
	if !strings.Contains(flash, "approved and on the wall") {
		t.Errorf("flash %q", flash)
	}
	if sig := s.signatory(t, id); sig.Status != store.StatusApproved {
		t.Errorf("status %s", sig.Status)
	}
	if after := s.publicCount(t); after != before+1 {
		t.Errorf("public count %d, then %d", before, after)
	}
	emails, err := s.store.Emails(context.Background(), store.EmailFilter{To: "ana@ats.example.org"})
	if err != nil || len(emails) != 1 || emails[0].Kind != "signatory-approved" {
		t.Errorf("emails to the contact: %+v, %v", emails, err)
	}
	// The page now offers to hide it, and lists the email.
	doc = parse(t, s.get(t, s.admin, sigPath(id)))
	if doc.Find(`[data-testid=hide]`).Length() != 1 || doc.Find(`[data-testid=approve]`).Length() != 0 {
		t.Error("an approved signatory does not offer hide only")
	}
	if doc.Find(`[data-testid=signatory-emails] tbody tr`).Length() != 1 {
		t.Error("the approval email is not listed on the signatory's page")
	}

	// Approving again (a second tab, or a colleague) changes nothing.
	flash = s.post(t, s.admin, sigPath(id)+"/approve", nil, sigPath(id))
	if !strings.HasPrefix(flash, "Someone else already dealt with") {
		t.Errorf("second approve: flash %q", flash)
	}
	if after := s.publicCount(t); after != before+1 {
		t.Errorf("public count %d after approving twice", after)
	}

	// Hide and show again.
	s.post(t, s.admin, sigPath(id)+"/hide", nil, sigPath(id))
	if after := s.publicCount(t); after != before {
		t.Errorf("public count %d after hiding", after)
	}
	s.post(t, s.admin, sigPath(id)+"/unhide", nil, sigPath(id))
	if after := s.publicCount(t); after != before+1 {
		t.Errorf("public count %d after showing again", after)
	}
}

func TestSignatoryRejectEmailsTheContact(t *testing.T) {
	s := newSignatorySite(t)
	addRejectionReason(t, s, "test-not-a-service", "Your organisation does not work with the social service workforce.",
		"Su organización no trabaja con la fuerza laboral de servicios sociales.")
	id := addSignatory(t, s.store, store.StatusAwaitingReview, "Spam Shop", "https://spam.example.com", "seller@spam.example.com")

	// No reason: the page comes back with the problem beside the field.
	res := postForm(t, s.admin, s.srv.URL+sigPath(id)+"/reject", url.Values{"note": {"Kept note"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("reject without a reason: %s", res.Status)
	}
	doc := parse(t, res)
	if doc.Find(`#reason-error`).Length() != 1 || doc.Find(`[data-testid=error-summary] a[href="#reason"]`).Length() != 1 ||
		doc.Find(`#reason[aria-invalid=true]`).Length() != 1 || doc.Find(`#reject-note`).Text() != "Kept note" {
		t.Error("no problem beside the reason, or the note was lost")
	}
	if sig := s.signatory(t, id); sig.Status != store.StatusAwaitingReview {
		t.Errorf("rejected without a reason: %s", sig.Status)
	}

	flash := s.post(t, s.admin, sigPath(id)+"/reject", url.Values{"reason": {"test-not-a-service"}, "note": {"Thank you all the same."}}, sigPath(id))
	if !strings.Contains(flash, "rejected") || !strings.Contains(flash, "emailed the reason") {
		t.Errorf("flash %q", flash)
	}
	sig := s.signatory(t, id)
	if sig.Status != store.StatusRejected || sig.RejectReason != "test-not-a-service" || sig.ReviewNote != "Thank you all the same." {
		t.Errorf("stored %s %q %q", sig.Status, sig.RejectReason, sig.ReviewNote)
	}
	emails, err := s.store.Emails(context.Background(), store.EmailFilter{To: "seller@spam.example.com"})
	if err != nil || len(emails) != 1 {
		t.Fatalf("emails to the contact: %+v, %v", emails, err)
	}
	if e := emails[0]; e.Status != store.EmailQueued || e.SignatoryID == nil || *e.SignatoryID != id ||
		!strings.Contains(e.Body, "does not work with the social service workforce") || !strings.Contains(e.Body, "Thank you all the same.") {
		t.Errorf("rejection email %+v", e)
	}
	doc = parse(t, s.get(t, s.admin, sigPath(id)))
	if !strings.Contains(doc.Find(`[data-testid=review-reason]`).Text(), "does not work with") {
		t.Error("the reason given is not shown on the signatory's page")
	}

	// Asking for changes needs a note.
	other := addSignatory(t, s.store, store.StatusAwaitingReview, "Blurry Logo Org", "https://blurry.example.org", "b@blurry.example.org")
	res = postForm(t, s.admin, s.srv.URL+sigPath(other)+"/request-changes", url.Values{"note": {"  "}})
	if res.StatusCode != http.StatusUnprocessableEntity || parse(t, res).Find(`#changes-note-error`).Length() != 1 {
		t.Errorf("request changes without a note: %s", res.Status)
	}
	s.post(t, s.admin, sigPath(other)+"/request-changes", url.Values{"note": {"Please send a sharper logo."}}, sigPath(other))
	if sig := s.signatory(t, other); sig.Status != store.StatusChangesRequested {
		t.Errorf("after requesting changes: %s", sig.Status)
	}
}

func TestSignatoryBulkApprove(t *testing.T) {
	s := newSignatorySite(t)
	a := addSignatory(t, s.store, store.StatusAwaitingReview, "First Org", "https://first.example.org", "a@first.example.org")
	b := addSignatory(t, s.store, store.StatusAwaitingReview, "Second Org", "https://second.example.org", "b@second.example.org")
	c := addSignatory(t, s.store, store.StatusAwaitingReview, "Third Org", "https://third.example.org", "c@third.example.org")
	before := s.publicCount(t)

	// Nothing ticked: the queue comes back with the problem.
	res := postForm(t, s.admin, s.srv.URL+"/admin/signatories/bulk", url.Values{"action": {"approve"}, "status": {store.StatusAwaitingReview}})
	if res.StatusCode != http.StatusUnprocessableEntity || parse(t, res).Find(`#rows-error`).Length() != 1 {
		t.Errorf("bulk with nothing ticked: %s", res.Status)
	}

	back := "/admin/signatories?status=" + store.StatusAwaitingReview
	flash := s.post(t, s.admin, "/admin/signatories/bulk", url.Values{"action": {"approve"}, "status": {store.StatusAwaitingReview},
		"id": {strconv.FormatInt(a, 10), strconv.FormatInt(b, 10)}}, back)
	if flash != "Approved 2." {
		t.Errorf("flash %q", flash)
	}
	for id, want := range map[int64]string{a: store.StatusApproved, b: store.StatusApproved, c: store.StatusAwaitingReview} {
		if got := s.signatory(t, id).Status; got != want {
			t.Errorf("signatory %d: %s, want %s", id, got, want)
		}
	}
	if after := s.publicCount(t); after != before+2 {
		t.Errorf("public count %d, then %d", before, after)
	}

	// One already handled (approved above) is counted, not approved twice.
	flash = s.post(t, s.admin, "/admin/signatories/bulk", url.Values{"action": {"approve"}, "status": {store.StatusAwaitingReview},
		"id": {strconv.FormatInt(a, 10), strconv.FormatInt(c, 10)}}, back)
	if flash != "Approved 1. 1 had already been handled by someone else." {
		t.Errorf("flash %q", flash)
	}

	// Bulk reject needs a reason.
	d := addSignatory(t, s.store, store.StatusAwaitingReview, "Fourth Org", "https://fourth.example.org", "d@fourth.example.org")
	res = postForm(t, s.admin, s.srv.URL+"/admin/signatories/bulk", url.Values{"action": {"reject"}, "status": {store.StatusAwaitingReview},
		"id": {strconv.FormatInt(d, 10)}})
	doc := parse(t, res)
	if res.StatusCode != http.StatusUnprocessableEntity || doc.Find(`#bulk-reason-error`).Length() != 1 ||
		doc.Find(fmt.Sprintf(`input[name=id][value="%d"][checked]`, d)).Length() != 1 {
		t.Errorf("bulk reject without a reason: %s, or the ticked row was not kept", res.Status)
	}

	// Bulk request for changes: the note is required, then each contact
	// is emailed it with their own link.
	e := addSignatory(t, s.store, store.StatusAwaitingReview, "Fifth Org", "https://fifth.example.org", "e@fifth.example.org")
	ids := []string{strconv.FormatInt(d, 10), strconv.FormatInt(e, 10)}
	res = postForm(t, s.admin, s.srv.URL+"/admin/signatories/bulk", url.Values{"action": {"request-changes"}, "status": {store.StatusAwaitingReview}, "id": ids})
	if res.StatusCode != http.StatusUnprocessableEntity || parse(t, res).Find(`#bulk-changes-note-error`).Length() != 1 {
		t.Errorf("bulk request for changes without a note: %s", res.Status)
	}
	flash = s.post(t, s.admin, "/admin/signatories/bulk", url.Values{"action": {"request-changes"}, "status": {store.StatusAwaitingReview},
		"id": ids, "changes_note": {"Please send a logo on a white background."}}, back)
	if !strings.HasPrefix(flash, "Asked 2 for changes") {
		t.Errorf("flash %q", flash)
	}
	for _, id := range []int64{d, e} {
		if got := s.signatory(t, id).Status; got != store.StatusChangesRequested {
			t.Errorf("signatory %d: %s after a bulk request for changes", id, got)
		}
		emails, err := s.store.Emails(context.Background(), store.EmailFilter{SignatoryID: id})
		if err != nil || len(emails) != 1 || !strings.Contains(emails[0].Body, "white background") || !strings.Contains(emails[0].Body, "/call-to-action/sign/change/") {
			t.Errorf("signatory %d emails: %+v %v", id, emails, err)
		}
	}
}

func TestSignatoryEraseKeepsApprovedOrganisation(t *testing.T) {
	s := newSignatorySite(t)
	id := addSignatory(t, s.store, store.StatusApproved, "Kept Org", "https://kept.example.org", "person@kept.example.org")
	pending := addSignatory(t, s.store, store.StatusAwaitingReview, "Gone Org", "https://gone.example.org", "person@gone.example.org")
	before := s.publicCount(t)

	doc := parse(t, s.get(t, s.admin, sigPath(id)+"/erase"))
	if doc.Find(`[data-testid=erase-keeps]`).Length() != 1 || doc.Find(`form[action="`+sigPath(id)+`/erase"]`).Length() != 1 {
		t.Error("the confirmation page does not say the organisation stays")
	}
	flash := s.post(t, s.admin, sigPath(id)+"/erase", nil, sigPath(id))
	if !strings.Contains(flash, "erased") {
		t.Errorf("flash %q", flash)
	}
	sig := s.signatory(t, id)
	if sig.ContactName != "" || sig.ContactEmail != "" || sig.ContactRole != "" || sig.ErasedAt == nil {
		t.Errorf("contact kept: %q %q %q", sig.ContactName, sig.ContactEmail, sig.ContactRole)
	}
	if sig.Status != store.StatusApproved || sig.Name != "Kept Org" || sig.LogoSHA == "" || s.publicCount(t) != before {
		t.Errorf("the organisation did not stay public: %s, count %d then %d", sig.Status, before, s.publicCount(t))
	}
	doc = parse(t, s.get(t, s.admin, sigPath(id)))
	if doc.Find(`[data-testid=erased]`).Length() != 1 || doc.Find(`[data-testid=erase-link]`).Length() != 0 {
		t.Error("the page does not say the contact was erased")
	}

	// A submission not on the wall goes altogether.
	doc = parse(t, s.get(t, s.admin, sigPath(pending)+"/erase"))
	if doc.Find(`[data-testid=erase-deletes]`).Length() != 1 {
		t.Error("the confirmation page does not say the submission is deleted")
	}
	s.post(t, s.admin, sigPath(pending)+"/erase", nil, "/admin/signatories?status="+store.StatusAwaitingReview)
	if _, err := s.store.Signatory(context.Background(), pending); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("erased submission: %v", err)
	}
}

func TestSignatoryAddAndEditByStaff(t *testing.T) {
	s := newSignatorySite(t)
	before := s.publicCount(t)
	var logo bytes.Buffer
	m := image.NewNRGBA(image.Rect(0, 0, 200, 100))
	for i := range m.Pix {
		m.Pix[i] = 200
	}
	if err := png.Encode(&logo, m); err != nil {
		t.Fatal(err)
	}

	// Without a name the form comes back, the logo kept.
	body, ctype := multipartForm(t, url.Values{"website": {"emailed.example.org"}, "type": {"network"}}, "logo", "logo.png", bytes.NewReader(logo.Bytes()))
	res, err := s.admin.Post(s.srv.URL+"/admin/signatories/new", ctype, body)
	if err != nil {
		t.Fatal(err)
	}
	doc := parse(t, res)
	ref := doc.Find(`input[name=logo_ref]`).AttrOr("value", "")
	if res.StatusCode != http.StatusUnprocessableEntity || doc.Find(`#name-error`).Length() != 1 || ref == "" ||
		doc.Find(`#website`).AttrOr("value", "") != "https://emailed.example.org" || doc.Find(`#type option[selected]`).AttrOr("value", "") != "network" {
		t.Fatalf("add without a name: %s, logo ref %q, website %q", res.Status, ref, doc.Find(`#website`).AttrOr("value", ""))
	}

	body, ctype = multipartForm(t, url.Values{"name": {"Emailed Network"}, "website": {"emailed.example.org"}, "type": {"network"},
		"country": {"BR"}, "logo_ref": {ref}}, "logo", "", strings.NewReader(""))
	res, err = s.admin.Post(s.srv.URL+"/admin/signatories/new", ctype, body)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/admin/signatories/") {
		t.Fatalf("add: %s to %q", res.Status, loc)
	}
	id, _ := strconv.ParseInt(strings.TrimPrefix(loc, "/admin/signatories/"), 10, 64)
	sig := s.signatory(t, id)
	if sig.Status != store.StatusApproved || sig.Source != "staff" || sig.LogoSHA == "" || sig.Country != "BR" || s.publicCount(t) != before+1 {
		t.Errorf("added %+v", sig)
	}

	// Edit: the logo is optional and stays.
	doc = parse(t, s.get(t, s.admin, sigPath(id)+"/edit"))
	if doc.Find(`#name`).AttrOr("value", "") != "Emailed Network" || doc.Find(`[data-testid=current-logo]`).Length() != 1 {
		t.Error("the edit form does not hold the signatory")
	}
	body, ctype = multipartForm(t, url.Values{"name": {"Emailed Network International"}, "website": {"https://emailed.example.org"},
		"type": {"network"}, "country": {"BR"}}, "logo", "", strings.NewReader(""))
	res, err = s.admin.Post(s.srv.URL+sigPath(id)+"/edit", ctype, body)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != sigPath(id) {
		t.Fatalf("edit: %s to %q", res.Status, res.Header.Get("Location"))
	}
	if got := s.signatory(t, id); got.Name != "Emailed Network International" || got.LogoSHA != sig.LogoSHA {
		t.Errorf("edited %q, logo %q (was %q)", got.Name, got.LogoSHA, sig.LogoSHA)
	}
}

func TestOutboxShowsQueuedEmailWithLinks(t *testing.T) {
	s := newSignatorySite(t)
	ctx := context.Background()
	id := addSignatory(t, s.store, store.StatusAwaitingReview, "Linked Org", "https://linked.example.org", "l@linked.example.org")
	base := testConfig(t, nil).BaseURL.String() // the site's origin, as emails write it
	body := "Hello,\n\nConfirm here: " + base + "/call-to-action/confirm/abc123.\nNot this one: https://evil.example/phish\n" +
		"Nor this: " + base + "@evil.example/x\n"
	emailID, err := s.store.QueueEmail(ctx, store.Email{Kind: "signatory-confirm", To: "l@linked.example.org", ToName: "Lin",
		Subject: "Confirm your signature", Body: body, SignatoryID: &id})
	if err != nil {
		t.Fatal(err)
	}

	doc := parse(t, s.get(t, s.admin, "/admin/outbox"))
	row := doc.Find(fmt.Sprintf(`[data-testid=email-row][data-id="%d"]`, emailID))
	if row.Length() != 1 || !strings.Contains(row.Text(), "l@linked.example.org") || !strings.Contains(row.Text(), "Queued") {
		t.Fatalf("outbox row %q", row.Text())
	}
	if doc.Find(`[data-testid=log-only]`).Length() != 1 {
		t.Error("no note that mail is only logged without SMTP_URL")
	}
	if n := parse(t, s.get(t, s.admin, "/admin/outbox?status=sent")).Find(`[data-testid=email-row]`).Length(); n != 0 {
		t.Errorf("%d sent emails listed", n)
	}

	doc = parse(t, s.get(t, s.admin, fmt.Sprintf("/admin/outbox/%d", emailID)))
	var links []string
	doc.Find(`[data-testid=email-body] a`).Each(func(_ int, a *goquery.Selection) { links = append(links, a.AttrOr("href", "")) })
	if want := []string{base + "/call-to-action/confirm/abc123"}; !slices.Equal(links, want) {
		t.Errorf("links %q, want %q (only this site's, without the full stop)", links, want)
	}
	if got := doc.Find(`[data-testid=email-body]`).Text(); got != body {
		t.Errorf("body shown as %q, want %q", got, body)
	}
	if doc.Find(`[data-testid=email-signatory]`).AttrOr("href", "") != sigPath(id) {
		t.Error("no link to the signatory the email is about")
	}
	if res := s.get(t, s.admin, "/admin/outbox/999999"); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown email: %s", res.Status)
	}
}

func TestOutboxRetryFailedEmail(t *testing.T) {
	s := newSignatorySite(t)
	ctx := context.Background()
	id, err := s.store.QueueEmail(ctx, store.Email{Kind: "test", To: "down@example.org", Subject: "Hello", Body: "Hello"})
	if err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/admin/outbox/%d", id)
	// Still queued: nothing to retry.
	if parse(t, s.get(t, s.admin, path)).Find(`[data-testid=retry]`).Length() != 0 {
		t.Error("a queued email offers to be tried again")
	}
	if flash := s.post(t, s.admin, path+"/retry", nil, path); !strings.HasPrefix(flash, "Only an email that failed") {
		t.Errorf("retry of a queued email: flash %q", flash)
	}
	if err := s.store.MarkEmailAttempt(ctx, id, errors.New("connection refused"), true); err != nil {
		t.Fatal(err)
	}
	doc := parse(t, s.get(t, s.admin, path))
	if doc.Find(`[data-testid=retry]`).Length() != 1 || doc.Find(`[data-testid=email-error]`).Text() != "connection refused" {
		t.Fatal("a failed email does not show its error and a retry button")
	}
	s.post(t, s.admin, path+"/retry", nil, path)
	if e, err := s.store.Email(ctx, id); err != nil || e.Status != store.EmailQueued || e.LastError != "" {
		t.Errorf("after retry: %+v, %v", e, err)
	}
}

func TestOutboxPages(t *testing.T) {
	s := newSignatorySite(t)
	for i := range admin.OutboxPageSize + 5 {
		if _, err := s.store.QueueEmail(context.Background(), store.Email{Kind: "test", To: fmt.Sprintf("p%d@example.org", i),
			Subject: "Message " + strconv.Itoa(i), Body: "Hello"}); err != nil {
			t.Fatal(err)
		}
	}
	doc := parse(t, s.get(t, s.admin, "/admin/outbox?status=queued"))
	older := doc.Find(`[data-testid=older]`).AttrOr("href", "")
	if n := doc.Find(`[data-testid=email-row]`).Length(); n != admin.OutboxPageSize || !strings.Contains(older, "status=queued") {
		t.Fatalf("first page: %d rows, older %q", n, older)
	}
	doc = parse(t, s.get(t, s.admin, older))
	if n := doc.Find(`[data-testid=email-row]`).Length(); n != 5 || doc.Find(`[data-testid=older]`).Length() != 0 {
		t.Errorf("second page: %d rows", n)
	}
}

func TestEmailBodyLinksOnlyThisSite(t *testing.T) {
	base, _ := url.Parse("https://sswa.example.org")
	for body, want := range map[string][]string{
		"Go to https://sswa.example.org/a?b=c, then.":                {"https://sswa.example.org/a?b=c"},
		"(https://sswa.example.org/x)":                               {"https://sswa.example.org/x"},
		"http://sswa.example.org/plain":                              nil, // another scheme
		"https://sswa.example.org.evil.example/":                     nil,
		"https://sswa.example.org@evil.example/":                     nil,
		"https://SSWA.example.org/Case":                              {"https://SSWA.example.org/Case"},
		"no links at all":                                            nil,
		"two: https://sswa.example.org/1 https://sswa.example.org/2": {"https://sswa.example.org/1", "https://sswa.example.org/2"},
	} {
		var got []string
		var text strings.Builder
		for _, p := range admin.EmailBody(body, base) {
			if p.URL != "" {
				got = append(got, string(p.URL))
			}
			text.WriteString(p.Text)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q: links %q, want %q", body, got, want)
		}
		if text.String() != body {
			t.Errorf("%q: text became %q", body, text.String())
		}
	}
}

// TestSignatoryPagesAreValidHTML holds the staff's signing pages to the
// html-validate rules every public page meets, in each state they show.
func TestSignatoryPagesAreValidHTML(t *testing.T) {
	s := newSignatorySite(t)
	addRejectionReason(t, s, "test-other", "Another reason.", "Otra razón.")
	review := addSignatory(t, s.store, store.StatusAwaitingReview, "Kenya Social Workers", "https://ksw.or.ke", "someone@gmail.com")
	approved := addSignatory(t, s.store, store.StatusApproved, "Kenya Social-Workers", "https://ksw.or.ke", "x@ksw.or.ke")
	emailID, err := s.store.QueueEmail(context.Background(), store.Email{Kind: "signatory-confirm", To: "someone@gmail.com",
		Subject: "Confirm", Body: "Confirm: " + testConfig(t, nil).BaseURL.String() + "/call-to-action/confirm/x\n", SignatoryID: &review})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.store.MarkEmailAttempt(context.Background(), emailID, errors.New("550 no such user"), true); err != nil {
		t.Fatal(err)
	}
	pages := newValidPages(t)
	save := pages.addResponse
	for name, path := range map[string]string{
		"queue": "/admin/signatories", "all": "/admin/signatories?status=all&q=kenya", "approved": "/admin/signatories?status=approved",
		"empty": "/admin/signatories?status=withdrawn", "review": sigPath(review), "approved-detail": sigPath(approved),
		"erase": sigPath(approved) + "/erase", "new": "/admin/signatories/new", "edit": sigPath(approved) + "/edit",
		"outbox": "/admin/outbox", "email": fmt.Sprintf("/admin/outbox/%d", emailID),
	} {
		save(name, s.get(t, s.admin, path), http.StatusOK)
	}
	save("reject-problem", postForm(t, s.admin, s.srv.URL+sigPath(review)+"/reject", url.Values{}), http.StatusUnprocessableEntity)
	save("bulk-problem", postForm(t, s.admin, s.srv.URL+"/admin/signatories/bulk", url.Values{"action": {"reject"}, "status": {"awaiting_review"}}), http.StatusUnprocessableEntity)
	body, ctype := multipartForm(t, url.Values{"contact_email": {"not an address"}}, "logo", "logo.png", strings.NewReader("not a png"))
	res, err := s.admin.Post(s.srv.URL+"/admin/signatories/new", ctype, body)
	if err != nil {
		t.Fatal(err)
	}
	save("new-problem", res, http.StatusUnprocessableEntity)

	pages.validate()
	t.Logf("html-validate: %d staff pages", len(pages.names))
}

// TestBrowserSignatoryModeration approves a submission in the browser,
// and checks the staff's signing pages with axe at desktop and phone
// widths.
func TestBrowserSignatoryModeration(t *testing.T) {
	app, pool := seededApp(t)
	srv := httptest.NewServer(app.Handler())
	defer srv.Close()
	s := staffSite{srv: srv, pool: pool, store: store.New(pool)}
	clearSignatories(t, pool)
	password := addStaff(t, pool, "admin@example.org", "admin")
	addRejectionReason(t, s, "test-other", "Another reason.", "Otra razón.")
	id := addSignatory(t, s.store, store.StatusAwaitingReview, "Kenya Social Workers", "https://ksw.or.ke", "someone@gmail.com")
	addSignatory(t, s.store, store.StatusApproved, "Kenya Social-Workers", "https://ksw.or.ke", "x@ksw.or.ke")

	b := newBrowser(t, srv.URL)
	b.do(
		chromedp.Navigate(srv.URL+"/admin/signatories"),
		chromedp.WaitVisible(chromedp.CSS(`#email`)),
		chromedp.SendKeys(chromedp.CSS(`#email`), "admin@example.org"),
		chromedp.SendKeys(chromedp.CSS(`#password`), password),
		chromedp.Click(chromedp.CSS(`[data-testid=sign-in]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=signatories]`)),
	)
	b.checkAxe("signatory queue")
	b.screenshot("signatories")
	b.do(
		chromedp.Click(chromedp.CSS(`[data-testid=signatory-link]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=logo-previews]`)),
	)
	b.checkAxe("signatory page")
	b.screenshot("signatory")
	// The reject form sent without a reason shows its problem.
	b.do(
		chromedp.Click(chromedp.CSS(`[data-testid=reject]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=error-summary]`)),
	)
	b.checkAxe("signatory page with a problem")
	b.do(
		chromedp.Click(chromedp.CSS(`[data-testid=approve]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=flash]`)),
	)
	if got := s.signatory(t, id).Status; got != store.StatusApproved {
		t.Errorf("after approving in the browser: %s", got)
	}
	b.do(chromedp.Navigate(srv.URL+"/admin/outbox"), chromedp.WaitVisible(chromedp.CSS(`[data-testid=emails]`)))
	b.checkAxe("outbox")
	b.do(chromedp.Click(chromedp.CSS(`[data-testid=email-link]`)), chromedp.WaitVisible(chromedp.CSS(`[data-testid=email-body]`)))
	b.checkAxe("email")
	b.screenshot("email")

	b.do(chromedp.EmulateViewport(390, 844))
	for name, path := range map[string]string{"queue-390": "/admin/signatories?status=approved", "signatory-390": sigPath(id),
		"erase-390": sigPath(id) + "/erase", "new-390": "/admin/signatories/new", "outbox-390": "/admin/outbox"} {
		b.do(chromedp.Navigate(srv.URL+path), chromedp.WaitVisible(chromedp.CSS(`h1`)))
		b.checkAxe(path + " at 390px")
		b.screenshot(name)
	}
	b.mu.Lock()
	b.problems = slices.DeleteFunc(b.problems, func(p string) bool { return strings.Contains(p, "status of 422") })
	b.mu.Unlock()
	b.checkClean()
}

// newSignatorySite is a staff site without the demo signatories, so each
// test counts only its own.
func newSignatorySite(t *testing.T) staffSite {
	s := newStaffSite(t)
	clearSignatories(t, s.pool)
	return s
}
