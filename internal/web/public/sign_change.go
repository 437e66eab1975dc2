package public

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/sswalliance/advocacy/internal/org"
	"github.com/sswalliance/advocacy/internal/signing"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/public"
)

// signChangeView is the form prefilled with a submission staff asked
// changes to, showing their note and the logo already sent.
func (a *Handlers) signChangeView(r *http.Request, sig store.Signatory, f web.SignatoryForm, problems map[string]string) public.SignView {
	v := public.SignView{
		Change:     true,
		Action:     r.URL.Path,
		Form:       publicSignForm(f, a.LogoPreview(r.Context(), f.LogoSHA)),
		Problems:   problems,
		Countries:  org.CountriesByName(web.Lang(r), nil),
		ReviewNote: sig.ReviewNote,
	}
	if v.Form.LogoSHA == "" {
		v.Form.LogoSHA = sig.LogoSHA // kept unless another file is chosen
		v.Form.LogoPreview = a.LogoPreview(r.Context(), sig.LogoSHA)
	}
	return v
}

// SignChangeForm serves the form to fix a submission, from the link in
// the email asking for changes.
func (a *Handlers) SignChangeForm(w http.ResponseWriter, r *http.Request) error {
	sig, err := a.signing.Pending(r.Context(), chi.URLParam(r, "token"), store.TokenChange)
	if errors.Is(err, store.ErrNotFound) {
		return a.signLinkExpired(w, r)
	}
	if err != nil {
		return err
	}
	return a.renderSign(w, r, http.StatusOK, a.signChangeView(r, sig, web.SignatoryFormOf(sig), nil))
}

// SignChange saves a fixed submission for review again (or, when the
// contact email changed, for confirmation of the new address first).
func (a *Handlers) SignChange(w http.ResponseWriter, r *http.Request) error {
	ctx, token := r.Context(), chi.URLParam(r, "token")
	// Checked before reading the form, so a dead link stores no logo.
	sig, err := a.signing.Pending(ctx, token, store.TokenChange)
	if errors.Is(err, store.ErrNotFound) {
		return a.signLinkExpired(w, r)
	}
	if web.Unavailable(err) {
		// The form comes back with what was typed; nothing can be stored.
		p, _ := a.forms.ReadSignatoryForm(w, r, web.SignChange)
		return a.signUnavailable(w, r, p, err, &store.Signatory{})
	}
	if err != nil {
		return err
	}
	p, err := a.forms.ReadSignatoryForm(w, r, web.SignChange)
	if err != nil {
		return a.signUnavailable(w, r, p, err, &sig)
	}
	if len(p.Problems) > 0 {
		return a.renderSign(w, r, p.Refusal(w), a.signChangeView(r, sig, p.Form, p.Problems))
	}
	saved, err := a.signing.Resubmit(ctx, token, p.Input, web.ClientIP(r))
	if errors.Is(err, store.ErrNotFound) {
		return a.signLinkExpired(w, r)
	}
	if errors.Is(err, signing.ErrConfirmationSent) {
		w.Header().Set("Retry-After", strconv.Itoa(int(signing.ConfirmEmailEvery.Seconds())))
		return a.renderSign(w, r, http.StatusTooManyRequests,
			a.signChangeView(r, sig, p.Form, map[string]string{"contact_email": "sign.error.contact_email.sent"}))
	}
	if err != nil {
		return a.signUnavailable(w, r, p, err, &sig)
	}
	if saved.Status == store.StatusAwaitingConfirmation {
		m := a.signMeta(r, "cta.sign.sent.title", "cta.sign.sent.description", true)
		m.Copy = true
		return a.renderLinkPage(w, r, public.SignSent(m, a.signedPost(m.Lang, saved.Name)))
	}
	m := a.signMeta(r, "cta.changed.title", "cta.change.description", true)
	return a.renderLinkPage(w, r, public.SignDone(m, "cta.changed.title", "cta.changed.text"))
}
