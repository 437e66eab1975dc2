package public

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/a-h/templ"

	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/org"
	"github.com/sswalliance/advocacy/internal/signing"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates"
	"github.com/sswalliance/advocacy/templates/public"
)

// signMeta describes a page of the signing flow; private pages (reached
// from a link in an email, or after sending the form) are kept out of
// search engines.
func (a *Handlers) signMeta(r *http.Request, titleKey, descriptionKey string, private bool) templates.Meta {
	l := web.Lang(r)
	m := a.Meta(r, l.T(titleKey), l.T(descriptionKey))
	m.NoIndex = private
	return m
}

// signView is the sign form's view: the form as typed, its problems, and
// a fresh stamp when the form has none still valid (the stamp records
// when the form was first shown, so it is kept across tries).
func (a *Handlers) signView(ctx context.Context, l i18n.Lang, f web.SignatoryForm, problems map[string]string) (public.SignView, error) {
	v := public.SignView{
		Action:    l.Path("/call-to-action/sign"),
		Form:      publicSignForm(f, a.LogoPreview(ctx, f.LogoSHA)),
		Problems:  problems,
		Countries: org.CountriesByName(l, nil),
	}
	var err error
	if v.Form.Started, err = a.Guard().Restamp(ctx, f.Started); err != nil {
		return public.SignView{}, err
	}
	return v, nil
}

func publicSignForm(f web.SignatoryForm, preview string) public.SignForm {
	return public.SignForm{Name: f.Name, Website: f.Website, Country: f.Country, OrgType: f.OrgType,
		ContactName: f.ContactName, ContactEmail: f.ContactEmail, ContactRole: f.ContactRole,
		Statement: f.Statement, Consent: f.Consent, LogoSHA: f.LogoSHA, LogoRef: f.LogoRef, LogoPreview: preview, Started: f.Started}
}

// renderSign shows the sign form (new or change) with status.
func (a *Handlers) renderSign(w http.ResponseWriter, r *http.Request, status int, v public.SignView) error {
	titleKey, descKey := "cta.sign.title", "cta.sign.description"
	if v.Change {
		titleKey, descKey = "cta.change.title", "cta.change.description"
	}
	m := a.signMeta(r, titleKey, descKey, v.Change || status != http.StatusOK)
	m.Title = public.SignTitle(m, v.Change, v.Problems)
	// The form carries a stamp and, on a second try, what the visitor
	// typed: neither belongs in a shared cache.
	w.Header().Set("Cache-Control", "no-store")
	return a.Render(w, r, status, public.Sign(m, v))
}

// SignForm serves the form to sign the Call to Action.
func (a *Handlers) SignForm(w http.ResponseWriter, r *http.Request) error {
	v, err := a.signView(r.Context(), web.Lang(r), web.SignatoryForm{}, nil)
	if err != nil {
		return err
	}
	return a.renderSign(w, r, http.StatusOK, v)
}

// SignSubmit takes a signature: problems show the form again (400), over
// the rate limit or a logo quota it is refused with a message (429), too
// busy to read the logo it asks to send again in a moment (503, with
// everything typed kept), and otherwise it is
// saved, its confirmation email queued, and the visitor sent to check
// their email. A robot (honeypot filled, form sent too fast) is sent there
// too, with nothing saved, so it learns nothing.
func (a *Handlers) SignSubmit(w http.ResponseWriter, r *http.Request) error {
	ctx, l := r.Context(), web.Lang(r)
	p, err := a.forms.ReadSignatoryForm(w, r, web.SignPublic)
	if err != nil {
		return a.signUnavailable(w, r, p, err, nil)
	}
	if p.Robot {
		a.logger.InfoContext(ctx, "sign form: robot answered as accepted", "request_id", web.RequestID(ctx))
		return web.SeeOther(w, r, a.sentURL(ctx, l, p.Input.Name))
	}
	status := p.Refusal(w)
	if len(p.Problems) == 0 {
		ok, err := a.Guard().Admit(r, web.SignGuarded)
		if err != nil {
			return a.signUnavailable(w, r, p, err, nil)
		}
		if ok {
			_, err := a.signing.Submit(ctx, p.Input, web.ClientIP(r))
			if err == nil {
				return web.SeeOther(w, r, a.sentURL(ctx, l, p.Input.Name))
			}
			if !errors.Is(err, signing.ErrConfirmationSent) {
				return a.signUnavailable(w, r, p, err, nil)
			}
			status, p.Problems = http.StatusTooManyRequests, map[string]string{"contact_email": "sign.error.contact_email.sent"}
			w.Header().Set("Retry-After", strconv.Itoa(int(signing.ConfirmEmailEvery.Seconds())))
		} else {
			status, p.Problems = http.StatusTooManyRequests, web.SignGuarded.Refused()
			w.Header().Set("Retry-After", strconv.Itoa(int(web.SignWindow.Seconds())))
		}
	}
	v, err := a.signView(ctx, l, p.Form, p.Problems)
	if err != nil {
		return err
	}
	return a.renderSign(w, r, status, v)
}

// signUnavailable answers a sign form post that met err. When err means
// the database went away, the visitor gets the form again (503, with
// Retry-After) with everything typed and the logo kept from an earlier
// try, and a message to send it again in a moment: the submission is one
// transaction, so nothing of it was saved. Any other error is returned.
// change is the submission a change form is for (nil for the sign form;
// its zero value when the outage hid it).
func (a *Handlers) signUnavailable(w http.ResponseWriter, r *http.Request, p web.SignatoryPost, err error, change *store.Signatory) error {
	if !web.Unavailable(err) {
		return err
	}
	ctx := r.Context()
	problems := map[string]string{"form": "sign.error.form.unavailable"}
	if p.LogoLost {
		problems["logo"] = "sign.error.logo.again"
	}
	var v public.SignView
	if change != nil {
		v = a.signChangeView(r, *change, p.Form, problems)
	} else {
		var viewErr error
		if v, viewErr = a.signView(ctx, web.Lang(r), p.Form, problems); viewErr != nil {
			return err // not even a stamp: the error page says to come back
		}
	}
	a.OutageRefused(ctx, err) // a refused request, counted with the outage
	w.Header().Set("Retry-After", web.RetryAfter)
	return a.renderSign(w, r, http.StatusServiceUnavailable, v)
}

// SignSent asks the visitor to look for the confirmation email.
// It ends with the share step, a post naming the organisation (see
// sentURL).
func (a *Handlers) SignSent(w http.ResponseWriter, r *http.Request) error {
	m := a.signMeta(r, "cta.sign.sent.title", "cta.sign.sent.description", true)
	m.Copy = true
	// The address names the organisation: no shared cache keeps it.
	w.Header().Set("Cache-Control", "no-store")
	return a.Render(w, r, http.StatusOK, public.SignSent(m, a.signedPost(m.Lang, a.sentName(r))))
}

// signLinkExpired answers a link from our emails that no longer works.
func (a *Handlers) signLinkExpired(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Cache-Control", "no-store")
	return a.Render(w, r, http.StatusNotFound, public.SignLinkExpired(a.signMeta(r, "cta.link.title", "cta.link.text", true)))
}

// renderLinkPage renders a page opened from a link in our emails: never
// cached, never indexed.
func (a *Handlers) renderLinkPage(w http.ResponseWriter, r *http.Request, c templ.Component) error {
	w.Header().Set("Cache-Control", "no-store")
	return a.Render(w, r, http.StatusOK, c)
}
