package web

import (
	"context"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/a-h/templ"
	"github.com/go-chi/chi/v5"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/jobs"
	"github.com/sswalliance/advocacy/internal/signing"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/subscribe"
	"github.com/sswalliance/advocacy/templates"
	"github.com/sswalliance/advocacy/templates/admin"
	"github.com/sswalliance/advocacy/templates/public"
)

// App holds the handlers still being moved to their audience's package
// (signing, subscribing, public uploads, the content editor and scheduled
// publishing); the rest of the site is in public, admin and routes.
type App struct {
	*Site
	store     *store.Store // the content editor's preview swaps it for a transaction's
	kinds     *content.Registry
	jobs      *jobs.Runner
	signing   *signing.Service
	subscribe *subscribe.Service
	logoQuota int // logos the public forms may store an hour (LogoQuota; tests lower it)
	// logoAddrQuota is LogoAddrQuota; tests lower it.
	logoAddrQuota int
	// uploads are the slots for public uploads in flight (UploadsInFlight).
	uploads chan struct{}
	// publicPages mounts the public pages of both languages, built over
	// a's store (the content editor's preview mounts them over a
	// transaction).
	publicPages func(a *App, r chi.Router)
}

// AppDeps are what App's handlers need besides the Site.
type AppDeps struct {
	Kinds     *content.Registry
	Jobs      *jobs.Runner
	Signing   *signing.Service
	Subscribe *subscribe.Service
	// PublicPages mounts every public page, over the store of the App
	// given; routes.PublicPages with public handlers over that store.
	PublicPages func(a *App, r chi.Router)
}

// NewApp returns the handlers over site.
func NewApp(site *Site, d AppDeps) *App {
	return &App{Site: site, store: site.store, kinds: d.Kinds, jobs: d.Jobs, signing: d.Signing, subscribe: d.Subscribe,
		logoQuota: LogoQuota, logoAddrQuota: LogoAddrQuota, uploads: make(chan struct{}, UploadsInFlight),
		publicPages: d.PublicPages}
}

// Store is the store App's handlers read: the pool's, or in a preview a
// transaction's.
func (a *App) Store() *store.Store { return a.store }

func (a *App) now() time.Time { return a.Now() }

// publicRoutes are the public pages, over a's store.
func (a *App) publicRoutes(r chi.Router) { a.publicPages(a, r) }

// The handlers' routes, mounted by routes.
func (a *App) SigningRoutes(r chi.Router)     { a.signingRoutes(r) }
func (a *App) SigningRootRoutes(r chi.Router) { a.signingRootRoutes(r) }
func (a *App) SubscribeRoutes(r chi.Router)   { a.subscribeRoutes(r) }
func (a *App) ContentRoutes(r chi.Router)     { a.contentRoutes(r) }

// MarkdownPreview renders the editor's markdown preview.
func (a *App) MarkdownPreview(w http.ResponseWriter, r *http.Request) error {
	return a.markdownPreview(w, r)
}

// FooterSubscribe is Site.Footer: the footer's sign-up form.
func (a *App) FooterSubscribe(m templates.Meta) templ.Component { return a.footerSubscribe(m) }

// SubscribeFormView is a new sign-up form in l (the SSWWeek pages show
// one).
func (a *App) SubscribeFormView(ctx context.Context, l i18n.Lang, prefix string) (public.SubscribeFormView, error) {
	return a.subscribeFormView(ctx, l, prefix)
}

// FormStamp is a sign-up or signing form's stamp (tests post forms).
func (a *App) FormStamp(ctx context.Context) (string, error) { return a.guard().Stamp(ctx) }

// LogoRef is a form's reference to a stored logo (tests post forms).
func (a *App) LogoRef(ctx context.Context, logoSHA, originalSHA string) (string, error) {
	return a.logoRef(ctx, logoSHA, originalSHA)
}

// SetLogoQuotas sets the public forms' logo limits (tests lower them).
func (a *App) SetLogoQuotas(perAddr, total int) { a.logoAddrQuota, a.logoQuota = perAddr, total }

// Uploads are the slots of public uploads in flight (tests fill them).
func (a *App) Uploads() chan struct{} { return a.uploads }

// RunBackground and PublishDue: see admin_background.go.

// Aliases of the shared helpers under the names App's files use.
const (
	retryAfter = RetryAfter
	maxVersion = MaxVersion
)

func (a *Site) handle(h HandlerFunc) http.HandlerFunc { return a.Handle(h) }
func (a *Site) render(w http.ResponseWriter, r *http.Request, status int, c templ.Component) error {
	return a.Render(w, r, status, c)
}
func (a *Site) notFound(w http.ResponseWriter, r *http.Request) { a.NotFound(w, r) }
func (a *Site) meta(r *http.Request, title, description string) templates.Meta {
	return a.Meta(r, title, description)
}
func (a *Site) frame(r *http.Request, title string) admin.Frame { return a.Frame(r, title) }
func (a *Site) flash(r *http.Request, msg string)               { a.Flash(r, msg) }
func (a *Site) flashError(r *http.Request, msg string)          { a.FlashError(r, msg) }
func (a *Site) audit(r *http.Request, e store.AuditEvent)       { a.Audit(r, e) }

// resourceMsg returns the interface text key in l with its placeholders
// replaced (a copy of public's, for the signing pages until they move).
func resourceMsg(l i18n.Lang, key string, replacements ...string) string {
	return strings.NewReplacer(replacements...).Replace(l.T(key))
}

func lang(r *http.Request) i18n.Lang                          { return Lang(r) }
func staff(r *http.Request) store.User                        { return Staff(r) }
func clientIP(r *http.Request) string                         { return ClientIP(r) }
func badRequest(err error) error                              { return BadRequest(err) }
func unavailable(err error) bool                              { return Unavailable(err) }
func typable(s string) bool                                   { return Typable(s) }
func clientNet(r *http.Request) (ip netip.Addr, ok bool)      { return ClientNet(r) }
func rowID(s string) (int64, bool)                            { return RowID(s) }
func number[N int | int64](s string, lo, hi N) (n N, ok bool) { return Number(s, lo, hi) }

// What the staff signatory form shares with the public sign form.
type (
	SignatoryForm = signatoryForm
	SignatoryPost = signatoryPost
)

// The staff modes of the signatory form.
const (
	SignStaffAdd  = signStaffAdd
	SignStaffEdit = signStaffEdit
)

// SignatoryFormOf fills a form from a stored signatory (to edit it).
func SignatoryFormOf(s store.Signatory) SignatoryForm { return signatoryFormOf(s) }

// StaffActor is the signed-in member, as the signing workflow records them.
func StaffActor(r *http.Request) store.Actor { return staffActor(r) }

// ReadSignatoryForm reads a posted signatory form (see readSignatoryForm).
func (a *App) ReadSignatoryForm(w http.ResponseWriter, r *http.Request, mode formMode) (SignatoryPost, error) {
	return a.readSignatoryForm(w, r, mode)
}

// CSVCell is s made safe for a spreadsheet cell (see csvCell).
func CSVCell(s string) string { return csvCell(s) }

// LogoPreview is the signed address at which a form shows a logo (see
// logoPreview).
func (a *App) LogoPreview(ctx context.Context, sha string) string { return a.logoPreview(ctx, sha) }

// Names the form limits are counted under (tests fill the limits).
const (
	SignFormName    = signFormName
	SignAttemptName = signAttemptName
)

// SitePath is the path of a link to this site (see sitePath).
func SitePath(link string) string { return sitePath(link) }

// SHA256Hex is the hex SHA-256 of b, as logos are named.
func SHA256Hex(b []byte) string { return sha256Hex(b) }
