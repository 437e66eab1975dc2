package public

import (
	"bytes"
	"cmp"
	"context"
	"github.com/sswalliance/advocacy/internal/web"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // webinar times are shown in their edition's zone, even where the system has no zone files

	"github.com/sswalliance/advocacy/internal/calendar"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/templates/public"
)

// CalendarURLs lists the English path of every public page of this part, for
// the sitemap. The year pages (/events?year=2018) are views of the same page
// and stay out of it.
func (a *Handlers) CalendarURLs(ctx context.Context) ([]string, error) {
	return []string{"/events"}, nil
}

// calendarToday is the current civil day. The site speaks to the whole world,
// so the day changes at midnight UTC.
func (a *Handlers) calendarToday() time.Time { return calendar.DayOf(a.now().UTC()) }

// Events serves the calendar: what is coming up in the next twelve months
// and what happened in the last twelve, or with ?year= one whole year.
func (a *Handlers) Events(w http.ResponseWriter, r *http.Request) error {
	ctx, l := r.Context(), web.Lang(r)
	p, err := a.store.Page(ctx, "events", l)
	if err != nil {
		return err
	}
	first, err := a.store.CalendarFirstYear(ctx)
	if err != nil {
		return err
	}
	today := a.calendarToday()
	last := today.Year() + 1
	if first == 0 || first > today.Year() {
		first = today.Year()
	}
	v := public.CalendarView{Page: p, Title: p.Title}
	for y := first; y <= last; y++ {
		v.Years = append(v.Years, y)
	}
	v.FeedPath = l.Path("/events.ics")
	v.FeedURL = a.cfg.BaseURL.String() + v.FeedPath
	v.SubscribeURL = "webcal://" + a.cfg.BaseURL.Host + v.FeedPath

	status := http.StatusOK
	m, err := a.WithLead(r.Context(), a.Meta(r, p.Title, p.Description), p.LeadImage)
	if err != nil {
		return err
	}
	if raw := r.URL.Query().Get("year"); raw != "" {
		year, ok := web.Number(raw, 1000, 9999)
		switch {
		case !ok:
			if r := []rune(raw); len(r) > 20 {
				raw = string(r[:20]) + "…" // enough to recognise, not a page of it
			}
			v.Problem = strings.NewReplacer("{value}", raw).Replace(l.T("calendar.not_year"))
			status = http.StatusBadRequest
		case year < first || year > last:
			v.Problem = strings.NewReplacer("{value}", raw, "{first}", strconv.Itoa(first), "{last}", strconv.Itoa(last)).
				Replace(l.T("calendar.out_of_range"))
			status = http.StatusNotFound
		default:
			v.Year = year
		}
	}

	var entries []public.CalendarEntry
	if v.Year != 0 {
		y := strconv.Itoa(v.Year)
		v.Title = strings.ReplaceAll(l.T("calendar.year_title"), "{year}", y)
		m = a.Meta(r, v.Title, strings.ReplaceAll(l.T("calendar.year_desc"), "{year}", y))
		m.Path += "?year=" + y // canonical, alternates and the language switch keep the year
		v.InYear, err = a.calendarEntries(ctx, l, calendar.Day(v.Year, 1, 1), calendar.Day(v.Year, 12, 31))
		if err != nil {
			return err
		}
		entries = v.InYear
	} else {
		// Both lists at once: a year back to a year ahead.
		all, err := a.calendarEntries(ctx, l, today.AddDate(-1, 0, 0), today.AddDate(1, 0, -1))
		if err != nil {
			return err
		}
		for _, e := range all {
			if e.LastDay().Before(today) {
				v.Recently = append(v.Recently, e)
			} else {
				v.ComingUp = append(v.ComingUp, e)
			}
		}
		slices.Reverse(v.Recently) // newest first
		entries = all
	}
	if v.Problem != "" {
		m.NoIndex = true
	}

	// Say whether all, part or none of the page is shown in English.
	langs := []string{p.Lang}
	for _, e := range entries {
		lang := e.Lang
		if e.Theme != "" && e.ThemeLang != string(l) {
			lang = e.ThemeLang
		}
		langs = append(langs, lang)
	}
	v.Note = web.FallbackNote(l, langs...)
	return a.Render(w, r, status, public.Calendar(m, v))
}

// calendarEntries returns everything on the calendar that overlaps the days
// from and to (both included), soonest first: the yearly observances and
// one-off events, SSWWeek editions, and SSWWeek webinars.
func (a *Handlers) calendarEntries(ctx context.Context, l i18n.Lang, from, to time.Time) ([]public.CalendarEntry, error) {
	events, err := a.store.CalendarEvents(ctx, l)
	if err != nil {
		return nil, err
	}
	var out []public.CalendarEntry
	for _, e := range events {
		for _, o := range e.Rule.Between(from, to) {
			entry := public.CalendarEntry{
				Anchor: e.Slug + "-" + o.Start.Format(time.DateOnly),
				Kind:   e.Kind, Lang: e.Lang,
				Title: e.Title, Summary: e.Description, Actions: e.Actions,
				Start: o.Start, End: o.End,
				URL: e.URL, URLKey: "calendar.more",
			}
			entry.File = public.CalendarEntryFilePath(entry.Anchor)
			if th, ok := e.Themes[o.Start.Year()]; ok {
				entry.Theme, entry.ThemeLang = th.Theme, th.Lang
			}
			out = append(out, entry)
		}
	}

	editions, err := a.store.CalendarEditions(ctx, from, to, l)
	if err != nil {
		return nil, err
	}
	for _, ed := range editions {
		y := strconv.Itoa(ed.Year)
		out = append(out, public.CalendarEntry{
			Anchor: "sswweek-" + y,
			Kind:   "sswweek", Lang: ed.Lang,
			Title:   strings.ReplaceAll(l.T("calendar.sswweek_title"), "{year}", y),
			Summary: ed.Summary,
			Theme:   ed.Theme, ThemeLang: ed.Lang,
			Start: ed.StartsOn, End: ed.EndsOn, MonthOnly: ed.MonthOnly,
			Link: "/sswweek/" + y, LinkKey: "calendar.sswweek_link",
		})
		if !ed.MonthOnly {
			out[len(out)-1].File = public.EditionFilePath(ed.Year)
		}
	}

	webinars, err := a.store.CalendarWebinars(ctx, from, to.AddDate(0, 0, 1), l)
	if err != nil {
		return nil, err
	}
	for _, wb := range webinars {
		zone, err := time.LoadLocation(wb.TimeZone)
		if err != nil {
			zone = time.UTC // a zone name the database accepted but Go does not know
		}
		out = append(out, public.CalendarEntry{
			Anchor: "sswweek-webinar-" + wb.StartsAt.UTC().Format("2006-01-02-1504"),
			Kind:   "webinar", Lang: wb.Lang,
			Title: wb.Title, Body: wb.Description, Hosts: wb.Hosts,
			Start: wb.StartsAt, End: wb.EndsAt, Timed: true, Zone: zone,
			Link: "/sswweek/" + strconv.Itoa(wb.Year), LinkKey: "calendar.sswweek_link",
			URL: wb.URL, URLKey: "calendar.webinar_link",
			// By id, as in the webinar's own file.
			UID:  "sswweek-event-" + strconv.FormatInt(wb.ID, 10),
			File: public.EditionEventFilePath(wb.Year, wb.ID),
		})
	}

	slices.SortStableFunc(out, func(x, y public.CalendarEntry) int {
		return cmp.Or(x.Start.Compare(y.Start), cmp.Compare(x.Title, y.Title))
	})
	return out, nil
}

// EventsFeed serves the calendar in lang as iCalendar (RFC 5545), from a
// year back to two years ahead, for calendar apps to import or subscribe to.
func (a *Handlers) EventsFeed(l i18n.Lang) web.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		ctx := r.Context()
		today := a.calendarToday()
		entries, err := a.calendarEntries(ctx, l, today.AddDate(-1, 0, 0), today.AddDate(2, 0, 0))
		if err != nil {
			return err
		}
		stamp := a.now().UTC().Truncate(time.Second)
		feed := calendar.Feed{
			ProdID:  calendarProdID(l),
			Name:    l.T("calendar.feed_name"),
			Refresh: 24 * time.Hour,
		}
		for _, e := range entries {
			if e.MonthOnly {
				continue // no days to put in a calendar
			}
			feed.Events = append(feed.Events, a.calendarEvent(l, e, stamp))
		}
		var buf bytes.Buffer
		if _, err := feed.WriteTo(&buf); err != nil {
			return err
		}
		name := "advocacy-calendar.ics"
		if l != i18n.EN {
			name = "advocacy-calendar-" + string(l) + ".ics"
		}
		h := w.Header()
		h.Set("Content-Type", "text/calendar; charset=utf-8")
		h.Set("Content-Disposition", `inline; filename="`+name+`"`)
		h.Set("Cache-Control", "public, max-age=3600")
		_, err = w.Write(buf.Bytes())
		return err
	}
}

// calendarFeedText is an entry's DESCRIPTION: what it is, the year's theme,
// and the suggested actions as their Markdown source, which reads well as
// plain text (with links to this site made absolute, for use elsewhere).
func calendarFeedText(l i18n.Lang, e public.CalendarEntry, base string) string {
	var parts []string
	if e.Theme != "" {
		parts = append(parts, strings.ReplaceAll(l.T("calendar.theme"), "{year}", strconv.Itoa(e.Start.Year()))+": "+e.Theme)
	}
	for _, s := range []string{e.Summary, e.Body} {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	if e.Hosts != "" {
		parts = append(parts, strings.ReplaceAll(l.T("calendar.hosts"), "{hosts}", e.Hosts))
	}
	if e.Actions != "" {
		parts = append(parts, l.T("calendar.actions")+":\n"+strings.TrimSpace(e.Actions))
	}
	return strings.ReplaceAll(strings.Join(parts, "\n\n"), "](/", "]("+base+"/")
}
