package content_test

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/store"
)

// blogDayID is the id of the demo edition year's day number, as the day
// Select's values name it.
func blogDayID(t *testing.T, pool *pgxpool.Pool, year, number int) string {
	t.Helper()
	var id int64
	if err := pool.QueryRow(context.Background(), `SELECT id FROM sswweek_days WHERE year = $1 AND number = $2`, year, number).Scan(&id); err != nil {
		t.Fatalf("day %d of %d: %v", number, year, err)
	}
	return strconv.FormatInt(id, 10)
}

func loadBlogPost(t *testing.T, pool *pgxpool.Pool, slug string) content.Doc {
	t.Helper()
	d, err := content.BlogPostKind.Load(context.Background(), pool, slug)
	if err != nil {
		t.Fatalf("Load(%q): %v", slug, err)
	}
	return d
}

func TestBlogPostSaveShowsOnPublicSite(t *testing.T) {
	pool := seeded(t)
	ctx := context.Background()
	k := content.BlogPostKind
	const old = "putting-the-call-to-action-to-work"

	d := loadBlogPost(t, pool, old)
	if d["published_at"] != "2018-09-24T12:00" || d["year"] != "2018" || d["day"] != blogDayID(t, pool, 2018, 1) {
		t.Fatalf("loaded %v", d)
	}
	d["slug"] = "the-call-to-action-at-work"
	d["title.en"], d["title.es"] = "The Call to Action at work", "El Llamado a la acción en marcha"
	d["summary.en"], d["body.es"] = "New summary.", "Texto *nuevo*."
	d["author"] = "Communications team, Global Social Service Workforce Alliance"
	d["published_at"] = "2018-09-26T08:30"
	d["day"] = blogDayID(t, pool, 2018, 3)
	if problems := k.Check(ctx, pool, old, d); len(problems) > 0 {
		t.Fatalf("Check: %v", problems)
	}
	before := time.Now()
	key, err := k.Save(ctx, pool, old, d)
	if err != nil {
		t.Fatal(err)
	}
	if key != "the-call-to-action-at-work" {
		t.Errorf("Save returned key %q, want the new slug", key)
	}
	if again := loadBlogPost(t, pool, key); !maps.Equal(again, d) {
		t.Errorf("Load after Save:\n got  %v\n want %v", again, d)
	}

	st := store.New(pool)
	for _, tc := range []struct {
		lang         i18n.Lang
		title, body  string
		summary      string
		wantTextLang string
	}{
		{i18n.EN, "The Call to Action at work", d["body.en"], "New summary.", "en"},
		{i18n.ES, "El Llamado a la acción en marcha", "Texto *nuevo*.", d["summary.es"], "es"},
	} {
		p, err := st.BlogPost(ctx, key, tc.lang)
		if err != nil {
			t.Fatal(err)
		}
		if p.Title != tc.title || p.Body != tc.body || p.Summary != tc.summary || p.Lang != tc.wantTextLang {
			t.Errorf("%s: post is %q/%q/%q in %s", tc.lang, p.Title, p.Summary, p.Body, p.Lang)
		}
		if p.Author != d["author"] || !p.PublishedAt.Equal(time.Date(2018, 9, 26, 8, 30, 0, 0, time.UTC)) {
			t.Errorf("%s: author %q, published %v", tc.lang, p.Author, p.PublishedAt)
		}
		if p.Year != 2018 || p.DayNumber != 3 {
			t.Errorf("%s: edition %d day %d, want 2018 day 3", tc.lang, p.Year, p.DayNumber)
		}
		// The feed's <updated> must move when a post is edited.
		if p.UpdatedAt.Before(before.Add(-time.Minute)) {
			t.Errorf("%s: updated_at %v was not set by the save", tc.lang, p.UpdatedAt)
		}
	}
	if _, err := st.BlogPost(ctx, old, i18n.EN); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("old address: %v, want ErrNotFound", err)
	}

	// Leaving the week clears both the edition and the day.
	d["year"], d["day"] = "", ""
	if _, err := k.Save(ctx, pool, key, d); err != nil {
		t.Fatal(err)
	}
	if p, err := st.BlogPost(ctx, key, i18n.EN); err != nil || p.Year != 0 || p.DayNumber != 0 {
		t.Errorf("after leaving the week: %+v, %v", p, err)
	}
	if got := k.PublicPath(key, d); got != "/blog/the-call-to-action-at-work" {
		t.Errorf("PublicPath = %q", got)
	}
}

func TestBlogPostSpanishFallsBackToEnglish(t *testing.T) {
	pool := seeded(t)
	ctx := context.Background()
	k := content.BlogPostKind
	const slug = "counting-the-workforce"

	d := loadBlogPost(t, pool, slug)
	if d["title.es"] == "" {
		t.Fatalf("the demo post %s should have a Spanish version: %v", slug, d)
	}
	for _, f := range []string{"title", "summary", "body"} {
		d[content.Key(f, i18n.ES)] = ""
	}
	if _, err := k.Save(ctx, pool, slug, d); err != nil {
		t.Fatal(err)
	}
	p, err := store.New(pool).BlogPost(ctx, slug, i18n.ES)
	if err != nil {
		t.Fatal(err)
	}
	if p.Lang != "en" || p.Title != d["title.en"] {
		t.Errorf("Spanish page shows %q in %s, want the English title", p.Title, p.Lang)
	}
	again := loadBlogPost(t, pool, slug)
	if _, ok := again["title.es"]; ok {
		t.Errorf("Load after removing Spanish still has title.es: %v", again)
	}
	if _, err := k.Save(ctx, pool, slug, again); err != nil {
		t.Fatal(err)
	}
	if third := loadBlogPost(t, pool, slug); !maps.Equal(third, again) {
		t.Errorf("English-only post does not round trip:\n %v\n %v", again, third)
	}
}

func TestBlogPostCreateAndDelete(t *testing.T) {
	pool := seeded(t)
	ctx := context.Background()
	k := content.BlogPostKind

	d := k.New("")
	if _, err := time.Parse(content.DateTimeLayout, d["published_at"]); err != nil {
		t.Fatalf("New: published_at %q: %v", d["published_at"], err)
	}
	d["slug"], d["author"] = "a-new-post", "Communications team"
	d["title.en"], d["body.en"] = "A new post", "Hello."
	if problems, err := content.Validate(ctx, pool, k, "", d); err != nil || len(problems) > 0 {
		t.Fatalf("Validate: %v %v", problems, err)
	}
	key, err := k.Save(ctx, pool, "", d)
	if err != nil {
		t.Fatal(err)
	}
	if key != "a-new-post" {
		t.Fatalf("key = %q", key)
	}
	entries, err := k.List(ctx, pool, "")
	if err != nil {
		t.Fatal(err)
	}
	published, _ := time.Parse(content.DateTimeLayout, d["published_at"])
	if entries[0].Key != key || entries[0].Title != "A new post" || entries[0].Note != i18n.EN.Date(published) {
		t.Errorf("the newest post should list first: %+v", entries[0])
	}
	for _, l := range i18n.Langs {
		p, err := store.New(pool).BlogPost(ctx, key, l)
		if err != nil || p.Title != "A new post" || p.Year != 0 {
			t.Errorf("%s: %+v, %v", l, p, err)
		}
	}

	if err := k.Delete(ctx, pool, key); err != nil {
		t.Fatal(err)
	}
	if _, err := k.Load(ctx, pool, key); !errors.Is(err, content.ErrNotFound) {
		t.Errorf("Load after Delete: %v, want ErrNotFound", err)
	}
	if _, err := store.New(pool).BlogPost(ctx, key, i18n.EN); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("public post after Delete: %v, want ErrNotFound", err)
	}
	if _, err := k.Save(ctx, pool, "no-such-post", d); !errors.Is(err, content.ErrNotFound) {
		t.Errorf("Save over a missing key: %v, want ErrNotFound", err)
	}
}

func TestBlogPostCheck(t *testing.T) {
	pool := seeded(t)
	ctx := context.Background()
	k := content.BlogPostKind
	const slug = "counting-the-workforce" // 2018, day 2
	base := loadBlogPost(t, pool, slug)

	for _, tc := range []struct {
		name   string
		key    string
		change content.Doc
		want   []string // keys with a problem
	}{
		{"unchanged", slug, nil, nil},
		{"address of another post", slug, content.Doc{"slug": "a-national-strategy"}, []string{"slug"}},
		{"new post with a used address", "", nil, []string{"slug"}},
		{"new post with a free address", "", content.Doc{"slug": "brand-new"}, nil},
		{"day of another week", slug, content.Doc{"day": blogDayID(t, pool, 2019, 2)}, []string{"day"}},
		{"day without its week", slug, content.Doc{"year": ""}, []string{"day"}},
		{"week without a day", slug, content.Doc{"day": ""}, nil},
		{"a day gone since", slug, content.Doc{"day": "99999999"}, []string{"day"}},
		{"Spanish text without a title", slug, content.Doc{"title.es": ""}, []string{"title.es"}},
		{"Spanish all cleared", slug, content.Doc{"title.es": "", "summary.es": "", "body.es": ""}, nil},
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
		})
	}
}

func TestBlogPostFormOptions(t *testing.T) {
	pool := seeded(t)
	ctx := context.Background()
	k := content.BlogPostKind

	year, _ := k.Field("year")
	opts, err := year.Options(ctx, pool, content.Doc{})
	if err != nil {
		t.Fatal(err)
	}
	if len(opts) < 2 || opts[0].Value <= opts[len(opts)-1].Value {
		t.Errorf("editions: want newest first: %v", opts)
	}
	var theme string
	if err := pool.QueryRow(ctx, `SELECT theme FROM sswweek_edition_texts WHERE year = 2018 AND lang = 'en'`).Scan(&theme); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(opts, content.Option{Value: "2018", Label: "2018: " + theme}) {
		t.Errorf("editions lack 2018 with its theme: %v", opts)
	}

	day, _ := k.Field("day")
	opts, err = day.Options(ctx, pool, content.Doc{})
	if err != nil {
		t.Fatal(err)
	}
	var topic string
	if err := pool.QueryRow(ctx, `SELECT topic FROM sswweek_day_texts WHERE day_id = $1 AND lang = 'en'`,
		blogDayID(t, pool, 2018, 3)).Scan(&topic); err != nil {
		t.Fatal(err)
	}
	want := content.Option{Value: blogDayID(t, pool, 2018, 3), Label: "2018, day 3: " + topic}
	if !slices.Contains(opts, want) || opts[0].Label[:4] < opts[len(opts)-1].Label[:4] {
		t.Errorf("days: want %v, newest week first: %v", want, opts)
	}
}
