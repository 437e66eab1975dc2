package public

import (
	"errors"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/sswalliance/advocacy/internal/subscribe"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/public"
)

// SubscribeConfirmPage shows what a confirmation link confirms, with the
// button that does it.
func (a *Handlers) SubscribeConfirmPage(w http.ResponseWriter, r *http.Request) error {
	sub, err := a.subscribe.Pending(r.Context(), chi.URLParam(r, "token"))
	if errors.Is(err, subscribe.ErrNotFound) {
		return a.subscribeLinkExpired(w, r)
	}
	if err != nil {
		return err
	}
	v := subscriptionView(sub)
	v.Action = r.URL.Path
	m := a.signMeta(r, "subscribe.confirm.title", "subscribe.confirm.text", true)
	return a.renderLinkPage(w, r, public.SubscribeConfirm(m, v))
}

// SubscribeConfirm confirms a sign-up: the subscription starts.
func (a *Handlers) SubscribeConfirm(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	sub, err := a.subscribe.Confirm(ctx, chi.URLParam(r, "token"), web.ClientIP(r))
	if errors.Is(err, subscribe.ErrNotFound) {
		return a.subscribeLinkExpired(w, r)
	}
	if err != nil {
		return err
	}
	prefs, err := a.subscribe.PreferencesURL(ctx, sub)
	if err != nil {
		return err
	}
	m := a.signMeta(r, "subscribe.confirmed.title", "subscribe.confirmed.text", true)
	return a.renderLinkPage(w, r, public.SubscribeDone(m, "subscribe.confirmed.title", "subscribe.confirmed.text", SitePath(prefs)))
}
