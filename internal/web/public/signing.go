package public

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/a-h/templ"
	"github.com/go-chi/chi/v5"

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
	sent := l.Path("/call-to-action/sign/check-email")
	if p.Robot {
		a.logger.InfoContext(ctx, "sign form: robot answered as accepted", "request_id", web.RequestID(ctx))
		http.Redirect(w, r, sent, http.StatusSeeOther)
		return nil
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
				http.Redirect(w, r, sent, http.StatusSeeOther)
				return nil
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
func (a *Handlers) SignSent(w http.ResponseWriter, r *http.Request) error {
	return a.Render(w, r, http.StatusOK, public.SignSent(a.signMeta(r, "cta.sign.sent.title", "cta.sign.sent.description", true)))
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
		return a.renderLinkPage(w, r, public.SignSent(a.signMeta(r, "cta.sign.sent.title", "cta.sign.sent.description", true)))
	}
	m := a.signMeta(r, "cta.changed.title", "cta.change.description", true)
	return a.renderLinkPage(w, r, public.SignDone(m, "cta.changed.title", "cta.changed.text"))
}

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

// maxSignatoryQuery is the longest name search, in characters.
const maxSignatoryQuery = 200

// PublicSignatories lists the approved signatories, with a name search and
// filters by country and type. A value the list does not know is named
// beside its control (status 400) and the rest of the query still applies.
func (a *Handlers) PublicSignatories(w http.ResponseWriter, r *http.Request) error {
	ctx, l := r.Context(), web.Lang(r)
	codes, err := a.store.SignatoryCountries(ctx)
	if err != nil {
		return err
	}
	if codes == nil {
		codes = []string{} // nil would mean every country
	}
	q := r.URL.Query()
	v := public.SignatoriesView{
		Form:      public.SignatoriesForm{Q: q.Get("q"), Country: q.Get("country"), Type: q.Get("type")},
		Countries: org.CountriesByName(l, codes),
	}
	fail := func(field, key string, repl ...string) {
		v.Errors = append(v.Errors, public.LibraryError{Field: field, Message: resourceMsg(l, key, repl...)})
	}
	var f store.PublicFilter
	if query := strings.Join(strings.Fields(v.Form.Q), " "); utf8.RuneCountInString(query) > maxSignatoryQuery {
		fail(public.SignatoriesFieldQ, "cta.list.error.q", "{max}", strconv.Itoa(maxSignatoryQuery))
	} else {
		f.Query, f.QueryKey = query, signing.NameKey(query)
	}
	if c := v.Form.Country; c != "" {
		if slices.Contains(codes, c) {
			f.Country = c
		} else {
			fail(public.SignatoriesFieldCountry, "cta.list.error.country", "{v}", org.CountryName(c, l))
		}
	}
	if t := v.Form.Type; t != "" {
		if slices.Contains(store.OrgTypes, t) {
			f.OrgType = t
		} else {
			fail(public.SignatoriesFieldType, "cta.list.error.type", "{v}", t)
		}
	}
	if v.Signatories, err = a.store.PublicSignatories(ctx, f); err != nil {
		return err
	}
	v.Filtered = f.Query != "" || f.Country != "" || f.OrgType != "" || len(v.Errors) > 0
	n, plural := len(v.Signatories), ".other"
	if n == 1 {
		plural = ".one"
	}
	if v.Filtered {
		v.Count = resourceMsg(l, "cta.list.match"+plural, "{n}", strconv.Itoa(n))
	} else {
		v.Count = resourceMsg(l, "cta.list.count"+plural, "{n}", strconv.Itoa(n))
	}

	status := http.StatusOK
	m := a.signMeta(r, "cta.list.title", "cta.list.description", false)
	if len(v.Errors) > 0 {
		status = http.StatusBadRequest
		m.Title = l.T("form.error.prefix") + " " + m.Title
	}
	return a.Render(w, r, status, public.Signatories(m, v))
}

// signatoryRecord is one signatory in the open data: the organisation,
// never its contact.
type signatoryRecord struct {
	Name        string `json:"name"`
	Website     string `json:"website"`
	Country     string `json:"country"`      // ISO 3166-1 alpha-2, or ""
	CountryName string `json:"country_name"` // in English
	Type        string `json:"type"`
	ApprovedAt  string `json:"approved_at"` // an RFC 3339 full date
	LogoURL     string `json:"logo_url"`    // absolute, or "" without a logo
}

// signatoryRecords returns every approved signatory as open data.
func (a *Handlers) signatoryRecords(ctx context.Context) ([]signatoryRecord, error) {
	list, err := a.store.PublicSignatories(ctx, store.PublicFilter{})
	if err != nil {
		return nil, err
	}
	base := strings.TrimSuffix(a.cfg.BaseURL.String(), "/")
	out := make([]signatoryRecord, len(list))
	for i, s := range list {
		rec := signatoryRecord{Name: s.Name, Website: s.Website, Country: s.Country, Type: s.OrgType,
			ApprovedAt: s.ApprovedAt.UTC().Format(time.DateOnly)}
		if s.Country != "" {
			rec.CountryName = org.CountryName(s.Country, i18n.EN)
		}
		if s.LogoSHA != "" {
			rec.LogoURL = base + public.LogoPath(s.LogoSHA)
		}
		out[i] = rec
	}
	return out, nil
}

// openDataHeaders mark the open data as public, briefly cacheable, and
// readable by scripts on other sites (it holds nothing private).
func openDataHeaders(w http.ResponseWriter, contentType string) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Cache-Control", "public, max-age=300")
	h.Set("Access-Control-Allow-Origin", "*")
}

// SignatoriesJSON serves the approved signatories as JSON:
// {"count": N, "signatories": [...]}.
func (a *Handlers) SignatoriesJSON(w http.ResponseWriter, r *http.Request) error {
	list, err := a.signatoryRecords(r.Context())
	if err != nil {
		return err
	}
	body, err := json.MarshalIndent(struct {
		Count       int               `json:"count"`
		Signatories []signatoryRecord `json:"signatories"`
	}{len(list), list}, "", "  ")
	if err != nil {
		return err
	}
	openDataHeaders(w, "application/json; charset=utf-8")
	_, err = w.Write(append(body, '\n'))
	return err
}

// signatoryCSVHeader names the CSV's columns, as in the JSON.
var signatoryCSVHeader = []string{"name", "website", "country", "country_name", "type", "approved_at", "logo_url"}

// SignatoriesCSV serves the approved signatories as CSV, with a header
// row. It starts with a byte order mark, without which Excel misreads
// accented names as another encoding.
func (a *Handlers) SignatoriesCSV(w http.ResponseWriter, r *http.Request) error {
	list, err := a.signatoryRecords(r.Context())
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString("\ufeff")
	cw := csv.NewWriter(&b)
	cw.Write(signatoryCSVHeader)
	for _, s := range list {
		cw.Write([]string{web.CSVCell(s.Name), web.CSVCell(s.Website), web.CSVCell(s.Country), web.CSVCell(s.CountryName),
			web.CSVCell(s.Type), web.CSVCell(s.ApprovedAt), web.CSVCell(s.LogoURL)})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	openDataHeaders(w, "text/csv; charset=utf-8; header=present")
	w.Header().Set("Content-Disposition", `attachment; filename="call-to-action-signatories.csv"`)
	_, err = w.Write([]byte(b.String()))
	return err
}
