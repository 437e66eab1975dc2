package public

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/public"
)

// withdrawable returns the signatory a withdraw link names, or
// store.ErrNotFound when the link's signature is not ours.
func (a *Handlers) withdrawable(r *http.Request) (store.Signatory, error) {
	id, err := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	if err != nil {
		return store.Signatory{}, store.ErrNotFound
	}
	ok, err := a.signing.VerifyWithdraw(r.Context(), id, chi.URLParam(r, "sig"))
	if err != nil {
		return store.Signatory{}, err
	}
	if !ok {
		return store.Signatory{}, store.ErrNotFound
	}
	return a.store.Signatory(r.Context(), id)
}

// onWall reports whether a signatory can be withdrawn: it is on the wall,
// or hidden by staff (withdrawing keeps it from coming back).
func onWall(sig store.Signatory) bool {
	return sig.Status == store.StatusApproved || sig.Status == store.StatusHidden
}

// SignWithdrawPage shows the organisation a withdraw link is for, with
// the button that withdraws it.
func (a *Handlers) SignWithdrawPage(w http.ResponseWriter, r *http.Request) error {
	sig, err := a.withdrawable(r)
	if err != nil {
		return err
	}
	if sig.Status == store.StatusWithdrawn {
		return a.signWithdrawn(w, r)
	}
	m := a.signMeta(r, "cta.withdraw.title", "cta.withdraw.description", true)
	return a.renderLinkPage(w, r, public.SignWithdraw(m, public.SignActionView{Name: sig.Name, Action: r.URL.Path}, onWall(sig)))
}

// SignWithdraw takes the organisation off the Call to Action.
func (a *Handlers) SignWithdraw(w http.ResponseWriter, r *http.Request) error {
	sig, err := a.withdrawable(r)
	if err != nil {
		return err
	}
	if !onWall(sig) {
		return a.SignWithdrawPage(w, r) // already withdrawn, or never shown: say so
	}
	if _, err := a.signing.Withdraw(r.Context(), sig.ID, web.ClientIP(r)); errors.Is(err, store.ErrStateChanged) {
		return a.SignWithdrawPage(w, r) // someone acted first: say where it stands now
	} else if err != nil {
		return err
	}
	return a.signWithdrawn(w, r)
}

func (a *Handlers) signWithdrawn(w http.ResponseWriter, r *http.Request) error {
	m := a.signMeta(r, "cta.withdrawn.title", "cta.withdraw.description", true)
	return a.renderLinkPage(w, r, public.SignDone(m, "cta.withdrawn.title", "cta.withdrawn.text"))
}
