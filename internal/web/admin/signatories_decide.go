package admin

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/sswalliance/advocacy/internal/form"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/admin"
)

// checkReason checks a rejection reason against the list staff keep,
// adding what is wrong to p under field.
func (a *Handlers) checkReason(ctx context.Context, p form.Problems, field, reason string) error {
	if reason == "" {
		p.Add(field, "Choose the reason for rejecting. The contact is told it.")
		return nil
	}
	reasons, err := a.store.RejectionReasons(ctx, "en")
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(reasons, func(r store.RejectionReason) bool { return r.Slug == reason }) {
		p.Add(field, "That reason is no longer on the list. Choose one of the reasons shown.")
	}
	return nil
}

// checkNote checks a note sent to a contact with a decision, adding what
// is wrong to p under field.
func checkNote(p form.Problems, field, note string, required bool) {
	switch {
	case required && note == "":
		p.Add(field, "Say what the contact should change. They get this in an email with a link to fix their submission.")
	case utf8.RuneCountInString(note) > admin.MaxReviewNote:
		p.Add(field, fmt.Sprintf("The note must be at most %d characters long; it has %d.", admin.MaxReviewNote, utf8.RuneCountInString(note)))
	}
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
	return web.SeeOther(w, r, string(admin.SignatoryURL(sig.ID)))
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
	if !a.ReadStaffForm(w, r, decisionFormLimit, "changed") {
		return nil
	}
	reason, note := r.PostForm.Get("reason"), strings.TrimSpace(r.PostForm.Get("note"))
	problems := form.Problems{}
	if err := a.checkReason(ctx, problems, "reason", reason); err != nil {
		return err
	}
	if checkNote(problems, "reject-note", note, false); !problems.OK() {
		v, err := a.signatoryView(ctx, sig)
		if err != nil {
			return err
		}
		v.Reason, v.RejectNote, v.ReasonProblem, v.RejectNoteProblem = reason, note, problems["reason"], problems["reject-note"]
		v.Problems = web.Summary(problems, "reason", "reject-note")
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
	if !a.ReadStaffForm(w, r, decisionFormLimit, "changed") {
		return nil
	}
	note := strings.TrimSpace(r.PostForm.Get("note"))
	problems := form.Problems{}
	if checkNote(problems, "changes-note", note, true); !problems.OK() {
		v, err := a.signatoryView(ctx, sig)
		if err != nil {
			return err
		}
		v.ChangesNote, v.ChangesNoteProblem = note, problems["changes-note"]
		v.Problems = web.Summary(problems, "changes-note")
		return a.Render(w, r, http.StatusUnprocessableEntity, admin.Signatory(a.Frame(r, sig.Name), v))
	}
	if sig.ContactEmail == "" {
		a.FlashError(r, sig.Name+" has no contact to ask, so nothing was changed. Edit the details yourself instead.")
		return web.SeeOther(w, r, string(admin.SignatoryURL(sig.ID)))
	}
	_, err = a.signing.RequestChanges(ctx, sig.ID, note, web.StaffActor(r))
	return a.decided(w, r, sig, err, "Changes requested. The contact has been emailed your note with a link to fix the submission.")
}
