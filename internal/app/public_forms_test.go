package app

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/dbtest"
	"github.com/sswalliance/advocacy/internal/logo"
	"github.com/sswalliance/advocacy/internal/seed"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
)

// keptLogoRef stores a logo as the sign form does and returns the signed
// reference to it a form carries once it has kept the logo (after a try
// whose fields all passed, refused later, say by a limit).
func (s signSite) keptLogoRef(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	l, err := logo.Process(ctx, testPNG(t, 200, 100))
	if err != nil {
		t.Fatal(err)
	}
	orig := web.SHA256Hex(l.Original)
	if err := s.app.store.SaveLogo(ctx, store.Logo{SHA256: l.SHA256, PNG: l.PNG, Width: l.Width, Height: l.Height},
		l.Original, orig, l.OriginalType, l.OriginalExt); err != nil {
		t.Fatal(err)
	}
	ref, err := s.app.forms.LogoRef(ctx, l.SHA256, orig)
	if err != nil {
		t.Fatal(err)
	}
	return ref
}

// signFormKept reports what of a complete sign form (signFields with
// logoRef) the page doc no longer shows, skipping field.
func signFormKept(doc *goquery.Document, want url.Values, skip string) []string {
	var lost []string
	for _, f := range []string{"name", "website", "contact_name", "contact_email", "role"} {
		id := map[string]string{"role": "sign-role"}[f]
		if id == "" {
			id = "sign-" + f
		}
		got := doc.Find("#"+id).AttrOr("value", "")
		if f == "website" {
			got = strings.TrimPrefix(got, "https://")
		}
		if f != skip && got != want.Get(f) {
			lost = append(lost, fmt.Sprintf("%s (%q)", f, got))
		}
	}
	if skip != "statement" && doc.Find("#sign-statement").Text() != want.Get("statement") {
		lost = append(lost, "statement")
	}
	if skip != "country" && doc.Find(`#sign-country option[selected]`).AttrOr("value", "") != want.Get("country") {
		lost = append(lost, "country")
	}
	if _, ok := doc.Find("#sign-type-" + want.Get("type")).Attr("checked"); skip != "type" && !ok {
		lost = append(lost, "type")
	}
	if _, ok := doc.Find("#sign-consent").Attr("checked"); skip != "consent" && !ok {
		lost = append(lost, "consent")
	}
	if skip != "logo_ref" && doc.Find(`input[type=hidden][name=logo_ref]`).AttrOr("value", "") != want.Get("logo_ref") {
		lost = append(lost, "logo_ref")
	}
	return lost
}

func TestSignEveryFieldWithBytesPostgresRefusesGetsAMessageBesideIt(t *testing.T) {
	s := newSignSite(t)
	stamp := s.stamp(t)
	ref := s.keptLogoRef(t)
	// field -> the id of the message beside it ("form" for the whole
	// form's); the honeypot is answered as a robot's.
	fields := []struct{ field, message string }{
		{"name", "sign-name-error"}, {"website", "sign-website-error"}, {"country", "sign-country-error"},
		{"type", "sign-type-error"}, {"contact_name", "sign-contact_name-error"},
		{"contact_email", "sign-contact_email-error"}, {"role", "sign-role-error"},
		{"statement", "sign-statement-error"}, {"consent", "sign-consent-error"},
		{"started", "form"}, {"logo_ref", "sign-logo-error"}, {"homepage", "robot"},
	}
	n := 0
	for _, tt := range fields {
		for _, bad := range []string{"\x00", "\xff"} {
			t.Run(fmt.Sprintf("%s %q", tt.field, bad), func(t *testing.T) {
				n++
				want := signFields(stamp)
				want.Set("logo_ref", ref)
				// Urlencoded, so the bytes travel as %00 and %FF.
				res := s.postForm(t, "/call-to-action/sign", fmt.Sprintf("198.18.0.%d", n), withBytes(want, tt.field, bad))
				doc := wantBadBytesAnswer(t, res, tt.field, tt.message)
				if doc == nil {
					return
				}
				if lost := signFormKept(doc, want, tt.field); len(lost) > 0 {
					t.Errorf("lost %v", lost)
				}
			})
		}
	}
	if n := s.count(t, "true"); n != 0 {
		t.Fatalf("%d submissions saved", n)
	}
}

func TestSubscribeEveryFieldWithBytesPostgresRefusesGetsAMessageBesideIt(t *testing.T) {
	s := newSignSite(t)
	stamp := s.stamp(t)
	fields := []struct{ field, message string }{
		{"email", "subscribe-email-error"}, {"name", "subscribe-name-error"}, {"lang", "subscribe-lang-error"},
		{"daily", "subscribe-lists-error"}, {"updates", "subscribe-lists-error"}, {"consent", "subscribe-consent-error"},
		{"started", "form"}, {"homepage", "robot"},
	}
	n := 0
	for _, tt := range fields {
		for _, bad := range []string{"\x00", "\xff"} {
			t.Run(fmt.Sprintf("%s %q", tt.field, bad), func(t *testing.T) {
				n++
				want := subscribeFields(stamp, "rosa@example.org")
				want.Set("updates", "yes")
				res := s.postForm(t, "/sswweek/subscribe", fmt.Sprintf("198.18.1.%d", n), withBytes(want, tt.field, bad))
				doc := wantBadBytesAnswer(t, res, tt.field, tt.message)
				if doc == nil {
					return
				}
				var lost []string
				for _, f := range []string{"email", "name"} {
					if got := doc.Find("#subscribe-"+f).AttrOr("value", ""); f != tt.field && got != want.Get(f) {
						lost = append(lost, f)
					}
				}
				for _, f := range []string{"daily", "updates", "consent"} {
					if _, ok := doc.Find("#subscribe-" + f).Attr("checked"); f != tt.field && !ok {
						lost = append(lost, f)
					}
				}
				if _, ok := doc.Find("#subscribe-lang-en").Attr("checked"); tt.field != "lang" && !ok {
					lost = append(lost, "lang")
				}
				if len(lost) > 0 {
					t.Errorf("lost %v", lost)
				}
			})
		}
	}
	if n := s.countRows(t, `SELECT count(*) FROM subscribers`); n != 0 {
		t.Fatalf("%d sign-ups saved", n)
	}
}

func TestPublicFormsRefuseLinkLikeNamesBesideTheField(t *testing.T) {
	s := newSignSite(t)
	stamp := s.stamp(t)
	ref := s.keptLogoRef(t)
	phishing := []string{
		"Confirm URGENT: your mailbox is suspended, verify now at http://evil.example/verify",
		"www.x.com", "evil.example/unlock", "x.co", "x[.]com", "xn--80ak6aa92e", "evil。com", "ana@example.org",
	}
	n := 0
	for _, name := range phishing {
		for _, tt := range []struct{ path, field, message string }{
			{"/call-to-action/sign", "name", "sign-name-error"},
			{"/call-to-action/sign", "contact_name", "sign-contact_name-error"},
			{"/sswweek/subscribe", "name", "subscribe-name-error"},
			{"/es/sswweek/subscribe", "name", "subscribe-name-error"},
		} {
			n++
			fields := subscribeFields(stamp, "rosa@example.org")
			if strings.HasSuffix(tt.path, "/sign") {
				fields = signFields(stamp)
				fields.Set("logo_ref", ref)
			}
			fields.Set(tt.field, name)
			res := s.postForm(t, tt.path, fmt.Sprintf("198.18.2.%d", n), fields)
			doc := parse(t, res)
			if res.StatusCode != http.StatusBadRequest || doc.Find("#"+tt.message).Text() == "" {
				t.Errorf("%s %s %q: %s, message %q", tt.path, tt.field, name, res.Status, doc.Find("#"+tt.message).Text())
			}
		}
	}
	if n := s.count(t, "true") + s.countRows(t, `SELECT count(*) FROM subscribers`) + s.countRows(t, `SELECT count(*) FROM emails`); n != 0 {
		t.Fatalf("%d rows saved from phishing names", n)
	}
	// Names with dots that are not links pass.
	for i, name := range []string{"St. Mary's Home", "Save the Children"} {
		fields := signFields(stamp)
		fields.Set("logo_ref", ref)
		fields.Set("name", name)
		fields.Set("contact_email", fmt.Sprintf("ana%d@redts.example.org", i))
		if res := s.postForm(t, "/call-to-action/sign", "192.0.2.102", fields); res.StatusCode != http.StatusSeeOther {
			t.Errorf("%q refused: %s", name, res.Status)
		}
	}
}

func TestFourthSignUpWithinTheHourSendsNoFourthEmail(t *testing.T) {
	s := newSignSite(t)
	stamp := s.stamp(t)
	for i := range 4 {
		res := s.postForm(t, "/sswweek/subscribe", fmt.Sprintf("192.0.2.11%d", i), subscribeFields(stamp, "rosa@example.org"))
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/sswweek/subscribe/check-email" {
			t.Fatalf("sign-up %d: %s to %q, want the same answer every time", i+1, res.Status, res.Header.Get("Location"))
		}
	}
	if n := s.countRows(t, `SELECT count(*) FROM emails WHERE to_address = 'rosa@example.org'`); n != 1 {
		t.Fatalf("%d emails queued for four sign-ups within the hour, want 1", n)
	}
	var subject, toName string
	if err := s.pool.QueryRow(context.Background(), `SELECT subject, to_name FROM emails`).Scan(&subject, &toName); err != nil {
		t.Fatal(err)
	}
	if subject != "Confirm your subscription" || toName != "" {
		t.Errorf("confirmation email: subject %q, display name %q", subject, toName)
	}
	for path, want := range map[string]string{
		"/sswweek/subscribe/check-email":      "one confirmation email an hour",
		"/es/sswweek/subscribe/check-email":   "un correo de confirmación por hora",
		"/call-to-action/sign/check-email":    "one confirmation email an hour",
		"/es/call-to-action/sign/check-email": "un correo de confirmación por hora",
	} {
		if got := parse(t, s.get(t, path)).Find(`[data-testid=sent-once]`).Text(); !strings.Contains(got, want) {
			t.Errorf("%s says %q, want it to say %q", path, got, want)
		}
	}
}

func TestSecondSignatureForOneAddressWithinTheHourIsRefusedBesideTheEmail(t *testing.T) {
	s := newSignSite(t)
	stamp := s.stamp(t)
	ref := s.keptLogoRef(t)
	fields := signFields(stamp)
	fields.Set("logo_ref", ref)
	if res := s.postForm(t, "/call-to-action/sign", "192.0.2.120", fields); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("first: %s", res.Status)
	}
	var subject, toName string
	if err := s.pool.QueryRow(context.Background(), `SELECT subject, to_name FROM emails`).Scan(&subject, &toName); err != nil {
		t.Fatal(err)
	}
	if subject != "Confirm your organisation's signature of the Call to Action" || toName != "" {
		t.Errorf("confirmation email: subject %q, display name %q", subject, toName)
	}
	fields.Set("name", "Another Organisation")
	fields.Set("contact_email", "ANA@redts.example.org")
	res := s.postForm(t, "/call-to-action/sign", "192.0.2.121", fields)
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
		t.Fatalf("second within the hour: %s, Retry-After %q", res.Status, res.Header.Get("Retry-After"))
	}
	doc := parse(t, res)
	if msg := doc.Find("#sign-contact_email-error").Text(); !strings.Contains(msg, "hour") {
		t.Errorf("message beside the email %q", msg)
	}
	want := signFields(stamp)
	want.Set("logo_ref", ref)
	want.Set("name", "Another Organisation")
	want.Set("contact_email", "ANA@redts.example.org")
	if lost := signFormKept(doc, want, ""); len(lost) > 0 {
		t.Errorf("lost %v", lost)
	}
	if n := s.countRows(t, `SELECT count(*) FROM emails`); n != 1 {
		t.Errorf("%d emails, want 1", n)
	}
	if n := s.count(t, "true"); n != 1 {
		t.Errorf("%d submissions, want 1", n)
	}
}

// storedLogos counts the logos and originals in the database.
func (s signSite) storedLogos(t *testing.T) int {
	t.Helper()
	return s.countRows(t, `SELECT (SELECT count(*) FROM logo_images) + (SELECT count(*) FROM logo_originals)`)
}

func TestSignPostsRefusedAsRobotsOrFloodsStoreNoLogo(t *testing.T) {
	s := newSignSite(t)
	ctx := context.Background()
	stamp := s.stamp(t)
	before := s.storedLogos(t)
	fresh, err := s.app.site.Guard().Stamp(ctx) // shown just now: too fast for a person
	if err != nil {
		t.Fatal(err)
	}
	// Addresses already at their limits.
	for i := range web.SignAttemptLimit {
		if _, err := s.app.store.RecordFormPost(ctx, web.SignAttemptName, netip.MustParseAddr("198.18.3.1"), web.SignAttemptLimit, web.SignWindow); err != nil {
			t.Fatal(i, err)
		}
	}
	for range web.SignLimit {
		if _, err := s.app.store.RecordFormPost(ctx, web.SignFormName, netip.MustParseAddr("198.18.3.2"), web.SignLimit, web.SignWindow); err != nil {
			t.Fatal(err)
		}
	}
	for i, tt := range []struct {
		name   string
		ip     string
		change func(url.Values)
		status int
	}{
		{"honeypot", "198.18.3.10", func(v url.Values) { v.Set("homepage", "https://spam.example") }, http.StatusSeeOther},
		{"too fast", "198.18.3.11", func(v url.Values) { v.Set("started", fresh) }, http.StatusSeeOther},
		{"no stamp", "198.18.3.12", func(v url.Values) { v.Del("started") }, http.StatusBadRequest},
		{"forged stamp", "198.18.3.13", func(v url.Values) { v.Set("started", "1700000000000.forged") }, http.StatusBadRequest},
		{"over the attempt limit", "198.18.3.1", func(url.Values) {}, http.StatusTooManyRequests},
		{"over the submission limit", "198.18.3.2", func(url.Values) {}, http.StatusTooManyRequests},
	} {
		fields := signFields(stamp)
		fields.Set("contact_email", fmt.Sprintf("robot%d@example.org", i))
		tt.change(fields)
		res := s.post(t, "/call-to-action/sign", tt.ip, fields, "logo.png", testPNG(t, 200+i, 100))
		if res.StatusCode != tt.status {
			t.Errorf("%s: %s, want %d", tt.name, res.Status, tt.status)
		}
		if n := s.storedLogos(t); n != before {
			t.Errorf("%s: stored %d logo rows", tt.name, n-before)
		}
	}
	if n := s.count(t, "true"); n != 0 {
		t.Fatalf("%d submissions saved", n)
	}
}

// TestLogoQuotasCapEachAddressWellUnderEveryone: a logo is kept for a
// form that comes back to be fixed (so the visitor need not choose it
// again), but one address stores at most its own quota of logos an hour,
// whatever else is wrong with its posts (the attack used an empty name), so
// one visitor cannot use up everyone's; over either quota the logo is
// refused with a message beside it and a Retry-After, the form kept.
func TestLogoQuotasCapEachAddressWellUnderEveryone(t *testing.T) {
	s := newSignSite(t)
	s.app.forms.SetLogoQuotas(2, 8)
	stamp := s.stamp(t)
	before := s.storedLogos(t)
	post := func(ip string, i int, change func(url.Values)) *http.Response {
		fields := signFields(stamp)
		fields.Set("contact_email", fmt.Sprintf("ana%d@redts.example.org", i))
		change(fields)
		return s.post(t, "/call-to-action/sign", ip, fields, "logo.png", testPNG(t, 200+i, 100))
	}
	// More posts with an empty name than both quotas, from two addresses:
	// each address keeps its two, then is refused.
	for i := range 8 {
		res := post(fmt.Sprintf("198.18.4.%d", i%2), i, func(v url.Values) { v.Set("name", "") })
		doc := parse(t, res)
		kept := doc.Find(`[data-testid=logo-kept]`).Length() == 1
		switch {
		case i < 4 && (res.StatusCode != http.StatusBadRequest || !kept):
			t.Fatalf("empty name %d, under its address's quota: %s, logo kept %v", i, res.Status, kept)
		case i >= 4 && (res.StatusCode != http.StatusTooManyRequests || kept || res.Header.Get("Retry-After") == ""):
			t.Fatalf("empty name %d, over its address's quota: %s, logo kept %v", i, res.Status, kept)
		}
	}
	if n := s.storedLogos(t) - before; n != 4*2 {
		t.Fatalf("%d logo rows stored for forms with an empty name, want two addresses' quota of 2 logos and their originals", n)
	}
	keep := func(url.Values) {}
	// One address: its quota of two, then refused.
	for i := range 3 {
		res := post("198.18.5.1", 10+i, keep)
		if i < 2 {
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("logo %d from one address, under its quota: %s", i+1, res.Status)
			}
			continue
		}
		s.wantLogoRefused(t, res, "from your connection")
	}
	// The same /64 of IPv6 is one address.
	for i, ip := range []string{"2001:db8:1:2::1", "2001:db8:1:2::2"} {
		if res := post(ip, 20+i, keep); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("logo %d from a /64: %s", i+1, res.Status)
		}
	}
	s.wantLogoRefused(t, post("2001:db8:1:2:ffff::3", 22, keep), "from your connection")
	// Everyone's quota of eight is full now.
	if n := s.storedLogos(t) - before; n != 8*2 {
		t.Fatalf("%d logo rows stored, want the global quota's 8 logos and their originals", n)
	}
	s.wantLogoRefused(t, post("198.18.6.1", 30, keep), "great many logos")
	if n := s.count(t, "true"); n != 4 {
		t.Fatalf("%d submissions saved, want 4", n)
	}
}

// wantLogoRefused checks res refuses a logo over a quota: 429 with a
// Retry-After, the message beside the logo, the form kept.
func (s signSite) wantLogoRefused(t *testing.T, res *http.Response, message string) {
	t.Helper()
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
		t.Fatalf("over a quota: %s, Retry-After %q; want 429 with one", res.Status, res.Header.Get("Retry-After"))
	}
	doc := parse(t, res)
	if msg := doc.Find(`#sign-logo-error`).Text(); !strings.Contains(msg, message) {
		t.Errorf("message beside the logo %q, want it to say %q", msg, message)
	}
	if doc.Find(`[data-testid=logo-kept]`).Length() != 0 {
		t.Error("a logo over the quota was kept")
	}
	if doc.Find(`#sign-name`).AttrOr("value", "") != "Red de Trabajo Social" {
		t.Error("the form over the quota lost what was typed")
	}
}

// pgProxy stands between an app and its test database on a loopback port,
// so a test can take the database away for real: Stop kills every
// connection and refuses new ones, as a stopped server does, and Start
// serves again on the same port.
type pgProxy struct {
	t      *testing.T
	addr   string
	dial   func() (net.Conn, error)
	mu     sync.Mutex
	ln     net.Listener
	conns  map[net.Conn]bool
	served sync.WaitGroup
}

// newPGProxy starts a proxy to the database pool is connected to and
// returns a pool for the app that connects through it.
func newPGProxy(t *testing.T, pool *pgxpool.Pool) (*pgProxy, *pgxpool.Pool) {
	t.Helper()
	cc := pool.Config().ConnConfig
	target := net.JoinHostPort(cc.Host, strconv.Itoa(int(cc.Port)))
	network := "tcp"
	if strings.HasPrefix(cc.Host, "/") {
		network, target = "unix", fmt.Sprintf("%s/.s.PGSQL.%d", cc.Host, cc.Port)
	}
	p := &pgProxy{t: t, conns: map[net.Conn]bool{},
		dial: func() (net.Conn, error) { return net.Dial(network, target) }}
	p.Start()
	t.Cleanup(p.Stop)
	cfg := pool.Config().Copy()
	host, port, _ := net.SplitHostPort(p.addr)
	n, _ := strconv.Atoi(port)
	cfg.ConnConfig.Host, cfg.ConnConfig.Port, cfg.ConnConfig.Fallbacks = host, uint16(n), nil
	cfg.ConnConfig.ConnectTimeout = time.Second
	through, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(through.Close)
	return p, through
}

// Start listens (again) and forwards each connection to the database.
func (p *pgProxy) Start() {
	addr := p.addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		p.t.Fatal(err)
	}
	p.mu.Lock()
	p.ln, p.addr = ln, ln.Addr().String()
	p.mu.Unlock()
	p.served.Add(1)
	go func() {
		defer p.served.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			up, err := p.dial()
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns[c], p.conns[up] = true, true
			p.mu.Unlock()
			go func() { io.Copy(up, c); up.Close() }()
			go func() { io.Copy(c, up); c.Close() }()
		}
	}()
}

// Stop refuses new connections and cuts every open one.
func (p *pgProxy) Stop() {
	p.mu.Lock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for c := range p.conns {
		c.Close()
	}
	clear(p.conns)
	p.mu.Unlock()
	p.served.Wait()
}

func TestFormsPostedWhileTheDatabaseIsAwayComeBackWhole(t *testing.T) {
	pool := dbtest.New(t)
	if err := seed.Load(context.Background(), store.New(pool), false); err != nil {
		t.Fatal(err)
	}
	proxy, through := newPGProxy(t, pool)
	app := mustNew(t, testConfig(t, nil), testLogger(t), through)
	s := signSite{app: app, pool: pool, h: app.Handler()}
	if res := s.get(t, "/call-to-action/sign"); res.StatusCode != http.StatusOK {
		t.Fatalf("sign form: %s", res.Status)
	}
	stamp := s.stamp(t)
	ref := s.keptLogoRef(t)
	signing := signFields(stamp)
	signing.Set("logo_ref", ref)
	signing.Set("contact_email", "outage@redts.example.org")
	signUp := subscribeFields(stamp, "outage@example.org")
	submissions := func() int {
		return s.countRows(t, `SELECT count(*) FROM signatories WHERE contact_email = 'outage@redts.example.org'`)
	}

	// The pool's connections die with the proxy: the next queries meet
	// dead connections first, then refused dials.
	proxy.Stop()

	for _, tt := range []struct{ path, want string }{
		{"/call-to-action/sign", "could not save the form just now"},
		{"/es/call-to-action/sign", "No pudimos guardar el formulario"},
	} {
		res := s.postForm(t, tt.path, "192.0.2.131", signing)
		if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" {
			t.Fatalf("%s during the outage: %s, Retry-After %q", tt.path, res.Status, res.Header.Get("Retry-After"))
		}
		doc := parse(t, res)
		if msg := doc.Find(`[data-testid=form-problem]`).Text(); !strings.Contains(msg, tt.want) {
			t.Errorf("%s: message %q, want %q", tt.path, msg, tt.want)
		}
		if lost := signFormKept(doc, signing, ""); len(lost) > 0 {
			t.Errorf("%s: lost %v", tt.path, lost)
		}
		if doc.Find(`[data-testid=logo-kept]`).Length() != 1 {
			t.Errorf("%s: the kept logo is not shown", tt.path)
		}
	}
	// A new logo cannot be stored: the visitor is asked to choose it again.
	res := s.post(t, "/call-to-action/sign", "192.0.2.131", signFields(stamp), "logo.png", testPNG(t, 240, 120))
	if doc := parse(t, res); res.StatusCode != http.StatusServiceUnavailable || !strings.Contains(doc.Find(`#sign-logo-error`).Text(), "again") {
		t.Errorf("a new logo during the outage: %s, message %q", res.Status, doc.Find(`#sign-logo-error`).Text())
	}
	for _, tt := range []struct{ path, want string }{
		{"/sswweek/subscribe", "could not save your sign-up just now"},
		{"/es/sswweek/subscribe", "No pudimos guardar su suscripción"},
	} {
		res := s.postForm(t, tt.path, "192.0.2.131", signUp)
		if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" {
			t.Fatalf("%s during the outage: %s, Retry-After %q", tt.path, res.Status, res.Header.Get("Retry-After"))
		}
		doc := parse(t, res)
		if msg := doc.Find(`[data-testid=form-problem]`).Text(); !strings.Contains(msg, tt.want) {
			t.Errorf("%s: message %q, want %q", tt.path, msg, tt.want)
		}
		if doc.Find("#subscribe-email").AttrOr("value", "") != "outage@example.org" || doc.Find("#subscribe-name").AttrOr("value", "") != "Rosa" {
			t.Errorf("%s: what was typed is lost", tt.path)
		}
		for _, box := range []string{"#subscribe-daily", "#subscribe-consent", "#subscribe-lang-en"} {
			if _, ok := doc.Find(box).Attr("checked"); !ok {
				t.Errorf("%s: %s not kept", tt.path, box)
			}
		}
	}
	if n := submissions(); n != 0 {
		t.Fatalf("%d submissions saved during the outage", n)
	}

	// Back: the same forms, sent again, are taken once each.
	proxy.Start()
	if res := s.postForm(t, "/call-to-action/sign", "192.0.2.132", signing); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign form after the outage: %s", res.Status)
	}
	if res := s.postForm(t, "/sswweek/subscribe", "192.0.2.132", signUp); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-up after the outage: %s", res.Status)
	}
	if n := submissions(); n != 1 {
		t.Errorf("%d submissions after the outage, want 1", n)
	}
	if n := s.countRows(t, `SELECT count(*) FROM subscribers WHERE email = 'outage@example.org'`); n != 1 {
		t.Errorf("%d sign-ups after the outage, want 1", n)
	}
	if n := s.countRows(t, `SELECT count(*) FROM emails WHERE to_address IN ('outage@redts.example.org', 'outage@example.org')`); n != 2 {
		t.Errorf("%d confirmation emails, want one each", n)
	}
}

// withBytes is a copy of form with bad appended to field.
func withBytes(form url.Values, field, bad string) url.Values {
	sent := url.Values{}
	for k, v := range form {
		sent[k] = append([]string(nil), v...)
	}
	sent.Set(field, sent.Get(field)+bad)
	return sent
}

// wantBadBytesAnswer checks the answer to a form whose field carried bytes
// that are not text: message "robot" (a honeypot) wants the robot's 303
// and returns nil; otherwise 400, and the page returned has the message
// for the whole form ("form") or the one with id message beside the field.
func wantBadBytesAnswer(t *testing.T, res *http.Response, field, message string) *goquery.Document {
	t.Helper()
	if message == "robot" {
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("a filled honeypot: %s, want the robot's 303", res.Status)
		}
		return nil
	}
	if res.StatusCode != http.StatusBadRequest {
		t.Fatalf("%s, want 400", res.Status)
	}
	doc := parse(t, res)
	if message == "form" {
		if doc.Find(`[data-testid=form-problem]`).Length() != 1 {
			t.Error("no message for the whole form")
		}
	} else if doc.Find("#"+message).Text() == "" {
		t.Errorf("no message beside %s", field)
	}
	return doc
}

// cutShort is a request body that ends before the length it promised, as
// when a visitor hangs up halfway through sending a form.
type cutShort struct{ sent bool }

func (c *cutShort) Read(p []byte) (int, error) {
	if !c.sent {
		c.sent = true
		return copy(p, "email=a"), nil
	}
	return 0, io.ErrUnexpectedEOF
}

// A form body cut short is the visitor's doing, not the database's: it is
// a 400, never a 503 with the site reported down.
func TestAFormBodyCutShortIsABadRequestNotAnOutage(t *testing.T) {
	h := seededHandler(t)
	for _, path := range []string{"/sswweek/subscribe", "/es/sswweek/subscribe", "/call-to-action/sign"} {
		req := httptest.NewRequest(http.MethodPost, path, &cutShort{})
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.ContentLength = 100
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusBadRequest || rec.Header().Get("Retry-After") != "" {
			t.Errorf("%s: status %d, Retry-After %q; want 400 without Retry-After", path, rec.Code, rec.Header().Get("Retry-After"))
		}
	}
}
