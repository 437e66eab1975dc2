package public

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/sharecard"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates"
	"github.com/sswalliance/advocacy/templates/public"
)

// The share cards are the images link previews show for an SSWWeek
// edition, each of its days and the Call to Action, in the path's
// language, wide (1200x630, Open Graph's) and square (1080x1080). The
// page cache keeps them like any page: a card is drawn once per change of
// what it says.

// EditionCard serves /sswweek/{year}/card.png in format f.
func (a *Handlers) EditionCard(f sharecard.Format) web.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		l := web.Lang(r)
		year, err := editionYear(r)
		if err != nil {
			return err
		}
		e, err := a.store.Edition(r.Context(), year, l)
		if err != nil {
			return err
		}
		return a.writeCard(w, r, editionCard(l, e, a.cfg.BaseURL.Host), f)
	}
}

// DayCard serves /sswweek/{year}/day-{n}/card.png in format f.
func (a *Handlers) DayCard(f sharecard.Format) web.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		ctx, l := r.Context(), web.Lang(r)
		year, err := editionYear(r)
		if err != nil {
			return err
		}
		s := chi.URLParam(r, "n")
		n, ok := web.Number(s, 1, 7) // the schema's days are 1 to 7
		if !ok {
			return fmt.Errorf("edition %d: day %q: %w", year, s, store.ErrNotFound)
		}
		e, err := a.store.Edition(ctx, year, l)
		if err != nil {
			return err
		}
		days, err := a.store.EditionDays(ctx, year, l)
		if err != nil {
			return err
		}
		for _, d := range days {
			if d.Number == n {
				return a.writeCard(w, r, dayCard(l, e, d, a.cfg.BaseURL.Host), f)
			}
		}
		return fmt.Errorf("edition %d: day %d: %w", year, n, store.ErrNotFound)
	}
}

// CallToActionCard serves /call-to-action/card.png in format f.
func (a *Handlers) CallToActionCard(f sharecard.Format) web.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		l := web.Lang(r)
		p, err := a.store.Page(r.Context(), "call-to-action", l)
		if err != nil {
			return err
		}
		return a.writeCard(w, r, callToActionCard(l, p, a.cfg.BaseURL.Host), f)
	}
}

// writeCard draws c in f and sends it.
func (a *Handlers) writeCard(w http.ResponseWriter, r *http.Request, c sharecard.Card, f sharecard.Format) error {
	b, err := sharecard.Draw(r.Context(), c, f)
	if err != nil {
		return err
	}
	writeImage(w, r, "image/png", b)
	return nil
}

// writeImage sends an image to be shown on other sites too: a post, a
// partner's page (so not only from this origin, as the site's pages are).
func writeImage(w http.ResponseWriter, r *http.Request, contentType string, b []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(b)))
	h.Set("Cross-Origin-Resource-Policy", "cross-origin")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(b)
	}
}

// editionCard is what an edition's card says in l: the week and its
// ordinal, the theme, the dates; the hashtag and the site's address at
// the foot.
func editionCard(l i18n.Lang, e store.Edition, host string) sharecard.Card {
	return sharecard.Card{
		Site:   l.T("site.name"),
		Kicker: l.F("cards.edition.kicker", "{year}", strconv.Itoa(e.Year), "{ordinal}", public.SSWWeekOrdinal(l, e.Ordinal)),
		Title:  e.Theme,
		Theme:  l.T("sswweek.name") + ", " + public.SSWWeekDates(l, e),
		Tag:    e.Hashtag,
		Host:   host,
	}
}

// dayCard is what a day's card says in l: the week, the day and its
// date, the day's topic and the edition's theme.
func dayCard(l i18n.Lang, e store.Edition, d store.EditionDay, host string) sharecard.Card {
	return sharecard.Card{
		Site: l.T("site.name"),
		Kicker: l.F("cards.day.kicker", "{year}", strconv.Itoa(e.Year), "{n}", strconv.Itoa(d.Number),
			"{date}", l.Date(d.Day)),
		Title: d.Topic,
		Theme: e.Theme,
		Tag:   e.Hashtag,
		Host:  host,
	}
}

// callToActionCard is what the Call to Action's card says in l: its
// title and description, and a word to sign at the foot.
func callToActionCard(l i18n.Lang, p store.Page, host string) sharecard.Card {
	return sharecard.Card{
		Site:   l.T("site.name"),
		Kicker: l.T("cards.cta.kicker"),
		Title:  p.Title,
		Theme:  p.Description,
		Tag:    l.T("cards.cta.tag"),
		Host:   host,
	}
}

// cardImage is a card as a page's link-preview image: its wide form, at
// path (the page's own language is added), with its text as the
// alternative.
func cardImage(l i18n.Lang, path string, c sharecard.Card) *templates.OGImage {
	return &templates.OGImage{URL: l.Path(path), Width: sharecard.Wide.Width, Height: sharecard.Wide.Height,
		Alt: c.Alt(), Type: "image/png"}
}
