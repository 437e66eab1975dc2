package web

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/sswalliance/advocacy/internal/form"
	"github.com/sswalliance/advocacy/internal/logo"
	"github.com/sswalliance/advocacy/internal/signing"
	"github.com/sswalliance/advocacy/internal/store"
)

// Defences of the public forms against robots and floods.
const (
	// MinFillTime is the least time a person takes to fill in the sign
	// form; a form sent sooner is a robot's, answered as if accepted.
	MinFillTime = 2 * time.Second
	// MaxFormAge is how long a shown form can be sent: a stamp cannot be
	// fetched once and reused for ever.
	MaxFormAge = 24 * time.Hour
	// SignLimit is how many submissions one address may make in
	// SignWindow; more are refused with a message.
	SignLimit  = 5
	SignWindow = time.Hour
	// SignAttemptLimit bounds every post of the sign form from one address
	// in SignWindow, accepted or not: each logo costs up to a second of
	// decoding, so refused tries are limited too.
	SignAttemptLimit = 30
	// LogoQuota is how many logos the public forms may store in
	// LogoQuotaWindow, from everyone together: each is kept for two days
	// (up to 5 MB and its PNG) even when the form is never sent, so many
	// addresses at once cannot fill the database. It is a last resort,
	// well above what signing takes: only posts past the robot checks and
	// the limits count, and LogoAddrQuota keeps one address (however wrong
	// its other fields) from using it up: it would take sixty.
	// A logo over either quota is refused with a message (429).
	LogoQuota = 300
	// LogoAddrQuota is how many logos one address (an IPv6 /64) may store
	// in LogoQuotaWindow.
	LogoAddrQuota   = 5
	LogoQuotaWindow = time.Hour
)

// The names posts are counted under, besides each form's own.
const (
	SignAttemptName = "sign-attempt"
	// logoQuotaName counts stored logos for everyone, under the
	// unspecified address.
	logoQuotaName = "logo-stored"
	// logoAddrQuotaName counts stored logos per address.
	logoAddrQuotaName = "logo-stored-address"
)

// SignatoryForm is the sign form as typed, to show it again.
type SignatoryForm struct {
	Name, Website, Country, OrgType        string
	ContactName, ContactEmail, ContactRole string
	Statement                              string
	Consent                                bool
	// LogoSHA is a logo accepted on this or an earlier try (for a
	// thumbnail); LogoRef keeps it in a hidden field, signed so that a
	// form can only refer to a logo this site accepted for it.
	LogoSHA, LogoRef string
	// Started is the form stamp: when the form was first shown, signed.
	Started string
}

// SignatoryFormOf fills a form from a stored signatory (to edit it).
func SignatoryFormOf(s store.Signatory) SignatoryForm {
	return SignatoryForm{Name: s.Name, Website: s.Website, Country: s.Country, OrgType: s.OrgType,
		ContactName: s.ContactName, ContactEmail: s.ContactEmail, ContactRole: s.ContactRole,
		Statement: s.Statement, Consent: s.ConsentAt != nil, LogoSHA: s.LogoSHA}
}

// FormMode says who fills in the form, and so what it requires.
type FormMode int

const (
	// SignPublic is a visitor signing: everything required, including a
	// logo and consent, and the robot checks apply.
	SignPublic FormMode = iota
	// SignChange is a contact fixing a submission: a new logo is optional.
	SignChange
	// SignStaffAdd is staff adding an organisation: a logo is required,
	// the contact is optional.
	SignStaffAdd
	// SignStaffEdit is staff editing: only the name is required.
	SignStaffEdit
)

// SignatoryPost is a sign form as received.
type SignatoryPost struct {
	Form     SignatoryForm
	Input    store.SignatoryInput
	Problems form.Problems // field -> i18n key
	// Robot and Flooded are the guard's Verdict (see Verdict).
	Robot, Flooded bool
	// LogoLost is set, with an error, when a logo was sent that could not
	// be kept (the database went away before it was stored).
	LogoLost bool
	// Busy is set when the site was too busy to read the logo (every
	// upload or decode slot taken): answer 503, everything else kept.
	Busy bool
	// QuotaFull is set when a logo was refused over a quota.
	QuotaFull bool
}

// signTextFields are the sign form's fields a visitor types or picks, by
// the name of the problem shown beside each (the hidden fields, when
// mangled, show as an expired form or a missing logo).
var signTextFields = map[string]string{
	"name": "name", "website": "website", "country": "country", "type": "type",
	"contact_name": "contact_name", "contact_email": "contact_email", "role": "role",
	"statement": "statement", "consent": "consent",
}

// ReadSignatoryForm reads and checks a sign form. On the public forms
// (signing, and a contact's change), a logo sent with it is decoded and
// stored (by its hash) only for a post past the honeypot, the stamp and
// the limits, and within the quotas (LogoAddrQuota per address,
// LogoQuota in all), so robots cost no decoding and no storage; the form
// then keeps it (by a signed reference) while the visitor fixes any other
// field. Staff forms keep a logo whatever else needs fixing. With an error (the
// database went away), the post it returns still holds the form as
// typed, with the logo kept from an earlier try, to show again.
func (a *Forms) ReadSignatoryForm(w http.ResponseWriter, r *http.Request, mode FormMode) (SignatoryPost, error) {
	ctx := r.Context()
	public := mode == SignPublic || mode == SignChange
	// The guard's checks (the honeypot, the stamp, the limits), made
	// once: when the logo's part begins, so that a post that fails them
	// is not read into memory, or else once the whole form is in.
	var gate struct {
		done bool
		Verdict
		err error
	}
	check := func(values url.Values) {
		if gate.done || mode != SignPublic {
			return
		}
		gate.done = true
		gate.Verdict, gate.err = a.Guard().Check(r, values, SignGuarded)
	}
	admit := func(values url.Values) bool {
		check(values)
		return !gate.Robot && gate.Problems.OK() && !gate.Flooded && gate.err == nil
	}
	up, err := a.readPublicForm(w, r, "logo", logo.MaxBytes, admit)
	defer up.release()
	values := up.values
	var cut *http.MaxBytesError
	if errors.As(err, &cut) {
		// Far over the limit: the file was cut off, and with it any field
		// after it. Show what arrived, with the file's message.
		up.release()
		values, up.data, up.tooLarge, err = cutForm(values), nil, true, nil
	}
	if err != nil {
		return SignatoryPost{}, BadRequest(err)
	}
	values, garbled := CleanText(values)
	f := SignatoryForm{
		Name: values.Get("name"), Website: values.Get("website"), Country: values.Get("country"),
		OrgType: values.Get("type"), ContactName: values.Get("contact_name"),
		ContactEmail: values.Get("contact_email"), ContactRole: values.Get("role"),
		Statement: values.Get("statement"), Consent: values.Get("consent") != "",
		Started: values.Get("started"),
	}
	p := SignatoryPost{Form: f}
	// fail returns err with the form as typed and the logo the form
	// already carried (its signature needs no database), to show again.
	fail := func(err error) (SignatoryPost, error) {
		p.Form = f
		if sha, _, ok := a.verifyLogoRef(ctx, values.Get("logo_ref")); ok {
			p.Form.LogoSHA, p.Form.LogoRef = sha, values.Get("logo_ref")
		}
		p.LogoLost = up.sent
		return p, err
	}
	if mode == SignPublic {
		// The honeypot comes after the logo in the form: checked again.
		if values.Get("homepage") != "" {
			p.Robot = true
			return p, nil
		}
		check(values)
		switch {
		case gate.Robot:
			p.Robot = true
			return p, nil
		case gate.err != nil:
			return fail(gate.err)
		case gate.Flooded:
			p.Flooded, p.Problems = true, gate.Problems
		case !gate.Problems.OK():
			p.Problems = gate.Problems
		}
		if !p.Problems.OK() {
			up.release()
			up.data = nil // read before the checks (sent first): dropped
		}
	}
	in := store.SignatoryInput{
		Name: f.Name, Website: f.Website, Country: f.Country, OrgType: f.OrgType,
		ContactName: f.ContactName, ContactEmail: f.ContactEmail, ContactRole: f.ContactRole,
		Statement: f.Statement, Consent: f.Consent, Lang: string(Lang(r)),
	}
	problems := signing.Check(&in, public)
	for field := range garbled {
		if problem, ok := signTextFields[field]; ok {
			problems[problem] = "sign.error.text"
		}
	}
	for k, v := range p.Problems {
		problems[k] = v
	}

	// The logo: a new file wins over one kept from an earlier try.
	if refSHA, origSHA, ok, err := a.openLogoRef(ctx, values.Get("logo_ref")); err != nil {
		return fail(err)
	} else if ok {
		in.LogoSHA, in.OriginalSHA = refSHA, origSHA
	}
	switch {
	case up.tooLarge:
		problems["logo"] = "sign.error.logo.large"
	case up.busy:
		p.Busy, problems["logo"] = true, "sign.error.logo.busy"
	case up.data == nil:
	default:
		key, err := a.keepLogo(r, up.data, public, &in)
		if err != nil {
			return fail(err)
		}
		switch key {
		case "":
		case "sign.error.logo.busy":
			p.Busy = true
		case "sign.error.logo.quota", "sign.error.logo.quota.address":
			p.QuotaFull = true
		}
		if key != "" {
			problems["logo"] = key
		}
	}
	up.release()
	if in.LogoSHA == "" && problems["logo"] == "" && !p.Flooded && (mode == SignPublic || mode == SignStaffAdd) {
		problems["logo"] = "sign.error.logo.required"
	}
	if in.LogoSHA != "" {
		f.LogoSHA = in.LogoSHA
		ref, err := a.LogoRef(ctx, in.LogoSHA, in.OriginalSHA)
		if err != nil {
			return fail(err)
		}
		f.LogoRef = ref
	}
	// Show what was kept, tidied (a website completed with https://).
	f.Name, f.Website, f.ContactName, f.ContactEmail, f.ContactRole = in.Name, in.Website, in.ContactName, in.ContactEmail, in.ContactRole
	if problems["website"] != "" {
		f.Website = values.Get("website")
	}
	p.Form, p.Input = f, in
	if len(problems) > 0 {
		p.Problems = problems
	}
	return p, nil
}

// keepLogo decodes an uploaded logo and stores it, setting in's logo to
// it, or returns the i18n key of the message saying why not. On the
// public forms it counts against the quotas first: LogoAddrQuota from the
// post's address, LogoQuota from everyone. The error is the database's.
func (a *Forms) keepLogo(r *http.Request, data []byte, public bool, in *store.SignatoryInput) (string, error) {
	ctx := r.Context()
	l, err := logo.Process(ctx, data)
	if errors.Is(err, logo.ErrBusy) {
		return "sign.error.logo.busy", nil
	}
	if key := logoProblem(err); key != "" {
		return key, nil
	} else if err != nil {
		return "", err
	}
	if public {
		if ok, err := a.store.RecordFormPost(ctx, logoAddrQuotaName, postAddr(r), a.logoAddrQuota, LogoQuotaWindow); err != nil || !ok {
			return "sign.error.logo.quota.address", err
		}
		if ok, err := a.store.RecordFormPost(ctx, logoQuotaName, netip.IPv4Unspecified(), a.logoQuota, LogoQuotaWindow); err != nil || !ok {
			return "sign.error.logo.quota", err
		}
	}
	err = a.store.SaveLogo(ctx, store.Logo{SHA256: l.SHA256, PNG: l.PNG, Width: l.Width, Height: l.Height},
		l.Original, SHA256Hex(l.Original), l.OriginalType, l.OriginalExt)
	if err != nil {
		return "", err
	}
	in.LogoSHA, in.OriginalSHA = l.SHA256, SHA256Hex(l.Original)
	return "", nil
}

// Refusal is the status a sign form with problems is answered with, and
// its Retry-After when waiting helps: 503 when the site was too busy to
// read the logo, 429 over a limit, 400 otherwise.
func (p SignatoryPost) Refusal(w http.ResponseWriter) int {
	switch {
	case p.Busy:
		w.Header().Set("Retry-After", RetryAfter)
		return http.StatusServiceUnavailable
	case p.Flooded:
		w.Header().Set("Retry-After", strconv.Itoa(int(SignWindow.Seconds())))
		return http.StatusTooManyRequests
	case p.QuotaFull:
		w.Header().Set("Retry-After", strconv.Itoa(int(LogoQuotaWindow.Seconds())))
		return http.StatusTooManyRequests
	}
	return http.StatusBadRequest
}

// CleanText returns the text fields of a form with every byte sequence
// Postgres cannot store as text (NUL, invalid UTF-8) replaced by U+FFFD,
// and the names of the fields that had one. Such bytes are checked here,
// where the form is read: the form shows the field again marked, with a
// message beside it and everything else kept, where the database would
// have refused the whole post (22021) with a 500.
func CleanText(v url.Values) (url.Values, map[string]bool) {
	var garbled map[string]bool
	for field, values := range v {
		for i, s := range values {
			if form.Typable(s) {
				continue
			}
			if garbled == nil {
				garbled = map[string]bool{}
				v = cloneValues(v)
				values = v[field]
			}
			garbled[field] = true
			values[i] = strings.ReplaceAll(strings.ToValidUTF8(s, "\ufffd"), "\x00", "\ufffd")
		}
	}
	return v, garbled
}

func cloneValues(v url.Values) url.Values {
	c := make(url.Values, len(v))
	for k, vs := range v {
		c[k] = append([]string(nil), vs...)
	}
	return c
}

// cutForm is what arrived of a form cut off mid-upload, without its form
// stamp: the robot checks cannot judge a form that did not arrive whole.
func cutForm(v url.Values) url.Values {
	if v == nil {
		v = url.Values{}
	}
	v.Del("homepage")
	return v
}

// logoProblem is the i18n key of the message for a refused logo, "" when
// err is nil or not a refusal.
func logoProblem(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, logo.ErrEmpty):
		return "sign.error.logo.required"
	case errors.Is(err, logo.ErrTooLarge):
		return "sign.error.logo.large"
	case errors.Is(err, logo.ErrSVG):
		return "sign.error.logo.svg"
	case errors.Is(err, logo.ErrNotImage):
		return "sign.error.logo.notimage"
	case errors.Is(err, logo.ErrCorrupt):
		return "sign.error.logo.corrupt"
	case errors.Is(err, logo.ErrTooManyPixels):
		return "sign.error.logo.pixels"
	case errors.Is(err, logo.ErrTooSmall):
		return "sign.error.logo.small"
	case errors.Is(err, logo.ErrTooDeep):
		return "sign.error.logo.deep"
	}
	return ""
}

func SHA256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return fmt.Sprintf("%x", s)
}

func (a *Forms) LogoRef(ctx context.Context, logoSHA, originalSHA string) (string, error) {
	mac, err := a.signer.Sign(ctx, "logo", logoSHA, originalSHA)
	if err != nil {
		return "", err
	}
	return logoSHA + "." + originalSHA + "." + mac, nil
}

// openLogoRef returns the logo a form's logo reference names, if the
// reference is ours and the logo still stored; an error when the
// database could not say.
func (a *Forms) openLogoRef(ctx context.Context, ref string) (logoSHA, originalSHA string, ok bool, err error) {
	logoSHA, originalSHA, ok = a.verifyLogoRef(ctx, ref)
	if !ok {
		return "", "", false, nil
	}
	if ok, err := a.store.LogoExists(ctx, logoSHA, originalSHA); err != nil || !ok {
		return "", "", false, err
	}
	return logoSHA, originalSHA, true, nil
}

// verifyLogoRef returns the logo a form's logo reference names, if the
// reference was signed here.
func (a *Forms) verifyLogoRef(ctx context.Context, ref string) (logoSHA, originalSHA string, ok bool) {
	parts := strings.Split(ref, ".")
	if len(parts) != 3 {
		return "", "", false
	}
	if genuine, err := a.signer.Verify(ctx, parts[2], "logo", parts[0], parts[1]); err != nil || !genuine {
		return "", "", false
	}
	return parts[0], parts[1], true
}

// postAddr is the address r's posts are counted under: clientNet, with
// unknown addresses sharing one count as ::.
func postAddr(r *http.Request) netip.Addr {
	ip, _ := ClientNet(r)
	return ip
}
