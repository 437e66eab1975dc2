package admin

import (
	"net/http"

	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/admin"
)

func (a *Handlers) SignatoryEraseForm(w http.ResponseWriter, r *http.Request) error {
	sig, err := a.signatoryFromPath(r)
	if err != nil {
		return err
	}
	v := admin.EraseView{Signatory: sig, Deletes: sig.Status != store.StatusApproved && sig.Status != store.StatusHidden}
	return a.Render(w, r, http.StatusOK, admin.SignatoryErase(a.Frame(r, "Erase "+sig.Name), v))
}

func (a *Handlers) SignatoryErase(w http.ResponseWriter, r *http.Request) error {
	sig, err := a.signatoryFromPath(r)
	if err != nil {
		return err
	}
	deleted, err := a.signing.Erase(r.Context(), sig.ID, web.StaffActor(r))
	if err != nil {
		return err
	}
	if deleted {
		a.Flash(r, "The submission from "+sig.Name+" is deleted, with its contact’s details and emails.")
		return web.SeeOther(w, r, signatoriesURL(sig.Status, ""))
	}
	a.Flash(r, "The contact’s details are erased. "+sig.Name+" stays as it was.")
	return web.SeeOther(w, r, string(admin.SignatoryURL(sig.ID)))
}
