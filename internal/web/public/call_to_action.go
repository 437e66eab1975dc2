package public

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/org"

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
	if err := a.goal(r.Context(), &v); err != nil {
		return err
	}
	breakdown, err := a.store.SignatoryBreakdown(r.Context())
	if err != nil {
		return err
	}
	v.Breakdown = signatoryBreakdown(l, breakdown)
	m, err := a.WithLead(r.Context(), a.Meta(r, p.Title, p.Description), p.LeadImage)
	if err != nil {
		return err
	}
	// The link preview shows the Call to Action's card, lead image or not.
	m.Image = cardImage(l, "/call-to-action/card.png", callToActionCard(l, p, a.cfg.BaseURL.Host))
	return a.Render(w, r, http.StatusOK, public.CallToAction(m, v))
}

// goal adds the goal staff set, if any, to v, with the date it was
// reached once v.Signatories is at or past it.
func (a *Handlers) goal(ctx context.Context, v *public.CallToActionView) error {
	var err error
	if v.Goal, err = a.store.SignatoryGoal(ctx); err != nil || v.Goal == 0 || v.Signatories < v.Goal {
		return err
	}
	at, err := a.store.GoalReachedAt(ctx, v.Goal, v.Signatories)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return nil // some were hidden since the count: the page says it was reached, undated
	case err != nil:
		return err
	}
	v.GoalReachedOn = at.UTC()
	return nil
}

// breakdownCountries is how many countries the breakdown names, the most
// signatories first: a list read at a glance, on a phone too. The others
// are counted together, linking to the full list, whose filter offers
// each of them.
const breakdownCountries = 10

// signatoryBreakdown names the countries and types of b in l, each
// linking to its signatories in the full list: the breakdownCountries
// countries with the most signatories (ties in alphabetical order), then
// the other countries together, then those who gave no country (the list
// cannot filter by that, so it links nowhere); every type.
func signatoryBreakdown(l i18n.Lang, b store.SignatoryBreakdown) public.SignatoryBreakdown {
	var out public.SignatoryBreakdown
	counts := map[string]int{}
	var codes []string
	noCountry := 0
	for _, c := range b.Countries {
		if c.Value == "" {
			noCountry = c.Count
			continue
		}
		counts[c.Value] = c.Count
		codes = append(codes, c.Value)
	}
	countries := []org.Country{}
	if len(codes) > 0 {
		countries = org.CountriesByName(l, codes) // nil would mean every country
	}
	slices.SortStableFunc(countries, func(x, y org.Country) int { return cmp.Compare(counts[y.Code], counts[x.Code]) })
	named := countries
	// Grouping a single country as "1 other country" would hide its name
	// for nothing.
	if len(countries) > breakdownCountries+1 {
		named = countries[:breakdownCountries]
		out.Top = breakdownCountries
	}
	for _, c := range named {
		out.Countries = append(out.Countries, public.BreakdownEntry{Name: c.Name, Count: counts[c.Code],
			Path: "/call-to-action/signatories?" + url.Values{"country": {c.Code}}.Encode()})
	}
	if rest := countries[len(named):]; len(rest) > 0 {
		n := 0
		for _, c := range rest {
			n += counts[c.Code]
		}
		out.Countries = append(out.Countries, public.BreakdownEntry{Name: l.F("cta.breakdown.others", "{n}", strconv.Itoa(len(rest))),
			Count: n, Path: "/call-to-action/signatories"})
	}
	if noCountry > 0 {
		out.Countries = append(out.Countries, public.BreakdownEntry{Name: l.T("cta.breakdown.no_country"), Count: noCountry})
	}
	for _, t := range b.Types {
		out.Types = append(out.Types, public.BreakdownEntry{Name: org.OrgTypeName(t.Value, l), Count: t.Count,
			Path: "/call-to-action/signatories?" + url.Values{"type": {t.Value}}.Encode()})
	}
	return out
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
