package public

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/subscribe"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/public"
)

// subscriptionView is what the pages from our emails show of sub.
func subscriptionView(sub store.Subscriber) public.SubscriptionView {
	return public.SubscriptionView{Email: subscribe.Mask(sub.Email), Lang: sub.Lang,
		Daily: sub.Daily, Updates: sub.Updates, Status: sub.Status}
}

// SitePath is the path of an absolute link to this site: pages link with
// paths, so they work on whatever origin served them.
func SitePath(link string) string {
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	return u.EscapedPath()
}

// linkedSubscriber returns the subscriber a preferences or unsubscribe
// link names; store.ErrNotFound (a 404) when the link was not made here.
func (a *Handlers) linkedSubscriber(r *http.Request) (store.Subscriber, error) {
	id, err := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	if err != nil {
		return store.Subscriber{}, store.ErrNotFound
	}
	return a.subscribe.FromLink(r.Context(), id, chi.URLParam(r, "sig"))
}

// subscriptionLinks are the request's preferences and unsubscribe paths,
// in the page's language.
func subscriptionLinks(r *http.Request) (preferences, unsubscribe string) {
	l, ref := web.Lang(r), chi.URLParam(r, "id")+"/"+chi.URLParam(r, "sig")
	return l.Path("/sswweek/subscription/" + ref), l.Path("/sswweek/unsubscribe/" + ref)
}

// renderPreferences shows the preferences page with status.
func (a *Handlers) renderPreferences(w http.ResponseWriter, r *http.Request, status int, v public.SubscriptionView) error {
	v.Action, v.Unsubscribe = subscriptionLinks(r)
	m := a.signMeta(r, "subscribe.prefs.title", "subscribe.prefs.description", true)
	if len(v.Problems) > 0 {
		m.Title = m.T("form.error.prefix") + " " + m.Title
	}
	w.Header().Set("Cache-Control", "no-store")
	return a.Render(w, r, status, public.SubscriptionPreferences(m, v))
}

// SubscriptionPage shows a subscription with the form to change it and
// the button that ends it.
func (a *Handlers) SubscriptionPage(w http.ResponseWriter, r *http.Request) error {
	sub, err := a.linkedSubscriber(r)
	if err != nil {
		return err
	}
	v := subscriptionView(sub)
	v.Saved = r.URL.Query().Get("saved") == "1"
	return a.renderPreferences(w, r, http.StatusOK, v)
}

// SubscriptionUpdate saves new lists and language, then shows the page
// again in the language chosen.
func (a *Handlers) SubscriptionUpdate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	sub, err := a.linkedSubscriber(r)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxSubscribeForm)
	if err := r.ParseForm(); err != nil {
		return web.BadRequest(err)
	}
	p := store.SubscriberPreferences{Lang: r.PostForm.Get("lang"),
		Daily: r.PostForm.Get("daily") != "", Updates: r.PostForm.Get("updates") != ""}
	if problems := subscribe.CheckPreferences(p); len(problems) > 0 {
		v := subscriptionView(sub)
		v.Lang, v.Daily, v.Updates, v.Problems = p.Lang, p.Daily, p.Updates, public.SubscribeProblems(problems)
		return a.renderPreferences(w, r, http.StatusBadRequest, v)
	}
	sub, err = a.subscribe.UpdatePreferences(ctx, sub.ID, p, web.ClientIP(r))
	if errors.Is(err, subscribe.ErrStateChanged) {
		return a.SubscriptionPage(w, r) // not active (any more): show where it stands
	}
	if err != nil {
		return err
	}
	l, _ := i18n.Parse(sub.Lang)
	next := l.Path(fmt.Sprintf("/sswweek/subscription/%s/%s", chi.URLParam(r, "id"), chi.URLParam(r, "sig"))) + "?saved=1"
	return web.SeeOther(w, r, next)
}
