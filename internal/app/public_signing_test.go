package app

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"io"
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
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/links"
	"github.com/sswalliance/advocacy/internal/org"
	"github.com/sswalliance/advocacy/internal/signing"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
)

// signSite is the app over a seeded database, driven in the test's own
// goroutine (so the test may move the app's clock between requests).
type signSite struct {
	app  *App
	pool *pgxpool.Pool
	h    http.Handler
}

func newSignSite(t *testing.T) signSite {
	t.Helper()
	app, pool := seededApp(t)
	clearSignatories(t, pool)
	return signSite{app: app, pool: pool, h: app.Handler()}
}

// clearSignatories removes the demo signatories, so a test's counts and
// lists hold only the signatories it adds.
func clearSignatories(t *testing.T, pool *pgxpool.Pool) {
	t.Helper()
	if _, err := pool.Exec(context.Background(), `DELETE FROM signatories`); err != nil {
		t.Fatal(err)
	}
}

// do serves one request from ip.
func (s signSite) do(t *testing.T, req *http.Request, ip string) *http.Response {
	t.Helper()
	req.RemoteAddr = ip + ":40000"
	rec := httptest.NewRecorder()
	s.h.ServeHTTP(rec, req)
	return rec.Result()
}

// stamp is a sign form stamp from a minute ago: old enough to pass the
// minimum fill time.
func (s signSite) stamp(t *testing.T) string {
	t.Helper()
	s.app.site.Now = func() time.Time { return time.Now().Add(-time.Minute) }
	defer func() { s.app.site.Now = time.Now }()
	v, err := s.app.site.Guard().Stamp(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// post sends a multipart form with an optional file as "logo".
func (s signSite) post(t *testing.T, path, ip string, fields url.Values, logoName string, logo []byte) *http.Response {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	if logoName != "" {
		fw, err := mw.CreateFormFile("logo", logoName)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(logo)
	}
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return s.do(t, req, ip)
}

func (s signSite) get(t *testing.T, path string) *http.Response {
	t.Helper()
	return s.do(t, httptest.NewRequest(http.MethodGet, path, nil), "192.0.2.1")
}

func (s signSite) count(t *testing.T, where string, args ...any) int {
	t.Helper()
	var n int
	if err := s.pool.QueryRow(context.Background(), `SELECT count(*) FROM signatories WHERE `+where, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func (s signSite) status(t *testing.T, id int64) string {
	t.Helper()
	sig, err := s.app.store.Signatory(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return sig.Status
}

// testPNG is a real PNG logo of w×h pixels.
func testPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		for y := range h {
			img.Set(x, y, color.RGBA{uint8(x), 0x55, uint8(y), 0xff})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// signFields is a complete, valid sign form but for the logo.
func signFields(stamp string) url.Values {
	return url.Values{
		"name": {"Red de Trabajo Social"}, "website": {"www.redts.example.org"}, "country": {"PE"},
		"type": {"network"}, "contact_name": {"Ana Quispe"}, "contact_email": {"ana@redts.example.org"},
		"role": {"Coordinator"}, "statement": {"We stand with social workers."}, "consent": {"yes"},
		"started": {stamp}, "homepage": {""},
	}
}

var confirmLink = regexp.MustCompile(`/call-to-action/confirm/([A-Za-z0-9_-]+)`)

// emailLink finds the link matching re in the last email queued to addr,
// as it is sent (with its secrets filled in).
func (s signSite) emailLink(t *testing.T, addr string, re *regexp.Regexp) (path, token string) {
	t.Helper()
	ctx := context.Background()
	var id int64
	if err := s.pool.QueryRow(ctx, `SELECT id FROM emails WHERE to_address = $1 ORDER BY id DESC LIMIT 1`, addr).Scan(&id); err != nil {
		t.Fatalf("no email to %s: %v", addr, err)
	}
	e, err := s.app.store.Email(ctx, id)
	if err == nil {
		e, err = links.Fill(ctx, s.app.store, e)
	}
	if err != nil {
		t.Fatal(err)
	}
	body := e.Body
	m := re.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no link %s in the email:\n%s", re, body)
	}
	return m[0], m[1]
}

// addSignatory puts an organisation on the wall (status approved unless
// status says otherwise), with a logo unless logo is false.
func (s signSite) addSignatory(t *testing.T, name, website, country, orgType string, logo bool, status string) int64 {
	t.Helper()
	ctx := context.Background()
	in := store.SignatoryInput{Name: name, Website: website, Country: country, OrgType: orgType,
		ContactName: "Private Person", ContactEmail: "private@" + signing.NameKey(name) + ".example", ContactRole: "Director",
		Consent: true, NameKey: signing.NameKey(name), Domain: signing.Domain(website)}
	if logo {
		sum := sha256.Sum256([]byte(name))
		sha := hex.EncodeToString(sum[:])
		if err := s.app.store.SaveLogo(ctx, store.Logo{SHA256: sha, PNG: testPNG(t, 4, 2), Width: 400, Height: 200}, []byte(name), sha, "image/png", ".png"); err != nil {
			t.Fatal(err)
		}
		in.LogoSHA, in.OriginalSHA = sha, sha
	}
	id, err := s.app.store.CreateSignatory(ctx, in, status, "staff")
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestSignFormRendersEveryField(t *testing.T) {
	s := newSignSite(t)
	for _, path := range []string{"/call-to-action/sign", "/es/call-to-action/sign"} {
		res := s.get(t, path)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %s", path, res.Status)
		}
		if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("%s: Cache-Control %q", path, cc)
		}
		doc := parse(t, res)
		form := doc.Find(`form[data-testid=sign-form]`)
		if form.AttrOr("method", "") != "post" || form.AttrOr("enctype", "") != "multipart/form-data" {
			t.Errorf("%s: form method %q enctype %q", path, form.AttrOr("method", ""), form.AttrOr("enctype", ""))
		}
		// Every visible control has a label of its own.
		for _, name := range []string{"name", "website", "country", "contact_name", "contact_email", "role", "statement", "logo", "consent"} {
			control := form.Find(`[name="` + name + `"]`)
			if control.Length() != 1 {
				t.Errorf("%s: %d controls named %s", path, control.Length(), name)
				continue
			}
			id := control.AttrOr("id", "")
			if label := strings.TrimSpace(form.Find(`label[for="` + id + `"]`).Text()); id == "" || label == "" {
				t.Errorf("%s: %s has no label", path, name)
			}
		}
		if form.Find(`fieldset legend`).Length() != 1 {
			t.Errorf("%s: the organisation types have no legend", path)
		}
		radios := form.Find(`input[type=radio][name=type]`)
		if radios.Length() != len(store.OrgTypes) {
			t.Errorf("%s: %d type radios", path, radios.Length())
		}
		radios.Each(func(_ int, r *goquery.Selection) {
			if strings.TrimSpace(form.Find(`label[for="`+r.AttrOr("id", "")+`"]`).Text()) == "" {
				t.Errorf("%s: radio %s has no label", path, r.AttrOr("value", ""))
			}
		})
		if n := form.Find(`select[name=country] option`).Length(); n != len(org.Countries)+1 {
			t.Errorf("%s: %d country options", path, n)
		}
		if got := form.Find(`input[name=logo]`).AttrOr("accept", ""); got != "image/png,image/jpeg,image/webp,image/gif" {
			t.Errorf("%s: logo accept %q", path, got)
		}
		if form.Find(`#sign-statement-hint`).Length() != 1 || !strings.Contains(form.Find(`label[for=sign-statement]`).Text(), "(") {
			t.Errorf("%s: statement not marked optional with a hint", path)
		}
		// The honeypot: hidden from everyone, out of the tab order.
		trap := form.Find(`input[name=homepage]`)
		if trap.AttrOr("tabindex", "") != "-1" || trap.AttrOr("autocomplete", "") != "off" ||
			trap.Closest(`[aria-hidden=true]`).Length() != 1 || !trap.Parent().HasClass("sign-trap") {
			t.Errorf("%s: honeypot not hidden", path)
		}
		if form.Find(`input[type=hidden][name=started]`).AttrOr("value", "") == "" {
			t.Errorf("%s: no form stamp", path)
		}
		if doc.Find(`[data-testid=privacy]`).Text() == "" {
			t.Errorf("%s: nothing says contact details stay private", path)
		}
	}
	es := parse(t, s.get(t, "/es/call-to-action/sign"))
	if got := es.Find(`label[for=sign-name]`).Text(); got != "Nombre de la organización" {
		t.Errorf("Spanish name label %q", got)
	}
	// Countries are sorted by their names in the page's language.
	var names []string
	es.Find(`select[name=country] option[value!=""]`).Each(func(_ int, o *goquery.Selection) { names = append(names, o.Text()) })
	if i, j := slices.Index(names, "Alemania"), slices.Index(names, "Zambia"); i < 0 || j < i {
		t.Errorf("Spanish countries not by Spanish name: Alemania at %d, Zambia at %d", i, j)
	}
}

func TestSignProblemsKeepInputAndLogo(t *testing.T) {
	s := newSignSite(t)
	stamp := s.stamp(t)
	fields := signFields(stamp)
	fields.Del("contact_email")
	fields.Set("website", "not a website")
	res := s.post(t, "/call-to-action/sign", "192.0.2.10", fields, "logo.png", testPNG(t, 300, 150))
	if res.StatusCode != http.StatusBadRequest {
		t.Fatalf("status %s, want 400", res.Status)
	}
	doc := parse(t, res)
	var links []string
	doc.Find(`[data-testid=error-summary] a`).Each(func(_ int, a *goquery.Selection) { links = append(links, a.AttrOr("href", "")) })
	if !slices.Equal(links, []string{"#sign-website", "#sign-contact_email"}) {
		t.Errorf("error summary links %v", links)
	}
	if !strings.HasPrefix(doc.Find("title").Text(), "Error:") {
		t.Errorf("title %q does not say there is an error", doc.Find("title").Text())
	}
	email := doc.Find(`#sign-contact_email`)
	if email.AttrOr("aria-invalid", "") != "true" || !strings.Contains(email.AttrOr("aria-describedby", ""), "sign-contact_email-error") ||
		doc.Find(`#sign-contact_email-error`).Text() == "" {
		t.Error("the email's message is not tied to its field")
	}
	if got := doc.Find(`#sign-name`).AttrOr("value", ""); got != "Red de Trabajo Social" {
		t.Errorf("name not kept: %q", got)
	}
	if got := doc.Find(`#sign-website`).AttrOr("value", ""); got != "not a website" {
		t.Errorf("website not shown as typed: %q", got)
	}
	if doc.Find(`#sign-type-network`).AttrOr("checked", "no") == "no" || doc.Find(`#sign-country option[selected]`).AttrOr("value", "") != "PE" {
		t.Error("type or country not kept")
	}
	if got := doc.Find(`#sign-statement`).Text(); got != "We stand with social workers." {
		t.Errorf("statement not kept: %q", got)
	}
	if _, ok := doc.Find(`#sign-consent`).Attr("checked"); !ok {
		t.Error("consent not kept")
	}
	if got := doc.Find(`input[name=started]`).AttrOr("value", ""); got != stamp {
		t.Error("the form stamp changed: the fill time would start again")
	}
	ref := doc.Find(`input[type=hidden][name=logo_ref]`).AttrOr("value", "")
	img := doc.Find(`[data-testid=logo-kept] img`).AttrOr("src", "")
	if ref == "" || !regexp.MustCompile(`^/logos/preview/[0-9a-f]{64}\.png\?k=[\w-]+$`).MatchString(img) {
		t.Fatalf("the accepted logo is not kept: ref %q, thumbnail %q", ref, img)
	}
	if s.count(t, "true") != 0 {
		t.Fatal("a form with problems was saved")
	}

	// Fixed, and sent again without the file: the kept logo is used.
	fields = signFields(stamp)
	fields.Set("logo_ref", ref)
	res = s.post(t, "/call-to-action/sign", "192.0.2.10", fields, "", nil)
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/call-to-action/sign/check-email?org=") {
		t.Fatalf("fixed form: %s to %q", res.Status, res.Header.Get("Location"))
	}
	if n := s.count(t, "status = 'awaiting_confirmation' AND logo_sha = $1 AND website = 'https://www.redts.example.org' AND lang = 'en'",
		strings.Split(ref, ".")[0]); n != 1 {
		t.Fatalf("%d submissions saved with the kept logo", n)
	}

	// A forged logo reference keeps nothing.
	fields = signFields(stamp)
	fields.Set("logo_ref", strings.Repeat("0", 64)+"."+strings.Repeat("0", 64)+".forged")
	doc = parse(t, s.post(t, "/call-to-action/sign", "192.0.2.11", fields, "", nil))
	if doc.Find(`#sign-logo-error`).Length() != 1 || doc.Find(`[data-testid=logo-kept]`).Length() != 0 {
		t.Error("a forged logo reference was accepted")
	}
}

func TestSignCheckEmailPage(t *testing.T) {
	s := newSignSite(t)
	for path, want := range map[string]string{"/call-to-action/sign/check-email": "Check your email", "/es/call-to-action/sign/check-email": "Revise su correo"} {
		res := s.get(t, path)
		doc := parse(t, res)
		if res.StatusCode != http.StatusOK || doc.Find(`[data-testid=page-title]`).Text() != want {
			t.Errorf("%s: %s %q", path, res.Status, doc.Find(`[data-testid=page-title]`).Text())
		}
		if doc.Find(`meta[name=robots][content=noindex]`).Length() != 1 {
			t.Errorf("%s: not kept out of search engines", path)
		}
		if !strings.Contains(doc.Find("main").Text(), "7") || doc.Find(`a[data-testid=sign-again]`).Length() != 1 {
			t.Errorf("%s: no expiry or way to sign again", path)
		}
	}
}

func TestSignRobotsLookAcceptedButSaveNothing(t *testing.T) {
	s := newSignSite(t)
	logo := testPNG(t, 200, 100)
	honeypot := signFields(s.stamp(t))
	honeypot.Set("homepage", "https://spam.example")
	fresh, err := s.app.site.Guard().Stamp(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for name, fields := range map[string]url.Values{"honeypot": honeypot, "too fast": signFields(fresh)} {
		res := s.post(t, "/es/call-to-action/sign", "192.0.2.20", fields, "logo.png", logo)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/es/call-to-action/sign/check-email" {
			t.Errorf("%s: %s to %q", name, res.Status, res.Header.Get("Location"))
		}
	}
	if n := s.count(t, "true"); n != 0 {
		t.Fatalf("robots saved %d submissions", n)
	}
	var emails int
	s.pool.QueryRow(context.Background(), `SELECT count(*) FROM emails`).Scan(&emails)
	if emails != 0 {
		t.Fatalf("robots caused %d emails", emails)
	}
}

func TestSignRateLimit(t *testing.T) {
	s := newSignSite(t)
	stamp, logo := s.stamp(t), testPNG(t, 200, 100)
	// Twenty in a row from one address: the first web.SignLimit are kept.
	var res *http.Response
	for i := range 20 {
		fields := signFields(stamp)
		fields.Set("contact_email", "ana"+strconv.Itoa(i)+"@redts.example.org") // one confirmation an hour per address
		res = s.post(t, "/call-to-action/sign", "198.51.100.7", fields, "logo.png", logo)
		want := http.StatusSeeOther
		if i >= web.SignLimit {
			want = http.StatusTooManyRequests
		}
		if res.StatusCode != want {
			t.Fatalf("submission %d: %s, want %d", i+1, res.Status, want)
		}
	}
	doc := parse(t, res)
	if msg := doc.Find(`[data-testid=form-problem]`).Text(); !strings.Contains(msg, "hour") {
		t.Errorf("rate limit message %q", msg)
	}
	if doc.Find(`#sign-name`).AttrOr("value", "") != "Red de Trabajo Social" {
		t.Error("the refused form lost what was typed")
	}
	// Over the limit, the logo sent is not even decoded.
	if doc.Find(`[data-testid=logo-kept]`).Length() != 0 || doc.Find(`#sign-logo-error`).Length() != 0 {
		t.Error("a post over the limit had its logo decoded, or was told to choose one")
	}
	if n := s.count(t, "true"); n != web.SignLimit {
		t.Errorf("%d submissions kept, want %d", n, web.SignLimit)
	}
	// Another address is not held back.
	if res := s.post(t, "/call-to-action/sign", "198.51.100.8", signFields(stamp), "logo.png", logo); res.StatusCode != http.StatusSeeOther {
		t.Errorf("another address: %s", res.Status)
	}
}

func TestSignConfirmOnlyByPost(t *testing.T) {
	s := newSignSite(t)
	res := s.post(t, "/es/call-to-action/sign", "192.0.2.30", signFields(s.stamp(t)), "logo.png", testPNG(t, 200, 100))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign: %s", res.Status)
	}
	var id int64
	if err := s.pool.QueryRow(context.Background(), `SELECT id FROM signatories`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	path, _ := s.emailLink(t, "ana@redts.example.org", confirmLink)
	path = "/es" + path // the contact signed in Spanish

	// Opening the link (as a mail scanner would, twice) changes nothing.
	for range 2 {
		res = s.get(t, path)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %s", path, res.Status)
		}
	}
	doc := parse(t, res)
	if got := doc.Find(`[data-testid=org-name]`).Text(); got != "Red de Trabajo Social" {
		t.Errorf("confirm page names %q", got)
	}
	if form := doc.Find(`form[data-testid=confirm-form]`); form.AttrOr("method", "") != "post" || form.AttrOr("action", "") != path {
		t.Errorf("confirm form %q %q", form.AttrOr("method", ""), form.AttrOr("action", ""))
	}
	if doc.Find(`meta[name=robots][content=noindex]`).Length() != 1 || res.Header.Get("Cache-Control") != "no-store" {
		t.Error("the confirm page may be indexed or cached")
	}
	if got := s.status(t, id); got != store.StatusAwaitingConfirmation {
		t.Fatalf("after GET the status is %s", got)
	}

	res = s.do(t, httptest.NewRequest(http.MethodPost, path, nil), "192.0.2.31")
	doc = parse(t, res)
	if res.StatusCode != http.StatusOK || !strings.Contains(doc.Find(`[data-testid=page-title]`).Text(), "Gracias") {
		t.Fatalf("POST: %s %q", res.Status, doc.Find(`[data-testid=page-title]`).Text())
	}
	if got := s.status(t, id); got != store.StatusAwaitingReview {
		t.Fatalf("after POST the status is %s", got)
	}

	// The link is spent, and an unknown one never worked.
	for _, p := range []string{path, "/call-to-action/confirm/no-such-token"} {
		for _, method := range []string{http.MethodGet, http.MethodPost} {
			res := s.do(t, httptest.NewRequest(method, p, nil), "192.0.2.31")
			doc := parse(t, res)
			if res.StatusCode != http.StatusNotFound || doc.Find(`[data-testid=link-expired]`).Length() != 1 ||
				doc.Find(`a[data-testid=sign-again]`).Length() != 1 {
				t.Errorf("%s %s: %s", method, p, res.Status)
			}
		}
	}
	if got := s.status(t, id); got != store.StatusAwaitingReview {
		t.Errorf("status after spent link %s", got)
	}
}

func TestSignChangeRequested(t *testing.T) {
	s := newSignSite(t)
	ctx := context.Background()
	id := s.addSignatory(t, "Child Care Network", "https://ccn.example.org", "KE", "network", true, store.StatusAwaitingReview)
	before, _ := s.app.store.Signatory(ctx, id)
	if _, err := s.app.signing.RequestChanges(ctx, id, "Please use your full name, not the acronym.", signing.System); err != nil {
		t.Fatal(err)
	}
	path, _ := s.emailLink(t, before.ContactEmail, regexp.MustCompile(`/call-to-action/sign/change/([A-Za-z0-9_-]+)`))

	doc := parse(t, s.get(t, path))
	if got := doc.Find(`[data-testid=review-note]`).Text(); !strings.Contains(got, "full name, not the acronym") {
		t.Errorf("staff's note %q", got)
	}
	if got := doc.Find(`#sign-name`).AttrOr("value", ""); got != "Child Care Network" {
		t.Errorf("form not prefilled: name %q", got)
	}
	if got := doc.Find(`[data-testid=logo-kept] img`).AttrOr("src", ""); !strings.HasPrefix(got, "/logos/preview/"+before.LogoSHA+".png?k=") {
		t.Errorf("current logo shown as %q", got)
	}
	if doc.Find(`form[data-testid=sign-form]`).AttrOr("action", "") != path {
		t.Error("the change form posts elsewhere")
	}
	if got := s.status(t, id); got != store.StatusChangesRequested {
		t.Fatalf("opening the change link changed the status to %s", got)
	}

	fields := url.Values{"name": {"Child Care Network of Kenya"}, "website": {"https://ccn.example.org"}, "country": {"KE"},
		"type": {"network"}, "contact_name": {"Private Person"}, "contact_email": {before.ContactEmail}, "role": {"Director"}, "consent": {"yes"}}
	bad := url.Values{}
	for k, v := range fields {
		bad[k] = v
	}
	bad.Set("name", "")
	res := s.post(t, path, "192.0.2.40", bad, "", nil)
	doc = parse(t, res)
	if res.StatusCode != http.StatusBadRequest || doc.Find(`#sign-name-error`).Length() != 1 || doc.Find(`[data-testid=review-note]`).Length() != 1 {
		t.Errorf("change with a problem: %s", res.Status)
	}

	res = s.post(t, path, "192.0.2.40", fields, "", nil)
	doc = parse(t, res)
	if res.StatusCode != http.StatusOK || doc.Find(`[data-testid=panel]`).Length() != 1 {
		t.Fatalf("change: %s", res.Status)
	}
	after, _ := s.app.store.Signatory(ctx, id)
	if after.Status != store.StatusAwaitingReview || after.Name != "Child Care Network of Kenya" || after.LogoSHA != before.LogoSHA {
		t.Errorf("after the change: %s %q logo kept %v", after.Status, after.Name, after.LogoSHA == before.LogoSHA)
	}
	if res := s.get(t, path); res.StatusCode != http.StatusNotFound {
		t.Errorf("the change link still works: %s", res.Status)
	}
}

func TestSignWithdraw(t *testing.T) {
	s := newSignSite(t)
	ctx := context.Background()
	id := s.addSignatory(t, "Leaving Org", "https://leaving.example.org", "BR", "ngo", true, store.StatusApproved)
	other := s.addSignatory(t, "Staying Org", "https://staying.example.org", "BR", "ngo", true, store.StatusApproved)
	sig, _ := s.app.store.Signatory(ctx, id)
	u, err := url.Parse(withdrawURL(t, s.app, sig))
	if err != nil || u.Path == "" {
		t.Fatalf("withdraw URL %q: %v", withdrawURL(t, s.app, sig), err)
	}
	path := u.Path
	mac := path[strings.LastIndexByte(path, '/')+1:]

	// Forged or borrowed signatures find nothing. (The forgery changes the
	// first character to one it is not: a signature may start with x.)
	forged := "x"
	if mac[0] == 'x' {
		forged = "y"
	}
	for _, p := range []string{
		strings.TrimSuffix(path, mac) + forged + mac[1:],
		"/call-to-action/withdraw/" + strconv.FormatInt(other, 10) + "/" + mac,
		"/call-to-action/withdraw/abc/" + mac,
	} {
		for _, method := range []string{http.MethodGet, http.MethodPost} {
			if res := s.do(t, httptest.NewRequest(method, p, nil), "192.0.2.50"); res.StatusCode != http.StatusNotFound {
				t.Errorf("%s %s: %s, want 404", method, p, res.Status)
			}
		}
	}
	if s.status(t, id) != store.StatusApproved || s.status(t, other) != store.StatusApproved {
		t.Fatal("a bad link withdrew something")
	}

	res := s.get(t, path)
	doc := parse(t, res)
	if res.StatusCode != http.StatusOK || doc.Find(`[data-testid=org-name]`).Text() != "Leaving Org" || doc.Find(`button[data-testid=withdraw]`).Length() != 1 {
		t.Fatalf("withdraw page: %s", res.Status)
	}
	if s.status(t, id) != store.StatusApproved {
		t.Fatal("opening the withdraw link withdrew")
	}
	res = s.do(t, httptest.NewRequest(http.MethodPost, path, nil), "192.0.2.50")
	doc = parse(t, res)
	if res.StatusCode != http.StatusOK || doc.Find(`[data-testid=panel]`).Length() != 1 {
		t.Fatalf("withdraw: %s", res.Status)
	}
	if s.status(t, id) != store.StatusWithdrawn {
		t.Fatalf("status %s after withdrawing", s.status(t, id))
	}
	// The link keeps answering, saying it is done.
	if res := s.get(t, path); res.StatusCode != http.StatusOK || parse(t, res).Find(`[data-testid=panel]`).Length() != 1 {
		t.Error("the used withdraw link does not say it is done")
	}
	wall := parse(t, s.get(t, "/call-to-action"))
	if wall.Find(`img[alt="Leaving Org"]`).Length() != 0 || wall.Find(`img[alt="Staying Org"]`).Length() != 1 {
		t.Error("the wall still shows the withdrawn organisation")
	}
}

// wallFixture adds approved signatories out of order, and some that must
// not be shown.
func wallFixture(t *testing.T, s signSite) {
	t.Helper()
	s.addSignatory(t, "Zambia Social Workers", "https://zasw.example.org", "ZM", "network", true, store.StatusApproved)
	s.addSignatory(t, "Ärzte für Kinder", "https://aerzte.example.org", "DE", "ngo", true, store.StatusApproved)
	s.addSignatory(t, "Fundación Niñez", "", "PE", "ngo", true, store.StatusApproved)
	s.addSignatory(t, "=HYPERLINK(\"http://evil.example\")", "https://formula.example.org", "US", "other", false, store.StatusApproved)
	s.addSignatory(t, "Ministry of Social Development", "https://msd.example.org", "ZM", "government", true, store.StatusApproved)
	s.addSignatory(t, "Hidden Org", "https://hidden.example.org", "FR", "ngo", true, store.StatusHidden)
	s.addSignatory(t, "Pending Org", "https://pending.example.org", "FR", "ngo", true, store.StatusAwaitingReview)
	s.addSignatory(t, "Unconfirmed Org", "https://unconfirmed.example.org", "FR", "ngo", true, store.StatusAwaitingConfirmation)
}

// wallOrder is A to Z ignoring accents and punctuation: the order of the
// list and the open data.
var wallOrder = []string{"Ärzte für Kinder", "Fundación Niñez", "=HYPERLINK(\"http://evil.example\")", "Ministry of Social Development", "Zambia Social Workers"}

// wallLatest is the order of the wall: those with a logo first, each
// group the latest approved first.
var wallLatest = []string{"Ministry of Social Development", "Fundación Niñez", "Ärzte für Kinder", "Zambia Social Workers", "=HYPERLINK(\"http://evil.example\")"}

func TestCallToActionWall(t *testing.T) {
	s := newSignSite(t)
	empty := parse(t, s.get(t, "/call-to-action"))
	if empty.Find(`[data-testid=logo-tile]`).Length() != 0 || empty.Find(`a[data-testid=sign-button]`).AttrOr("href", "") != "/call-to-action/sign" {
		t.Error("empty wall or sign button wrong")
	}
	wallFixture(t, s)
	for _, path := range []string{"/call-to-action", "/es/call-to-action"} {
		doc := parse(t, s.get(t, path))
		prefix := strings.TrimSuffix(path, "/call-to-action")
		if got := doc.Find(`a[data-testid=sign-button]`).AttrOr("href", ""); got != prefix+"/call-to-action/sign" {
			t.Errorf("%s: sign button to %q", path, got)
		}
		var names []string
		doc.Find(`[data-testid=logo-tile]`).Each(func(_ int, tile *goquery.Selection) {
			name := strings.TrimSpace(tile.Find(`[data-testid=logo-name]`).Text())
			names = append(names, name)
			a := tile.Find("a")
			switch name {
			case "Fundación Niñez":
				if a.Length() != 0 {
					t.Errorf("%s: a tile without a website links somewhere", path)
				}
			default:
				if a.AttrOr("rel", "") != "nofollow noopener ugc" || !strings.HasPrefix(a.AttrOr("href", ""), "https://") {
					t.Errorf("%s: %s links to %q rel %q", path, name, a.AttrOr("href", ""), a.AttrOr("rel", ""))
				}
			}
			if img := tile.Find("img"); img.Length() == 1 {
				if img.AttrOr("alt", "") != name || img.AttrOr("loading", "") != "lazy" || img.AttrOr("width", "") != "400" || img.AttrOr("height", "") != "200" {
					t.Errorf("%s: %s image alt %q loading %q", path, name, img.AttrOr("alt", ""), img.AttrOr("loading", ""))
				}
			}
		})
		if !slices.Equal(names, wallLatest) {
			t.Errorf("%s: wall %q, want %q", path, names, wallLatest)
		}
		count := strings.Fields(doc.Find(`[data-testid=signatory-count]`).Text())
		if len(count) == 0 || count[0] != "5" {
			t.Errorf("%s: count %q", path, count)
		}
		if got := doc.Find(`a[data-testid=all-signatories]`).AttrOr("href", ""); got != prefix+"/call-to-action/signatories" {
			t.Errorf("%s: link to the list %q", path, got)
		}
	}
}

func TestSignatoriesListFilters(t *testing.T) {
	s := newSignSite(t)
	wallFixture(t, s)
	names := func(doc *goquery.Document) []string {
		var out []string
		doc.Find(`[data-testid=signatory-name]`).Each(func(_ int, n *goquery.Selection) { out = append(out, strings.TrimSpace(n.Text())) })
		return out
	}
	tests := []struct {
		query  string
		status int
		want   []string
		count  string
	}{
		{"", 200, wallOrder, "5 organisations have signed"},
		{"?country=ZM", 200, []string{"Ministry of Social Development", "Zambia Social Workers"}, "2 organisations match"},
		{"?type=ngo", 200, []string{"Ärzte für Kinder", "Fundación Niñez"}, "2 organisations match"},
		{"?country=ZM&type=government", 200, []string{"Ministry of Social Development"}, "1 organisation matches"},
		{"?q=fundacion", 200, []string{"Fundación Niñez"}, "1 organisation matches"},
		{"?q=ARZTE", 200, []string{"Ärzte für Kinder"}, "1 organisation matches"},
		{"?q=hidden", 200, nil, "0 organisations match"},
		{"?country=FR", 400, wallOrder, "5 organisations match"},
		{"?type=cult", 400, wallOrder, "5 organisations match"},
	}
	for _, tt := range tests {
		res := s.get(t, "/call-to-action/signatories"+tt.query)
		doc := parse(t, res)
		if res.StatusCode != tt.status {
			t.Errorf("%s: %s, want %d", tt.query, res.Status, tt.status)
		}
		if got := names(doc); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %q, want %q", tt.query, got, tt.want)
		}
		if got := doc.Find(`[data-testid=result-count]`).Text(); got != tt.count {
			t.Errorf("%s: count %q, want %q", tt.query, got, tt.count)
		}
		if tt.status == 400 && doc.Find(`[data-testid=error-summary] a`).Length() != 1 {
			t.Errorf("%s: the bad filter is not named", tt.query)
		}
	}
	// Only countries with a signatory are offered, named in the page's language.
	doc := parse(t, s.get(t, "/es/call-to-action/signatories"))
	var countries []string
	doc.Find(`select[name=country] option[value!=""]`).Each(func(_ int, o *goquery.Selection) { countries = append(countries, o.AttrOr("value", "")+"="+o.Text()) })
	if want := []string{"DE=Alemania", "US=Estados Unidos", "PE=Perú", "ZM=Zambia"}; !slices.Equal(countries, want) {
		t.Errorf("Spanish countries %q, want %q", countries, want)
	}
	if got := doc.Find(`[data-testid=signatory-facts]`).First().Text(); got != "Alemania · Organización no gubernamental" {
		t.Errorf("Spanish facts %q", got)
	}
	if doc.Find(`a[data-testid=json]`).AttrOr("href", "") != "/call-to-action/signatories.json" || doc.Find(`a[data-testid=csv]`).AttrOr("href", "") != "/call-to-action/signatories.csv" {
		t.Error("no links to the open data")
	}
	if a := doc.Find(`[data-testid=signatory-name] a`).First(); a.AttrOr("rel", "") != "nofollow noopener ugc" {
		t.Errorf("list link rel %q", a.AttrOr("rel", ""))
	}
	if body, _ := doc.Html(); strings.Contains(body, "private@") || strings.Contains(body, "Private Person") {
		t.Error("the list shows contact details")
	}
}

func TestSignatoriesOpenData(t *testing.T) {
	s := newSignSite(t)
	wallFixture(t, s)
	base := s.app.cfg.BaseURL.String()

	res := s.get(t, "/call-to-action/signatories.json")
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") ||
		res.Header.Get("Cache-Control") != "public, max-age=300" {
		t.Fatalf("JSON: %s %q %q", res.Status, res.Header.Get("Content-Type"), res.Header.Get("Cache-Control"))
	}
	var data struct {
		Count       int                 `json:"count"`
		Signatories []map[string]string `json:"signatories"`
	}
	if err := json.Unmarshal(body, &data); err != nil {
		t.Fatalf("JSON: %v\n%s", err, body)
	}
	if data.Count != 5 || len(data.Signatories) != 5 {
		t.Fatalf("JSON count %d with %d signatories", data.Count, len(data.Signatories))
	}
	var names []string
	for _, sig := range data.Signatories {
		names = append(names, sig["name"])
	}
	if !slices.Equal(names, wallOrder) {
		t.Errorf("JSON names %q", names)
	}
	zm := data.Signatories[4]
	today := time.Now().UTC().Format(time.DateOnly)
	if zm["country"] != "ZM" || zm["country_name"] != "Zambia" || zm["type"] != "network" || zm["website"] != "https://zasw.example.org" ||
		zm["approved_at"] != today || !regexp.MustCompile(`^`+regexp.QuoteMeta(base)+`/logos/[0-9a-f]{64}\.png$`).MatchString(zm["logo_url"]) {
		t.Errorf("JSON record %v", zm)
	}
	if data.Signatories[2]["logo_url"] != "" {
		t.Errorf("a signatory without a logo has logo_url %q", data.Signatories[2]["logo_url"])
	}

	res = s.get(t, "/call-to-action/signatories.csv")
	csvBody, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") || res.Header.Get("Cache-Control") != "public, max-age=300" {
		t.Fatalf("CSV: %s %q", res.Status, res.Header.Get("Content-Type"))
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(csvBody, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 || strings.Join(rows[0], ",") != "name,website,country,country_name,type,approved_at,logo_url" {
		t.Fatalf("CSV rows %q", rows)
	}
	if rows[3][0] != `'=HYPERLINK("http://evil.example")` {
		t.Errorf("formula not defused: %q", rows[3][0])
	}
	if rows[2][0] != "Fundación Niñez" || rows[2][3] != "Peru" {
		t.Errorf("CSV row %q", rows[2])
	}

	for name, b := range map[string][]byte{"JSON": body, "CSV": csvBody} {
		for _, private := range []string{"@", "Private Person", "Director", "Hidden Org", "Pending Org", "Unconfirmed Org"} {
			if bytes.Contains(b, []byte(private)) {
				t.Errorf("%s contains %q", name, private)
			}
		}
	}
	// The data is language-neutral: there is no Spanish copy.
	if res := s.get(t, "/es/call-to-action/signatories.json"); res.StatusCode != http.StatusNotFound {
		t.Errorf("/es/...json: %s", res.Status)
	}
}

// signingPages serves every state of the public signing pages once, by
// name, for checks that look at whole pages (html-validate, axe).
func signingPages(t *testing.T, s signSite) map[string]*http.Response {
	t.Helper()
	ctx := context.Background()
	pages := map[string]*http.Response{}
	wallFixture(t, s)
	for name, path := range map[string]string{
		"sign": "/call-to-action/sign", "sign-es": "/es/call-to-action/sign",
		"check-email": "/call-to-action/sign/check-email", "wall": "/call-to-action", "wall-es": "/es/call-to-action",
		"list": "/call-to-action/signatories", "list-es": "/es/call-to-action/signatories?country=PE",
		"list-empty": "/call-to-action/signatories?q=nothing+like+this", "list-problem": "/call-to-action/signatories?type=nope&country=XX",
		"link-expired": "/call-to-action/confirm/no-such-token",
	} {
		pages[name] = s.get(t, path)
	}
	stamp, logo := s.stamp(t), testPNG(t, 200, 100)
	bad := signFields(stamp)
	bad.Del("name")
	bad.Del("type")
	bad.Del("consent")
	bad.Set("statement", strings.Repeat("x", 501))
	pages["sign-problems"] = s.post(t, "/es/call-to-action/sign", "203.0.113.1", bad, "logo.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`))
	pages["sign-problems-logo-kept"] = s.post(t, "/call-to-action/sign", "203.0.113.1", bad, "logo.png", logo)
	for range web.SignLimit {
		s.post(t, "/call-to-action/sign", "203.0.113.2", signFields(stamp), "logo.png", logo)
	}
	pages["sign-rate-limited"] = s.post(t, "/call-to-action/sign", "203.0.113.2", signFields(stamp), "logo.png", logo)

	confirm, _ := s.emailLink(t, "ana@redts.example.org", confirmLink)
	pages["confirm"] = s.get(t, confirm)
	pages["confirmed"] = s.do(t, httptest.NewRequest(http.MethodPost, confirm, nil), "203.0.113.3")

	id := s.addSignatory(t, "Change Me", "https://change.example.org", "GH", "academic", true, store.StatusAwaitingReview)
	sig, _ := s.app.store.Signatory(ctx, id)
	if _, err := s.app.signing.RequestChanges(ctx, id, "Please send the logo\non a white background.", signing.System); err != nil {
		t.Fatal(err)
	}
	change, _ := s.emailLink(t, sig.ContactEmail, regexp.MustCompile(`/call-to-action/sign/change/([A-Za-z0-9_-]+)`))
	pages["change"] = s.get(t, change)
	fields := signFields("")
	fields.Set("name", "")
	pages["change-problems"] = s.post(t, change, "203.0.113.4", fields, "", nil)
	fields.Set("name", "Changed")
	fields.Set("contact_email", sig.ContactEmail)
	pages["changed"] = s.post(t, change, "203.0.113.4", fields, "", nil)

	approved := s.addSignatory(t, "Leaving", "https://leaving.example.org", "GH", "ngo", true, store.StatusApproved)
	sig, _ = s.app.store.Signatory(ctx, approved)
	u, _ := url.Parse(withdrawURL(t, s.app, sig))
	pages["withdraw"] = s.get(t, u.Path)
	pages["withdrawn"] = s.do(t, httptest.NewRequest(http.MethodPost, u.Path, nil), "203.0.113.5")
	pending := s.addSignatory(t, "Not Shown", "https://notshown.example.org", "GH", "ngo", true, store.StatusRejected)
	sig, _ = s.app.store.Signatory(ctx, pending)
	u, _ = url.Parse(withdrawURL(t, s.app, sig))
	pages["withdraw-not-shown"] = s.get(t, u.Path)
	return pages
}

func TestSigningPagesAreValidHTML(t *testing.T) {
	s := newSignSite(t)
	pages := signingPages(t, s)
	want := map[string]int{"sign-problems": 400, "sign-problems-logo-kept": 400, "sign-rate-limited": 429,
		"list-problem": 400, "link-expired": 404, "change-problems": 400}
	valid := newValidPages(t)
	for name, res := range pages {
		doc := valid.addResponse(name, res, cmp.Or(want[name], http.StatusOK))
		if n := doc.Find("h1").Length(); n != 1 {
			t.Errorf("%s: %d h1 elements", name, n)
		}
		if key := rawCatalogueKey.FindString(doc.Find("body").Text()); key != "" {
			t.Errorf("%s: shows the interface key %q", name, key)
		}
		if key := regexp.MustCompile(`\b(?:sign|org)\.[a-z_]+\.[a-z0-9_.-]+`).FindString(doc.Find("body").Text()); key != "" {
			t.Errorf("%s: shows the interface key %q", name, key)
		}
	}
	valid.validate()
	t.Logf("html-validate: %d signing pages", len(valid.names))
}

// TestBrowserSigningPagesAccessible checks every state of the public
// signing pages with axe, in light and dark colours and at phone width,
// reaching each as a visitor would (forms sent from the page, without
// JavaScript).
func TestBrowserSigningPagesAccessible(t *testing.T) {
	app, pool := seededApp(t)
	srv := httptest.NewServer(app.Handler())
	defer srv.Close()
	s := signSite{app: app, pool: pool}
	ctx := context.Background()
	clearSignatories(t, pool)
	wallFixture(t, s)
	in := store.SignatoryInput{Name: "Browser Org", Website: "https://browser.example.org", Country: "CL", OrgType: "ngo",
		ContactName: "Bea", ContactEmail: "bea@browser.example.org", ContactRole: "Director", Lang: "en", Consent: true}
	if _, err := app.signing.Submit(ctx, in, "192.0.2.60"); err != nil {
		t.Fatal(err)
	}
	confirm, _ := s.emailLink(t, "bea@browser.example.org", confirmLink)
	changeID := s.addSignatory(t, "Change Org", "https://change.example.org", "GH", "academic", true, store.StatusAwaitingReview)
	changeSig, _ := app.store.Signatory(ctx, changeID)
	if _, err := app.signing.RequestChanges(ctx, changeID, "Please send a larger logo.", signing.System); err != nil {
		t.Fatal(err)
	}
	change, _ := s.emailLink(t, changeSig.ContactEmail, regexp.MustCompile(`/call-to-action/sign/change/([A-Za-z0-9_-]+)`))
	leaving := s.addSignatory(t, "Leaving Org", "https://leaving.example.org", "GH", "ngo", true, store.StatusApproved)
	leavingSig, _ := app.store.Signatory(ctx, leaving)
	withdraw, _ := url.Parse(withdrawURL(t, app, leavingSig))

	b := newBrowser(t, srv.URL)
	h1 := chromedp.CSS(`h1`)
	visit := func(label, path string) {
		t.Helper()
		b.do(chromedp.Navigate(srv.URL+path), chromedp.WaitVisible(h1))
		b.checkAxe(label)
	}
	click := func(label, button, wait string) {
		t.Helper()
		b.do(chromedp.Click(chromedp.CSS(button)), chromedp.WaitVisible(chromedp.CSS(wait)))
		b.checkAxe(label)
	}

	visit("sign form", "/call-to-action/sign")
	b.screenshot("sign-form")
	// Sent empty (after the minimum fill time): every problem listed.
	b.do(chromedp.Sleep(web.MinFillTime + 200*time.Millisecond))
	click("sign form with problems", `[data-testid=sign-submit]`, `[data-testid=error-summary]`)
	if n := value(b, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid=error-summary] a').length`)); n < 8 {
		t.Errorf("empty form: %d problems listed", n)
	}
	b.screenshot("sign-form-problems")
	visit("check your email", "/call-to-action/sign/check-email")
	visit("confirm", confirm)
	click("confirmed", `[data-testid=confirm]`, `[data-testid=panel]`)
	visit("link expired", confirm)
	visit("change form", change)
	click("changes sent", `[data-testid=sign-submit]`, `[data-testid=panel]`)
	visit("withdraw", withdraw.Path)
	click("withdrawn", `[data-testid=withdraw]`, `[data-testid=panel]`)
	visit("wall", "/call-to-action")
	b.screenshot("wall")
	visit("list", "/es/call-to-action/signatories")
	visit("list filtered", "/call-to-action/signatories?country=ZM&q=min")
	visit("list with a problem", "/call-to-action/signatories?type=nope")

	if _, err := chromedp.Call(b.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}},
	}); err != nil {
		t.Fatal(err)
	}
	visit("wall, dark", "/call-to-action")
	// Logos keep a light box in dark mode: most are drawn for white paper.
	if bg := value(b, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('.logo-wall .logo-box')).backgroundColor`)); bg != "rgb(255, 255, 255)" {
		t.Errorf("logo box in dark mode: %s", bg)
	}
	b.screenshot("wall-dark")
	visit("sign form, dark", "/es/call-to-action/sign")
	b.do(chromedp.Sleep(web.MinFillTime + 200*time.Millisecond))
	click("sign form with problems, dark", `[data-testid=sign-submit]`, `[data-testid=error-summary]`)

	b.do(chromedp.EmulateViewport(390, 844))
	visit("wall at 390px", "/call-to-action")
	b.screenshot("wall-390")
	visit("list at 390px", "/call-to-action/signatories")
	visit("sign form at 390px", "/call-to-action/sign")
	b.screenshot("sign-form-390")
	// The expected error statuses (400, 404) are logged by the browser.
	b.mu.Lock()
	b.problems = slices.DeleteFunc(b.problems, func(p string) bool {
		return strings.Contains(p, "status of 400") || strings.Contains(p, "status of 404")
	})
	b.mu.Unlock()
	b.checkClean()
}

// withdrawURL is the signed withdraw link of sig, as the approval email has it.
func withdrawURL(t *testing.T, app *App, sig store.Signatory) string {
	t.Helper()
	u, err := app.signing.WithdrawURL(context.Background(), sig)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
