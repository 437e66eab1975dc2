package public

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/a-h/templ"

	"github.com/sswalliance/advocacy/internal/form"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/subscribe"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates"
	"github.com/sswalliance/advocacy/templates/public"
)

// maxSubscribeForm bounds the body of a sign-up or preferences post: a
// few short fields.
const maxSubscribeForm = 64 << 10

// subscribeFormView is a new sign-up form in l, stamped now; prefix starts
// its element ids ("sswweek-subscribe" on the SSWWeek pages).
func (a *Handlers) subscribeFormView(ctx context.Context, l i18n.Lang, prefix string) (public.SubscribeFormView, error) {
	stamp, err := a.Guard().Stamp(ctx)
	if err != nil {
		return public.SubscribeFormView{}, err
	}
	return public.SubscribeFormView{ID: prefix, Action: l.Path("/sswweek/subscribe"),
		Form: public.SubscribeValues{Lang: string(l), Started: stamp}}, nil
}

// FooterSubscribe is the sign-up form for the footer of the page m
// describes, stamped when the page is rendered. The SSWWeek pages have it
// in their body, and the subscription's own pages need none: they get
// nil.
func (a *Handlers) FooterSubscribe(m templates.Meta) templ.Component {
	if m.Path == "/sswweek" || strings.HasPrefix(m.Path, "/sswweek/") {
		return nil
	}
	return templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		v, err := a.subscribeFormView(ctx, m.Lang, "footer-subscribe")
		if err != nil {
			// The page matters more than its footer: an error page shown
			// because the database is down must still be shown.
			if web.Unavailable(err) {
				a.OutagePartLeftOut(ctx, err) // logged once per outage, not per page
				return nil
			}
			a.logger.WarnContext(ctx, "footer sign-up form left out", "error", err, "request_id", web.RequestID(ctx))
			return nil
		}
		v.Compact, v.StampLast = true, true
		return public.SubscribeFooter(m, v).Render(ctx, w)
	})
}

// renderSubscribe shows the sign-up page with status; a page with
// problems is kept out of search engines and caches.
func (a *Handlers) renderSubscribe(w http.ResponseWriter, r *http.Request, status int, v public.SubscribeFormView) error {
	m := a.signMeta(r, "subscribe.title", "subscribe.description", status != http.StatusOK)
	m.Title = public.SubscribeTitle(m, v.Problems)
	// The form carries a stamp and, after a problem, what was typed.
	w.Header().Set("Cache-Control", "no-store")
	return a.Render(w, r, status, public.SubscribePage(m, v))
}

// SubscribeForm serves the sign-up page.
func (a *Handlers) SubscribeForm(w http.ResponseWriter, r *http.Request) error {
	v, err := a.subscribeFormView(r.Context(), web.Lang(r), "subscribe")
	if err != nil {
		return err
	}
	return a.renderSubscribe(w, r, http.StatusOK, v)
}

// subscribeTextFields are the sign-up form's fields a visitor types or
// picks, by the name of the problem shown beside each (the form stamp,
// when mangled, shows as an expired form).
var subscribeTextFields = map[string]string{
	"email": "email", "name": "name", "lang": "lang", "daily": "lists", "updates": "lists", "consent": "consent",
}

// subscribePost is a sign-up form as received.
type subscribePost struct {
	Form     public.SubscribeValues
	Input    store.SubscriberInput
	Problems form.Problems // field -> i18n key
	// Robot and Flooded are the guard's verdict (see verdict).
	Robot, Flooded bool
}

// readSubscribeForm reads and checks a sign-up from any of the forms (the
// footer's, the SSWWeek pages', the sign-up page's).
func (a *Handlers) readSubscribeForm(w http.ResponseWriter, r *http.Request) (subscribePost, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxSubscribeForm)
	if err := r.ParseForm(); err != nil {
		return subscribePost{}, web.BadRequest(err)
	}
	v, garbled := web.CleanText(r.PostForm)
	f := public.SubscribeValues{Email: v.Get("email"), Name: v.Get("name"), Lang: v.Get("lang"),
		Daily: v.Get("daily") != "", Updates: v.Get("updates") != "", Consent: v.Get("consent") != "",
		Started: v.Get("started")}
	p := subscribePost{Form: f, Problems: form.Problems{}}
	g, err := a.Guard().Check(r, v, web.SubscribeGuarded)
	switch {
	case g.Robot:
		p.Robot = true
		return p, nil
	case err != nil:
		return p, err // p holds the form as typed, to show again
	case g.Flooded:
		p.Flooded, p.Problems = true, g.Problems
		return p, nil
	}
	p.Problems = g.Problems
	p.Input = store.SubscriberInput{Email: f.Email, Name: f.Name, Lang: f.Lang, Daily: f.Daily, Updates: f.Updates}
	for field, key := range subscribe.Check(&p.Input, f.Consent) {
		p.Problems[field] = key
	}
	for field := range garbled {
		if problem, ok := subscribeTextFields[field]; ok {
			p.Problems[problem] = "subscribe.error.text"
		}
	}
	// Show what was kept, tidied.
	p.Form.Email, p.Form.Name = p.Input.Email, p.Input.Name
	return p, nil
}

// SubscribeSubmit takes a sign-up: problems show the form again (400),
// over the limits it is refused with a message (429), and otherwise the
// visitor is sent to check their email, whether the address was new,
// pending, unsubscribed or already subscribed (what differs goes to the
// address by email). A robot is sent there too, with nothing saved.
func (a *Handlers) SubscribeSubmit(w http.ResponseWriter, r *http.Request) error {
	ctx, l := r.Context(), web.Lang(r)
	p, err := a.readSubscribeForm(w, r)
	if err != nil {
		return a.subscribeUnavailable(w, r, p, err)
	}
	sent := l.Path("/sswweek/subscribe/check-email")
	if p.Robot {
		a.logger.InfoContext(ctx, "sign-up form: robot answered as accepted", "request_id", web.RequestID(ctx))
		return web.SeeOther(w, r, sent)
	}
	status := http.StatusBadRequest
	if p.Flooded {
		status = http.StatusTooManyRequests
	} else if len(p.Problems) == 0 {
		ok, err := a.Guard().Admit(r, web.SubscribeGuarded)
		if err != nil {
			return a.subscribeUnavailable(w, r, p, err)
		}
		if ok {
			if err := a.subscribe.Subscribe(ctx, p.Input, web.ClientIP(r)); err != nil {
				return a.subscribeUnavailable(w, r, p, err)
			}
			return web.SeeOther(w, r, sent)
		}
		status, p.Problems = http.StatusTooManyRequests, web.SubscribeGuarded.Refused()
	}
	if status == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", strconv.Itoa(int(web.SignWindow.Seconds())))
	}
	v := public.SubscribeFormView{ID: "subscribe", Action: l.Path("/sswweek/subscribe"), Form: p.Form, Problems: public.SubscribeProblems(p.Problems)}
	if v.Form.Started, err = a.Guard().Restamp(ctx, v.Form.Started); err != nil {
		return err
	}
	return a.renderSubscribe(w, r, status, v)
}

// subscribeUnavailable answers a sign-up that met err. When err means the
// database went away, the visitor gets the form again (503, with
// Retry-After) with everything typed and a message to send it again in a
// moment: the sign-up is one transaction, so nothing of it was saved. Any
// other error is returned.
func (a *Handlers) subscribeUnavailable(w http.ResponseWriter, r *http.Request, p subscribePost, err error) error {
	if !web.Unavailable(err) {
		return err
	}
	ctx, l := r.Context(), web.Lang(r)
	v := public.SubscribeFormView{ID: "subscribe", Action: l.Path("/sswweek/subscribe"), Form: p.Form,
		Problems: map[string]string{"form": "subscribe.error.form.unavailable"}}
	stamp, stampErr := a.Guard().Restamp(ctx, v.Form.Started)
	if stampErr != nil {
		return err // not even a stamp: the error page says to come back
	}
	v.Form.Started = stamp
	a.OutageRefused(ctx, err) // a refused request, counted with the outage
	w.Header().Set("Retry-After", web.RetryAfter)
	return a.renderSubscribe(w, r, http.StatusServiceUnavailable, v)
}

// SubscribeSent asks the visitor to look for our email.
func (a *Handlers) SubscribeSent(w http.ResponseWriter, r *http.Request) error {
	m := a.signMeta(r, "subscribe.sent.title", "subscribe.sent.open", true)
	return a.renderLinkPage(w, r, public.SubscribeSent(m))
}

// subscribeLinkExpired answers a confirmation link that no longer works.
func (a *Handlers) subscribeLinkExpired(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Cache-Control", "no-store")
	m := a.signMeta(r, "subscribe.link.title", "subscribe.link.text", true)
	return a.Render(w, r, http.StatusNotFound, public.SubscribeLinkExpired(m))
}
