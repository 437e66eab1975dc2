package content_test

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/calendar"
	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/store"
)

func loadCalendarEvent(t *testing.T, pool *pgxpool.Pool, slug string) content.Doc {
	t.Helper()
	d, err := content.CalendarEventKind.Load(context.Background(), pool, slug)
	if err != nil {
		t.Fatalf("Load(%q): %v", slug, err)
	}
	return d
}

// publicCalendarEvent is the event as the public calendar reads it in l,
// and whether it is there at all.
func publicCalendarEvent(t *testing.T, pool *pgxpool.Pool, slug string, l i18n.Lang) (store.CalendarEvent, bool) {
	t.Helper()
	events, err := store.New(pool).CalendarEvents(context.Background(), l)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(events, func(e store.CalendarEvent) bool { return e.Slug == slug })
	if i < 0 {
		return store.CalendarEvent{}, false
	}
	return events[i], true
}

func TestCalendarEventLoad(t *testing.T) {
	pool := seeded(t)
	d := loadCalendarEvent(t, pool, "world-social-work-day")
	for f, want := range map[string]string{
		"slug": "world-social-work-day", "kind": "observance", "rule": "nth-weekday",
		"month": "3", "weekday": "2", "nth": "3", "duration_days": "1",
		"day": "", "starts_on": "", "ends_on": "", "first_year": "", "url": "https://www.ifsw.org/",
		"title.en": "World Social Work Day",
	} {
		if d[f] != want {
			t.Errorf("%s = %q, want %q", f, d[f], want)
		}
	}
	en, es := strings.Split(d["themes.en"], "\n"), strings.Split(d["themes.es"], "\n")
	if !slices.Contains(en, "2021: Ubuntu: I Am Because We Are") || !strings.HasPrefix(en[0], "2018: ") {
		t.Errorf("English themes, one year per line from the first: %q", en)
	}
	if slices.ContainsFunc(es, func(s string) bool { return strings.HasPrefix(s, "2025:") }) || len(es) != len(en)-1 {
		t.Errorf("Spanish themes should lack only 2025: %q", es)
	}

	once := loadCalendarEvent(t, pool, "alliance-symposium-2018")
	if once["rule"] != "once" || once["starts_on"] != "2018-05-08" || once["ends_on"] != "2018-05-08" ||
		once["month"] != "" || once["duration_days"] != "" {
		t.Errorf("one-off event loaded as %v", once)
	}
}

func TestCalendarEventSaveShowsOnPublicSite(t *testing.T) {
	pool := seeded(t)
	ctx := context.Background()
	k := content.CalendarEventKind
	const old = "world-social-work-day"

	d := loadCalendarEvent(t, pool, old)
	d["slug"] = "social-work-day"
	d["title.en"], d["title.es"] = "Social Work Day", "Día del Trabajo Social"
	d["actions.es"] = "- Una idea."
	d["themes.en"] += "\n2027: A theme to come"
	d["themes.es"] = strings.Replace(d["themes.es"], "2021: Ubuntu: yo soy porque nosotros somos", "2021: Ubuntu", 1)
	// From "third Tuesday of March" to 15 April, two days, since 2019.
	d["rule"], d["month"], d["day"], d["duration_days"], d["first_year"] = "fixed", "4", "15", "2", "2019"
	if problems := k.Check(ctx, pool, old, d); len(problems) > 0 {
		t.Fatalf("Check: %v", problems)
	}
	key, err := k.Save(ctx, pool, old, d)
	if err != nil {
		t.Fatal(err)
	}
	if key != "social-work-day" {
		t.Errorf("Save returned key %q, want the new slug", key)
	}
	want := d.Clone()
	want["weekday"], want["nth"] = "", "" // the fixed rule does not use them
	if again := loadCalendarEvent(t, pool, key); !maps.Equal(again, want) {
		t.Errorf("Load after Save:\n got  %v\n want %v", again, want)
	}

	if _, ok := publicCalendarEvent(t, pool, old, i18n.EN); ok {
		t.Errorf("the old slug is still on the calendar")
	}
	rule := calendar.Rule{Kind: calendar.Fixed, Month: time.April, Day: 15, Days: 2, FirstYear: 2019}
	for _, tc := range []struct {
		lang                      i18n.Lang
		title, actions, theme2021 string
	}{
		{i18n.EN, "Social Work Day", d["actions.en"], "Ubuntu: I Am Because We Are"},
		{i18n.ES, "Día del Trabajo Social", "- Una idea.", "Ubuntu"},
	} {
		e, ok := publicCalendarEvent(t, pool, key, tc.lang)
		if !ok {
			t.Fatalf("%s: %s is not on the calendar", tc.lang, key)
		}
		if e.Rule != rule {
			t.Errorf("%s: rule %+v, want %+v", tc.lang, e.Rule, rule)
		}
		if e.Title != tc.title || e.Actions != tc.actions || e.Lang != string(tc.lang) {
			t.Errorf("%s: %q / %q in %s", tc.lang, e.Title, e.Actions, e.Lang)
		}
		if e.Themes[2021].Theme != tc.theme2021 {
			t.Errorf("%s: 2021 theme %+v", tc.lang, e.Themes[2021])
		}
		// A year themed only in English shows in English.
		if th := e.Themes[2027]; th.Theme != "A theme to come" || th.Lang != "en" {
			t.Errorf("%s: 2027 theme %+v", tc.lang, th)
		}
	}

	// Once, in May 2026: the yearly fields are dropped.
	d["rule"], d["starts_on"], d["ends_on"] = "once", "2026-05-07", "2026-05-09"
	if problems := k.Check(ctx, pool, key, d); len(problems) > 0 {
		t.Fatalf("Check: %v", problems)
	}
	if _, err := k.Save(ctx, pool, key, d); err != nil {
		t.Fatal(err)
	}
	e, _ := publicCalendarEvent(t, pool, key, i18n.EN)
	if want := (calendar.Rule{Kind: calendar.Once, Days: 1, StartsOn: calendar.Day(2026, 5, 7), EndsOn: calendar.Day(2026, 5, 9)}); e.Rule != want {
		t.Errorf("once: rule %+v, want %+v", e.Rule, want)
	}
	again := loadCalendarEvent(t, pool, key)
	for _, f := range []string{"month", "day", "duration_days", "first_year"} {
		if again[f] != "" {
			t.Errorf("once: %s loads as %q, want empty", f, again[f])
		}
	}
	if k.PublicPath(key, d) != "/events" {
		t.Errorf("PublicPath = %q", k.PublicPath(key, d))
	}
}

func TestCalendarEventSpanishFallsBackToEnglish(t *testing.T) {
	pool := seeded(t)
	ctx := context.Background()
	k := content.CalendarEventKind
	const slug = "world-social-work-day"

	d := loadCalendarEvent(t, pool, slug)
	for _, f := range []string{"title", "description", "actions"} {
		d[content.Key(f, i18n.ES)] = ""
	}
	if _, err := k.Save(ctx, pool, slug, d); err != nil {
		t.Fatal(err)
	}
	e, _ := publicCalendarEvent(t, pool, slug, i18n.ES)
	if e.Lang != "en" || e.Title != "World Social Work Day" || e.Description != d["description.en"] {
		t.Errorf("Spanish calendar shows %q in %s, want English", e.Title, e.Lang)
	}
	// Each year's theme falls back on its own: the Spanish ones stay.
	if th := e.Themes[2021]; th.Lang != "es" {
		t.Errorf("2021 theme in Spanish was lost: %+v", th)
	}
	again := loadCalendarEvent(t, pool, slug)
	if _, ok := again["title.es"]; ok || again["themes.es"] != d["themes.es"] {
		t.Errorf("Load after removing Spanish: %v", again)
	}

	// Clearing the Spanish themes too leaves nothing Spanish behind.
	again["themes.es"] = ""
	if _, err := k.Save(ctx, pool, slug, again); err != nil {
		t.Fatal(err)
	}
	e, _ = publicCalendarEvent(t, pool, slug, i18n.ES)
	if th := e.Themes[2021]; th.Lang != "en" {
		t.Errorf("2021 theme without Spanish: %+v", th)
	}
	third := loadCalendarEvent(t, pool, slug)
	if _, ok := third["themes.es"]; ok {
		t.Errorf("Load of an English-only event has themes.es: %v", third)
	}
	if _, err := k.Save(ctx, pool, slug, third); err != nil {
		t.Fatal(err)
	}
	if fourth := loadCalendarEvent(t, pool, slug); !maps.Equal(third, fourth) {
		t.Errorf("English-only event does not round trip:\n %v\n %v", third, fourth)
	}
}

func TestCalendarEventCreateAndDelete(t *testing.T) {
	pool := seeded(t)
	ctx := context.Background()
	k := content.CalendarEventKind

	d := k.New("")
	d["slug"], d["title.en"], d["title.es"] = "regional-conference-2026", "Regional conference", "Conferencia regional"
	d["kind"], d["rule"], d["starts_on"], d["ends_on"] = "conference", "once", "2026-05-07", "2026-05-09"
	d["url"] = "https://example.org/conference"
	if problems, err := content.Validate(ctx, pool, k, "", d); err != nil || len(problems) > 0 {
		t.Fatalf("Validate: %v %v", problems, err)
	}
	key, err := k.Save(ctx, pool, "", d)
	if err != nil {
		t.Fatal(err)
	}
	if key != "regional-conference-2026" {
		t.Fatalf("key = %q", key)
	}
	entries, err := k.List(ctx, pool, "")
	if err != nil {
		t.Fatal(err)
	}
	if i := slices.IndexFunc(entries, func(e content.Entry) bool { return e.Key == key }); i < 0 ||
		entries[i].Title != "Regional conference" || entries[i].Note != "Once, 7–9 May 2026" {
		t.Errorf("new event not listed as expected: %+v", entries)
	}
	for _, l := range i18n.Langs {
		e, ok := publicCalendarEvent(t, pool, key, l)
		if !ok || e.Kind != "conference" || e.URL != d["url"] || e.Lang != string(l) {
			t.Errorf("%s: %+v", l, e)
		}
	}

	if err := k.Delete(ctx, pool, key); err != nil {
		t.Fatal(err)
	}
	if _, err := k.Load(ctx, pool, key); !errors.Is(err, content.ErrNotFound) {
		t.Errorf("Load after Delete: %v, want ErrNotFound", err)
	}
	if _, ok := publicCalendarEvent(t, pool, key, i18n.EN); ok {
		t.Errorf("deleted event still on the calendar")
	}
	if _, err := k.Save(ctx, pool, "no-such-event", d); !errors.Is(err, content.ErrNotFound) {
		t.Errorf("Save over a missing key: %v, want ErrNotFound", err)
	}
}

func TestCalendarEventList(t *testing.T) {
	pool := seeded(t)
	entries, err := content.CalendarEventKind.List(context.Background(), pool, "")
	if err != nil {
		t.Fatal(err)
	}
	titles := make([]string, len(entries))
	for i, e := range entries {
		titles[i] = strings.ToLower(e.Title)
	}
	if !slices.IsSorted(titles) {
		t.Errorf("not in title order: %q", titles)
	}
	notes := map[string]string{}
	for _, e := range entries {
		notes[e.Key] = e.Note
	}
	for slug, want := range map[string]string{
		"world-social-work-day":            "Every year, third Tuesday of March",
		"child-and-youth-care-worker-week": "Every year, first Monday of May, for 7 days",
		"human-rights-day":                 "Every year, 10 December",
		"alliance-symposium-2018":          "Once, 8 May 2018",
	} {
		if notes[slug] != want {
			t.Errorf("%s: note %q, want %q", slug, notes[slug], want)
		}
	}
}

func TestCalendarEventCheck(t *testing.T) {
	pool := seeded(t)
	ctx := context.Background()
	k := content.CalendarEventKind
	const slug = "world-social-work-day"
	base := loadCalendarEvent(t, pool, slug)
	fixed := content.Doc{"rule": "fixed", "month": "4", "day": "15"}
	once := content.Doc{"rule": "once", "starts_on": "2026-05-07", "ends_on": "2026-05-09"}
	with := func(parts ...content.Doc) content.Doc {
		d := content.Doc{}
		for _, p := range parts {
			maps.Copy(d, p)
		}
		return d
	}

	for _, tc := range []struct {
		name   string
		key    string
		change content.Doc
		want   []string // keys with a problem
	}{
		{"unchanged", slug, nil, nil},
		{"short name of another event", slug, content.Doc{"slug": "human-rights-day"}, []string{"slug"}},
		{"new event with a used short name", "", nil, []string{"slug"}},
		{"unknown rule", slug, content.Doc{"rule": ""}, []string{"rule"}},

		{"nth weekday without month, weekday or which", slug, content.Doc{"month": "", "weekday": "", "nth": ""}, []string{"month", "nth", "weekday"}},
		{"nth weekday zeroth", slug, content.Doc{"nth": "0"}, []string{"nth"}},
		{"nth weekday last", slug, content.Doc{"nth": "-1"}, nil},
		{"duration too long", slug, content.Doc{"duration_days": "40"}, []string{"duration_days"}},
		{"duration empty means one day", slug, content.Doc{"duration_days": ""}, nil},
		{"first year in two digits", slug, content.Doc{"first_year": "20"}, []string{"first_year"}},

		{"fixed", slug, fixed, nil},
		{"fixed without month and day", slug, content.Doc{"rule": "fixed", "month": ""}, []string{"day", "month"}},
		{"fixed 31 April", slug, with(fixed, content.Doc{"day": "31"}), []string{"day"}},
		{"fixed 29 February", slug, with(fixed, content.Doc{"month": "2", "day": "29"}), nil},
		{"fixed day 0", slug, with(fixed, content.Doc{"day": "0"}), []string{"day"}},

		{"once", slug, once, nil},
		{"once without dates", slug, content.Doc{"rule": "once"}, []string{"ends_on", "starts_on"}},
		{"once ending before it starts", slug, with(once, content.Doc{"ends_on": "2026-05-06"}), []string{"ends_on"}},
		{"once on one day", slug, with(once, content.Doc{"ends_on": "2026-05-07"}), nil},
		{"once ignores yearly fields", slug, with(once, content.Doc{"duration_days": "99"}), nil},

		{"theme without a year", slug, content.Doc{"themes.en": "Ubuntu: I Am Because We Are"}, []string{"themes.en"}},
		{"theme without a theme", slug, content.Doc{"themes.en": "2021:"}, []string{"themes.en"}},
		{"two themes in a year", slug, content.Doc{"themes.es": "2021: Uno\n2021: Dos"}, []string{"themes.es"}},
		{"themes with blank lines", slug, content.Doc{"themes.en": "2021: Uno\n\n2022: Dos\n"}, nil},
		{"Spanish text without a title", slug, content.Doc{"title.es": ""}, []string{"title.es"}},
		{"Spanish texts cleared, themes kept", slug, content.Doc{"title.es": "", "description.es": "", "actions.es": ""}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := base.Clone()
			maps.Copy(d, tc.change)
			problems := k.Check(ctx, pool, tc.key, d)
			if got := slices.Sorted(maps.Keys(problems)); !slices.Equal(got, tc.want) {
				t.Errorf("problems %v, want on %v", problems, tc.want)
			}
			for f, msg := range problems {
				if msg == "" {
					t.Errorf("empty message on %s", f)
				}
			}
			// What Check lets through, the table accepts.
			if len(problems) == 0 && tc.key != "" {
				if _, err := k.Save(ctx, pool, tc.key, d); err != nil {
					t.Errorf("Save after a clean Check: %v", err)
				}
				if _, err := k.Save(ctx, pool, tc.key, base); err != nil {
					t.Fatalf("restoring: %v", err)
				}
			}
		})
	}
	got := k.Check(ctx, pool, slug, with(base, fixed, content.Doc{"day": "31"}))["day"]
	if got != "April has only 30 days." {
		t.Errorf("31 April: %q", got)
	}
}
