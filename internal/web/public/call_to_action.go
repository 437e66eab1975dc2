package public

import (
	"errors"
	"net/http"

	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/public"
)

// document returns the resource holding a page's downloadable document, or
// an empty one when staff have not published it (the page then says so).
func (a *Handlers) document(r *http.Request, slug string) (store.Resource, error) {
	doc, err := a.store.Resource(r.Context(), slug, web.Lang(r))
	if errors.Is(err, store.ErrNotFound) {
		return store.Resource{}, nil
	}
	return doc, err
}

// wallSize is how many signatories the wall on the Call to Action page
// shows at most: a few rows of logos, enough to show who is joining, in a
// page that stays the same size however many sign (the full list has
// its own pages). 48 fills every row of the grid evenly at 2, 3, 4, 6 or
// 8 to a row.
const wallSize = 48

// CallToAction serves the Call to Action: its text, recommendations and
// document, the count of signatories and the wall of the latest.
func (a *Handlers) CallToAction(w http.ResponseWriter, r *http.Request) error {
	l := web.Lang(r)
	p, err := a.store.Page(r.Context(), "call-to-action", l)
	if err != nil {
		return err
	}
	v := public.CallToActionView{Page: p}
	if v.Recommendations, err = a.store.Recommendations(r.Context(), l); err != nil {
		return err
	}
	if v.Document, err = a.document(r, "call-to-action"); err != nil {
		return err
	}
	wall, err := a.store.SignatoryWall(r.Context(), wallSize)
	if err != nil {
		return err
	}
	v.Signatories, v.Wall = wall.Total, wall.Latest
	m, err := a.WithLead(r.Context(), a.Meta(r, p.Title, p.Description), p.LeadImage)
	if err != nil {
		return err
	}
	// The link preview shows the Call to Action's card, lead image or not.
	m.Image = cardImage(l, "/call-to-action/card.png", callToActionCard(l, p, a.cfg.BaseURL.Host))
	return a.Render(w, r, http.StatusOK, public.CallToAction(m, v))
}

func (a *Handlers) Toolkit(w http.ResponseWriter, r *http.Request) error {
	l := web.Lang(r)
	p, err := a.store.Page(r.Context(), "toolkit", l)
	if err != nil {
		return err
	}
	v := public.ToolkitView{Page: p}
	if v.Document, err = a.document(r, "global-advocacy-toolkit"); err != nil {
		return err
	}
	types, err := a.store.ResourceTypes(r.Context(), l)
	if err != nil {
		return err
	}
	for _, t := range types {
		if t.Toolkit {
			v.Components = append(v.Components, t)
		}
	}
	m, err := a.WithLead(r.Context(), a.Meta(r, p.Title, p.Description), p.LeadImage)
	if err != nil {
		return err
	}
	return a.Render(w, r, http.StatusOK, public.Toolkit(m, v))
}
