package admin

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/org"
	"github.com/sswalliance/advocacy/internal/signing"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/templates/admin"
)

// The states each staff action moves a signatory from, as package signing
// allows them: the pages offer an action only where it can work.
var (
	approvableFrom = signing.ApproveFrom
	rejectableFrom = signing.RejectFrom
	changeableFrom = signing.RequestChangesFrom
	hideableFrom   = signing.HideFrom
	unhideableFrom = signing.UnhideFrom
)

// decisionFormLimit bounds the body of the decision forms and the bulk
// form: a note and a few hundred ids.
const decisionFormLimit = 64 << 10

func (a *Handlers) SignatoryShow(w http.ResponseWriter, r *http.Request) error {
	sig, err := a.signatoryFromPath(r)
	if err != nil {
		return err
	}
	v, err := a.signatoryView(r.Context(), sig)
	if err != nil {
		return err
	}
	return a.Render(w, r, http.StatusOK, admin.Signatory(a.Frame(r, sig.Name), v))
}

// signatoryView is everything staff see about sig.
func (a *Handlers) signatoryView(ctx context.Context, sig store.Signatory) (admin.SignatoryView, error) {
	v := admin.SignatoryView{Signatory: sig, Type: org.OrgTypeName(sig.OrgType, i18n.EN),
		DomainDiffers:     signing.EmailDomainDiffers(sig.ContactEmail, sig.Website),
		SiteDomain:        signing.Domain(sig.Website),
		CanApprove:        slices.Contains(approvableFrom, sig.Status),
		CanReject:         slices.Contains(rejectableFrom, sig.Status),
		CanRequestChanges: slices.Contains(changeableFrom, sig.Status) && sig.ContactEmail != "", // someone must get the link
		CanHide:           slices.Contains(hideableFrom, sig.Status),
		CanUnhide:         slices.Contains(unhideableFrom, sig.Status),
	}
	if sig.Country != "" {
		v.Country = org.CountryName(sig.Country, i18n.EN)
	}
	l, _ := i18n.Parse(sig.Lang)
	v.Language = map[i18n.Lang]string{i18n.EN: "English", i18n.ES: "Spanish"}[l]
	if _, domain, ok := strings.Cut(sig.ContactEmail, "@"); ok {
		v.EmailDomain = strings.ToLower(domain)
	}
	var err error
	if v.Matches, err = a.store.SignatoryMatches(ctx, sig); err != nil {
		return v, err
	}
	if v.Reasons, err = a.store.RejectionReasons(ctx, "en"); err != nil {
		return v, err
	}
	for _, reason := range v.Reasons {
		if reason.Slug == sig.RejectReason {
			v.ReasonText = reason.Text
		}
	}
	if sig.RejectReason != "" && v.ReasonText == "" {
		v.ReasonText = sig.RejectReason // a reason since removed from the list
	}
	emails, err := a.store.Emails(ctx, store.EmailFilter{SignatoryID: sig.ID, Limit: 200})
	if err != nil {
		return v, err
	}
	v.Emails = emails
	return v, nil
}

// signatoryFromPath returns the signatory named by the {id} in the path.
func (a *Handlers) signatoryFromPath(r *http.Request) (store.Signatory, error) {
	return rowFromPath(r, "signatory", a.store.Signatory)
}
