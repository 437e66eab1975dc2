package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/sswalliance/advocacy/internal/content"
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
		for _, e := range []content.Doc{
			{"year": "2017", "ordinal": "4", "starts_on": "2017-09-25", "ends_on": "2017-09-29", "theme.en": "Four"},
			{"year": "2018", "ordinal": "5", "starts_on": "2018-09-24", "ends_on": "2018-09-28",
				"theme.en": "Five", "summary.en": "S", "theme.es": "Cinco"},
			{"year": "2020", "ordinal": "7", "starts_on": "2020-10-01", "ends_on": "2020-10-31", "date_precision": "month", "theme.en": "Seven"},
		} {
			if _, err := publish(ctx, tx, content.EditionKind, "", e); err != nil {
				return err
			}
		}
		if _, err := publish(ctx, tx, content.DayKind, "2018", content.Doc{"number": "2", "day": "2018-09-25",
			"resources": "mapping", "topic.en": "Mapping", "topic.es": "Mapeo"}); err != nil {
			return err
		}
		if _, err := publish(ctx, tx, content.DayKind, "2018", content.Doc{"number": "1", "day": "2018-09-24", "topic.en": "Call"}); err != nil {
			return err
		}
		// Event times are typed in the edition's zone (America/New_York, EDT).
		if _, err := publish(ctx, tx, content.EventKind, "2018", content.Doc{"day": "2", "kind": "chat",
			"starts_at": "2018-09-25T09:00", "ends_at": "2018-09-25T10:00", "title.en": "Chat",
			"questions.en": "One\nTwo", "questions.es": "Uno"}); err != nil {
			return err
		}
		_, err := publish(ctx, tx, content.EventKind, "2018", content.Doc{"kind": "webinar",
			"starts_at": "2018-09-27T09:00", "title.en": "Webinar"})
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
		_, err := publish(ctx, tx, content.DayKind, "2018", content.Doc{"number": "3", "day": "2018-09-26",
			"resources": "no-such-resource", "topic.en": "T"})
		return err
	})
	if !errors.Is(err, content.ErrNotFound) || !strings.Contains(err.Error(), "no-such-resource") {
		t.Errorf("missing resource: %v", err)
	}
	// So does an unknown time zone: the editor's checks refuse it.
	problems, err := content.Validate(ctx, pool, content.EditionKind, "", content.Doc{"year": "2030", "ordinal": "17",
		"starts_on": "2030-01-01", "ends_on": "2030-01-02", "date_precision": "day", "time_zone": "Mars/Olympus_Mons", "theme.en": "T"})
	if err != nil || problems["time_zone"] == "" {
		t.Errorf("edition with an unknown time zone: problems %v, %v", problems, err)
	}
}
