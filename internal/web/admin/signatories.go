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
	"sync"
	"unicode/utf8"

	"github.com/go-chi/chi/v5"

	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/org"
	"github.com/sswalliance/advocacy/internal/signing"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/admin"
)

// The states each staff action moves a signatory from, as package signing
// allows them: the pages offer an action only where it can work.
var (
	approvableFrom = signing.ApproveFrom
	rejectableFrom = signing.RejectFrom
	changeableFrom = signing.RequestChangesFrom
	hideableFrom   = signing.HideFrom
	unhideableFrom = signing.UnhideFrom
)

// signatoryQueueSize is how many signatories a tab shows at most: more
// than a reviewer gets through in one sitting.
const signatoryQueueSize = 200

// decisionFormLimit bounds the body of the decision forms and the bulk
// form: a note and a few hundred ids.
const decisionFormLimit = 64 << 10

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
	if !a.parseDecisionForm(w, r) {
		return nil
	}
	form := r.PostForm
	status, query := form.Get("status"), strings.TrimSpace(form.Get("q"))
	if status != "all" && !slices.Contains(store.SignatoryStatuses, status) {
		status = store.StatusAwaitingReview
	}
	back := signatoriesURL(status, query)
	var ids []int64
	for _, s := range form["id"] {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil && id > 0 && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	action := form.Get("action")
	reason, note := form.Get("reason"), strings.TrimSpace(form.Get("note"))
	changesNote := strings.TrimSpace(form.Get("changes_note"))

	v := admin.SignatoriesView{}
	if len(ids) == 0 {
		v.RowsProblem = "Select at least one signatory, using the boxes in the first column."
	}
	if action == "reject" {
		var err error
		if v.ReasonProblem, err = a.reasonProblem(ctx, reason); err != nil {
			return err
		}
		v.NoteProblem = noteProblem(note, false)
	}
	if action == "request-changes" {
		v.ChangesNoteProblem = noteProblem(changesNote, true)
	}
	if v.RowsProblem != "" || v.ReasonProblem != "" || v.NoteProblem != "" || v.ChangesNoteProblem != "" {
		full, err := a.signatoriesView(ctx, status, query, ids)
		if err != nil {
			return err
		}
		full.Reason, full.Note, full.ChangesNote, full.ChangesNoteProblem = reason, note, changesNote, v.ChangesNoteProblem
		full.RowsProblem, full.ReasonProblem, full.NoteProblem = v.RowsProblem, v.ReasonProblem, v.NoteProblem
		for _, p := range []admin.Problem{{ID: "rows", Message: v.RowsProblem}, {ID: "bulk-reason", Message: v.ReasonProblem}, {ID: "bulk-note", Message: v.NoteProblem}, {ID: "bulk-changes-note", Message: v.ChangesNoteProblem}} {
			if p.Message != "" {
				full.Problems = append(full.Problems, p)
			}
		}
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
		http.Redirect(w, r, back, http.StatusSeeOther)
		return nil
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
	http.Redirect(w, r, back, http.StatusSeeOther)
	return nil
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

func (a *Handlers) SignatoryShow(w http.ResponseWriter, r *http.Request) error {
	sig, err := a.signatoryFromPath(r)
	if err != nil {
		return err
	}
	v, err := a.signatoryView(r.Context(), sig)
	if err != nil {
		return err
	}
	return a.Render(w, r, http.StatusOK, admin.Signatory(a.Frame(r, sig.Name), v))
}

// signatoryView is everything staff see about sig.
func (a *Handlers) signatoryView(ctx context.Context, sig store.Signatory) (admin.SignatoryView, error) {
	v := admin.SignatoryView{Signatory: sig, Type: org.OrgTypeName(sig.OrgType, i18n.EN),
		DomainDiffers:     signing.EmailDomainDiffers(sig.ContactEmail, sig.Website),
		SiteDomain:        signing.Domain(sig.Website),
		CanApprove:        slices.Contains(approvableFrom, sig.Status),
		CanReject:         slices.Contains(rejectableFrom, sig.Status),
		CanRequestChanges: slices.Contains(changeableFrom, sig.Status) && sig.ContactEmail != "", // someone must get the link
		CanHide:           slices.Contains(hideableFrom, sig.Status),
		CanUnhide:         slices.Contains(unhideableFrom, sig.Status),
	}
	if sig.Country != "" {
		v.Country = org.CountryName(sig.Country, i18n.EN)
	}
	l, _ := i18n.Parse(sig.Lang)
	v.Language = map[i18n.Lang]string{i18n.EN: "English", i18n.ES: "Spanish"}[l]
	if _, domain, ok := strings.Cut(sig.ContactEmail, "@"); ok {
		v.EmailDomain = strings.ToLower(domain)
	}
	var err error
	if v.Matches, err = a.store.SignatoryMatches(ctx, sig); err != nil {
		return v, err
	}
	if v.Reasons, err = a.store.RejectionReasons(ctx, "en"); err != nil {
		return v, err
	}
	for _, reason := range v.Reasons {
		if reason.Slug == sig.RejectReason {
			v.ReasonText = reason.Text
		}
	}
	if sig.RejectReason != "" && v.ReasonText == "" {
		v.ReasonText = sig.RejectReason // a reason since removed from the list
	}
	emails, err := a.store.Emails(ctx, store.EmailFilter{SignatoryID: sig.ID, Limit: 200})
	if err != nil {
		return v, err
	}
	v.Emails = emails
	return v, nil
}

// signatoryFromPath returns the signatory named by the {id} in the path.
func (a *Handlers) signatoryFromPath(r *http.Request) (store.Signatory, error) {
	id, ok := web.RowID(chi.URLParam(r, "id"))
	if !ok {
		return store.Signatory{}, fmt.Errorf("web: signatory %q: %w", chi.URLParam(r, "id"), store.ErrNotFound)
	}
	return a.store.Signatory(r.Context(), id)
}

// parseDecisionForm reads a decision or bulk form. When it cannot, it
// answers the request itself and returns false.
func (a *Handlers) parseDecisionForm(w http.ResponseWriter, r *http.Request) bool {
	r.Body = http.MaxBytesReader(w, r.Body, decisionFormLimit)
	if err := r.ParseForm(); err != nil {
		a.RenderAdminError(w, r, http.StatusBadRequest, "The form could not be read, so nothing was changed. Go back and try again.")
		return false
	}
	return true
}

// reasonProblem checks a rejection reason against the list staff keep.
func (a *Handlers) reasonProblem(ctx context.Context, reason string) (string, error) {
	if reason == "" {
		return "Choose the reason for rejecting. The contact is told it.", nil
	}
	reasons, err := a.store.RejectionReasons(ctx, "en")
	if err != nil {
		return "", err
	}
	if !slices.ContainsFunc(reasons, func(r store.RejectionReason) bool { return r.Slug == reason }) {
		return "That reason is no longer on the list. Choose one of the reasons shown.", nil
	}
	return "", nil
}

// noteProblem checks a note sent to a contact with a decision.
func noteProblem(note string, required bool) string {
	switch {
	case required && note == "":
		return "Say what the contact should change. They get this in an email with a link to fix their submission."
	case utf8.RuneCountInString(note) > admin.MaxReviewNote:
		return fmt.Sprintf("The note must be at most %d characters long; it has %d.", admin.MaxReviewNote, utf8.RuneCountInString(note))
	}
	return ""
}

// decided ends a decision on sig: a flash saying what happened (or that
// someone else acted first) and back to its page.
func (a *Handlers) decided(w http.ResponseWriter, r *http.Request, sig store.Signatory, err error, done string) error {
	if errors.Is(err, store.ErrStateChanged) {
		now, nerr := a.store.Signatory(r.Context(), sig.ID)
		if nerr != nil {
			return nerr
		}
		a.FlashError(r, fmt.Sprintf("Someone else already dealt with %s: it is now %s. Nothing was changed.",
			sig.Name, strings.ToLower(admin.SignatoryStatusLabel(now.Status))))
	} else if err != nil {
		return err
	} else {
		a.Flash(r, done)
	}
	http.Redirect(w, r, string(admin.SignatoryURL(sig.ID)), http.StatusSeeOther)
	return nil
}

// emailedNote says whether a decision was emailed to sig's contact.
func emailedNote(sig store.Signatory, what string) string {
	if sig.ContactEmail == "" {
		return " There is no contact to email."
	}
	return " The contact has been emailed " + what + "."
}

func (a *Handlers) SignatoryApprove(w http.ResponseWriter, r *http.Request) error {
	sig, err := a.signatoryFromPath(r)
	if err != nil {
		return err
	}
	_, err = a.signing.Approve(r.Context(), sig.ID, web.StaffActor(r))
	return a.decided(w, r, sig, err, sig.Name+" is approved and on the wall."+emailedNote(sig, "with a link to withdraw at any time"))
}

func (a *Handlers) SignatoryHide(w http.ResponseWriter, r *http.Request) error {
	sig, err := a.signatoryFromPath(r)
	if err != nil {
		return err
	}
	_, err = a.signing.Hide(r.Context(), sig.ID, web.StaffActor(r))
	return a.decided(w, r, sig, err, sig.Name+" is hidden from the wall. Nobody was emailed.")
}

func (a *Handlers) SignatoryUnhide(w http.ResponseWriter, r *http.Request) error {
	sig, err := a.signatoryFromPath(r)
	if err != nil {
		return err
	}
	_, err = a.signing.Unhide(r.Context(), sig.ID, web.StaffActor(r))
	return a.decided(w, r, sig, err, sig.Name+" is back on the wall. Nobody was emailed.")
}

func (a *Handlers) SignatoryReject(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	sig, err := a.signatoryFromPath(r)
	if err != nil {
		return err
	}
	if !a.parseDecisionForm(w, r) {
		return nil
	}
	reason, note := r.PostForm.Get("reason"), strings.TrimSpace(r.PostForm.Get("note"))
	reasonProblem, err := a.reasonProblem(ctx, reason)
	if err != nil {
		return err
	}
	if noteProblem := noteProblem(note, false); reasonProblem != "" || noteProblem != "" {
		v, err := a.signatoryView(ctx, sig)
		if err != nil {
			return err
		}
		v.Reason, v.RejectNote, v.ReasonProblem, v.RejectNoteProblem = reason, note, reasonProblem, noteProblem
		for _, p := range []admin.Problem{{ID: "reason", Message: reasonProblem}, {ID: "reject-note", Message: noteProblem}} {
			if p.Message != "" {
				v.Problems = append(v.Problems, p)
			}
		}
		return a.Render(w, r, http.StatusUnprocessableEntity, admin.Signatory(a.Frame(r, sig.Name), v))
	}
	_, err = a.signing.Reject(ctx, sig.ID, reason, note, web.StaffActor(r))
	return a.decided(w, r, sig, err, sig.Name+" is rejected."+emailedNote(sig, "the reason"))
}

func (a *Handlers) SignatoryRequestChanges(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	sig, err := a.signatoryFromPath(r)
	if err != nil {
		return err
	}
	if !a.parseDecisionForm(w, r) {
		return nil
	}
	note := strings.TrimSpace(r.PostForm.Get("note"))
	if problem := noteProblem(note, true); problem != "" {
		v, err := a.signatoryView(ctx, sig)
		if err != nil {
			return err
		}
		v.ChangesNote, v.ChangesNoteProblem = note, problem
		v.Problems = []admin.Problem{{ID: "changes-note", Message: problem}}
		return a.Render(w, r, http.StatusUnprocessableEntity, admin.Signatory(a.Frame(r, sig.Name), v))
	}
	if sig.ContactEmail == "" {
		a.FlashError(r, sig.Name+" has no contact to ask, so nothing was changed. Edit the details yourself instead.")
		http.Redirect(w, r, string(admin.SignatoryURL(sig.ID)), http.StatusSeeOther)
		return nil
	}
	_, err = a.signing.RequestChanges(ctx, sig.ID, note, web.StaffActor(r))
	return a.decided(w, r, sig, err, "Changes requested. The contact has been emailed your note with a link to fix the submission.")
}

func (a *Handlers) SignatoryEraseForm(w http.ResponseWriter, r *http.Request) error {
	sig, err := a.signatoryFromPath(r)
	if err != nil {
		return err
	}
	v := admin.EraseView{Signatory: sig, Deletes: sig.Status != store.StatusApproved && sig.Status != store.StatusHidden}
	return a.Render(w, r, http.StatusOK, admin.SignatoryErase(a.Frame(r, "Erase "+sig.Name), v))
}

func (a *Handlers) SignatoryErase(w http.ResponseWriter, r *http.Request) error {
	sig, err := a.signatoryFromPath(r)
	if err != nil {
		return err
	}
	deleted, err := a.signing.Erase(r.Context(), sig.ID, web.StaffActor(r))
	if err != nil {
		return err
	}
	if deleted {
		a.Flash(r, "The submission from "+sig.Name+" is deleted, with its contact’s details and emails.")
		http.Redirect(w, r, signatoriesURL(sig.Status, ""), http.StatusSeeOther)
		return nil
	}
	a.Flash(r, "The contact’s details are erased. "+sig.Name+" stays as it was.")
	http.Redirect(w, r, string(admin.SignatoryURL(sig.ID)), http.StatusSeeOther)
	return nil
}

func (a *Handlers) SignatoryNew(w http.ResponseWriter, r *http.Request) error {
	v := signatoryFormView(0, web.SignatoryForm{}, nil)
	return a.Render(w, r, http.StatusOK, admin.SignatoryNew(a.Frame(r, "Add a signatory"), v))
}

func (a *Handlers) SignatoryCreate(w http.ResponseWriter, r *http.Request) error {
	p, err := a.forms.ReadSignatoryForm(w, r, web.SignStaffAdd)
	if err != nil {
		return err
	}
	if len(p.Problems) > 0 {
		v := signatoryFormView(0, p.Form, p.Problems)
		return a.Render(w, r, http.StatusUnprocessableEntity, admin.SignatoryNew(a.Frame(r, "Add a signatory"), v))
	}
	id, err := a.signing.Add(r.Context(), p.Input, web.StaffActor(r))
	if err != nil {
		return err
	}
	a.Flash(r, p.Input.Name+" is added and on the wall.")
	http.Redirect(w, r, string(admin.SignatoryURL(id)), http.StatusSeeOther)
	return nil
}

func (a *Handlers) SignatoryEdit(w http.ResponseWriter, r *http.Request) error {
	sig, err := a.signatoryFromPath(r)
	if err != nil {
		return err
	}
	v := signatoryFormView(sig.ID, web.SignatoryFormOf(sig), nil)
	return a.Render(w, r, http.StatusOK, admin.SignatoryEdit(a.Frame(r, sig.Name), v))
}

func (a *Handlers) SignatoryUpdate(w http.ResponseWriter, r *http.Request) error {
	sig, err := a.signatoryFromPath(r)
	if err != nil {
		return err
	}
	p, err := a.forms.ReadSignatoryForm(w, r, web.SignStaffEdit)
	if err != nil {
		return err
	}
	if len(p.Problems) > 0 {
		if p.Form.LogoSHA == "" {
			p.Form.LogoSHA = sig.LogoSHA // no new logo: the current one stays
		}
		v := signatoryFormView(sig.ID, p.Form, p.Problems)
		return a.Render(w, r, http.StatusUnprocessableEntity, admin.SignatoryEdit(a.Frame(r, sig.Name), v))
	}
	if err := a.signing.Edit(r.Context(), sig.ID, p.Input, web.StaffActor(r)); err != nil {
		return err
	}
	a.Flash(r, "Changes to "+p.Input.Name+" saved.")
	http.Redirect(w, r, string(admin.SignatoryURL(sig.ID)), http.StatusSeeOther)
	return nil
}

// signatoryFormFields are the sign form's fields in the order they are on
// the page, for the error summary. "form" is about the whole form.
var signatoryFormFields = []string{"form", "name", "website", "country", "type", "statement",
	"contact_name", "contact_email", "role", "logo", "consent"}

// staffCountries are the countries in English, A to Z, for the staff form.
var staffCountries = sync.OnceValue(func() []admin.Option {
	var out []admin.Option
	for _, c := range org.CountriesByName(i18n.EN, nil) {
		out = append(out, admin.Option{Value: c.Code, Label: c.Name})
	}
	return out
})

// signatoryFormView is the staff form showing f, with problems (field to
// i18n key) beside their fields; id is 0 for a new signatory.
func signatoryFormView(id int64, f web.SignatoryForm, problems map[string]string) admin.SignatoryFormView {
	v := admin.SignatoryFormView{ID: id, Name: f.Name, Website: f.Website, Country: f.Country, OrgType: f.OrgType,
		ContactName: f.ContactName, ContactEmail: f.ContactEmail, ContactRole: f.ContactRole, Statement: f.Statement,
		Consent: f.Consent, LogoSHA: f.LogoSHA, LogoRef: f.LogoRef, Countries: staffCountries(),
		FieldProblems: map[string]string{}}
	if v.OrgType == "" {
		v.OrgType = "other"
	}
	for _, t := range store.OrgTypes {
		v.Types = append(v.Types, admin.Option{Value: t, Label: org.OrgTypeName(t, i18n.EN)})
	}
	for _, field := range signatoryFormFields {
		key, ok := problems[field]
		if !ok {
			continue
		}
		msg := i18n.EN.T(key) + "."
		if field == "form" {
			v.Problems = append(v.Problems, admin.Problem{ID: "signatory-form", Message: msg})
			continue
		}
		v.FieldProblems[field] = msg
		v.Problems = append(v.Problems, admin.Problem{ID: field, Message: msg})
	}
	return v
}
