package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"
	_ "time/tzdata" // editions name their zone; load it even where the system has no zoneinfo

	"github.com/go-chi/chi/v5"

	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/templates/public"
)

// sswweekRoutes are this part's pages, mounted once per language.
func (a *App) sswweekRoutes(r chi.Router) {
	r.Get("/sswweek", a.handle(a.sswweekArchive))
	r.Get("/sswweek/{year}", a.handle(a.sswweekEdition))
	r.Get("/blog", a.handle(a.blogList))
	r.Get("/blog/{slug}", a.handle(a.blogPost))
}

// sswweekRootRoutes are this part's language-neutral routes (files, feeds).
func (a *App) sswweekRootRoutes(r chi.Router) {
	for _, l := range i18n.Langs {
		r.Get(l.Path("/feed.xml"), a.handle(a.blogFeed))
	}
}

// sswweekURLs lists the English path of every public page of this part, for
// the sitemap.
func (a *App) sswweekURLs(ctx context.Context) ([]string, error) {
	years, err := a.store.EditionYears(ctx)
	if err != nil {
		return nil, err
	}
	slugs, err := a.store.BlogSlugs(ctx)
	if err != nil {
		return nil, err
	}
	urls := make([]string, 0, 2+len(years)+len(slugs))
	urls = append(urls, "/sswweek")
	for i := len(years) - 1; i >= 0; i-- {
		urls = append(urls, "/sswweek/"+strconv.Itoa(years[i]))
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

func (a *App) sswweekArchive(w http.ResponseWriter, r *http.Request) error {
	l := lang(r)
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
	m := a.meta(r, p.Title, p.Description)
	return a.render(w, r, http.StatusOK, public.SSWWeekArchive(m, p, editions, fallbackNote(l, langs...), form))
}

// editionYear reads the year in the path; anything that cannot be an
// edition's year is not found (the schema allows 2000–2100).
func editionYear(r *http.Request) (int, error) {
	s := chi.URLParam(r, "year")
	year, ok := number(s, 2000, 2100)
	if !ok {
		return 0, fmt.Errorf("edition %q: %w", s, store.ErrNotFound)
	}
	return year, nil
}

func (a *App) sswweekEdition(w http.ResponseWriter, r *http.Request) error {
	ctx, l := r.Context(), lang(r)
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
	byNumber := make(map[int]int, len(days))
	langs := []string{e.Lang}
	for i, d := range days {
		byNumber[d.Number] = i
		v.Days = append(v.Days, public.EditionDay{EditionDay: d})
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
	v.FallbackNote = fallbackNote(l, langs...)

	// Short enough for a search result with the site's name after it.
	title := fmt.Sprintf("SSWWeek %d (%s %s)", e.Year, public.SSWWeekOrdinal(l, e.Ordinal), l.T("sswweek.edition"))
	desc := e.Theme + ": " + public.SSWWeekDates(l, e) + "."
	if e.Summary != "" {
		desc = e.Theme + " (" + public.SSWWeekDates(l, e) + "). " + e.Summary
	}
	return a.render(w, r, http.StatusOK, public.SSWWeekEdition(a.meta(r, title, desc), v))
}
