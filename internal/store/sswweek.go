package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sswalliance/advocacy/internal/i18n"
)

// Edition is one year's Social Service Workforce Week, in one language.
type Edition struct {
	Year          int
	Ordinal       int // 2018 was the 5th
	StartsOn      time.Time
	EndsOn        time.Time
	DatePrecision string // "day", or "month" when only the month is known
	TimeZone      string // IANA name of the zone the week's times are given in
	Hashtag       string
	Lang          string // the language of the texts (English when untranslated)
	Theme         string
	Summary       string
	Body          string // Markdown
	DayCount      int
	EventCount    int
	PostCount     int
	LeadImage     int64  // a media library image; 0 for none
	Share         string // ready-to-post messages, one per line
}

// MonthOnly reports whether only the month of the edition is known.
func (e Edition) MonthOnly() bool { return e.DatePrecision == "month" }

// EditionDay is one day of an edition's schedule, in one language.
type EditionDay struct {
	ID        int64
	Number    int // Day 1, Day 2...
	Day       time.Time
	Lang      string
	Topic     string
	Body      string // Markdown
	Resources []DayResource
	LeadImage int64  // a media library image; 0 for none
	Share     string // ready-to-post messages, one per line
}

// DayResource is a library resource suggested for a day, in one language.
type DayResource struct {
	Slug    string
	Lang    string
	Title   string
	Summary string
}

// EditionEvent is a webinar or chat held during an edition, in one
// language.
type EditionEvent struct {
	ID          int64
	Kind        string // "webinar" or "chat"
	DayNumber   int    // the day it belongs to; 0 when none
	StartsAt    time.Time
	EndsAt      time.Time // zero when only the start is known
	Hosts       string
	Hashtag     string
	URL         string
	Lang        string
	Title       string
	Description string // Markdown
	Questions   []ChatQuestion
}

// ChatQuestion is one numbered question of a chat, in one language.
type ChatQuestion struct {
	Number   int
	Lang     string
	Question string
}

// editionColumns selects an edition with its texts in $1 (falling back to
// English) as alias t, and its counts.
var editionColumns = `
	SELECT e.year, e.ordinal, e.starts_on, e.ends_on, e.date_precision, e.time_zone, e.hashtag,
		t.lang, t.theme, t.summary, t.body,
		(SELECT count(*) FROM sswweek_days d WHERE d.year = e.year)::int,
		(SELECT count(*) FROM sswweek_events v WHERE v.year = e.year)::int,
		(SELECT count(*) FROM blog_posts p WHERE p.year = e.year)::int,
		coalesce(e.lead_image, 0), t.share
	FROM sswweek_editions e
	` + translated("sswweek_edition_texts", "year", "e.year", "$1")

// Editions lists every edition, newest first, each in lang where
// translated.
func (s *Store) Editions(ctx context.Context, lang i18n.Lang) ([]Edition, error) {
	rows, _ := s.db.Query(ctx, editionColumns+` ORDER BY e.year DESC`, string(lang))
	return allRows(rows, pgx.RowToStructByPos[Edition], "editions")
}

// Edition returns the edition of year in lang where translated, or
// ErrNotFound.
func (s *Store) Edition(ctx context.Context, year int, lang i18n.Lang) (Edition, error) {
	rows, _ := s.db.Query(ctx, editionColumns+` WHERE e.year = $2`, string(lang), year)
	return exactlyOne(rows, pgx.RowToStructByPos[Edition], fmt.Sprintf("edition %d", year))
}

// EditionYears lists the years of every edition, oldest first.
func (s *Store) EditionYears(ctx context.Context) ([]int, error) {
	rows, _ := s.db.Query(ctx, `SELECT year FROM sswweek_editions ORDER BY year`)
	return allRows(rows, pgx.RowTo[int], "edition years")
}

// EditionNeighbours returns the years of the editions before and after
// year; 0 where there is none.
func (s *Store) EditionNeighbours(ctx context.Context, year int) (prev, next int, err error) {
	err = s.db.QueryRow(ctx, `
		SELECT coalesce((SELECT max(year) FROM sswweek_editions WHERE year < $1), 0),
			coalesce((SELECT min(year) FROM sswweek_editions WHERE year > $1), 0)`, year).Scan(&prev, &next)
	if err != nil {
		return 0, 0, fmt.Errorf("store: editions around %d: %w", year, err)
	}
	return prev, next, nil
}

// EditionDays returns an edition's schedule in day order, each day in lang
// where translated, with the resources suggested for it.
func (s *Store) EditionDays(ctx context.Context, year int, lang i18n.Lang) ([]EditionDay, error) {
	rows, _ := s.db.Query(ctx, `
		SELECT d.id, d.number, d.day, t.lang, t.topic, t.body, coalesce(d.lead_image, 0), t.share
		FROM sswweek_days d
		`+translated("sswweek_day_texts", "day_id", "d.id", "$2")+`
		WHERE d.year = $1
		ORDER BY d.number`, year, string(lang))
	days, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (EditionDay, error) {
		var d EditionDay
		err := row.Scan(&d.ID, &d.Number, &d.Day, &d.Lang, &d.Topic, &d.Body, &d.LeadImage, &d.Share)
		return d, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: days of edition %d: %w", year, err)
	}
	if len(days) == 0 {
		return days, nil
	}

	rows, _ = s.db.Query(ctx, `
		SELECT dr.day_id, r.slug, t.lang, t.title, t.summary
		FROM sswweek_day_resources dr
		JOIN sswweek_days d ON d.id = dr.day_id
		JOIN resources r ON r.id = dr.resource_id
		`+translated("resource_texts", "resource_id", "r.id", "$2")+`
		WHERE d.year = $1
		ORDER BY d.number, dr.position`, year, string(lang))
	byDay := make(map[int64]int, len(days))
	for i, d := range days {
		byDay[d.ID] = i
	}
	var (
		dayID int64
		r     DayResource
	)
	_, err = pgx.ForEachRow(rows, []any{&dayID, &r.Slug, &r.Lang, &r.Title, &r.Summary}, func() error {
		i := byDay[dayID]
		days[i].Resources = append(days[i].Resources, r)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: resources of edition %d: %w", year, err)
	}
	return days, nil
}

// EditionEvents returns an edition's webinars and chats in time order, each
// in lang where translated, chats with their numbered questions.
func (s *Store) EditionEvents(ctx context.Context, year int, lang i18n.Lang) ([]EditionEvent, error) {
	rows, _ := s.db.Query(ctx, `
		SELECT e.id, e.kind, coalesce(d.number, 0), e.starts_at, e.ends_at, e.hosts, e.hashtag, e.url,
			t.lang, t.title, t.description
		FROM sswweek_events e
		LEFT JOIN sswweek_days d ON d.id = e.day_id
		`+translated("sswweek_event_texts", "event_id", "e.id", "$2")+`
		WHERE e.year = $1
		ORDER BY e.starts_at, e.id`, year, string(lang))
	events, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (EditionEvent, error) {
		var (
			e    EditionEvent
			ends *time.Time
		)
		err := row.Scan(&e.ID, &e.Kind, &e.DayNumber, &e.StartsAt, &ends, &e.Hosts, &e.Hashtag, &e.URL,
			&e.Lang, &e.Title, &e.Description)
		if ends != nil {
			e.EndsAt = *ends
		}
		return e, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: events of edition %d: %w", year, err)
	}
	if len(events) == 0 {
		return events, nil
	}

	rows, _ = s.db.Query(ctx, `
		SELECT DISTINCT ON (q.event_id, q.number) q.event_id, q.number, q.lang, q.question
		FROM sswweek_chat_questions q
		JOIN sswweek_events e ON e.id = q.event_id
		WHERE e.year = $1 AND q.lang IN ($2, 'en')
		ORDER BY q.event_id, q.number, q.lang = $2 DESC`, year, string(lang))
	byEvent := make(map[int64]int, len(events))
	for i, e := range events {
		byEvent[e.ID] = i
	}
	var (
		eventID int64
		q       ChatQuestion
	)
	_, err = pgx.ForEachRow(rows, []any{&eventID, &q.Number, &q.Lang, &q.Question}, func() error {
		i := byEvent[eventID]
		events[i].Questions = append(events[i].Questions, q)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: chat questions of edition %d: %w", year, err)
	}
	return events, nil
}
