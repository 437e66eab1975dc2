package admin

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/go-chi/chi/v5"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/form"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/admin"
)

// redirectFormLimit bounds the body of the redirect forms: three short fields.
const redirectFormLimit = 16 << 10

// RedirectList shows the redirects, a page at a time and optionally only
// those whose addresses contain ?q=, and the form to add one.
func (a *Handlers) RedirectList(w http.ResponseWriter, r *http.Request) error {
	return a.renderRedirects(w, r, http.StatusOK, admin.RedirectForm{Status: "301"})
}

// maxRedirectSearch is the longest search of the redirect list, in
// characters: as long as an address may be.
const maxRedirectSearch = 500

// renderRedirects shows the page of the list ?page= and ?q= ask for, with
// the form f. A ?page= that is not a page number, or past the last page,
// shows the first page with a message saying why (400, 404); so does a
// search that cannot be an address.
func (a *Handlers) renderRedirects(w http.ResponseWriter, r *http.Request, status int, f admin.RedirectForm) error {
	q := r.URL.Query()
	v := admin.RedirectsView{Form: f, Page: 1, Search: strings.TrimSpace(q.Get("q"))}
	problemStatus := 0
	if !form.Typable(v.Search) || utf8.RuneCountInString(v.Search) > maxRedirectSearch {
		v.PageProblem, problemStatus = "Search for part of an address of up to 500 characters, without characters pasted from other programs. Every redirect is shown.", http.StatusBadRequest
		v.Search = ""
	}
	if q.Has("page") {
		raw := q.Get("page")
		if n, ok := web.Number(raw, 1, web.MaxPage); ok {
			v.Page = n
		} else {
			v.PageProblem, problemStatus = fmt.Sprintf("“%s” is not a page number, so the first page is shown.", raw), http.StatusBadRequest
		}
	}
	var err error
	if v.Redirects, v.Total, err = content.Redirects(r.Context(), a.pool, v.Search, v.Page); err != nil {
		return err
	}
	v.Pages = max(1, (v.Total+content.RedirectsPerPage-1)/content.RedirectsPerPage)
	if v.Page > v.Pages {
		v.PageProblem, problemStatus = fmt.Sprintf("There is no page %d: the list has %d. The first page is shown.", v.Page, v.Pages), http.StatusNotFound
		v.Page = 1
		if v.Redirects, v.Total, err = content.Redirects(r.Context(), a.pool, v.Search, v.Page); err != nil {
			return err
		}
	}
	if problemStatus != 0 && status == http.StatusOK {
		status = problemStatus
	}
	title := "Redirects"
	if v.Page > 1 {
		title += fmt.Sprintf(" · page %d of %d", v.Page, v.Pages)
	}
	return a.Render(w, r, status, admin.Redirects(a.Frame(r, title), v))
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
