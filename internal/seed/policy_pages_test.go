package seed

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/netip"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sswalliance/advocacy/internal/auth"
	"github.com/sswalliance/advocacy/internal/dbtest"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/jobs"
	"github.com/sswalliance/advocacy/internal/markdown"
	"github.com/sswalliance/advocacy/internal/signing"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/subscribe"
	"github.com/sswalliance/advocacy/internal/web"
)

func policyPage(t *testing.T, path string) PolicyPage {
	t.Helper()
	for _, p := range PolicyPages() {
		if p.Path == path {
			return p
		}
	}
	t.Fatalf("no policy page %s", path)
	return PolicyPage{}
}

func TestSpanSaysDurationsInWords(t *testing.T) {
	for _, c := range []struct {
		d      time.Duration
		en, es string
	}{
		{7 * 24 * time.Hour, "7 days", "7 días"},
		{24 * time.Hour, "a day", "un día"},
		{48 * time.Hour, "2 days", "2 días"},
		{time.Hour, "an hour", "una hora"},
		{12 * time.Hour, "12 hours", "12 horas"},
		{36 * time.Hour, "36 hours", "36 horas"},
		{15 * time.Minute, "15 minutes", "15 minutos"},
		{time.Minute, "a minute", "un minuto"},
		{90 * time.Minute, "90 minutes", "90 minutos"},
	} {
		if got := span(i18n.EN, c.d); got != c.en {
			t.Errorf("span(EN, %s) = %q, want %q", c.d, got, c.en)
		}
		if got := span(i18n.ES, c.d); got != c.es {
			t.Errorf("span(ES, %s) = %q, want %q", c.d, got, c.es)
		}
	}
}

// rawHTML finds what Markdown would pass through as HTML: a tag, a
// closing tag, a comment or a declaration.
var rawHTML = regexp.MustCompile(`<[A-Za-z/!?]`)

// markdownLink finds the targets of Markdown links.
var markdownLink = regexp.MustCompile(`\]\(([^)\s]+)\)`)

func TestPolicyPagesAreCompleteInBothLanguagesAndRenderWithoutRawHTML(t *testing.T) {
	pages := PolicyPages()
	var paths []string
	for _, p := range pages {
		paths = append(paths, p.Path)
	}
	if want := []string{"/privacy", "/accessibility", "/about"}; strings.Join(paths, " ") != strings.Join(want, " ") {
		t.Fatalf("paths %v, want %v", paths, want)
	}
	for _, p := range pages {
		for _, l := range i18n.Langs {
			name := p.Path + " " + string(l)
			if strings.TrimSpace(p.Title[l]) == "" {
				t.Errorf("%s: no title", name)
			}
			desc := p.Description[l]
			if n := utf8.RuneCountInString(desc); n == 0 || n > 300 {
				t.Errorf("%s: description of %d characters, want 1 to 300", name, n)
			}
			body := p.Body[l]
			if loc := rawHTML.FindStringIndex(body); loc != nil {
				t.Errorf("%s: raw HTML in the Markdown at %q", name, body[loc[0]:min(loc[0]+40, len(body))])
			}
			html := markdown.HTML(body)
			switch {
			case html == "":
				t.Errorf("%s: the body renders to nothing", name)
			case strings.Contains(html, "raw HTML omitted"):
				t.Errorf("%s: the renderer dropped raw HTML", name)
			case strings.Contains(html, "<h1"):
				t.Errorf("%s: a level-1 heading in the body: the page's title is its only one", name)
			case !strings.Contains(html, "<h2"):
				t.Errorf("%s: no section headings", name)
			}
			// Links within the site stay in the page's language.
			for _, m := range markdownLink.FindAllStringSubmatch(body, -1) {
				target := m[1]
				if strings.HasPrefix(target, "/") && !strings.HasPrefix(target, l.Prefix()+"/") {
					t.Errorf("%s: link %s leaves the page's language", name, target)
				}
			}
		}
		if p.Body[i18n.EN] == p.Body[i18n.ES] || p.Title[i18n.EN] == p.Title[i18n.ES] {
			t.Errorf("%s: the Spanish text is the English one", p.Path)
		}
	}
	// The pages give a way to write to the team.
	for path, address := range map[string]string{"/privacy": PrivacyContact, "/accessibility": AccessibilityContact, "/about": CampaignContact} {
		for _, l := range i18n.Langs {
			if !strings.Contains(policyPage(t, path).Body[l], "mailto:"+address) {
				t.Errorf("%s %s: no link to write to %s", path, l, address)
			}
		}
	}
}

// TestPrivacyNoticeQuotesTheCodesRetentionFigures: every period the
// notice gives is the one the site works by. Each phrase is computed
// from the constant that the job, the link or the session uses, so
// changing a constant changes the notice with it; the constants that
// were literals before the notice quoted them are checked against the
// chores that use them (TestRetentionChoresUseTheQuotedConstants).
func TestPrivacyNoticeQuotesTheCodesRetentionFigures(t *testing.T) {
	page := policyPage(t, "/privacy")
	type figure struct {
		what   string
		en, es string // formats with one %s for the span
		d      time.Duration
	}
	figures := []figure{
		{"confirmation link of a signature", "The link works for %s; a submission that is not confirmed in that time is deleted", "El enlace funciona durante %s; una firma que no se confirma en ese plazo se borra", signing.ConfirmFor},
		{"unconfirmed signature", "A signature that is never confirmed: %s.", "Una firma que nunca se confirma: %s.", signing.ConfirmFor},
		{"change link", "which works for %s.", "que funciona durante %s.", signing.ChangeFor},
		{"unused logo", "A logo uploaded with a form that was never sent is deleted after %s.", "se borra al cabo de %s.", signing.UnusedLogosKeptFor},
		{"unused logo (list)", "A logo from a form that was never sent: %s.", "El logotipo de un formulario que nunca se envió: %s.", signing.UnusedLogosKeptFor},
		{"confirmation link of a sign-up", "it works for %s, and a sign-up not confirmed in that time is deleted", "funciona durante %s, y una suscripción que no se confirma en ese plazo se borra", subscribe.ConfirmFor},
		{"unconfirmed sign-up", "A sign-up for our emails that is never confirmed: %s.", "Una suscripción a nuestros correos que nunca se confirma: %s.", subscribe.ConfirmFor},
		{"reminder", "at most one in %s.", "como mucho uno en %s.", subscribe.RemindEvery},
		{"form post address", "and forget it after %s.", "y la olvidamos al cabo de %s.", signing.FormPostsKeptFor},
		{"form post address (list)", "The IP address a form was sent from: %s.", "La dirección IP desde la que se envió un formulario: %s.", signing.FormPostsKeptFor},
		{"confirmation cap of a signature", "Only one confirmation email goes to an address in %s", "solo va un correo de confirmación en %s", signing.ConfirmEmailEvery},
		{"confirmation cap of a sign-up", "Only one confirmation email goes to an address in %s", "solo va un correo de confirmación en %s", subscribe.ConfirmEmailEvery},
		{"confirmation note (list)", "went to an address: %s, until the next clean-up", "fue a una dirección: %s, hasta la siguiente limpieza", signing.ConfirmEmailEvery},
		{"idle session", "The session ends after %s without activity", "La sesión termina tras %s sin actividad", web.SessionIdle},
		{"session lifetime", "and after %s in any case", "en cualquier caso, al cabo de %s", web.SessionLifetime},
		{"failed sign-in", "and the IP address) for %s;", "y la dirección IP) durante %s;", auth.SignInWindow},
		{"sign-in lock", "lock further attempts for %s.", "bloquean nuevos intentos durante %s.", auth.SignInLockFor},
		{"failed sign-in (list)", "A failed staff sign-in: %s, plus up to", "Un inicio de sesión fallido del equipo: %s, más un máximo de", auth.SignInWindow},
		{"sign-in clean-up", "plus up to %s until the clean-up", "más un máximo de %s hasta la limpieza", auth.CleanupEvery},
	}
	for _, f := range figures {
		for l, format := range map[i18n.Lang]string{i18n.EN: f.en, i18n.ES: f.es} {
			want := fmt.Sprintf(format, span(l, f.d))
			if !strings.Contains(page.Body[l], want) {
				t.Errorf("%s (%s): the notice does not say %q", f.what, l, want)
			}
		}
	}
	// The staff cookie is named as the site names it.
	for _, l := range i18n.Langs {
		if !strings.Contains(page.Body[l], "`"+web.StaffCookie+"`") {
			t.Errorf("%s: the staff cookie %q is not named", l, web.StaffCookie)
		}
	}
	// The throttle the site makes counts and locks for the quoted spans.
	th := auth.NewThrottle(nil)
	if th.Window != auth.SignInWindow || th.LockFor != auth.SignInLockFor {
		t.Errorf("the sign-in throttle counts for %s and locks for %s; the notice says %s and %s",
			th.Window, th.LockFor, auth.SignInWindow, auth.SignInLockFor)
	}
}

// TestRetentionChoresUseTheQuotedConstants runs the chores whose periods
// were literals before the privacy notice quoted them, with the clock
// just short of and just past each period: the form posts' addresses and
// the logos of forms never sent go exactly when the notice says.
// (The expiry of unconfirmed signatures and sign-ups after ConfirmFor is
// tested in packages signing and subscribe.)
func TestRetentionChoresUseTheQuotedConstants(t *testing.T) {
	ctx := context.Background()
	pool := dbtest.New(t)
	st := store.New(pool)
	queue, err := jobs.NewQueue(pool, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	base, _ := url.Parse("https://example.org")
	svc := signing.New(pool, queue, base)
	run := func(name string, at time.Time) {
		t.Helper()
		svc.Now = func() time.Time { return at }
		for _, c := range svc.Chores() {
			if c.Name == name {
				if err := c.Run(ctx); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				return
			}
		}
		t.Fatalf("no chore %s", name)
	}

	ip := netip.MustParseAddr("192.0.2.7")
	if ok, err := st.RecordFormPost(ctx, web.SignFormName, ip, 5, time.Hour); err != nil || !ok {
		t.Fatalf("record form post: %v, %v", ok, err)
	}
	posts := func() int {
		t.Helper()
		n, err := st.CountFormPosts(ctx, web.SignFormName, ip, 10*365*24*time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	now := time.Now()
	run("forget-form-posts", now.Add(signing.FormPostsKeptFor-time.Minute))
	if posts() != 1 {
		t.Errorf("the address of a form post is forgotten before %s", signing.FormPostsKeptFor)
	}
	run("forget-form-posts", now.Add(signing.FormPostsKeptFor+time.Minute))
	if n := posts(); n != 0 {
		t.Errorf("the address of a form post is kept past %s (%d left)", signing.FormPostsKeptFor, n)
	}

	hash := func(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }
	png, original := []byte("png of a logo"), []byte("logo as uploaded")
	if err := st.SaveLogo(ctx, store.Logo{SHA256: hash(png), PNG: png, Width: 10, Height: 10},
		original, hash(original), "image/png", "png"); err != nil {
		t.Fatal(err)
	}
	kept := func() bool {
		t.Helper()
		ok, err := st.LogoExists(ctx, hash(png), hash(original))
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	now = time.Now()
	run("delete-unused-logos", now.Add(signing.UnusedLogosKeptFor-time.Minute))
	if !kept() {
		t.Errorf("a logo of a form never sent is deleted before %s", signing.UnusedLogosKeptFor)
	}
	run("delete-unused-logos", now.Add(signing.UnusedLogosKeptFor+time.Minute))
	if kept() {
		t.Errorf("a logo of a form never sent is kept past %s", signing.UnusedLogosKeptFor)
	}
}
