package admin

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-chi/chi/v5"

	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/admin"
)

// subscriberPageSize is how many subscribers a page of the list shows.
const subscriberPageSize = 100

// subscriberDetailLimit is how many emails and deliveries a subscriber's
// page lists: a whole campaign's worth.
const subscriberDetailLimit = 200

// maxSubscriberQuery bounds the search, in characters, as the input does.
const maxSubscriberQuery = 200

// subscriberFilter reads the list's filter from a query string. An
// unknown state, list or language is a page that does not exist.
func subscriberFilter(q url.Values) (admin.SubscriberFilterForm, error) {
	f := admin.SubscriberFilterForm{Status: q.Get("status"), List: q.Get("list"), Lang: q.Get("lang"),
		Query: strings.TrimSpace(q.Get("q"))}
	if utf8.RuneCountInString(f.Query) > maxSubscriberQuery {
		f.Query = string([]rune(f.Query)[:maxSubscriberQuery])
	}
	ok := func(v string, options []admin.Option) bool {
		return v == "" || slices.ContainsFunc(options, func(o admin.Option) bool { return o.Value == v })
	}
	if (f.Status != "" && !slices.Contains(store.SubscriberStatuses, f.Status)) ||
		!ok(f.List, admin.SubscriberLists) || !ok(f.Lang, admin.SubscriberLangs) {
		return f, fmt.Errorf("web: subscriber filter %q: %w", q.Encode(), store.ErrNotFound)
	}
	return f, nil
}

// storeSubscriberFilter is the form as the store selects it.
func storeSubscriberFilter(f admin.SubscriberFilterForm) store.SubscriberFilter {
	return store.SubscriberFilter{Status: f.Status, List: f.List, Lang: f.Lang, Query: f.Query}
}

// subscribersURL is path ("/admin/subscribers" or its CSV) with filter
// f, from the subscriber after before (0: the newest).
func subscribersURL(path string, f admin.SubscriberFilterForm, before int64) string {
	q := url.Values{}
	for k, v := range map[string]string{"status": f.Status, "list": f.List, "lang": f.Lang, "q": f.Query} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if before > 0 {
		q.Set("before", strconv.FormatInt(before, 10))
	}
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

func (a *Handlers) SubscriberList(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	form, err := subscriberFilter(q)
	if err != nil {
		return err
	}
	counts, err := a.store.SubscriberCounts(ctx)
	if err != nil {
		return err
	}
	v := admin.SubscribersView{Filter: form, ExportURL: subscribersURL("/admin/subscribers.csv", form, 0),
		Counts: subscriberCountRows(counts)}
	for _, s := range append([]string{""}, store.SubscriberStatuses...) {
		tab := form
		tab.Status = s
		n := counts.States.Total()
		switch s {
		case store.SubscriberActive:
			n = counts.States.Active
		case store.SubscriberPending:
			n = counts.States.Pending
		case store.SubscriberUnsubscribed:
			n = counts.States.Unsubscribed
		}
		key := s
		if key == "" {
			key = "all"
		}
		v.Tabs = append(v.Tabs, admin.SubscriberTab{Status: key, Label: admin.SubscriberStatusLabel(s),
			URL: subscribersURL("/admin/subscribers", tab, 0), Count: n, Current: s == form.Status})
	}

	// A bad cursor (typed by hand) is the newest page. One subscriber more
	// than a page says whether there is an older page.
	before, _ := web.RowID(q.Get("before"))
	filter := storeSubscriberFilter(form)
	filter.Before, filter.Limit = max(before, 0), subscriberPageSize+1
	rows, err := a.store.Subscribers(ctx, filter)
	if err != nil {
		return err
	}
	if len(rows) > subscriberPageSize {
		rows = rows[:subscriberPageSize]
		v.OlderURL = subscribersURL("/admin/subscribers", form, rows[len(rows)-1].ID)
	}
	if before > 0 {
		v.NewestURL = subscribersURL("/admin/subscribers", form, 0)
	}
	v.Rows = rows
	return a.Render(w, r, http.StatusOK, admin.Subscribers(a.Frame(r, "Subscribers"), v))
}

// subscriberCountRows are the counts as the page shows them: everyone,
// each list, each language.
func subscriberCountRows(c store.SubscriberCounts) []admin.SubscriberCountRow {
	rows := []admin.SubscriberCountRow{
		{Key: "all", Label: "Everyone", SubscriberTally: c.States},
		{Key: store.ListDaily, Label: "SSWWeek daily emails", SubscriberTally: c.Daily, NoLeavers: true},
		{Key: store.ListUpdates, Label: "General updates", SubscriberTally: c.Updates, NoLeavers: true},
	}
	for _, l := range admin.SubscriberLangs {
		rows = append(rows, admin.SubscriberCountRow{Key: "lang-" + l.Value, Label: "In " + l.Label, SubscriberTally: c.Langs[l.Value]})
	}
	return rows
}

// subscriberCSVHeader names the export's columns.
var subscriberCSVHeader = []string{"email", "name", "language", "daily", "updates", "status", "signed_up", "confirmed", "unsubscribed"}

// SubscribersCSV serves the filtered list, every page of it, as CSV. It
// is written into memory first, so a failure halfway is an error page and
// not a file cut short, and recorded in the audit log before it is sent:
// an export that cannot be recorded is not given out.
func (a *Handlers) SubscribersCSV(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	form, err := subscriberFilter(r.URL.Query())
	if err != nil {
		return err
	}
	list, err := a.store.Subscribers(ctx, storeSubscriberFilter(form))
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString("\ufeff") // so Excel reads accented names as UTF-8
	cw := csv.NewWriter(&b)
	cw.Write(subscriberCSVHeader)
	for _, s := range list {
		cw.Write([]string{web.CSVCell(s.Email), web.CSVCell(s.Name), s.Lang, yesNo(s.Daily), yesNo(s.Updates), s.Status,
			csvTime(&s.CreatedAt), csvTime(s.ConfirmedAt), csvTime(s.UnsubscribedAt)})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("web: subscriber export: %w", err)
	}
	if err := a.store.Audit(ctx, a.staffEvent(r, store.AuditEvent{Action: store.ActionSubscriberExport,
		ObjectKind: "subscriber", ObjectLabel: "subscriber list", Detail: exportDetail(form, len(list))})); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8; header=present")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="subscribers-%s.csv"`, a.now().UTC().Format("2006-01-02")))
	_, err = w.Write([]byte(b.String()))
	return err
}

// exportDetail says in the audit log how many were exported and how they
// were chosen. The search itself is left out: it may be someone's address.
func exportDetail(f admin.SubscriberFilterForm, n int) string {
	d := plural(n, "1 subscriber", "%d subscribers")
	var by []string
	if f.Status != "" {
		by = append(by, "state "+strings.ToLower(admin.SubscriberStatusLabel(f.Status)))
	}
	if f.List != "" {
		by = append(by, "list "+f.List)
	}
	if f.Lang != "" {
		by = append(by, "language "+admin.SubscriberLangLabel(f.Lang))
	}
	if f.Query != "" {
		by = append(by, "a search")
	}
	if len(by) == 0 {
		return d + ", everyone"
	}
	return d + ", filtered by " + strings.Join(by, ", ")
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// csvTime is a time in the export: RFC 3339 in UTC, empty when unset.
func csvTime(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// staffEvent completes e with the signed-in member and their address, for
// an audit line written inside a transaction (App.audit writes outside
// one, and only logs a failure).
func (a *Handlers) staffEvent(r *http.Request, e store.AuditEvent) store.AuditEvent {
	u := web.Staff(r)
	id := u.ID
	e.ActorID, e.Actor, e.IP = &id, u.Name, web.ClientIP(r)
	return e
}

// subscriberFromPath returns the subscriber named by the {id} in the path.
func (a *Handlers) subscriberFromPath(r *http.Request) (store.Subscriber, error) {
	return rowFromPath(r, "subscriber", a.store.Subscriber)
}

func (a *Handlers) SubscriberShow(w http.ResponseWriter, r *http.Request) error {
	sub, err := a.subscriberFromPath(r)
	if err != nil {
		return err
	}
	v, err := a.subscriberView(r.Context(), sub)
	if err != nil {
		return err
	}
	return a.Render(w, r, http.StatusOK, admin.Subscriber(a.Frame(r, sub.Email), v))
}

// subscriberView is everything staff see about sub.
func (a *Handlers) subscriberView(ctx context.Context, sub store.Subscriber) (admin.SubscriberView, error) {
	v := admin.SubscriberView{Subscriber: sub}
	var err error
	if v.Deliveries, err = a.store.SubscriberDeliveries(ctx, sub.ID, subscriberDetailLimit); err != nil {
		return v, err
	}
	if v.Emails, err = a.store.EmailsTo(ctx, sub.Email, subscriberDetailLimit); err != nil {
		return v, err
	}
	return v, nil
}

func (a *Handlers) SubscriberEraseForm(w http.ResponseWriter, r *http.Request) error {
	sub, err := a.subscriberFromPath(r)
	if err != nil {
		return err
	}
	return a.Render(w, r, http.StatusOK, admin.SubscriberErase(a.Frame(r, "Erase "+sub.Email), sub))
}

// SubscriberErase deletes a subscriber and everything about its address,
// with the audit line, in one transaction. The audit line names the
// subscriber by number only: the address is what was asked to go.
func (a *Handlers) SubscriberErase(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, ok := web.RowID(chi.URLParam(r, "id"))
	if !ok {
		return fmt.Errorf("web: erase subscriber %q: %w", chi.URLParam(r, "id"), store.ErrNotFound)
	}
	label := store.SubscriberLabel(id)
	var gone store.SubscriberErasure
	err := a.store.InTx(ctx, func(tx *store.Store) error {
		var err error
		if gone, err = tx.EraseSubscriber(ctx, id); err != nil {
			return err
		}
		detail := fmt.Sprintf("%s erased, with %s and %s", label,
			plural(int(gone.Emails), "1 email", "%d emails"), plural(int(gone.Deliveries), "1 delivery record", "%d delivery records"))
		return tx.Audit(ctx, a.staffEvent(r, store.AuditEvent{Action: store.ActionSubscriberErase,
			ObjectKind: "subscriber", ObjectKey: strconv.FormatInt(id, 10), ObjectLabel: label, Detail: detail}))
	})
	if errors.Is(err, store.ErrNotFound) {
		// A colleague erased it a moment ago, or a second click.
		a.FlashError(r, "There was nothing to erase: "+label+" is no longer here.")
		return web.SeeOther(w, r, "/admin/subscribers")
	}
	if err != nil {
		return err
	}
	a.Flash(r, fmt.Sprintf("%s is erased, with %s and %s.", strings.ToUpper(label[:1])+label[1:],
		plural(int(gone.Emails), "1 email", "%d emails"), plural(int(gone.Deliveries), "1 delivery record", "%d delivery records")))
	return web.SeeOther(w, r, "/admin/subscribers")
}
