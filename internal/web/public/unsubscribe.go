package public

import (
	"errors"
	"net/http"

	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/subscribe"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/public"
)

// UnsubscribePage is what the one-click link shows when opened in a
// browser: the button that unsubscribes (opening it changes nothing).
func (a *Handlers) UnsubscribePage(w http.ResponseWriter, r *http.Request) error {
	sub, err := a.linkedSubscriber(r)
	if err != nil {
		return err
	}
	if sub.Status == store.SubscriberUnsubscribed {
		return a.unsubscribed(w, r)
	}
	v := subscriptionView(sub)
	v.Preferences, v.Unsubscribe = subscriptionLinks(r)
	m := a.signMeta(r, "subscribe.unsubscribe.title", "subscribe.unsubscribe.text", true)
	return a.renderLinkPage(w, r, public.Unsubscribe(m, v))
}

// Unsubscribe ends a subscription at once. It is the target of the
// List-Unsubscribe header: mail programs POST List-Unsubscribe=One-Click
// (as a form, urlencoded or multipart) from their servers, without
// cookies or a browser (RFC 8058); the pages' button posts the same. A
// POST without it is refused, so nothing that merely posts to links in
// emails unsubscribes anyone.
func (a *Handlers) Unsubscribe(w http.ResponseWriter, r *http.Request) error {
	sub, err := a.linkedSubscriber(r)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxSubscribeForm)
	if err := r.ParseMultipartForm(maxSubscribeForm); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		return web.BadRequest(err)
	}
	if r.PostForm.Get("List-Unsubscribe") != "One-Click" {
		return web.BadRequest(errors.New("unsubscribe: no List-Unsubscribe=One-Click in the body"))
	}
	_, err = a.subscribe.Unsubscribe(r.Context(), sub.ID, web.ClientIP(r), "one-click link")
	if err != nil && !errors.Is(err, subscribe.ErrStateChanged) { // already gone: the same answer
		return err
	}
	return a.unsubscribed(w, r)
}

func (a *Handlers) unsubscribed(w http.ResponseWriter, r *http.Request) error {
	m := a.signMeta(r, "subscribe.unsubscribed.title", "subscribe.unsubscribed.text", true)
	return a.renderLinkPage(w, r, public.SubscribeDone(m, "subscribe.unsubscribed.title", "subscribe.unsubscribed.text", ""))
}
