package admin

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/a-h/templ"
	"github.com/jackc/pgx/v5"

	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/admin"
)

// OutboxPageSize is how many emails a page of the outbox shows.
const OutboxPageSize = 50

// outboxStatuses are the outbox's tabs after "All", in the order staff
// care about them: what is stuck first.
var outboxStatuses = []string{store.EmailQueued, store.EmailFailed, store.EmailSent}

func (a *Handlers) OutboxList(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	status := q.Get("status")
	if status != "" && !slices.Contains(outboxStatuses, status) {
		return fmt.Errorf("web: outbox status %q: %w", status, store.ErrNotFound)
	}
	counts, err := a.store.EmailCounts(ctx)
	if err != nil {
		return err
	}
	v := admin.OutboxView{Status: status, LogOnly: a.cfg.SMTPURL == ""}
	total := 0
	for _, s := range outboxStatuses {
		total += counts[s]
	}
	v.Tabs = append(v.Tabs, admin.OutboxTab{Status: "all", Label: "All", URL: outboxURL("", 0), Count: total, Current: status == ""})
	for _, s := range outboxStatuses {
		v.Tabs = append(v.Tabs, admin.OutboxTab{Status: s, Label: admin.EmailStatusLabel(s), URL: outboxURL(s, 0),
			Count: counts[s], Current: s == status})
	}

	// A bad cursor (typed by hand) is the newest page. One email more than
	// a page says whether there is an older page.
	before, _ := web.RowID(q.Get("before"))
	emails, err := a.store.Emails(ctx, store.EmailFilter{Status: status, Before: max(before, 0), Limit: OutboxPageSize + 1})
	if err != nil {
		return err
	}
	if len(emails) > OutboxPageSize {
		emails = emails[:OutboxPageSize]
		v.OlderURL = outboxURL(status, emails[len(emails)-1].ID)
	}
	if before > 0 {
		v.NewestURL = outboxURL(status, 0)
	}
	v.Emails = emails
	return a.Render(w, r, http.StatusOK, admin.Outbox(a.Frame(r, "Outbox"), v))
}

// outboxURL is the outbox showing emails in status ("" for all), from
// the one after before (0: the newest).
func outboxURL(status string, before int64) string {
	q := url.Values{}
	if status != "" {
		q.Set("status", status)
	}
	if before > 0 {
		q.Set("before", strconv.FormatInt(before, 10))
	}
	if len(q) == 0 {
		return "/admin/outbox"
	}
	return "/admin/outbox?" + q.Encode()
}

// emailFromPath returns the outbox email named by the {id} in the path.
func (a *Handlers) emailFromPath(r *http.Request) (store.Email, error) {
	return rowFromPath(r, "email", a.store.Email)
}

func (a *Handlers) OutboxEmail(w http.ResponseWriter, r *http.Request) error {
	e, err := a.emailFromPath(r)
	if err != nil {
		return err
	}
	// Links that act as the recipient show their secret masked: staff
	// must not be able to confirm, withdraw or unsubscribe for them.
	v := admin.EmailView{Email: e, Body: EmailBody(store.MaskSecrets(e.Body), a.cfg.BaseURL), LogOnly: a.cfg.SMTPURL == ""}
	return a.Render(w, r, http.StatusOK, admin.Email(a.Frame(r, e.Subject), v))
}

// OutboxRetry queues another round of tries for an email that failed for
// good (the mail server was down for hours, say).
func (a *Handlers) OutboxRetry(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	e, err := a.emailFromPath(r)
	if err != nil {
		return err
	}
	back := string(admin.OutboxURL(e.ID))
	if e.Status != store.EmailFailed {
		a.FlashError(r, "Only an email that failed can be tried again; this one is "+strings.ToLower(admin.EmailStatusLabel(e.Status))+". Nothing was changed.")
		return web.SeeOther(w, r, back)
	}
	if err := pgx.BeginFunc(ctx, a.pool, func(tx pgx.Tx) error { return a.jobs.Retry(ctx, tx, e.ID) }); err != nil {
		return err
	}
	a.Flash(r, "The email is queued to be sent again.")
	return web.SeeOther(w, r, back)
}

// bodyURL finds web addresses in a plain-text email.
var bodyURL = regexp.MustCompile(`https?://[^\s<>"]+`)

// EmailBody splits an email's text into plain runs and links. Only
// addresses on this site (same scheme and host as base) become links:
// whatever else a message holds stays text, so the outbox cannot be used
// to send staff elsewhere with one click. A link with a masked secret
// (store.MaskSecrets) stays text too: it leads nowhere.
func EmailBody(body string, base *url.URL) []admin.BodyPart {
	var parts []admin.BodyPart
	text := func(s string) {
		if s == "" {
			return
		}
		if n := len(parts); n > 0 && parts[n-1].URL == "" {
			parts[n-1].Text += s
			return
		}
		parts = append(parts, admin.BodyPart{Text: s})
	}
	last := 0
	for _, m := range bodyURL.FindAllStringIndex(body, -1) {
		// Punctuation after an address ends the sentence, not the address.
		end := m[0] + len(strings.TrimRight(body[m[0]:m[1]], ".,;:!?)]'"))
		text(body[last:m[0]])
		link := body[m[0]:end]
		if onSite(link, base) && !strings.Contains(link, store.SecretMask) {
			parts = append(parts, admin.BodyPart{Text: link, URL: templ.SafeURL(link)})
		} else {
			text(link)
		}
		last = end
	}
	text(body[last:])
	return parts
}

// onSite reports whether link is an address on the site at base: the
// same scheme and host, with no user name or password in it (a
// "https://site.example@evil.example/" starts with the site's origin but
// goes elsewhere).
func onSite(link string, base *url.URL) bool {
	u, err := url.Parse(link)
	if err != nil || base == nil || u.User != nil || u.Opaque != "" {
		return false
	}
	return (u.Scheme == "http" || u.Scheme == "https") && u.Scheme == base.Scheme && strings.EqualFold(u.Host, base.Host)
}
