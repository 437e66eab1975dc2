package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/sswalliance/advocacy/internal/calendar"
	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/dbtest"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/store"
)

func TestCalendarEventsRoundTrip(t *testing.T) {
	ctx := context.Background()
	pool := dbtest.New(t)
	st := store.New(pool)

	if y, err := st.CalendarFirstYear(ctx); err != nil || y != 0 {
		t.Fatalf("empty calendar: first year %d, %v", y, err)
	}
	events := []content.Doc{
		{
			"slug": "world-social-work-day", "kind": "observance", "url": "https://www.ifsw.org/",
			"rule": string(calendar.NthWeekday), "month": "3", "weekday": "2", "nth": "3",
			"title.en": "World Social Work Day", "description.en": "D", "actions.en": "- act",
			"title.es": "Día Mundial del Trabajo Social", "description.es": "D es",
			"themes.en": "2021: Ubuntu: I Am Because We Are\n2025: English only",
			"themes.es": "2021: Ubuntu: Yo soy porque nosotros somos",
		},
		{
			"slug": "human-rights-day", "kind": "un-day", "rule": string(calendar.Fixed), "month": "12", "day": "10", "first_year": "1950",
			"title.en": "Human Rights Day",
		},
		{
			"slug": "symposium-2018", "kind": "alliance", "rule": string(calendar.Once), "starts_on": "2018-05-08", "ends_on": "2018-05-09",
			"title.en": "Symposium",
		},
	}
	err := st.InTx(ctx, func(tx *store.Store) error {
		for _, e := range events {
			if _, err := publish(ctx, tx, content.CalendarEventKind, "", e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	got, err := st.CalendarEvents(ctx, i18n.ES)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("%d events, want 3", len(got))
	}
	wswd, hrd, sym := got[0], got[1], got[2]
	if wswd.Lang != "es" || wswd.Title != "Día Mundial del Trabajo Social" || wswd.URL != "https://www.ifsw.org/" {
		t.Errorf("WSWD in Spanish: %+v", wswd)
	}
	want := calendar.Rule{Kind: calendar.NthWeekday, Month: time.March, Weekday: time.Tuesday, Nth: 3}
	want.Days = 1 // the column's default: a one-day observance
	if wswd.Rule != want {
		t.Errorf("WSWD rule %+v, want %+v", wswd.Rule, want)
	}
	if o, ok := wswd.Rule.InYear(2021); !ok || o.Start != calendar.Day(2021, 3, 16) {
		t.Errorf("WSWD 2021 from the stored rule: %v", o)
	}
	if th := wswd.Themes[2021]; th.Lang != "es" || th.Theme != "Ubuntu: Yo soy porque nosotros somos" {
		t.Errorf("2021 theme in Spanish: %+v", th)
	}
	if th := wswd.Themes[2025]; th.Lang != "en" || th.Theme != "English only" {
		t.Errorf("2025 theme falls back to English: %+v", th)
	}
	if hrd.Lang != "en" || hrd.Rule.Day != 10 || hrd.Rule.Month != time.December || hrd.Rule.FirstYear != 1950 || hrd.Rule.Days != 1 {
		t.Errorf("Human Rights Day: %+v", hrd)
	}
	if sym.Rule.StartsOn != calendar.Day(2018, 5, 8) || sym.Rule.EndsOn != calendar.Day(2018, 5, 9) {
		t.Errorf("once rule: %+v", sym.Rule)
	}

	if y, err := st.CalendarFirstYear(ctx); err != nil || y != 2018 {
		t.Errorf("first year %d, %v; want 2018", y, err)
	}

	// A rule that cannot produce dates is refused before it reaches the table.
	err = st.InTx(ctx, func(tx *store.Store) error {
		_, err := publish(ctx, tx, content.CalendarEventKind, "", content.Doc{"slug": "bad", "kind": "un-day",
			"rule": string(calendar.Fixed), "month": "4", "day": "31", "title.en": "Bad"})
		return err
	})
	if err == nil {
		t.Error("31 April accepted")
	}
}

func TestCalendarSSWWeek(t *testing.T) {
	ctx := context.Background()
	pool := dbtest.New(t)
	st := store.New(pool)
	_, err := pool.Exec(ctx, `
		INSERT INTO sswweek_editions (year, ordinal, starts_on, ends_on, date_precision) VALUES
			(2014, 1, '2014-04-01', '2014-04-30', 'month'),
			(2018, 5, '2018-09-24', '2018-09-28', 'day');
		INSERT INTO sswweek_edition_texts (year, lang, theme, summary) VALUES
			(2014, 'en', 'First week', 'S'),
			(2018, 'en', 'The Call to Action', 'S'),
			(2018, 'es', 'El Llamado a la acción', 'S es');
		INSERT INTO sswweek_events (year, kind, starts_at, ends_at) VALUES
			(2018, 'webinar', '2018-09-27 13:00Z', '2018-09-27 14:00Z'),
			(2018, 'chat', '2018-09-25 13:00Z', '2018-09-25 14:00Z'),
			(2018, 'webinar', '2018-09-28 13:00Z', NULL);
		INSERT INTO sswweek_event_texts (event_id, lang, title, description)
			SELECT id, 'en', 'Event ' || id, '' FROM sswweek_events;`)
	if err != nil {
		t.Fatal(err)
	}

	eds, err := st.CalendarEditions(ctx, calendar.Day(2018, 1, 1), calendar.Day(2018, 12, 31), i18n.ES)
	if err != nil {
		t.Fatal(err)
	}
	if len(eds) != 1 || eds[0].Year != 2018 || eds[0].Lang != "es" || eds[0].Theme != "El Llamado a la acción" ||
		eds[0].StartsOn != calendar.Day(2018, 9, 24) || eds[0].EndsOn != calendar.Day(2018, 9, 28) || eds[0].MonthOnly {
		t.Errorf("2018 editions: %+v", eds)
	}
	// Overlap, not containment: a window ending mid-week still finds it.
	eds, err = st.CalendarEditions(ctx, calendar.Day(2014, 4, 20), calendar.Day(2018, 9, 24), i18n.EN)
	if err != nil || len(eds) != 2 || !eds[0].MonthOnly || eds[0].Theme != "First week" {
		t.Errorf("editions overlapping: %+v, %v", eds, err)
	}

	webinars, err := st.CalendarWebinars(ctx, calendar.Day(2018, 1, 1), calendar.Day(2019, 1, 1), i18n.ES)
	if err != nil {
		t.Fatal(err)
	}
	if len(webinars) != 2 {
		t.Fatalf("%d webinars, want 2 (chats are not webinars)", len(webinars))
	}
	w := webinars[0]
	if w.Lang != "en" || w.TimeZone != "America/New_York" || !w.StartsAt.Equal(time.Date(2018, 9, 27, 13, 0, 0, 0, time.UTC)) ||
		!w.EndsAt.Equal(time.Date(2018, 9, 27, 14, 0, 0, 0, time.UTC)) {
		t.Errorf("webinar: %+v", w)
	}
	if !webinars[1].EndsAt.IsZero() {
		t.Errorf("webinar without an end: %+v", webinars[1])
	}
	if y, err := st.CalendarFirstYear(ctx); err != nil || y != 2014 {
		t.Errorf("first year %d, %v; want 2014", y, err)
	}
}
