package admin

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/sswalliance/advocacy/internal/form"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/org"
	"github.com/sswalliance/advocacy/internal/signing"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/admin"
)

// signatoryQueueSize is how many signatories a tab shows at most: more
// than a reviewer gets through in one sitting.
const signatoryQueueSize = 200

func (a *Handlers) SignatoryList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	status := q.Get("status")
	if status == "" {
		status = store.StatusAwaitingReview
	}
	if status != "all" && !slices.Contains(store.SignatoryStatuses, status) {
		return fmt.Errorf("web: signatory status %q: %w", status, store.ErrNotFound)
	}
	v, err := a.signatoriesView(r.Context(), status, strings.TrimSpace(q.Get("q")), nil)
	if err != nil {
		return err
	}
	return a.Render(w, r, http.StatusOK, admin.Signatories(a.Frame(r, "Signatories: "+admin.SignatoryStatusLabel(status)), v))
}

// signatoriesView is the queue's tab for status ("all" for every state)
// with the signatories matching query; checked are the rows to show
// ticked.
func (a *Handlers) signatoriesView(ctx context.Context, status, query string, checked []int64) (admin.SignatoriesView, error) {
	v := admin.SignatoriesView{Status: status, Query: query,
		CanApprove:        status == "all" || slices.Contains(approvableFrom, status),
		CanReject:         status == "all" || slices.Contains(rejectableFrom, status),
		CanRequestChanges: status == "all" || slices.Contains(changeableFrom, status),
		CanHide:           status == "all" || slices.Contains(hideableFrom, status),
	}
	counts, err := a.store.SignatoryCounts(ctx)
	if err != nil {
		return v, err
	}
	total := 0
	for _, s := range store.SignatoryStatuses {
		v.Tabs = append(v.Tabs, admin.SignatoryTab{Status: s, Label: admin.SignatoryStatusLabel(s), URL: signatoriesURL(s, ""),
			Count: counts[s], Current: s == status})
		total += counts[s]
	}
	v.Tabs = append(v.Tabs, admin.SignatoryTab{Status: "all", Label: "All", URL: signatoriesURL("all", ""), Count: total, Current: status == "all"})

	filter := store.SignatoryFilter{Status: status, Query: query, Limit: signatoryQueueSize + 1}
	if status == "all" {
		filter.Status = ""
	}
	list, err := a.store.Signatories(ctx, filter)
	if err != nil {
		return v, err
	}
	if len(list) > signatoryQueueSize {
		list, v.More = list[:signatoryQueueSize], true
	}
	ids := make([]int64, len(list))
	for i, s := range list {
		ids[i] = s.ID
	}
	duplicates, err := a.store.SignatoryDuplicates(ctx, ids)
	if err != nil {
		return v, err
	}
	for _, s := range list {
		row := admin.SignatoryRow{Signatory: s, Country: org.CountryName(s.Country, i18n.EN),
			Type: org.OrgTypeName(s.OrgType, i18n.EN), Duplicate: duplicates[s.ID],
			DomainDiffers: signing.EmailDomainDiffers(s.ContactEmail, s.Website), Checked: slices.Contains(checked, s.ID)}
		row.ThumbW, row.ThumbH = fitWithin(s.LogoWidth, s.LogoHeight, 96, 48)
		v.Rows = append(v.Rows, row)
	}
	if v.Bulk() && len(v.Rows) > 0 {
		if v.Reasons, err = a.store.RejectionReasons(ctx, "en"); err != nil {
			return v, err
		}
	}
	return v, nil
}

// fitWithin scales w×h down to fit maxW×maxH, keeping its shape.
func fitWithin(w, h, maxW, maxH int) (int, int) {
	if w <= 0 || h <= 0 {
		return maxW, maxH
	}
	if w <= maxW && h <= maxH {
		return w, h
	}
	if w*maxH > h*maxW { // wider than the box
		return maxW, max(1, h*maxW/w)
	}
	return max(1, w*maxH/h), maxH
}

// signatoriesURL is the queue's tab for status, searched for query.
func signatoriesURL(status, query string) string {
	q := url.Values{"status": {status}}
	if query != "" {
		q.Set("q", query)
	}
	return "/admin/signatories?" + q.Encode()
}

// SignatoryBulk applies one action to every ticked signatory, each in its
// own transaction, and says what became of them: a signatory someone else
// dealt with meanwhile is left as it is and counted.
func (a *Handlers) SignatoryBulk(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if !a.ReadStaffForm(w, r, decisionFormLimit, "changed") {
		return nil
	}
	posted := r.PostForm
	status, query := posted.Get("status"), strings.TrimSpace(posted.Get("q"))
	if status != "all" && !slices.Contains(store.SignatoryStatuses, status) {
		status = store.StatusAwaitingReview
	}
	back := signatoriesURL(status, query)
	var ids []int64
	for _, s := range posted["id"] {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil && id > 0 && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	action := posted.Get("action")
	reason, note := posted.Get("reason"), strings.TrimSpace(posted.Get("note"))
	changesNote := strings.TrimSpace(posted.Get("changes_note"))

	problems := form.Problems{}
	if len(ids) == 0 {
		problems.Add("rows", "Select at least one signatory, using the boxes in the first column.")
	}
	if action == "reject" {
		if err := a.checkReason(ctx, problems, "bulk-reason", reason); err != nil {
			return err
		}
		checkNote(problems, "bulk-note", note, false)
	}
	if action == "request-changes" {
		checkNote(problems, "bulk-changes-note", changesNote, true)
	}
	if !problems.OK() {
		full, err := a.signatoriesView(ctx, status, query, ids)
		if err != nil {
			return err
		}
		full.Reason, full.Note, full.ChangesNote = reason, note, changesNote
		full.RowsProblem, full.ReasonProblem = problems["rows"], problems["bulk-reason"]
		full.NoteProblem, full.ChangesNoteProblem = problems["bulk-note"], problems["bulk-changes-note"]
		full.Problems = web.Summary(problems, "rows", "bulk-reason", "bulk-note", "bulk-changes-note")
		return a.Render(w, r, http.StatusUnprocessableEntity, admin.Signatories(a.Frame(r, "Signatories: "+admin.SignatoryStatusLabel(status)), full))
	}

	var do func(id int64) error
	var done string
	switch action {
	case "approve":
		do = func(id int64) error { _, err := a.signing.Approve(ctx, id, web.StaffActor(r)); return err }
		done = "Approved %d."
	case "hide":
		do = func(id int64) error { _, err := a.signing.Hide(ctx, id, web.StaffActor(r)); return err }
		done = "Hid %d from the wall."
	case "reject":
		do = func(id int64) error { _, err := a.signing.Reject(ctx, id, reason, note, web.StaffActor(r)); return err }
		done = "Rejected %d; each contact has been emailed the reason."
	case "request-changes":
		do = func(id int64) error {
			_, err := a.signing.RequestChanges(ctx, id, changesNote, web.StaffActor(r))
			return err
		}
		done = "Asked %d for changes; each contact has been emailed a link to fix their submission."
	default:
		a.FlashError(r, "Choose what to do with the selected signatories: one of the buttons below the list.")
		return web.SeeOther(w, r, back)
	}
	var ok, changed, gone int
	for _, id := range ids {
		err := do(id)
		switch {
		case err == nil:
			ok++
		case errors.Is(err, store.ErrStateChanged):
			changed++
		case errors.Is(err, store.ErrNotFound):
			gone++
		default:
			return err
		}
	}
	msg := fmt.Sprintf(done, ok)
	switch {
	case changed > 0 && status == "all":
		// Every state is listed together: a row may never have been one
		// the action applies to.
		msg += fmt.Sprintf(" %s left as %s: already handled by someone else, or not in a state this applies to.",
			plural(changed, "1 was", "%d were"), plural(changed, "it was", "they were"))
	case changed > 0:
		msg += fmt.Sprintf(" %s already been handled by someone else.", plural(changed, "1 had", "%d had"))
	}
	if gone > 0 {
		msg += fmt.Sprintf(" %s no longer there (erased meanwhile).", plural(gone, "1 was", "%d were"))
	}
	if ok == 0 {
		a.FlashError(r, msg)
	} else {
		a.Flash(r, msg)
	}
	return web.SeeOther(w, r, back)
}

// plural picks one or many for n; many may hold a %d for n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	if strings.Contains(many, "%d") {
		return fmt.Sprintf(many, n)
	}
	return many
}
