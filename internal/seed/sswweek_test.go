package seed_test

import (
	"context"
	"testing"

	"github.com/sswalliance/advocacy/internal/dbtest"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/seed"
	"github.com/sswalliance/advocacy/internal/store"
)

func TestSeedSSWWeekAndBlog(t *testing.T) {
	ctx := context.Background()
	st := store.New(dbtest.New(t))
	if err := seed.Load(ctx, st, false); err != nil {
		t.Fatal(err)
	}

	editions, err := st.Editions(ctx, i18n.ES)
	if err != nil {
		t.Fatal(err)
	}
	if len(editions) != 10 || editions[0].Year != 2023 || editions[9].Year != 2014 {
		t.Fatalf("%d editions, want 2014-2023", len(editions))
	}
	translated := 0
	for i, e := range editions {
		if e.Ordinal != 10-i {
			t.Errorf("%d: ordinal %d", e.Year, e.Ordinal)
		}
		if e.Theme == "" || e.Summary == "" {
			t.Errorf("%d: no theme or summary", e.Year)
		}
		if e.Lang == "es" {
			translated++
		}
		if want := e.Year == 2014 || e.Year == 2023; e.MonthOnly() != want {
			t.Errorf("%d: month only = %v", e.Year, e.MonthOnly())
		}
	}
	if translated < 3 || translated == 10 {
		t.Errorf("%d editions in Spanish: want several, not all", translated)
	}

	days, err := st.EditionDays(ctx, 2018, i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	if len(days) != 5 {
		t.Fatalf("2018 has %d days", len(days))
	}
	for _, d := range days {
		if len(d.Resources) != 1 || d.Body == "" {
			t.Errorf("2018 day %d: %d resources, body %q", d.Number, len(d.Resources), d.Body)
		}
	}
	events, err := st.EditionEvents(ctx, 2018, i18n.ES)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 2 || events[0].Kind != "chat" || len(events[0].Questions) != 6 || events[0].Questions[5].Lang != "es" {
		t.Errorf("2018 events = %+v", events)
	}
	for year, want := range map[int]int{2015: 3, 2019: 5, 2014: 0, 2022: 0} {
		if d, _ := st.EditionDays(ctx, year, i18n.EN); len(d) != want {
			t.Errorf("%d: %d days, want %d", year, len(d), want)
		}
	}

	posts, err := st.BlogPosts(ctx, i18n.ES, 100, 0)
	if err != nil {
		t.Fatal(err)
	}
	spanish, years := 0, map[int]bool{}
	for _, p := range posts {
		if p.Lang == "es" {
			spanish++
		}
		years[p.Year] = true
	}
	if len(posts) < 8 || spanish == 0 || spanish == len(posts) || len(years) < 5 {
		t.Errorf("%d posts, %d in Spanish, over %d editions", len(posts), spanish, len(years))
	}
	// The Spanish archive introduction.
	if p, err := st.Page(ctx, "sswweek", i18n.ES); err != nil || p.Lang != "es" {
		t.Errorf("Spanish sswweek page: %+v %v", p.Lang, err)
	}
}
