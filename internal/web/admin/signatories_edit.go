package admin

import (
	"net/http"
	"sync"

	"github.com/sswalliance/advocacy/internal/form"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/org"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/admin"
)

func (a *Handlers) SignatoryNew(w http.ResponseWriter, r *http.Request) error {
	v := signatoryFormView(0, web.SignatoryForm{}, nil)
	return a.Render(w, r, http.StatusOK, admin.SignatoryNew(a.Frame(r, "Add a signatory"), v))
}

func (a *Handlers) SignatoryCreate(w http.ResponseWriter, r *http.Request) error {
	p, err := a.forms.ReadSignatoryForm(w, r, web.SignStaffAdd)
	if err != nil {
		return err
	}
	if len(p.Problems) > 0 {
		v := signatoryFormView(0, p.Form, p.Problems)
		return a.Render(w, r, http.StatusUnprocessableEntity, admin.SignatoryNew(a.Frame(r, "Add a signatory"), v))
	}
	id, err := a.signing.Add(r.Context(), p.Input, web.StaffActor(r))
	if err != nil {
		return err
	}
	a.Flash(r, p.Input.Name+" is added and on the wall.")
	return web.SeeOther(w, r, string(admin.SignatoryURL(id)))
}

func (a *Handlers) SignatoryEdit(w http.ResponseWriter, r *http.Request) error {
	sig, err := a.signatoryFromPath(r)
	if err != nil {
		return err
	}
	v := signatoryFormView(sig.ID, web.SignatoryFormOf(sig), nil)
	return a.Render(w, r, http.StatusOK, admin.SignatoryEdit(a.Frame(r, sig.Name), v))
}

func (a *Handlers) SignatoryUpdate(w http.ResponseWriter, r *http.Request) error {
	sig, err := a.signatoryFromPath(r)
	if err != nil {
		return err
	}
	p, err := a.forms.ReadSignatoryForm(w, r, web.SignStaffEdit)
	if err != nil {
		return err
	}
	if len(p.Problems) > 0 {
		if p.Form.LogoSHA == "" {
			p.Form.LogoSHA = sig.LogoSHA // no new logo: the current one stays
		}
		v := signatoryFormView(sig.ID, p.Form, p.Problems)
		return a.Render(w, r, http.StatusUnprocessableEntity, admin.SignatoryEdit(a.Frame(r, sig.Name), v))
	}
	if err := a.signing.Edit(r.Context(), sig.ID, p.Input, web.StaffActor(r)); err != nil {
		return err
	}
	a.Flash(r, "Changes to "+p.Input.Name+" saved.")
	return web.SeeOther(w, r, string(admin.SignatoryURL(sig.ID)))
}

// signatoryFormFields are the ids of the sign form's fields in the order
// they are on the page, for the error summary; "signatory-form" is the
// form itself, where a problem with the whole form (form.Whole) points.
var signatoryFormFields = []string{"signatory-form", "name", "website", "country", "type", "statement",
	"contact_name", "contact_email", "role", "logo", "consent"}

// staffCountries are the countries in English, A to Z, for the staff form.
var staffCountries = sync.OnceValue(func() []admin.Option {
	var out []admin.Option
	for _, c := range org.CountriesByName(i18n.EN, nil) {
		out = append(out, admin.Option{Value: c.Code, Label: c.Name})
	}
	return out
})

// signatoryFormView is the staff form showing f, with problems (field to
// i18n key) beside their fields, in English; id is 0 for a new signatory.
func signatoryFormView(id int64, f web.SignatoryForm, problems form.Problems) admin.SignatoryFormView {
	v := admin.SignatoryFormView{ID: id, Name: f.Name, Website: f.Website, Country: f.Country, OrgType: f.OrgType,
		ContactName: f.ContactName, ContactEmail: f.ContactEmail, ContactRole: f.ContactRole, Statement: f.Statement,
		Consent: f.Consent, LogoSHA: f.LogoSHA, LogoRef: f.LogoRef, Countries: staffCountries(),
		FieldProblems: form.Problems{}}
	if v.OrgType == "" {
		v.OrgType = "other"
	}
	for _, t := range store.OrgTypes {
		v.Types = append(v.Types, admin.Option{Value: t, Label: org.OrgTypeName(t, i18n.EN)})
	}
	english := form.Problems{}
	for field, key := range problems {
		msg := i18n.EN.T(key) + "."
		if field == form.Whole {
			english.Add("signatory-form", msg)
			continue
		}
		english.Add(field, msg)
		v.FieldProblems[field] = msg
	}
	v.Problems = web.Summary(english, signatoryFormFields...)
	return v
}
