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

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/store"
)

// roundTrip holds each item of k under parent to the Load -> Save -> Load
// contract. TestEveryKindRoundTrips takes the first edition as the parent,
// and the newest (2023) has no days or events, so these kinds are held to
// it here on 2018, the week seeded in full.
func roundTrip(t *testing.T, pool *pgxpool.Pool, k *content.Kind, parent string) []content.Entry {
	t.Helper()
	ctx := context.Background()
	entries, err := k.List(ctx, pool, parent)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) == 0 {
		t.Fatalf("%s: List(%q) is empty", k.Name, parent)
	}
	for _, e := range entries {
		d, err := k.Load(ctx, pool, e.Key)
		if err != nil {
			t.Fatalf("%s: Load(%q): %v", k.Name, e.Key, err)
		}
		key, err := k.Save(ctx, pool, e.Key, d)
		if err != nil {
			t.Fatalf("%s: Save(%q) unchanged: %v", k.Name, e.Key, err)
		}
		if key != e.Key {
			t.Errorf("%s: Save(%q) unchanged returned %q", k.Name, e.Key, key)
		}
		again, err := k.Load(ctx, pool, key)
		if err != nil {
			t.Fatal(err)
		}
		if !maps.Equal(d, again) {
			t.Errorf("%s %s: Load after Save differs:\n before %v\n after  %v", k.Name, e.Key, d, again)
		}
	}
	for _, missing := range []string{"no-such-item-404", "999999"} {
		if _, err := k.Load(ctx, pool, missing); !errors.Is(err, content.ErrNotFound) {
			t.Errorf("%s: Load(%q): %v, want ErrNotFound", k.Name, missing, err)
		}
	}
	return entries
}

// mustLoad loads key of k or fails the test.
func mustLoad(t *testing.T, pool *pgxpool.Pool, k *content.Kind, key string) content.Doc {
	t.Helper()
	d, err := k.Load(context.Background(), pool, key)
	if err != nil {
		t.Fatalf("%s: Load(%q): %v", k.Name, key, err)
	}
	return d
}

// mustSave saves d as key of k or fails the test, returning the key.
func mustSave(t *testing.T, pool *pgxpool.Pool, k *content.Kind, key string, d content.Doc) string {
	t.Helper()
	got, err := k.Save(context.Background(), pool, key, d)
	if err != nil {
		t.Fatalf("%s: Save(%q): %v", k.Name, key, err)
	}
	return got
}

// problemsOf validates d as the web layer does: field formats, then Check.
func problemsOf(t *testing.T, pool *pgxpool.Pool, k *content.Kind, key string, d content.Doc) map[string]string {
	t.Helper()
	problems, err := content.Validate(context.Background(), pool, k, key, d)
	if err != nil {
		t.Fatal(err)
	}
	return problems
}

// checkCases runs Validate on variants of a valid doc: each case changes
// some fields and expects a problem on exactly the keys it names.
func checkCases(t *testing.T, pool *pgxpool.Pool, k *content.Kind, key string, valid content.Doc, cases []checkCase) {
	t.Helper()
	if p := problemsOf(t, pool, k, key, valid); len(p) > 0 {
		t.Fatalf("%s: the valid doc has problems: %v", k.Name, p)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := valid.Clone()
			maps.Copy(d, c.change)
			p := problemsOf(t, pool, k, c.key(key), d)
			if got := slices.Sorted(maps.Keys(p)); !slices.Equal(got, c.want) {
				t.Errorf("problems on %v, want %v: %v", got, c.want, p)
			}
			for _, msg := range p {
				if msg == "" || strings.Contains(msg, "content:") {
					t.Errorf("message %q is not for staff", msg)
				}
			}
		})
	}
}

type checkCase struct {
	name   string
	asNew  bool // check as a new item (key "")
	change content.Doc
	want   []string // doc keys with a problem, sorted; nil for none
}

func (c checkCase) key(key string) string {
	if c.asNew {
		return ""
	}
	return key
}

func TestEditionKind(t *testing.T) {
	ctx := context.Background()
	pool := seeded(t)
	st := store.New(pool)
	k := content.EditionKind

	entries := roundTrip(t, pool, k, "")
	if entries[0].Key != "2023" || entries[len(entries)-1].Key != "2014" {
		t.Errorf("editions not newest first: %v", entries)
	}
	for _, e := range entries {
		switch e.Key {
		case "2018":
			if e.Note != "24–28 September 2018" || !strings.HasPrefix(e.Title, "2018: ") {
				t.Errorf("2018 lists as %+v", e)
			}
		case "2014":
			if e.Note != "April 2014" {
				t.Errorf("2014, known only by its month, lists as %+v", e)
			}
		}
	}
	if got := k.PublicPath("2018", mustLoad(t, pool, k, "2018")); got != "/sswweek/2018" {
		t.Errorf("PublicPath = %q", got)
	}

	t.Run("edit shows in both languages", func(t *testing.T) {
		d := mustLoad(t, pool, k, "2018")
		d["theme.en"], d["theme.es"] = "A new theme", "Un tema nuevo"
		d["summary.en"] = "A new summary."
		d["hashtag"] = "#SSWWeek2018"
		if key := mustSave(t, pool, k, "2018", d); key != "2018" {
			t.Fatalf("key %q", key)
		}
		en, err := st.Edition(ctx, 2018, i18n.EN)
		if err != nil {
			t.Fatal(err)
		}
		es, err := st.Edition(ctx, 2018, i18n.ES)
		if err != nil {
			t.Fatal(err)
		}
		if en.Theme != "A new theme" || en.Summary != "A new summary." || en.Hashtag != "#SSWWeek2018" {
			t.Errorf("English: %+v", en)
		}
		if es.Lang != "es" || es.Theme != "Un tema nuevo" {
			t.Errorf("Spanish: %+v", es)
		}
	})

	t.Run("Spanish left empty falls back to English", func(t *testing.T) {
		d := mustLoad(t, pool, k, "2017")
		for _, f := range []string{"theme", "summary", "body"} {
			d[f+".es"] = ""
		}
		mustSave(t, pool, k, "2017", d)
		es, err := st.Edition(ctx, 2017, i18n.ES)
		if err != nil {
			t.Fatal(err)
		}
		if es.Lang != "en" || es.Theme != d["theme.en"] {
			t.Errorf("Spanish visitors see %+v", es)
		}
		if again := mustLoad(t, pool, k, "2017"); again["theme.es"] != "" {
			t.Errorf("Spanish theme still loads: %q", again["theme.es"])
		}
	})

	t.Run("create and delete", func(t *testing.T) {
		d := k.New("")
		maps.Copy(d, content.Doc{
			"year": "2024", "ordinal": "11", "starts_on": "2024-10-14", "ends_on": "2024-10-18",
			"theme.en": "The workforce in a changing world", "summary.en": "", "body.en": "", "share.en": "",
			"theme.es": "", "summary.es": "", "body.es": "", "share.es": "",
		})
		if p := problemsOf(t, pool, k, "", d); len(p) > 0 {
			t.Fatalf("problems: %v", p)
		}
		key := mustSave(t, pool, k, "", d)
		if key != "2024" {
			t.Fatalf("new edition's key %q", key)
		}
		if got := mustLoad(t, pool, k, key); !maps.Equal(got, d) {
			t.Errorf("loads as %v, saved %v", got, d)
		}
		if list, _ := k.List(ctx, pool, ""); list[0].Key != "2024" {
			t.Errorf("the new edition is not listed first: %v", list[0])
		}
		if e, err := st.Edition(ctx, 2024, i18n.ES); err != nil || e.Lang != "en" || e.TimeZone != "America/New_York" {
			t.Errorf("public edition: %+v, %v", e, err)
		}
		if err := k.Delete(ctx, pool, key); err != nil {
			t.Fatal(err)
		}
		if _, err := k.Load(ctx, pool, key); !errors.Is(err, content.ErrNotFound) {
			t.Errorf("Load after Delete: %v", err)
		}
		if _, err := st.Edition(ctx, 2024, i18n.EN); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("public edition after Delete: %v", err)
		}
		if err := k.Delete(ctx, pool, key); !errors.Is(err, content.ErrNotFound) {
			t.Errorf("second Delete: %v", err)
		}
	})

	t.Run("changing the year takes the week with it", func(t *testing.T) {
		pool := seeded(t)
		st := store.New(pool)
		posts, err := st.EditionBlogPosts(ctx, 2018, i18n.EN)
		if err != nil {
			t.Fatal(err)
		}
		d := mustLoad(t, pool, k, "2018")
		d["year"], d["starts_on"], d["ends_on"] = "2030", "2030-09-23", "2030-09-27"
		if p := problemsOf(t, pool, k, "2018", d); len(p) > 0 {
			t.Fatalf("problems: %v", p)
		}
		if key := mustSave(t, pool, k, "2018", d); key != "2030" {
			t.Fatalf("key after the year changed: %q", key)
		}
		if _, err := k.Load(ctx, pool, "2018"); !errors.Is(err, content.ErrNotFound) {
			t.Errorf("2018 still loads: %v", err)
		}
		days, err := st.EditionDays(ctx, 2030, i18n.EN)
		if err != nil {
			t.Fatal(err)
		}
		events, err := st.EditionEvents(ctx, 2030, i18n.ES)
		if err != nil {
			t.Fatal(err)
		}
		moved, err := st.EditionBlogPosts(ctx, 2030, i18n.EN)
		if err != nil {
			t.Fatal(err)
		}
		if len(days) != 5 || len(events) != 2 || len(events[0].Questions) != 6 || len(moved) != len(posts) {
			t.Errorf("2030 has %d days, %d events (%d questions), %d posts; want 5, 2 (6), %d",
				len(days), len(events), len(events[0].Questions), len(moved), len(posts))
		}
		if es, _ := st.Edition(ctx, 2030, i18n.ES); es.Lang != "es" {
			t.Errorf("the Spanish text did not follow: %+v", es)
		}
	})

	valid := mustLoad(t, pool, k, "2019")
	checkCheckRules := []checkCase{
		{name: "ends before it starts", change: content.Doc{"ends_on": "2019-10-20"}, want: []string{"ends_on"}},
		{name: "one-day week", change: content.Doc{"ends_on": "2019-10-21"}},
		{name: "starts in another year", change: content.Doc{"starts_on": "2020-01-02", "ends_on": "2020-01-03"}, want: []string{"starts_on"}},
		{name: "year of another edition", change: content.Doc{"year": "2020", "starts_on": "2020-01-02", "ends_on": "2020-01-03"}, want: []string{"year"}},
		{name: "new edition on a taken year", asNew: true, change: content.Doc{"ordinal": "40"}, want: []string{"year"}},
		{name: "ordinal of another edition", change: content.Doc{"ordinal": "5"}, want: []string{"ordinal"}},
		{name: "ordinal zero", change: content.Doc{"ordinal": "0"}, want: []string{"ordinal"}},
		{name: "year out of range", change: content.Doc{"year": "1999", "starts_on": "1999-10-21", "ends_on": "1999-10-25"}, want: []string{"year"}},
		{name: "unknown time zone", change: content.Doc{"time_zone": "Eastern Time"}, want: []string{"time_zone"}},
		{name: "server's local zone", change: content.Doc{"time_zone": "Local"}, want: []string{"time_zone"}},
		{name: "other zone", change: content.Doc{"time_zone": "Africa/Nairobi"}},
		{name: "hashtag without #", change: content.Doc{"hashtag": "SSWWeek"}, want: []string{"hashtag"}},
		{name: "two hashtags", change: content.Doc{"hashtag": "#SSWWeek #socialwork"}, want: []string{"hashtag"}},
		{name: "no hashtag", change: content.Doc{"hashtag": ""}},
		{name: "Spanish summary without theme", change: content.Doc{"summary.es": "Un resumen."}, want: []string{"theme.es"}},
		{name: "Spanish in full", change: content.Doc{"theme.es": "Un tema", "summary.es": "Un resumen."}},
		{name: "precision not offered", change: content.Doc{"date_precision": "week"}, want: []string{"date_precision"}},
	}
	checkCases(t, pool, k, "2019", valid, checkCheckRules)
}

func TestDayKind(t *testing.T) {
	ctx := context.Background()
	pool := seeded(t)
	st := store.New(pool)
	k := content.DayKind

	entries := roundTrip(t, pool, k, "2018")
	if len(entries) != 5 || !strings.HasPrefix(entries[0].Title, "Day 1: A Call to Action") || entries[0].Note != "24 September 2018" {
		t.Fatalf("2018's days list as %v", entries)
	}
	if list, err := k.List(ctx, pool, "2023"); err != nil || len(list) != 0 {
		t.Errorf("2023's days: %v, %v", list, err)
	}
	day2 := entries[1].Key
	if d := mustLoad(t, pool, k, day2); d["edition"] != "2018" || d["number"] != "2" || d["day"] != "2018-09-25" ||
		d["resources"] != "mapping-the-workforce" || k.Title(d) != entries[1].Title {
		t.Errorf("day 2 loads as %v", d)
	}
	if got := k.PublicPath(day2, mustLoad(t, pool, k, day2)); got != "/sswweek/2018" {
		t.Errorf("PublicPath = %q", got)
	}

	t.Run("edit shows in both languages", func(t *testing.T) {
		d := mustLoad(t, pool, k, day2)
		d["topic.en"], d["topic.es"] = "Counting the workforce", "Contar a la fuerza laboral"
		d["body.es"] = "Texto nuevo."
		// A pasted address works as well as a slug; the order is kept.
		d["resources"] = "http://localhost:8080/es/resources/key-messages?x=1\nmapping-the-workforce\n\n"
		if p := problemsOf(t, pool, k, day2, d); len(p) > 0 {
			t.Fatalf("problems: %v", p)
		}
		mustSave(t, pool, k, day2, d)
		for _, l := range i18n.Langs {
			days, err := st.EditionDays(ctx, 2018, l)
			if err != nil {
				t.Fatal(err)
			}
			got := days[1]
			want := map[i18n.Lang]string{i18n.EN: "Counting the workforce", i18n.ES: "Contar a la fuerza laboral"}[l]
			if got.Topic != want || got.Lang != string(l) || len(got.Resources) != 2 ||
				got.Resources[0].Slug != "key-messages" || got.Resources[1].Slug != "mapping-the-workforce" {
				t.Errorf("%s: %+v", l, got)
			}
		}
		if again := mustLoad(t, pool, k, day2); again["resources"] != "key-messages\nmapping-the-workforce" {
			t.Errorf("resources load as %q", again["resources"])
		}
	})

	t.Run("Spanish left empty falls back to English", func(t *testing.T) {
		d := mustLoad(t, pool, k, entries[2].Key)
		d["topic.es"], d["body.es"] = "", ""
		mustSave(t, pool, k, entries[2].Key, d)
		days, err := st.EditionDays(ctx, 2018, i18n.ES)
		if err != nil {
			t.Fatal(err)
		}
		if days[2].Lang != "en" || days[2].Topic != d["topic.en"] {
			t.Errorf("Spanish visitors see %+v", days[2])
		}
	})

	t.Run("create and delete", func(t *testing.T) {
		d := k.New("2015")
		maps.Copy(d, content.Doc{"number": "4", "day": "2015-09-24", "topic.en": "Day four", "body.en": "", "resources": "", "share.en": "", "topic.es": "", "body.es": "", "share.es": ""})
		if p := problemsOf(t, pool, k, "", d); len(p) > 0 {
			t.Fatalf("problems: %v", p)
		}
		key := mustSave(t, pool, k, "", d)
		if got := mustLoad(t, pool, k, key); !maps.Equal(got, d) {
			t.Errorf("loads as %v, saved %v", got, d)
		}
		days, _ := st.EditionDays(ctx, 2015, i18n.ES)
		if len(days) != 4 || days[3].Topic != "Day four" {
			t.Errorf("public days of 2015: %+v", days)
		}
		if err := k.Delete(ctx, pool, key); err != nil {
			t.Fatal(err)
		}
		if _, err := k.Load(ctx, pool, key); !errors.Is(err, content.ErrNotFound) {
			t.Errorf("Load after Delete: %v", err)
		}
	})

	t.Run("listed in number order", func(t *testing.T) {
		// Days are not moved: they follow their numbers.
		d := mustLoad(t, pool, k, entries[0].Key)
		d["number"] = "7"
		if p := problemsOf(t, pool, k, entries[0].Key, d); len(p) > 0 {
			t.Fatalf("problems: %v", p)
		}
		mustSave(t, pool, k, entries[0].Key, d)
		list, err := k.List(ctx, pool, "2018")
		if err != nil {
			t.Fatal(err)
		}
		if list[len(list)-1].Key != entries[0].Key || list[0].Key != entries[1].Key {
			t.Errorf("after renumbering day 1 as 7: %v", list)
		}
	})

	valid := mustLoad(t, pool, k, entries[3].Key)
	checkCases(t, pool, k, entries[3].Key, valid, []checkCase{
		{name: "number of another day", change: content.Doc{"number": "3"}, want: []string{"number"}},
		{name: "new day on a taken number", asNew: true, want: []string{"number"}},
		{name: "free number", change: content.Doc{"number": "6"}},
		{name: "number above 7", change: content.Doc{"number": "8"}, want: []string{"number"}},
		{name: "number 0", change: content.Doc{"number": "0"}, want: []string{"number"}},
		{name: "date before the week", change: content.Doc{"day": "2018-09-23"}, want: []string{"day"}},
		{name: "date after the week", change: content.Doc{"day": "2019-09-27"}, want: []string{"day"}},
		{name: "last day of the week", change: content.Doc{"day": "2018-09-28"}},
		{name: "unknown resource", change: content.Doc{"resources": "key-messages\nno-such-report"}, want: []string{"resources"}},
		{name: "resource twice", change: content.Doc{"resources": "key-messages\n/resources/key-messages"}, want: []string{"resources"}},
		{name: "no resources", change: content.Doc{"resources": ""}},
		{name: "Spanish body without topic", change: content.Doc{"topic.es": "", "body.es": "Texto."}, want: []string{"topic.es"}},
		{name: "no Spanish", change: content.Doc{"topic.es": "", "body.es": "", "share.es": ""}},
		{name: "Spanish messages without topic", change: content.Doc{"topic.es": "", "body.es": "", "share.es": "Un mensaje."}, want: []string{"topic.es"}},
		{name: "a message over X's limit", change: content.Doc{"share.en": "Short.\n" + strings.Repeat("a", 257)}, want: []string{"share.en"}},
		{name: "a message at X's limit", change: content.Doc{"share.en": strings.Repeat("a", 256)}},
		{name: "a long link counts as 23", change: content.Doc{"share.es": strings.Repeat("a", 250) + " https://example.org/" + strings.Repeat("b", 200)}},
		{name: "too many messages", change: content.Doc{"share.en": "1\n2\n3\n4\n5\n6"}, want: []string{"share.en"}},
		// X counts an emoji as 2, and refuses a post with a direction
		// override or a byte-order mark in it.
		{name: "emoji at X's limit", change: content.Doc{"share.en": strings.Repeat("💙", 128)}},
		{name: "emoji over X's limit", change: content.Doc{"share.en": strings.Repeat("a", 250) + " 💙💙💙💙"}, want: []string{"share.en"}},
		{name: "a direction override", change: content.Doc{"share.en": "Social work \u202Ematters"}, want: []string{"share.en"}},
		{name: "a byte-order mark", change: content.Doc{"share.es": "\ufeffEl trabajo social"}, want: []string{"share.es"}},
		{name: "Arabic and a zero-width joiner are fine", change: content.Doc{"share.es": "العمل الاجتماعي\u200d"}},
	})
}

func TestEventKind(t *testing.T) {
	ctx := context.Background()
	pool := seeded(t)
	st := store.New(pool)
	k := content.EventKind

	entries := roundTrip(t, pool, k, "2018")
	if len(entries) != 2 || entries[0].Note != "Chat, 25 September 2018 9:00 am EDT" || !strings.HasPrefix(entries[1].Note, "Webinar, ") {
		t.Fatalf("2018's events list as %v", entries)
	}
	roundTrip(t, pool, k, "2022")
	chat := entries[0].Key
	d := mustLoad(t, pool, k, chat)
	if d["edition"] != "2018" || d["kind"] != "chat" || d["day"] != "2" || d["starts_at"] != "2018-09-25T09:00" ||
		d["ends_at"] != "2018-09-25T10:00" || len(strings.Split(d["questions.es"], "\n")) != 6 {
		t.Errorf("the chat loads as %v", d)
	}
	if webinar := mustLoad(t, pool, k, entries[1].Key); webinar["ends_at"] != "" || webinar["questions.en"] != "" || webinar["day"] != "4" {
		t.Errorf("the webinar loads as %v", webinar)
	}
	if got := k.PublicPath(chat, d); got != "/sswweek/2018" {
		t.Errorf("PublicPath = %q", got)
	}

	t.Run("day options", func(t *testing.T) {
		f, _ := k.Field("day")
		opts, err := f.Options(ctx, pool, content.Doc{"edition": "2018"})
		if err != nil {
			t.Fatal(err)
		}
		if len(opts) != 6 || opts[0].Value != "" || opts[3].Value != "3" || !strings.HasPrefix(opts[3].Label, "Day 3: Developing") {
			t.Errorf("options: %v", opts)
		}
	})

	t.Run("edit shows in both languages, at the edition's time", func(t *testing.T) {
		d := mustLoad(t, pool, k, chat)
		d["starts_at"], d["ends_at"] = "2018-09-26T10:30", "2018-09-26T11:45"
		d["day"] = "3"
		d["title.en"], d["title.es"] = "A new chat", "Una conversación nueva"
		d["questions.en"] = "First?\nSecond?"
		d["questions.es"] = "¿Primera?\n¿Segunda?"
		if p := problemsOf(t, pool, k, chat, d); len(p) > 0 {
			t.Fatalf("problems: %v", p)
		}
		mustSave(t, pool, k, chat, d)
		for _, l := range i18n.Langs {
			events, err := st.EditionEvents(ctx, 2018, l)
			if err != nil {
				t.Fatal(err)
			}
			e := events[0]
			title := map[i18n.Lang]string{i18n.EN: "A new chat", i18n.ES: "Una conversación nueva"}[l]
			first := map[i18n.Lang]string{i18n.EN: "First?", i18n.ES: "¿Primera?"}[l]
			// 10:30 in New York in September is 14:30 UTC.
			if !e.StartsAt.Equal(time.Date(2018, 9, 26, 14, 30, 0, 0, time.UTC)) || !e.EndsAt.Equal(time.Date(2018, 9, 26, 15, 45, 0, 0, time.UTC)) ||
				e.DayNumber != 3 || e.Title != title || len(e.Questions) != 2 || e.Questions[0].Question != first || e.Questions[1].Number != 2 {
				t.Errorf("%s: %+v", l, e)
			}
		}
	})

	t.Run("times follow the edition's zone", func(t *testing.T) {
		pool := seeded(t)
		ed := mustLoad(t, pool, content.EditionKind, "2018")
		ed["time_zone"] = "Africa/Nairobi"
		mustSave(t, pool, content.EditionKind, "2018", ed)
		if d := mustLoad(t, pool, k, chat); d["starts_at"] != "2018-09-25T16:00" {
			t.Errorf("13:00 UTC shows in Nairobi as %s", d["starts_at"])
		}
	})

	t.Run("Spanish left empty falls back to English", func(t *testing.T) {
		d := mustLoad(t, pool, k, chat)
		d["title.es"], d["description.es"], d["questions.es"] = "", "", ""
		mustSave(t, pool, k, chat, d)
		events, err := st.EditionEvents(ctx, 2018, i18n.ES)
		if err != nil {
			t.Fatal(err)
		}
		e := events[0]
		if e.Lang != "en" || e.Title != d["title.en"] || len(e.Questions) == 0 || e.Questions[0].Lang != "en" {
			t.Errorf("Spanish visitors see %+v", e)
		}
	})

	t.Run("create and delete", func(t *testing.T) {
		d := k.New("2022")
		maps.Copy(d, content.Doc{
			"kind": "chat", "day": "", "starts_at": "2022-10-20T08:00", "ends_at": "",
			"hosts": "@SSWAlliance", "hashtag": "#SSWWeek", "url": "https://example.org/chat",
			"title.en": "A chat with no end on record", "description.en": "", "questions.en": "Why?\nHow?",
		})
		if p := problemsOf(t, pool, k, "", d); len(p) > 0 {
			t.Fatalf("problems: %v", p)
		}
		key := mustSave(t, pool, k, "", d)
		if got := mustLoad(t, pool, k, key); !maps.Equal(got, d) {
			t.Errorf("loads as %v, saved %v", got, d)
		}
		events, _ := st.EditionEvents(ctx, 2022, i18n.ES)
		if len(events) != 2 || events[1].Title != d["title.en"] || !events[1].EndsAt.IsZero() || events[1].DayNumber != 0 ||
			!events[1].StartsAt.Equal(time.Date(2022, 10, 20, 12, 0, 0, 0, time.UTC)) {
			t.Errorf("public events of 2022: %+v", events)
		}
		if err := k.Delete(ctx, pool, key); err != nil {
			t.Fatal(err)
		}
		if _, err := k.Load(ctx, pool, key); !errors.Is(err, content.ErrNotFound) {
			t.Errorf("Load after Delete: %v", err)
		}
	})

	t.Run("listed by start", func(t *testing.T) {
		// Events are not moved: they follow their start times.
		d := mustLoad(t, pool, k, entries[1].Key)
		d["starts_at"] = "2018-09-24T08:00"
		mustSave(t, pool, k, entries[1].Key, d)
		list, err := k.List(ctx, pool, "2018")
		if err != nil {
			t.Fatal(err)
		}
		if list[0].Key != entries[1].Key {
			t.Errorf("after moving the webinar to Monday: %v", list)
		}
	})

	valid := mustLoad(t, pool, k, chat)
	valid["starts_at"], valid["ends_at"] = "2018-09-25T09:00", "2018-09-25T10:00"
	valid["title.es"], valid["description.es"] = "Conversación", ""
	valid["questions.en"], valid["questions.es"] = "One?\nTwo?", "¿Una?\n¿Dos?"
	checkCases(t, pool, k, chat, valid, []checkCase{
		{name: "ends before it starts", change: content.Doc{"ends_at": "2018-09-25T08:00"}, want: []string{"ends_at"}},
		{name: "ends as it starts", change: content.Doc{"ends_at": "2018-09-25T09:00"}, want: []string{"ends_at"}},
		{name: "no end", change: content.Doc{"ends_at": ""}},
		{name: "no start", change: content.Doc{"starts_at": ""}, want: []string{"starts_at"}},
		{name: "a time skipped by the clocks", change: content.Doc{"starts_at": "2018-03-11T02:30", "ends_at": ""}, want: []string{"starts_at"}},
		{name: "questions on a webinar", change: content.Doc{"kind": "webinar"}, want: []string{"questions.en"}},
		{name: "webinar without questions", change: content.Doc{"kind": "webinar", "questions.en": "", "questions.es": ""}},
		{name: "fewer Spanish questions", change: content.Doc{"questions.es": "¿Una?"}, want: []string{"questions.es"}},
		{name: "no Spanish questions", change: content.Doc{"questions.es": ""}},
		{name: "Spanish questions without title", change: content.Doc{"title.es": ""}, want: []string{"title.es"}},
		{name: "day of another edition", change: content.Doc{"day": "7"}, want: []string{"day"}},
		{name: "no day", change: content.Doc{"day": ""}},
		{name: "hashtag with a space", change: content.Doc{"hashtag": "# SSWWeek"}, want: []string{"hashtag"}},
		{name: "link not a web address", change: content.Doc{"url": "example.org"}, want: []string{"url"}},
	})
}
