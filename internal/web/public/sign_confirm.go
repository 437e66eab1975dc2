package public

import (
	"errors"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/public"
)

// SignConfirmPage shows what a confirmation link confirms, with the button
// that does it.
func (a *Handlers) SignConfirmPage(w http.ResponseWriter, r *http.Request) error {
	sig, err := a.signing.Pending(r.Context(), chi.URLParam(r, "token"), store.TokenConfirm)
	if errors.Is(err, store.ErrNotFound) {
		return a.signLinkExpired(w, r)
	}
	if err != nil {
		return err
	}
	m := a.signMeta(r, "cta.confirm.title", "cta.confirm.description", true)
	return a.renderLinkPage(w, r, public.SignConfirm(m, public.SignActionView{Name: sig.Name, Action: r.URL.Path}))
}

// SignConfirm confirms a submission: it goes to staff for review.
func (a *Handlers) SignConfirm(w http.ResponseWriter, r *http.Request) error {
	_, err := a.signing.Confirm(r.Context(), chi.URLParam(r, "token"), web.ClientIP(r))
	if errors.Is(err, store.ErrNotFound) {
		return a.signLinkExpired(w, r)
	}
	if err != nil {
		return err
	}
	m := a.signMeta(r, "cta.confirmed.title", "cta.confirm.description", true)
	return a.renderLinkPage(w, r, public.SignDone(m, "cta.confirmed.title", "cta.confirmed.text"))
}
