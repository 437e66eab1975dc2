package admin

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/form"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/admin"
)

// redirectFormLimit bounds the body of the redirect forms: three short fields.
const redirectFormLimit = 16 << 10

// RedirectList shows the redirects and the form to add one.
func (a *Handlers) RedirectList(w http.ResponseWriter, r *http.Request) error {
	return a.renderRedirects(w, r, http.StatusOK, admin.RedirectForm{Status: "301"})
}

func (a *Handlers) renderRedirects(w http.ResponseWriter, r *http.Request, status int, f admin.RedirectForm) error {
	list, err := content.Redirects(r.Context(), a.pool)
	if err != nil {
		return err
	}
	return a.Render(w, r, status, admin.Redirects(a.Frame(r, "Redirects"), admin.RedirectsView{Redirects: list, Form: f}))
}

// RedirectCreate adds a redirect, or shows the form again with what to fix
// beside each field.
func (a *Handlers) RedirectCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if !a.ReadStaffForm(w, r, redirectFormLimit, "saved") {
		return nil
	}
	in := content.RedirectForm{
		From:   strings.TrimSpace(r.PostForm.Get("from")),
		To:     strings.TrimSpace(r.PostForm.Get("to")),
		Status: r.PostForm.Get("status"),
	}
	f := admin.RedirectForm{From: in.From, To: in.To, Status: in.Status}
	rd, id, problems, err := content.AddRedirect(ctx, a.pool, in)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		p := form.Problems(problems)
		f.FromProblem, f.ToProblem, f.StatusProblem = p["from"], p["to"], p["status"]
		f.Problems = web.Summary(p, "from", "to", "status")
		return a.renderRedirects(w, r, http.StatusUnprocessableEntity, f)
	}
	a.Audit(r, web.StaffActor(r).Event(store.ActionRedirectAdd, "redirect", fmt.Sprint(id), rd.From(),
		fmt.Sprintf("to %s (%d)", rd.To, rd.Status)))
	a.Flash(r, fmt.Sprintf("Visitors to %s now go to %s.", rd.From(), rd.To))
	return web.SeeOther(w, r, "/admin/redirects")
}

// RedirectDelete removes a redirect.
func (a *Handlers) RedirectDelete(w http.ResponseWriter, r *http.Request) error {
	id, ok := web.RowID(chi.URLParam(r, "id"))
	if !ok {
		return store.ErrNotFound
	}
	rd, err := content.DeleteRedirect(r.Context(), a.pool, id)
	if errors.Is(err, content.ErrNotFound) {
		a.Flash(r, "That redirect was already deleted.")
		return web.SeeOther(w, r, "/admin/redirects")
	}
	if err != nil {
		return err
	}
	a.Audit(r, web.StaffActor(r).Event(store.ActionRedirectDelete, "redirect", fmt.Sprint(id), rd.From(), "to "+rd.To))
	a.Flash(r, fmt.Sprintf("The redirect from %s is deleted: that address is not found now.", rd.From()))
	return web.SeeOther(w, r, "/admin/redirects")
}
