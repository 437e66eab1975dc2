package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/sswalliance/advocacy/internal/dbtest"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/store"
)

func TestEditionRoundTrip(t *testing.T) {
	ctx := context.Background()
	pool := dbtest.New(t)
	st := store.New(pool)
	// A resource for a day to link to.
	if _, err := pool.Exec(ctx, `
		INSERT INTO resource_types (slug, position) VALUES ('report', 1);
		INSERT INTO resources (slug, type_slug, year) VALUES ('mapping', 'report', 2018);
		INSERT INTO resource_texts (resource_id, lang, title) SELECT id, 'en', 'Mapping' FROM resources;
		INSERT INTO resource_texts (resource_id, lang, title) SELECT id, 'es', 'Mapeo' FROM resources`); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Edition(ctx, 2018, i18n.EN); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("missing edition: %v, want ErrNotFound", err)
	}
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	err := st.InTx(ctx, func(tx *store.Store) error {
		for _, e := range []store.NewEdition{
			{Year: 2017, Ordinal: 4, StartsOn: day(2017, 9, 25), EndsOn: day(2017, 9, 29),
				Texts: []store.EditionText{{Lang: i18n.EN, Theme: "Four"}}},
			{Year: 2018, Ordinal: 5, StartsOn: day(2018, 9, 24), EndsOn: day(2018, 9, 28),
				Texts: []store.EditionText{{Lang: i18n.EN, Theme: "Five", Summary: "S"}, {Lang: i18n.ES, Theme: "Cinco"}}},
			{Year: 2020, Ordinal: 7, StartsOn: day(2020, 10, 1), EndsOn: day(2020, 10, 31), DatePrecision: "month",
				Texts: []store.EditionText{{Lang: i18n.EN, Theme: "Seven"}}},
		} {
			if err := tx.CreateEdition(ctx, e); err != nil {
				return err
			}
		}
		if _, err := tx.CreateEditionDay(ctx, store.NewEditionDay{Year: 2018, Number: 2, Day: day(2018, 9, 25),
			ResourceSlugs: []string{"mapping"},
			Texts:         []store.DayText{{Lang: i18n.EN, Topic: "Mapping"}, {Lang: i18n.ES, Topic: "Mapeo"}}}); err != nil {
			return err
		}
		if _, err := tx.CreateEditionDay(ctx, store.NewEditionDay{Year: 2018, Number: 1, Day: day(2018, 9, 24),
			Texts: []store.DayText{{Lang: i18n.EN, Topic: "Call"}}}); err != nil {
			return err
		}
		if _, err := tx.CreateEditionEvent(ctx, store.NewEditionEvent{Year: 2018, DayNumber: 2, Kind: "chat",
			StartsAt: time.Date(2018, 9, 25, 13, 0, 0, 0, time.UTC), EndsAt: time.Date(2018, 9, 25, 14, 0, 0, 0, time.UTC),
			Texts: []store.EventText{{Lang: i18n.EN, Title: "Chat"}},
			Questions: []store.ChatQuestion{{Number: 2, Lang: "en", Question: "Two"}, {Number: 1, Lang: "en", Question: "One"},
				{Number: 1, Lang: "es", Question: "Uno"}}}); err != nil {
			return err
		}
		_, err := tx.CreateEditionEvent(ctx, store.NewEditionEvent{Year: 2018, Kind: "webinar",
			StartsAt: time.Date(2018, 9, 27, 13, 0, 0, 0, time.UTC), Texts: []store.EventText{{Lang: i18n.EN, Title: "Webinar"}}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	list, err := st.Editions(ctx, i18n.ES)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 3 || list[0].Year != 2020 || list[2].Year != 2017 {
		t.Fatalf("editions = %+v, want newest first", list)
	}
	if list[1].Theme != "Cinco" || list[1].Lang != "es" || list[2].Theme != "Four" || list[2].Lang != "en" {
		t.Errorf("languages: %+v", list)
	}
	if !list[0].MonthOnly() || list[1].DayCount != 2 || list[1].EventCount != 2 || list[1].TimeZone != "America/New_York" || list[1].Hashtag != "#SSWWeek" {
		t.Errorf("2018 = %+v", list[1])
	}
	e, err := st.Edition(ctx, 2018, i18n.EN)
	if err != nil || e.Theme != "Five" || e.Summary != "S" || !e.StartsOn.Equal(day(2018, 9, 24)) {
		t.Errorf("edition 2018 = %+v, %v", e, err)
	}
	if prev, next, err := st.EditionNeighbours(ctx, 2018); err != nil || prev != 2017 || next != 2020 {
		t.Errorf("neighbours of 2018 = %d %d %v", prev, next, err)
	}
	if prev, next, _ := st.EditionNeighbours(ctx, 2017); prev != 0 || next != 2018 {
		t.Errorf("neighbours of 2017 = %d %d", prev, next)
	}
	if years, err := st.EditionYears(ctx); err != nil || len(years) != 3 || years[0] != 2017 {
		t.Errorf("years = %v %v", years, err)
	}

	days, err := st.EditionDays(ctx, 2018, i18n.ES)
	if err != nil {
		t.Fatal(err)
	}
	if len(days) != 2 || days[0].Number != 1 || days[0].Lang != "en" || days[1].Topic != "Mapeo" {
		t.Fatalf("days = %+v", days)
	}
	if len(days[0].Resources) != 0 || len(days[1].Resources) != 1 || days[1].Resources[0].Title != "Mapeo" || days[1].Resources[0].Slug != "mapping" {
		t.Errorf("day resources = %+v / %+v", days[0].Resources, days[1].Resources)
	}

	events, err := st.EditionEvents(ctx, 2018, i18n.ES)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 2 || events[0].Kind != "chat" || events[0].DayNumber != 2 || events[1].DayNumber != 0 {
		t.Fatalf("events = %+v", events)
	}
	if !events[1].EndsAt.IsZero() || !events[0].EndsAt.Equal(time.Date(2018, 9, 25, 14, 0, 0, 0, time.UTC)) {
		t.Errorf("end times: %v, %v", events[0].EndsAt, events[1].EndsAt)
	}
	qs := events[0].Questions
	if len(qs) != 2 || qs[0].Question != "Uno" || qs[0].Lang != "es" || qs[1].Question != "Two" || qs[1].Lang != "en" {
		t.Errorf("questions = %+v", qs)
	}
	if len(events[1].Questions) != 0 {
		t.Errorf("webinar questions = %+v", events[1].Questions)
	}

	// A day naming a resource that does not exist fails, saying which.
	err = st.InTx(ctx, func(tx *store.Store) error {
		_, err := tx.CreateEditionDay(ctx, store.NewEditionDay{Year: 2018, Number: 3, Day: day(2018, 9, 26),
			ResourceSlugs: []string{"no-such-resource"}, Texts: []store.DayText{{Lang: i18n.EN, Topic: "T"}}})
		return err
	})
	if !errors.Is(err, store.ErrNotFound) || !strings.Contains(err.Error(), "no-such-resource") {
		t.Errorf("missing resource: %v", err)
	}
	// So does an unknown time zone.
	err = st.InTx(ctx, func(tx *store.Store) error {
		return tx.CreateEdition(ctx, store.NewEdition{Year: 2030, Ordinal: 17, StartsOn: day(2030, 1, 1), EndsOn: day(2030, 1, 2),
			TimeZone: "Mars/Olympus_Mons", Texts: []store.EditionText{{Lang: i18n.EN, Theme: "T"}}})
	})
	if err == nil {
		t.Error("edition with an unknown time zone accepted")
	}
}
