package public

import (
	"context"
	"fmt"
	"github.com/sswalliance/advocacy/internal/web"
	"net/http"
	"strconv"
	"time"
	_ "time/tzdata" // editions name their zone; load it even where the system has no zoneinfo

	"github.com/go-chi/chi/v5"

	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/templates"
	"github.com/sswalliance/advocacy/templates/public"
)

// SSWWeekURLs lists the English path of every public page of this part, for
// the sitemap.
func (a *Handlers) SSWWeekURLs(ctx context.Context) ([]string, error) {
	years, err := a.store.EditionYears(ctx)
	if err != nil {
		return nil, err
	}
	slugs, err := a.store.BlogSlugs(ctx)
	if err != nil {
		return nil, err
	}
	urls := make([]string, 0, 2+2*len(years)+len(slugs))
	urls = append(urls, "/sswweek")
	for i := len(years) - 1; i >= 0; i-- {
		urls = append(urls, "/sswweek/"+strconv.Itoa(years[i]), "/sswweek/"+strconv.Itoa(years[i])+"/share")
	}
	urls = append(urls, "/blog")
	for n := 2; n <= blogPages(len(slugs)); n++ {
		urls = append(urls, "/blog?page="+strconv.Itoa(n))
	}
	for _, s := range slugs {
		urls = append(urls, "/blog/"+s)
	}
	return urls, nil
}

func (a *Handlers) SSWWeekArchive(w http.ResponseWriter, r *http.Request) error {
	l := web.Lang(r)
	p, err := a.store.Page(r.Context(), "sswweek", l)
	if err != nil {
		return err
	}
	editions, err := a.store.Editions(r.Context(), l)
	if err != nil {
		return err
	}
	langs := []string{p.Lang}
	for _, e := range editions {
		langs = append(langs, e.Lang)
	}
	form, err := a.subscribeFormView(r.Context(), l, "sswweek-subscribe")
	if err != nil {
		return err
	}
	form.StampLast = true
	m, err := a.WithLead(r.Context(), a.Meta(r, p.Title, p.Description), p.LeadImage)
	if err != nil {
		return err
	}
	return a.Render(w, r, http.StatusOK, public.SSWWeekArchive(m, p, editions, web.FallbackNote(l, langs...), form))
}

// editionYear reads the year in the path; anything that cannot be an
// edition's year is not found (the schema allows 2000–2100).
func editionYear(r *http.Request) (int, error) {
	s := chi.URLParam(r, "year")
	year, ok := web.Number(s, 2000, 2100)
	if !ok {
		return 0, fmt.Errorf("edition %q: %w", s, store.ErrNotFound)
	}
	return year, nil
}

func (a *Handlers) SSWWeekEdition(w http.ResponseWriter, r *http.Request) error {
	ctx, l := r.Context(), web.Lang(r)
	year, err := editionYear(r)
	if err != nil {
		return err
	}
	e, err := a.store.Edition(ctx, year, l)
	if err != nil {
		return err
	}
	zone, err := time.LoadLocation(e.TimeZone)
	if err != nil {
		return fmt.Errorf("edition %d: time zone: %w", year, err)
	}
	days, err := a.store.EditionDays(ctx, year, l)
	if err != nil {
		return err
	}
	events, err := a.store.EditionEvents(ctx, year, l)
	if err != nil {
		return err
	}
	posts, err := a.store.EditionBlogPosts(ctx, year, l)
	if err != nil {
		return err
	}
	prev, next, err := a.store.EditionNeighbours(ctx, year)
	if err != nil {
		return err
	}

	v := public.EditionPage{Edition: e, Events: events, Zone: zone, Prev: prev, Next: next}
	if v.Subscribe, err = a.subscribeFormView(ctx, l, "sswweek-subscribe"); err != nil {
		return err
	}
	v.Subscribe.StampLast = true
	byNumber := make(map[int]int, len(days))
	langs := []string{e.Lang}
	for i, d := range days {
		byNumber[d.Number] = i
		pic, _, err := a.Lead(r.Context(), l, d.LeadImage, templates.CardSizes)
		if err != nil {
			return err
		}
		v.Days = append(v.Days, public.EditionDay{EditionDay: d, Picture: pic,
			Share: sharePosts(d.Share, d.Lang, a.absolute(l, "/sswweek/"+strconv.Itoa(year))+"#day-"+strconv.Itoa(d.Number), "SSWWeek "+strconv.Itoa(year)+": "+e.Theme)})
		langs = append(langs, d.Lang)
		for _, res := range d.Resources {
			langs = append(langs, res.Lang)
		}
	}
	for _, p := range posts {
		langs = append(langs, p.Lang)
		if i, ok := byNumber[p.DayNumber]; ok {
			v.Days[i].Posts = append(v.Days[i].Posts, p)
		} else {
			v.Posts = append(v.Posts, p)
		}
	}
	for _, ev := range events {
		langs = append(langs, ev.Lang)
		for _, q := range ev.Questions {
			langs = append(langs, q.Lang)
		}
		if i, ok := byNumber[ev.DayNumber]; ok {
			v.Days[i].Events = append(v.Days[i].Events, ev)
		}
	}
	v.FallbackNote = web.FallbackNote(l, langs...)

	// Short enough for a search result with the site's name after it.
	title := fmt.Sprintf("SSWWeek %d (%s %s)", e.Year, public.SSWWeekOrdinal(l, e.Ordinal), l.T("sswweek.edition"))
	desc := e.Theme + ": " + public.SSWWeekDates(l, e) + "."
	if e.Summary != "" {
		desc = e.Theme + " (" + public.SSWWeekDates(l, e) + "). " + e.Summary
	}
	m, err := a.WithLead(r.Context(), a.Meta(r, title, desc), v.Edition.LeadImage)
	if err != nil {
		return err
	}
	m.Copy = true // the chat questions and the days' messages
	// The link preview shows the edition's card, lead image or not: it
	// names the week and its theme.
	m.Image = cardImage(l, "/sswweek/"+strconv.Itoa(year)+"/card.png", editionCard(l, e, a.cfg.BaseURL.Host))
	return a.Render(w, r, http.StatusOK, public.SSWWeekEdition(m, v))
}
