package admin

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/sswalliance/advocacy/internal/form"
	"github.com/sswalliance/advocacy/internal/signing"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/admin"
)

// auditPageSize is how many lines a page of the audit log shows.
const auditPageSize = store.DefaultAuditLimit

// auditDate is how the filter's dates are written (an HTML date input's
// value).
const auditDate = "2006-01-02"

// AuditLog lists what staff did, newest first, filtered by action, actor,
// kind and dates.
func (a *Handlers) AuditLog(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	filter := admin.AuditFilterForm{Action: q.Get("action"), Actor: strings.TrimSpace(q.Get("actor")),
		Kind: q.Get("kind"), From: strings.TrimSpace(q.Get("from")), To: strings.TrimSpace(q.Get("to"))}
	v := admin.AuditView{Filter: filter, Kinds: a.auditKinds()}
	actions, err := a.store.AuditActions(ctx)
	if err != nil {
		return err
	}
	v.Actions = actions

	// Plus one line, to know whether there is an older page.
	f := store.AuditFilter{Action: filter.Action, Actor: filter.Actor, ObjectKind: filter.Kind, Limit: auditPageSize + 1}
	problems := form.Problems{}
	f.From = parseAuditDate(problems, "from", filter.From, "start")
	to := parseAuditDate(problems, "to", filter.To, "end")
	if !to.IsZero() {
		f.To = to.AddDate(0, 0, 1) // the day itself is included
		if !f.From.IsZero() && to.Before(f.From) {
			problems.Add("to", "The end date must be the same as or after the start date.")
		}
	}
	// A date input cannot show text that is not a date (only a URL typed by
	// hand has one): the message beside the field says what was wrong.
	if problems["from"] != "" {
		v.Filter.From = ""
	}
	if to.IsZero() {
		v.Filter.To = ""
	}
	v.FromProblem, v.ToProblem = problems["from"], problems["to"]
	v.Problems = web.Summary(problems, "from", "to")
	if len(v.Problems) > 0 {
		return a.Render(w, r, http.StatusUnprocessableEntity, admin.AuditLog(a.Frame(r, "Audit log"), v))
	}

	// A bad cursor (typed by hand) is the newest page.
	f.Before, _ = web.RowID(q.Get("before"))
	events, err := a.store.AuditLog(ctx, f)
	if err != nil {
		return err
	}
	if len(events) > auditPageSize {
		events = events[:auditPageSize]
		v.OlderURL = auditURL(filter, events[len(events)-1].ID)
	}
	if f.Before > 0 {
		v.NewestURL = auditURL(filter, 0)
	}
	for _, e := range events {
		v.Rows = append(v.Rows, admin.AuditRow{AuditEvent: e, ObjectURL: a.auditObjectURL(e)})
	}
	return a.Render(w, r, http.StatusOK, admin.AuditLog(a.Frame(r, "Audit log"), v))
}

// parseAuditDate reads a filter date, as midnight UTC (the log's times are
// shown in UTC), adding to p under field when it is not a date; which is
// "start" or "end", for the message.
func parseAuditDate(p form.Problems, field, s, which string) time.Time {
	if s == "" {
		return time.Time{}
	}
	d, err := time.ParseInLocation(auditDate, s, time.UTC)
	if err != nil {
		p.Add(field, fmt.Sprintf("Enter the %s date as year-month-day, for example 2026-03-17.", which))
		return time.Time{}
	}
	return d
}

// auditURL is the audit log with the filters of filter, from the line after
// before (0: the newest).
func auditURL(filter admin.AuditFilterForm, before int64) string {
	q := url.Values{}
	for k, v := range map[string]string{"action": filter.Action, "actor": filter.Actor, "kind": filter.Kind, "from": filter.From, "to": filter.To} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if before > 0 {
		q.Set("before", strconv.FormatInt(before, 10))
	}
	if len(q) == 0 {
		return "/admin/audit"
	}
	return "/admin/audit?" + q.Encode()
}

// auditKinds are the kinds of object the log can be filtered by: staff
// accounts and every kind of content.
func (a *Handlers) auditKinds() []admin.AuditKind {
	kinds := []admin.AuditKind{{Name: "user", Label: "Staff accounts"}, {Name: "signatory", Label: "Signatories"}, {Name: "subscriber", Label: "Subscribers"}, {Name: "mailing", Label: "Mailings"}, {Name: "media", Label: "Images"}}
	for _, k := range a.kinds.Kinds() {
		kinds = append(kinds, admin.AuditKind{Name: k.Name, Label: k.Plural})
	}
	return kinds
}

// auditObjectURL is the admin page of what e acted on, or "" when there is
// none: no object, a deleted item, or a key that names no page.
func (a *Handlers) auditObjectURL(e store.AuditEvent) string {
	if e.ObjectKey == "" || e.Action == store.ActionContentDelete {
		return ""
	}
	if e.ObjectKind == "user" {
		// A key that is not an id (a password change records the email)
		// names no page.
		if id, err := strconv.ParseInt(e.ObjectKey, 10, 64); err == nil {
			return string(admin.UserURL(id))
		}
		return ""
	}
	if e.ObjectKind == "mailing" {
		if id, err := strconv.ParseInt(e.ObjectKey, 10, 64); err == nil {
			return string(admin.MailingURL(id))
		}
		return ""
	}
	if e.ObjectKind == "media" && e.Action != store.ActionMediaDelete {
		if id, err := strconv.ParseInt(e.ObjectKey, 10, 64); err == nil {
			return string(admin.MediaURL(id))
		}
		return ""
	}
	if e.ObjectKind == "signatory" {
		// Expired and erased-and-deleted submissions are gone.
		id, err := strconv.ParseInt(e.ObjectKey, 10, 64)
		if err != nil || e.Action == store.ActionSignatoryExpire || e.Detail == signing.EraseDeleted {
			return ""
		}
		return string(admin.SignatoryURL(id))
	}
	if k, ok := a.kinds.Kind(e.ObjectKind); ok {
		return "/admin/content/" + k.Name + "/" + url.PathEscape(e.ObjectKey)
	}
	return ""
}
