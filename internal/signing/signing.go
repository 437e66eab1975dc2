package signing

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/jobs"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/workflow"
)

// Lifetimes of the links sent to contacts.
const (
	// ConfirmFor is how long a confirmation link works; an unconfirmed
	// submission is deleted after it.
	ConfirmFor = 7 * 24 * time.Hour
	// ChangeFor is how long a contact has to fix a submission staff asked
	// changes to.
	ChangeFor = 30 * 24 * time.Hour
	// ConfirmEmailEvery is the least time between two confirmation emails
	// to one address: the form cannot be used to flood a mailbox.
	ConfirmEmailEvery = time.Hour
)

// How long the traces of the public forms are kept (the privacy notice
// quotes these).
const (
	// FormPostsKeptFor is how long the address a form was posted from is
	// kept for the rate limits before it is forgotten.
	FormPostsKeptFor = 24 * time.Hour
	// UnusedLogosKeptFor is how long a logo uploaded with a form that was
	// never sent is kept (so a visitor fixing the form need not upload it
	// again) before it is deleted.
	UnusedLogosKeptFor = 48 * time.Hour
)

// The states each action moves a signatory from: the staff pages offer an
// action only where it can work.
var (
	ApproveFrom        = []string{store.StatusAwaitingReview, store.StatusChangesRequested, store.StatusRejected}
	RejectFrom         = []string{store.StatusAwaitingReview, store.StatusChangesRequested}
	RequestChangesFrom = []string{store.StatusAwaitingReview}
	HideFrom           = []string{store.StatusApproved}
	UnhideFrom         = []string{store.StatusHidden}
	WithdrawFrom       = []string{store.StatusApproved, store.StatusHidden}
)

// confirmKind is the kind of the email asking a contact to confirm.
const confirmKind = "signatory-confirm"

// confirmCap holds each address to one confirmation email every
// ConfirmEmailEvery.
var confirmCap = workflow.ConfirmCap{Kind: confirmKind, Every: ConfirmEmailEvery}

// ErrNotFound is returned for an unknown, used or expired link.
var ErrNotFound = store.ErrNotFound

// ErrStateChanged is returned when the signatory is no longer in a state
// the action applies to (someone else acted first).
var ErrStateChanged = store.ErrStateChanged

// ErrConfirmationSent is returned, with nothing saved, for a submission
// whose contact address was sent a confirmation email less than
// ConfirmEmailEvery ago.
var ErrConfirmationSent = errors.New("signing: a confirmation email went to the address within the hour")

// Contact is the actor for what the organisation's contact does by link.
func Contact(ip string) store.Actor { return store.Actor{Name: "contact (by email link)", IP: ip} }

// System is the actor for timed work.
var System = store.Actor{Name: "system"}

// Service runs the signing workflow.
type Service struct {
	workflow.Base
}

// New returns the workflow over pool, queueing email on queue, with
// links in emails made absolute against baseURL.
func New(pool *pgxpool.Pool, queue *jobs.Queue, baseURL *url.URL) *Service {
	return &Service{Base: workflow.NewBase(pool, queue, baseURL, linkKey)}
}

func audit(ctx context.Context, st *store.Store, a store.Actor, action string, sig store.Signatory, detail string) error {
	return st.Audit(ctx, a.Event(action, "signatory", strconv.FormatInt(sig.ID, 10), sig.Name, detail))
}

// Submit saves a public submission awaiting confirmation and queues the
// email with its confirmation link. It returns ErrConfirmationSent, saving
// nothing, when the contact's address had a confirmation email within
// ConfirmEmailEvery.
func (s *Service) Submit(ctx context.Context, in store.SignatoryInput, ip string) (int64, error) {
	var id int64
	err := s.InTx(ctx, func(tx pgx.Tx, st *store.Store) error {
		var err error
		if id, err = st.CreateSignatory(ctx, in, store.StatusAwaitingConfirmation, "form"); err != nil {
			return err
		}
		sig, err := st.Signatory(ctx, id)
		if err != nil {
			return err
		}
		if err := s.sendConfirm(ctx, tx, st, sig); err != nil {
			return err
		}
		return audit(ctx, st, Contact(ip), store.ActionSignatorySubmit, sig, "")
	})
	if err != nil {
		return 0, fmt.Errorf("signing: submit %q: %w", in.Name, err)
	}
	return id, nil
}

// sendConfirm queues the email with sig's confirmation link, or returns
// ErrConfirmationSent when its address had one within the hour.
func (s *Service) sendConfirm(ctx context.Context, tx pgx.Tx, st *store.Store, sig store.Signatory) error {
	if ok, err := confirmCap.Take(ctx, st, sig.ContactEmail); err != nil {
		return err
	} else if !ok {
		return ErrConfirmationSent
	}
	secret, err := s.Links.Issue(ctx, st, owner(sig), store.TokenConfirm, ConfirmFor)
	if err != nil {
		return err
	}
	return s.email(ctx, tx, sig, confirmKind, []store.LinkSecret{secret}, confirmEmail,
		s.sealedLink(sig, "/call-to-action/confirm", 0))
}

// owner is sig as the owner of its links' tokens.
func owner(sig store.Signatory) store.TokenOwner {
	return store.TokenOwner{Kind: store.OwnerSignatory, ID: sig.ID}
}

// Pending returns the submission a link's token belongs to, changing
// nothing: the page a link opens shows it with a button that POSTs.
func (s *Service) Pending(ctx context.Context, token, purpose string) (store.Signatory, error) {
	sig, err := store.New(s.Pool).SignatoryByToken(ctx, token, purpose)
	if err != nil {
		return store.Signatory{}, err
	}
	want := store.StatusAwaitingConfirmation
	if purpose == store.TokenChange {
		want = store.StatusChangesRequested
	}
	if sig.Status != want {
		return store.Signatory{}, ErrNotFound
	}
	return sig, nil
}

// Confirm spends a confirmation token: the submission goes to review.
func (s *Service) Confirm(ctx context.Context, token, ip string) (store.Signatory, error) {
	var sig store.Signatory
	err := s.InTx(ctx, func(tx pgx.Tx, st *store.Store) error {
		cur, err := st.SignatoryByToken(ctx, token, store.TokenConfirm)
		if err != nil {
			return err
		}
		if sig, err = st.Transition(ctx, cur.ID, []string{store.StatusAwaitingConfirmation}, store.StatusAwaitingReview, "", ""); err != nil {
			if errors.Is(err, store.ErrStateChanged) {
				return ErrNotFound
			}
			return err
		}
		if err := st.DeleteLinkToken(ctx, token); err != nil {
			return err
		}
		// The address's owner has answered: they may sign for another
		// organisation at once.
		if err := confirmCap.Forget(ctx, st, sig.ContactEmail); err != nil {
			return err
		}
		return audit(ctx, st, Contact(ip), store.ActionSignatoryConfirm, sig, "")
	})
	if err != nil {
		return store.Signatory{}, fmt.Errorf("signing: confirm: %w", err)
	}
	return sig, nil
}

// transition moves a signatory from one of from to to, audits it and
// lets then queue what follows (emails), all in one transaction.
func (s *Service) transition(ctx context.Context, id int64, from []string, to, reason, note string, a store.Actor, action, detail string,
	then func(tx pgx.Tx, st *store.Store, sig store.Signatory) error) (store.Signatory, error) {
	var sig store.Signatory
	err := s.InTx(ctx, func(tx pgx.Tx, st *store.Store) error {
		var err error
		if sig, err = st.Transition(ctx, id, from, to, reason, note); err != nil {
			return err
		}
		if then != nil {
			if err := then(tx, st, sig); err != nil {
				return err
			}
		}
		return audit(ctx, st, a, action, sig, detail)
	})
	if err != nil {
		return store.Signatory{}, fmt.Errorf("signing: %s %d: %w", action, id, err)
	}
	return sig, nil
}

// Approve puts a submission on the wall and emails the contact, with a
// link to withdraw at any time.
func (s *Service) Approve(ctx context.Context, id int64, a store.Actor) (store.Signatory, error) {
	return s.transition(ctx, id, ApproveFrom,
		store.StatusApproved, "", "", a, store.ActionSignatoryApprove, "",
		func(tx pgx.Tx, st *store.Store, sig store.Signatory) error {
			secrets := []store.LinkSecret{s.Links.Sealed(withdrawMessage(sig.ID)), s.Links.Sealed(supporterMessage(sig.ID))}
			return s.email(ctx, tx, sig, "signatory-approved", secrets, approvedEmail,
				s.sealedLink(sig, fmt.Sprintf("/call-to-action/withdraw/%d", sig.ID), 0),
				s.sealedLink(sig, fmt.Sprintf("/call-to-action/supporter/%d", sig.ID), 1))
		})
}

// Reject turns a submission down for reason (a rejection reason's slug),
// with an optional note; both are emailed to the contact.
func (s *Service) Reject(ctx context.Context, id int64, reason, note string, a store.Actor) (store.Signatory, error) {
	if reason == "" {
		return store.Signatory{}, fmt.Errorf("signing: reject %d: a reason is required", id)
	}
	return s.transition(ctx, id, RejectFrom,
		store.StatusRejected, reason, note, a, store.ActionSignatoryReject, "reason: "+reason,
		func(tx pgx.Tx, st *store.Store, sig store.Signatory) error {
			reasons, err := st.RejectionReasons(ctx, sig.Lang)
			if err != nil {
				return err
			}
			text := reason
			for _, r := range reasons {
				if r.Slug == reason {
					text = r.Text
				}
			}
			return s.email(ctx, tx, sig, "signatory-rejected", nil, rejectedEmail, text, note)
		})
}

// RequestChanges asks the contact to fix the submission: they get note
// and a link to a form holding what they sent.
func (s *Service) RequestChanges(ctx context.Context, id int64, note string, a store.Actor) (store.Signatory, error) {
	if note == "" {
		return store.Signatory{}, fmt.Errorf("signing: request changes to %d: a note is required", id)
	}
	return s.transition(ctx, id, RequestChangesFrom,
		store.StatusChangesRequested, "", note, a, store.ActionSignatoryRequestChanges, "",
		func(tx pgx.Tx, st *store.Store, sig store.Signatory) error {
			secret, err := s.Links.Issue(ctx, st, owner(sig), store.TokenChange, ChangeFor)
			if err != nil {
				return err
			}
			return s.email(ctx, tx, sig, "signatory-changes", []store.LinkSecret{secret}, changesEmail, note,
				s.sealedLink(sig, "/call-to-action/sign/change", 0))
		})
}

// Resubmit saves the contact's fixed submission for review again. A new
// contact email must be confirmed first (ErrConfirmationSent, with
// nothing saved, when it had a confirmation email within the hour).
func (s *Service) Resubmit(ctx context.Context, token string, in store.SignatoryInput, ip string) (store.Signatory, error) {
	var sig store.Signatory
	err := s.InTx(ctx, func(tx pgx.Tx, st *store.Store) error {
		cur, err := st.SignatoryByToken(ctx, token, store.TokenChange)
		if err != nil {
			return err
		}
		if cur.Status != store.StatusChangesRequested {
			return ErrNotFound
		}
		if err := st.UpdateSignatory(ctx, cur.ID, in); err != nil {
			return err
		}
		if err := st.DeleteLinkToken(ctx, token); err != nil {
			return err
		}
		to := store.StatusAwaitingReview
		if in.ContactEmail != "" && !strings.EqualFold(in.ContactEmail, cur.ContactEmail) {
			to = store.StatusAwaitingConfirmation
		}
		if sig, err = st.Transition(ctx, cur.ID, []string{store.StatusChangesRequested}, to, "", ""); err != nil {
			return err
		}
		if to == store.StatusAwaitingConfirmation {
			if err := s.sendConfirm(ctx, tx, st, sig); err != nil {
				return err
			}
		}
		return audit(ctx, st, Contact(ip), store.ActionSignatoryResubmit, sig, "")
	})
	if err != nil {
		return store.Signatory{}, fmt.Errorf("signing: resubmit: %w", err)
	}
	return sig, nil
}

// Withdraw takes an organisation off the wall at its contact's request
// (by the signed link in the approval email).
func (s *Service) Withdraw(ctx context.Context, id int64, ip string) (store.Signatory, error) {
	return s.transition(ctx, id, WithdrawFrom,
		store.StatusWithdrawn, "", "", Contact(ip), store.ActionSignatoryWithdraw, "", nil)
}

// Hide takes an approved signatory off the wall without telling anyone.
func (s *Service) Hide(ctx context.Context, id int64, a store.Actor) (store.Signatory, error) {
	return s.transition(ctx, id, HideFrom, store.StatusHidden, "", "", a, store.ActionSignatoryHide, "", nil)
}

// Unhide puts a hidden signatory back on the wall.
func (s *Service) Unhide(ctx context.Context, id int64, a store.Actor) (store.Signatory, error) {
	return s.transition(ctx, id, UnhideFrom, store.StatusApproved, "", "", a, store.ActionSignatoryUnhide, "", nil)
}

// Edit replaces a signatory's details, whatever its state.
func (s *Service) Edit(ctx context.Context, id int64, in store.SignatoryInput, a store.Actor) error {
	err := s.InTx(ctx, func(tx pgx.Tx, st *store.Store) error {
		if err := st.UpdateSignatory(ctx, id, in); err != nil {
			return err
		}
		sig, err := st.Signatory(ctx, id)
		if err != nil {
			return err
		}
		return audit(ctx, st, a, store.ActionSignatoryEdit, sig, "")
	})
	if err != nil {
		return fmt.Errorf("signing: edit %d: %w", id, err)
	}
	return nil
}

// Add puts an organisation on the wall directly (staff received its logo
// some other way). No email is sent.
func (s *Service) Add(ctx context.Context, in store.SignatoryInput, a store.Actor) (int64, error) {
	var id int64
	err := s.InTx(ctx, func(tx pgx.Tx, st *store.Store) error {
		var err error
		if id, err = st.CreateSignatory(ctx, in, store.StatusApproved, "staff"); err != nil {
			return err
		}
		sig, err := st.Signatory(ctx, id)
		if err != nil {
			return err
		}
		return audit(ctx, st, a, store.ActionSignatoryAdd, sig, "")
	})
	if err != nil {
		return 0, fmt.Errorf("signing: add %q: %w", in.Name, err)
	}
	return id, nil
}

// EraseDeleted is the audit detail of an erasure that deleted the
// submission (so the log has nothing to link to).
const EraseDeleted = "submission deleted"

// Erase removes a submission's personal data on request. An organisation
// on the wall (or hidden) stays, without its contact; any other
// submission is deleted outright. It reports whether the signatory was
// deleted.
func (s *Service) Erase(ctx context.Context, id int64, a store.Actor) (deleted bool, err error) {
	err = s.InTx(ctx, func(tx pgx.Tx, st *store.Store) error {
		sig, err := st.LockSignatory(ctx, id)
		if err != nil {
			return err
		}
		if sig.Status == store.StatusApproved || sig.Status == store.StatusHidden {
			if err := st.EraseSignatoryContact(ctx, id); err != nil {
				return err
			}
			return audit(ctx, st, a, store.ActionSignatoryErase, sig, "contact details erased; organisation kept")
		}
		if err := st.EraseSignatoryContact(ctx, id); err != nil {
			return err
		}
		if err := st.DeleteSignatory(ctx, id); err != nil {
			return err
		}
		deleted = true
		return audit(ctx, st, a, store.ActionSignatoryErase, sig, EraseDeleted)
	})
	if err != nil {
		return false, fmt.Errorf("signing: erase %d: %w", id, err)
	}
	return deleted, nil
}

// ExpireUnconfirmed deletes submissions left unconfirmed for longer than
// ConfirmFor, with their personal data, and returns how many went.
func (s *Service) ExpireUnconfirmed(ctx context.Context) (int, error) {
	n := 0
	err := s.InTx(ctx, func(tx pgx.Tx, st *store.Store) error {
		list, err := st.UnconfirmedBefore(ctx, s.Now().Add(-ConfirmFor))
		if err != nil {
			return err
		}
		for _, sig := range list {
			if err := st.EraseSignatoryContact(ctx, sig.ID); err != nil {
				return err
			}
			if err := st.DeleteSignatory(ctx, sig.ID); err != nil {
				return err
			}
			if err := audit(ctx, st, System, store.ActionSignatoryExpire, sig, expiredDetail); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("signing: expire unconfirmed: %w", err)
	}
	return n, nil
}

// expiredDetail is the audit detail of a submission deleted unconfirmed.
var expiredDetail = fmt.Sprintf("not confirmed within %d days", ConfirmFor/(24*time.Hour))

// Chores are the workflow's timed work, for the job runner.
func (s *Service) Chores() []jobs.Chore {
	return []jobs.Chore{
		{Name: "expire-unconfirmed-signatories", Interval: time.Hour, Run: func(ctx context.Context) error {
			_, err := s.ExpireUnconfirmed(ctx)
			return err
		}},
		{Name: "forget-form-posts", Interval: time.Hour, Run: func(ctx context.Context) error {
			return store.New(s.Pool).DeleteFormPostsBefore(ctx, s.Now().Add(-FormPostsKeptFor))
		}},
		confirmCap.Chore("forget-signatory-confirmation-sends", s.Pool, func() time.Time { return s.Now() }),
		{Name: "delete-unused-logos", Interval: 24 * time.Hour, Run: func(ctx context.Context) error {
			_, err := store.New(s.Pool).DeleteUnusedLogos(ctx, s.Now().Add(-UnusedLogosKeptFor))
			return err
		}},
	}
}

// link is an absolute link to path on the site, in the contact's language.
func (s *Service) link(sig store.Signatory, path string) string {
	l, _ := i18n.Parse(sig.Lang)
	return s.Link(l, path)
}

// sealedLink is the link to path/<secret i> in an email to sig: the
// email holds a placeholder where the secret goes, filled in only when it
// is sent (see store.LinkSecret).
func (s *Service) sealedLink(sig store.Signatory, path string, i int) string {
	return s.link(sig, path) + "/" + store.SecretPlaceholder(i)
}

// linkKey names the site key that signs the links in the emails.
const linkKey = "signatory-links"

func withdrawMessage(id int64) string { return fmt.Sprintf("withdraw:%d", id) }

// WithdrawURL is the signed link that withdraws sig. It never expires: an
// organisation may leave at any time.
func (s *Service) WithdrawURL(ctx context.Context, sig store.Signatory) (string, error) {
	mac, err := s.Links.SignLink(ctx, withdrawMessage(sig.ID))
	if err != nil {
		return "", err
	}
	return s.link(sig, fmt.Sprintf("/call-to-action/withdraw/%d/%s", sig.ID, mac)), nil
}

// VerifyWithdraw reports whether mac is the signature of a withdraw link
// for id.
func (s *Service) VerifyWithdraw(ctx context.Context, id int64, mac string) (bool, error) {
	return s.Links.VerifyLink(ctx, withdrawMessage(id), mac)
}

func supporterMessage(id int64) string { return fmt.Sprintf("supporter:%d", id) }

// SupporterURL is the signed link to sig's supporter page: its badge, the
// snippet to show it on the organisation's website, and a post to tell
// others it signed. It never expires, and it changes nothing.
func (s *Service) SupporterURL(ctx context.Context, sig store.Signatory) (string, error) {
	mac, err := s.Links.SignLink(ctx, supporterMessage(sig.ID))
	if err != nil {
		return "", err
	}
	return s.link(sig, fmt.Sprintf("/call-to-action/supporter/%d/%s", sig.ID, mac)), nil
}

// VerifySupporter reports whether mac is the signature of a supporter
// page link for id.
func (s *Service) VerifySupporter(ctx context.Context, id int64, mac string) (bool, error) {
	return s.Links.VerifyLink(ctx, supporterMessage(id), mac)
}

// nameMessage is what signs an organisation's name on the page after the
// sign form, so that page can name the organisation in its post to share
// while nobody can make it name another.
func nameMessage(name string) string { return "signed-name:" + name }

// SealName signs name for the page after the sign form.
func (s *Service) SealName(ctx context.Context, name string) (string, error) {
	return s.Links.SignLink(ctx, nameMessage(name))
}

// VerifyName reports whether mac is SealName's signature of name.
func (s *Service) VerifyName(ctx context.Context, name, mac string) (bool, error) {
	return s.Links.VerifyLink(ctx, nameMessage(name), mac)
}

// email queues one of the workflow's emails to sig's contact, in the
// contact's language, with the secrets its links' placeholders stand
// for. Signatories without a contact (added by staff, or erased) get none.
func (s *Service) email(ctx context.Context, tx pgx.Tx, sig store.Signatory, kind string, secrets []store.LinkSecret, compose composer, args ...string) error {
	if sig.ContactEmail == "" {
		return nil
	}
	l, _ := i18n.Parse(sig.Lang)
	subject, body := compose(l, sig, s.Site(), args...)
	id := sig.ID
	toName := sig.ContactName
	if kind == confirmKind {
		// The address is not confirmed: nothing the visitor typed goes in
		// the headers.
		toName = ""
	}
	_, err := s.Jobs.QueueEmail(ctx, tx, store.Email{Kind: kind, To: sig.ContactEmail, ToName: toName,
		Subject: subject, Body: body, Secrets: secrets, SignatoryID: &id})
	return err
}
