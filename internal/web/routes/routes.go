package routes

import (
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/pagecache"
	"github.com/sswalliance/advocacy/internal/sharecard"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/internal/web/admin"
	"github.com/sswalliance/advocacy/internal/web/admin/editor"
	"github.com/sswalliance/advocacy/internal/web/public"
	"github.com/sswalliance/advocacy/static"
)

// Handlers are what the router routes to.
type Handlers struct {
	Site   *web.Site
	Public *public.Handlers
	Admin  *admin.Handlers
	Editor *editor.Handlers
	// Pages keeps the public pages rendered (nil: none are kept).
	Pages *pagecache.Cache
}

// New returns the site's handler: every route the site answers is here.
// extra, when not nil, mounts test-only handlers behind the same
// middleware.
func New(h Handlers, extra func(chi.Router)) http.Handler {
	s, pub := h.Site, h.Public
	kept := keeper(h.Pages)
	r := chi.NewRouter()
	r.Use(
		web.TagRequest,
		s.RealClientIP,
		s.SecurityHeaders,
		s.AccessLog,
		s.RecoverPanic,
		s.RefuseBadURLText,
		web.CompressGets,
		s.CrossOriginProtection(),
		middleware.GetHead,
	)
	r.NotFound(s.NotFound)
	r.MethodNotAllowed(methodNotAllowed(s))

	r.Get("/healthz", s.Healthz)
	r.Get("/readyz", s.Readyz)
	r.Get("/robots.txt", s.Robots)
	r.Get("/sitemap.xml", kept(s.Handle(pub.Sitemap)))
	r.Handle(static.Prefix+"*", static.Handler(http.HandlerFunc(s.NotFound)))

	// Every public page in English at /..., and in Spanish at /es/....
	pages := func(r chi.Router) { publicPages(r, pub, kept) }
	r.Group(pages)
	r.Route("/es", pages)
	// The staff area.
	r.Route("/admin", func(r chi.Router) { staffArea(r, h) })

	// Language-neutral routes: files and feeds. A feed has one address
	// per language, like the pages.
	r.Get("/files/{id}/{name}", s.Handle(pub.File))
	for _, l := range i18n.Langs {
		r.Get(l.Path("/feed.xml"), kept(s.Handle(pub.BlogFeed)))
	}
	for _, l := range i18n.Langs {
		r.Get(l.Path("/events.ics"), kept(s.Handle(pub.EventsFeed(l))))
	}
	// The open data: every approved signatory, never its contact.
	r.Get("/call-to-action/signatories.json", s.Handle(pub.SignatoriesJSON))
	r.Get("/call-to-action/signatories.csv", s.Handle(pub.SignatoriesCSV))
	r.Get("/logos/{file}", s.Handle(pub.LogoImage))
	r.Get("/media/{file}", s.Handle(pub.MediaImage))
	r.Get("/logos/preview/{file}", s.Handle(pub.LogoPreviewImage))
	if extra != nil {
		extra(r)
	}
	return r
}

// keepFunc is the wrapper of a route whose pages the cache keeps, under the
// query parameters named (the handler sees no others).
type keepFunc func(h http.HandlerFunc, params ...string) http.HandlerFunc

// keeper returns the wrapper over pages, or one that keeps nothing.
func keeper(pages *pagecache.Cache) keepFunc {
	if pages == nil {
		return func(h http.HandlerFunc, _ ...string) http.HandlerFunc { return h }
	}
	return func(h http.HandlerFunc, params ...string) http.HandlerFunc {
		return pages.Page(params...)(h).ServeHTTP
	}
}

// PublicPages are the pages visitors read, as the content editor's
// preview mounts them over its transaction: never kept.
func PublicPages(r chi.Router, pub *public.Handlers) { publicPages(r, pub, keeper(nil)) }

// publicPages are the pages visitors read, mounted once per language.
// The pages that are the same for every visitor are kept (kept) under
// the parameters they read; the pages of a visitor's own link (a token,
// a signed id) and the forms' own pages are not.
func publicPages(r chi.Router, pub *public.Handlers, kept keepFunc) {
	s := pub.Site
	r.Get("/", kept(s.Handle(pub.Home)))
	r.Get("/key-messages", kept(s.Handle(pub.KeyMessages)))
	r.Get("/key-messages/{audience}", kept(s.Handle(pub.AudienceMessages)))
	r.Get("/call-to-action", kept(s.Handle(pub.CallToAction)))
	// The images people share, drawn by the server: the link previews'
	// cards (kept, so drawn once per change), the badge of an
	// organisation that signed (the same for all: made once per process)
	// and the live count for partner sites.
	r.Get("/call-to-action/card.png", kept(s.Handle(pub.CallToActionCard(sharecard.Wide))))
	r.Get("/call-to-action/card-square.png", kept(s.Handle(pub.CallToActionCard(sharecard.Square))))
	r.Get("/call-to-action/supporter-badge.svg", s.Handle(pub.SupporterBadgeSVG))
	r.Get("/call-to-action/supporter-badge.png", s.Handle(pub.SupporterBadgePNG))
	r.Get("/call-to-action/badge.svg", kept(s.Handle(pub.CountBadge)))
	// Signing the Call to Action. The links from our emails: opening one
	// changes nothing (mail scanners fetch links); only its page's
	// button, a POST, acts.
	r.Get("/call-to-action/sign", s.Handle(pub.SignForm))
	r.Post("/call-to-action/sign", s.Handle(pub.SignSubmit))
	r.Get("/call-to-action/sign/check-email", s.Handle(pub.SignSent))
	r.Get("/call-to-action/confirm/{token}", s.Handle(pub.SignConfirmPage))
	r.Post("/call-to-action/confirm/{token}", s.Handle(pub.SignConfirm))
	r.Get("/call-to-action/sign/change/{token}", s.Handle(pub.SignChangeForm))
	r.Post("/call-to-action/sign/change/{token}", s.Handle(pub.SignChange))
	r.Get("/call-to-action/withdraw/{id}/{sig}", s.Handle(pub.SignWithdrawPage))
	r.Get("/call-to-action/supporter/{id}/{sig}", s.Handle(pub.SupporterPage))
	r.Post("/call-to-action/withdraw/{id}/{sig}", s.Handle(pub.SignWithdraw))
	r.Get("/call-to-action/signatories", kept(s.Handle(pub.PublicSignatories), "q", "country", "type", "page"))
	r.Get("/toolkit", kept(s.Handle(pub.Toolkit)))
	r.Get("/resources", kept(s.Handle(pub.ResourceLibrary), "q", "type", "topic", "lang", "year", "page"))
	r.Get("/resources/{slug}", kept(s.Handle(pub.ResourceDetail)))
	r.Get("/sswweek", kept(s.Handle(pub.SSWWeekArchive)))
	r.Get("/sswweek/{year}", kept(s.Handle(pub.SSWWeekEdition)))
	r.Get("/sswweek/{year}/share", kept(s.Handle(pub.SSWWeekShareKit)))
	// Add to calendar: one iCalendar file per edition, webinar or chat,
	// and calendar occurrence, in the path's language.
	r.Get("/sswweek/{year}.ics", kept(s.Handle(pub.EditionFile)))
	r.Get("/sswweek/{year}/event-{id}.ics", kept(s.Handle(pub.EditionEventFile)))
	r.Get("/sswweek/{year}/card.png", kept(s.Handle(pub.EditionCard(sharecard.Wide))))
	r.Get("/sswweek/{year}/card-square.png", kept(s.Handle(pub.EditionCard(sharecard.Square))))
	r.Get("/sswweek/{year}/day-{n}/card.png", kept(s.Handle(pub.DayCard(sharecard.Wide))))
	r.Get("/sswweek/{year}/day-{n}/card-square.png", kept(s.Handle(pub.DayCard(sharecard.Square))))
	r.Get("/blog", kept(s.Handle(pub.BlogList), "page"))
	r.Get("/blog/{slug}", kept(s.Handle(pub.BlogPost)))
	// The sign-up for the SSWWeek emails and the pages reached from our
	// emails. Opening a link changes nothing (mail scanners fetch links);
	// only a POST acts: the page's button, or a mail program's one-click
	// unsubscribe (RFC 8058).
	r.Get("/sswweek/subscribe", s.Handle(pub.SubscribeForm))
	r.Post("/sswweek/subscribe", s.Handle(pub.SubscribeSubmit))
	r.Get("/sswweek/subscribe/check-email", s.Handle(pub.SubscribeSent))
	r.Get("/sswweek/subscribe/confirm/{token}", s.Handle(pub.SubscribeConfirmPage))
	r.Post("/sswweek/subscribe/confirm/{token}", s.Handle(pub.SubscribeConfirm))
	r.Get("/sswweek/subscription/{id}/{sig}", s.Handle(pub.SubscriptionPage))
	r.Post("/sswweek/subscription/{id}/{sig}", s.Handle(pub.SubscriptionUpdate))
	r.Get("/sswweek/unsubscribe/{id}/{sig}", s.Handle(pub.UnsubscribePage))
	r.Post("/sswweek/unsubscribe/{id}/{sig}", s.Handle(pub.Unsubscribe))
	r.Get("/events", kept(s.Handle(pub.Events), "year"))
	r.Get("/events/{entry}.ics", kept(s.Handle(pub.CalendarEntryFile)))
	// Last: every path no route above answers. Custom pages, else
	// redirects (the 404's own lookup), else the page not found.
	r.Get(catchAll, kept(s.Handle(pub.CustomPage)))
}

// staffArea is the staff area. Sign-in is open to all. Every signed-in
// member (editor or admin) edits content and moderates signatories; what
// holds personal data in bulk or speaks to people for the site (the
// subscriber list and its CSV, mailings, the outbox, logo originals,
// erasure), staff accounts and the audit log are for admins only. The
// README's table of who gets what is tested route by route
// (TestEveryRouteAnswersEachRoleAsTheTableSays).
func staffArea(r chi.Router, h Handlers) {
	s, adm, ed := h.Site, h.Admin, h.Editor
	r.Use(s.Sessions().LoadAndSave, web.NoStore)
	r.NotFound(s.NotFound)
	r.Get("/login", s.Handle(adm.LoginForm))
	r.Post("/login", s.Handle(adm.Login))
	r.Group(func(r chi.Router) {
		r.Use(s.RequireStaff, s.StaffUploadSlot)
		// The editor's live preview of Markdown, posted as staff type:
		// it changes nothing.
		r.Post("/markdown", s.Handle(ed.MarkdownPreview))
		staffChanges(r, h)
	})
}

// staffChanges are the staff area's pages for signed-in staff: what is
// posted here may change public pages, so each post marks the kept pages
// stale on this instance at once (the database's notification follows
// for every instance).
func staffChanges(r chi.Router, h Handlers) {
	s, adm, pub, ed := h.Site, h.Admin, h.Public, h.Editor
	r.Group(func(r chi.Router) {
		if h.Pages != nil {
			r.Use(h.Pages.Changes)
		}
		// Editors and admins.
		r.Post("/logout", s.Handle(adm.Logout))
		r.Get("/", s.Handle(adm.Dashboard))
		r.Get("/password", s.Handle(adm.PasswordForm))
		r.Post("/password", s.Handle(adm.ChangePassword))
		// The content editor.
		r.Get("/content", s.Handle(ed.ContentIndex))
		r.Route("/content/{kind}", func(r chi.Router) {
			r.Get("/", s.Handle(ed.ContentList))
			r.Get("/new", s.Handle(ed.ContentNew))
			r.Post("/new", s.Handle(ed.ContentSave))
			r.Get("/{key}", s.Handle(ed.ContentEdit))
			r.Post("/{key}", s.Handle(ed.ContentSave))
			r.Get("/{key}/preview", s.Handle(ed.ContentPreview))
			r.Get("/{key}/history", s.Handle(ed.ContentHistory))
			r.Post("/{key}/restore", s.Handle(ed.ContentRestore))
			r.Get("/{key}/delete", s.Handle(ed.ContentDeleteForm))
			r.Post("/{key}/delete", s.Handle(ed.ContentDelete))
			r.Post("/{key}/move", s.Handle(ed.ContentMove))
		})
		// Moderating the organisations signing the Call to Action.
		r.Get("/signatories", s.Handle(adm.SignatoryList))
		r.Post("/signatories/bulk", s.Handle(adm.SignatoryBulk))
		r.Get("/signatories/new", s.Handle(adm.SignatoryNew))
		r.Post("/signatories/new", s.Handle(adm.SignatoryCreate))
		r.Get("/signatories/{id}", s.Handle(adm.SignatoryShow))
		r.Get("/signatories/{id}/edit", s.Handle(adm.SignatoryEdit))
		r.Post("/signatories/{id}/edit", s.Handle(adm.SignatoryUpdate))
		r.Post("/signatories/{id}/approve", s.Handle(adm.SignatoryApprove))
		r.Post("/signatories/{id}/reject", s.Handle(adm.SignatoryReject))
		r.Post("/signatories/{id}/request-changes", s.Handle(adm.SignatoryRequestChanges))
		r.Post("/signatories/{id}/hide", s.Handle(adm.SignatoryHide))
		r.Post("/signatories/{id}/unhide", s.Handle(adm.SignatoryUnhide))
		r.Get("/logos/{file}", s.Handle(pub.StaffLogoImage))
		r.Get("/files/{id}/{name}", s.Handle(pub.StaffFile))
		// The media library: images for content, so for the same staff.
		r.Get("/media", s.Handle(adm.MediaList))
		r.Post("/media", s.Handle(adm.MediaUpload))
		r.Get("/media/{id}", s.Handle(adm.MediaShow))
		r.Post("/media/{id}", s.Handle(adm.MediaUpdate))
		r.Post("/media/{id}/delete", s.Handle(adm.MediaDelete))
		// Redirects from old addresses.
		r.Get("/redirects", s.Handle(adm.RedirectList))
		r.Post("/redirects", s.Handle(adm.RedirectCreate))
		r.Post("/redirects/{id}/delete", s.Handle(adm.RedirectDelete))

		// Admins only.
		r.Group(func(r chi.Router) {
			r.Use(s.RequireAdmin)
			// What only admins do with a signatory: erase the contact's
			// personal data, an answer to a request under data-protection
			// law that cannot be undone, and download the logo as
			// uploaded, bytes straight from a visitor that may carry more
			// than the logo (an image's metadata: author, place).
			r.Get("/signatories/{id}/erase", s.Handle(adm.SignatoryEraseForm))
			r.Post("/signatories/{id}/erase", s.Handle(adm.SignatoryErase))
			r.Get("/signatories/{id}/original", s.Handle(pub.LogoOriginal))
			// The people on the mailing lists: the list is personal data
			// in bulk.
			r.Get("/subscribers", s.Handle(adm.SubscriberList))
			r.Get("/subscribers.csv", s.Handle(adm.SubscribersCSV))
			r.Get("/subscribers/{id}", s.Handle(adm.SubscriberShow))
			r.Get("/subscribers/{id}/erase", s.Handle(adm.SubscriberEraseForm))
			r.Post("/subscribers/{id}/erase", s.Handle(adm.SubscriberErase))
			// Mailings speak for the site to every subscriber. Staff never
			// send to subscribers directly: they schedule, or confirm Send
			// now, and package newsletter does the sending.
			r.Get("/mailings", s.Handle(adm.MailingList))
			r.Post("/mailings/drafts", s.Handle(adm.MailingDrafts))
			r.Get("/mailings/new", s.Handle(adm.MailingNew))
			r.Post("/mailings/new", s.Handle(adm.MailingSave))
			r.Get("/mailings/{id}", s.Handle(adm.MailingShow))
			r.Post("/mailings/{id}", s.Handle(adm.MailingSave))
			r.Post("/mailings/{id}/unschedule", s.Handle(adm.MailingUnschedule))
			r.Get("/mailings/{id}/send", s.Handle(adm.MailingSendForm))
			r.Post("/mailings/{id}/send", s.Handle(adm.MailingSend))
			// The outbox holds every address the site writes to, and the
			// emails themselves.
			r.Get("/outbox", s.Handle(adm.OutboxList))
			r.Get("/outbox/{id}", s.Handle(adm.OutboxEmail))
			r.Post("/outbox/{id}/retry", s.Handle(adm.OutboxRetry))
			// Staff accounts.
			r.Get("/users", s.Handle(adm.UserList))
			r.Get("/users/new", s.Handle(adm.UserNew))
			r.Post("/users/new", s.Handle(adm.UserCreate))
			r.Get("/users/{id}", s.Handle(adm.UserEdit))
			r.Post("/users/{id}", s.Handle(adm.UserUpdate))
			r.Post("/users/{id}/disable", s.Handle(adm.UserDisable))
			r.Post("/users/{id}/enable", s.Handle(adm.UserEnable))
			r.Post("/users/{id}/reset-password", s.Handle(adm.UserResetPassword))
			r.Get("/audit", s.Handle(adm.AuditLog))
		})
	})
}
