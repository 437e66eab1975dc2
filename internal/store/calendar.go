package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sswalliance/advocacy/internal/calendar"
	"github.com/sswalliance/advocacy/internal/i18n"
)

// CalendarEvent is an observance or event on the advocacy calendar, with
// its rule for when it happens, in one language.
type CalendarEvent struct {
	ID          int64
	Slug        string
	Kind        string // observance, un-day, alliance, webinar, conference
	Rule        calendar.Rule
	URL         string // more about it elsewhere, or ""
	Lang        string // the language of the texts (English when untranslated)
	Title       string
	Description string // plain text: what it is
	Actions     string // Markdown: what advocates can do
	// Themes are the year's themes (World Social Work Day 2021: "Ubuntu: I
	// Am Because We Are"), by year, each in lang where translated.
	Themes map[int]CalendarTheme
}

// CalendarTheme is an event's theme for one year.
type CalendarTheme struct {
	Lang  string
	Theme string
}

// CalendarEdition is a Social Service Workforce Week edition as the
// calendar shows it.
type CalendarEdition struct {
	Year      int
	Ordinal   int
	StartsOn  time.Time
	EndsOn    time.Time
	MonthOnly bool // only the month is known: show "April 2014"
	Lang      string
	Theme     string
	Summary   string
}

// CalendarWebinar is an SSWWeek webinar as the calendar shows it.
type CalendarWebinar struct {
	ID          int64
	Year        int
	StartsAt    time.Time
	EndsAt      time.Time // zero when only the start is on record
	TimeZone    string    // the edition's IANA zone, to show the time in
	Hosts       string
	URL         string
	Lang        string
	Title       string
	Description string // Markdown
}

// CalendarEvents returns every event on the calendar, each in lang where
// translated, with its themes.
func (s *Store) CalendarEvents(ctx context.Context, lang i18n.Lang) ([]CalendarEvent, error) {
	rows, _ := s.db.Query(ctx, `
		SELECT e.id, e.slug, e.kind, e.rule, e.month, e.day, e.weekday, e.nth,
			e.duration_days, e.starts_on, e.ends_on, e.first_year, e.url,
			t.lang, t.title, t.description, t.actions
		FROM calendar_events e
		`+translated("calendar_event_texts", "event_id", "e.id", "$1")+`
		ORDER BY e.id`, string(lang))
	events, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (CalendarEvent, error) {
		var (
			e                        CalendarEvent
			month, day, weekday, nth *int
			startsOn, endsOn         *time.Time
			firstYear                *int
		)
		err := row.Scan(&e.ID, &e.Slug, &e.Kind, &e.Rule.Kind, &month, &day, &weekday, &nth,
			&e.Rule.Days, &startsOn, &endsOn, &firstYear, &e.URL,
			&e.Lang, &e.Title, &e.Description, &e.Actions)
		if month != nil {
			e.Rule.Month = time.Month(*month)
		}
		e.Rule.Day = calendarInt(day)
		e.Rule.Weekday = time.Weekday(calendarInt(weekday))
		e.Rule.Nth = calendarInt(nth)
		e.Rule.FirstYear = calendarInt(firstYear)
		if startsOn != nil && endsOn != nil {
			e.Rule.StartsOn, e.Rule.EndsOn = calendar.DayOf(*startsOn), calendar.DayOf(*endsOn)
		}
		return e, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: calendar events: %w", err)
	}

	rows, _ = s.db.Query(ctx, `
		SELECT DISTINCT ON (event_id, year) event_id, year, lang, theme
		FROM calendar_event_themes WHERE lang IN ($1, 'en')
		ORDER BY event_id, year, lang = $1 DESC`, string(lang))
	byID := make(map[int64]*CalendarEvent, len(events))
	for i := range events {
		byID[events[i].ID] = &events[i]
	}
	var (
		id    int64
		year  int
		theme CalendarTheme
	)
	_, err = pgx.ForEachRow(rows, []any{&id, &year, &theme.Lang, &theme.Theme}, func() error {
		if e := byID[id]; e != nil {
			if e.Themes == nil {
				e.Themes = map[int]CalendarTheme{}
			}
			e.Themes[year] = theme
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: calendar themes: %w", err)
	}
	return events, nil
}

// CalendarEditions returns the SSWWeek editions whose dates overlap the
// days from and to (both included), each in lang where translated.
func (s *Store) CalendarEditions(ctx context.Context, from, to time.Time, lang i18n.Lang) ([]CalendarEdition, error) {
	rows, _ := s.db.Query(ctx, `
		SELECT e.year, e.ordinal, e.starts_on, e.ends_on, e.date_precision = 'month',
			t.lang, t.theme, t.summary
		FROM sswweek_editions e
		`+translated("sswweek_edition_texts", "year", "e.year", "$3")+`
		WHERE e.ends_on >= $1 AND e.starts_on <= $2
		ORDER BY e.starts_on`, calendarDate(from), calendarDate(to), string(lang))
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[CalendarEdition])
	if err != nil {
		return nil, fmt.Errorf("store: calendar editions: %w", err)
	}
	for i := range list {
		list[i].StartsOn, list[i].EndsOn = calendar.DayOf(list[i].StartsOn), calendar.DayOf(list[i].EndsOn)
	}
	return list, nil
}

// CalendarWebinars returns the SSWWeek webinars that start from from up to
// (not including) to, each in lang where translated.
func (s *Store) CalendarWebinars(ctx context.Context, from, to time.Time, lang i18n.Lang) ([]CalendarWebinar, error) {
	rows, _ := s.db.Query(ctx, `
		SELECT ev.id, ev.year, ev.starts_at, ev.ends_at, ed.time_zone, ev.hosts, ev.url,
			t.lang, t.title, t.description
		FROM sswweek_events ev
		JOIN sswweek_editions ed ON ed.year = ev.year
		`+translated("sswweek_event_texts", "event_id", "ev.id", "$3")+`
		WHERE ev.kind = 'webinar' AND ev.starts_at >= $1 AND ev.starts_at < $2
		ORDER BY ev.starts_at, ev.id`, from, to, string(lang))
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (CalendarWebinar, error) {
		var (
			w    CalendarWebinar
			ends *time.Time
		)
		err := row.Scan(&w.ID, &w.Year, &w.StartsAt, &ends, &w.TimeZone, &w.Hosts, &w.URL,
			&w.Lang, &w.Title, &w.Description)
		if ends != nil {
			w.EndsAt = *ends
		}
		return w, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: calendar webinars: %w", err)
	}
	return list, nil
}

// CalendarFirstYear is the earliest year with something specific on the
// calendar (a dated event, a theme, an SSWWeek edition), or 0 when there is
// nothing yet. Yearly observances alone do not count: they recur forever.
func (s *Store) CalendarFirstYear(ctx context.Context) (int, error) {
	var year *int
	err := s.db.QueryRow(ctx, `
		SELECT min(y) FROM (
			SELECT extract(year FROM starts_on)::int AS y FROM calendar_events WHERE starts_on IS NOT NULL
			UNION ALL SELECT year FROM calendar_event_themes
			UNION ALL SELECT year FROM sswweek_editions
		) years`).Scan(&year)
	if err != nil {
		return 0, fmt.Errorf("store: calendar first year: %w", err)
	}
	return calendarInt(year), nil
}

// calendarDate passes a civil date to Postgres as a date, whatever t's zone.
func calendarDate(t time.Time) string { return t.Format(time.DateOnly) }

// calendarInt reads a nullable integer column; NULL is 0.
func calendarInt(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}
