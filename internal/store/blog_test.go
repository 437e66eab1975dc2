package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/sswalliance/advocacy/internal/dbtest"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/store"
)

func TestBlogRoundTrip(t *testing.T) {
	ctx := context.Background()
	st := store.New(dbtest.New(t))
	if _, err := st.BlogPost(ctx, "nope", i18n.EN); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("missing post: %v, want ErrNotFound", err)
	}
	day := time.Date(2018, 9, 25, 0, 0, 0, 0, time.UTC)
	err := st.InTx(ctx, func(tx *store.Store) error {
		if err := tx.CreateEdition(ctx, store.NewEdition{Year: 2018, Ordinal: 5, StartsOn: day, EndsOn: day,
			Texts: []store.EditionText{{Lang: i18n.EN, Theme: "Five"}}}); err != nil {
			return err
		}
		if _, err := tx.CreateEditionDay(ctx, store.NewEditionDay{Year: 2018, Number: 2, Day: day,
			Texts: []store.DayText{{Lang: i18n.EN, Topic: "Mapping"}}}); err != nil {
			return err
		}
		for i, p := range []store.NewBlogPost{
			{Slug: "old", Author: "A", PublishedAt: time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC),
				Texts: []store.BlogPostText{{Lang: i18n.EN, Title: "Old"}}},
			{Slug: "day-two", Author: "B", PublishedAt: time.Date(2018, 9, 25, 12, 0, 0, 0, time.UTC), Year: 2018, DayNumber: 2,
				Texts: []store.BlogPostText{{Lang: i18n.EN, Title: "Day two", Body: "*b*"}, {Lang: i18n.ES, Title: "Día dos"}}},
			{Slug: "week", Author: "C", PublishedAt: time.Date(2018, 9, 24, 12, 0, 0, 0, time.UTC), Year: 2018,
				UpdatedAt: time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC),
				Texts:     []store.BlogPostText{{Lang: i18n.EN, Title: "Week"}}},
		} {
			if _, err := tx.CreateBlogPost(ctx, p); err != nil {
				t.Errorf("post %d: %v", i, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	posts, err := st.BlogPosts(ctx, i18n.ES, 2, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 2 || posts[0].Slug != "day-two" || posts[0].Title != "Día dos" || posts[0].Lang != "es" || posts[1].Slug != "week" || posts[1].Lang != "en" {
		t.Fatalf("first page = %+v", posts)
	}
	p := posts[0]
	if p.Year != 2018 || p.Ordinal != 5 || p.DayNumber != 2 || !p.Day.Equal(day) || !p.UpdatedAt.Equal(p.PublishedAt) {
		t.Errorf("post for day 2 = %+v", p)
	}
	if !posts[1].UpdatedAt.Equal(time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)) || posts[1].DayNumber != 0 || !posts[1].Day.IsZero() {
		t.Errorf("post for the week = %+v", posts[1])
	}
	if rest, _ := st.BlogPosts(ctx, i18n.EN, 2, 2); len(rest) != 1 || rest[0].Slug != "old" || rest[0].Year != 0 || rest[0].Ordinal != 0 {
		t.Errorf("second page = %+v", rest)
	}
	if n, err := st.BlogPostCount(ctx); err != nil || n != 3 {
		t.Errorf("count = %d %v", n, err)
	}
	if slugs, _ := st.BlogSlugs(ctx); len(slugs) != 3 || slugs[0] != "day-two" {
		t.Errorf("slugs = %v", slugs)
	}
	ed, err := st.EditionBlogPosts(ctx, 2018, i18n.EN)
	if err != nil || len(ed) != 2 || ed[0].Slug != "day-two" || ed[1].Slug != "week" {
		t.Errorf("edition posts = %+v %v (want day posts first)", ed, err)
	}
	got, err := st.BlogPost(ctx, "day-two", i18n.EN)
	if err != nil || got.Title != "Day two" || got.Body != "*b*" || got.Author != "B" {
		t.Errorf("post = %+v %v", got, err)
	}
	if ed, _ := st.Edition(ctx, 2018, i18n.EN); ed.PostCount != 2 {
		t.Errorf("edition post count = %d", ed.PostCount)
	}

	// A day that is not in the post's edition is refused.
	err = st.InTx(ctx, func(tx *store.Store) error {
		_, err := tx.CreateBlogPost(ctx, store.NewBlogPost{Slug: "bad-day", Author: "D", PublishedAt: day, Year: 2018, DayNumber: 4,
			Texts: []store.BlogPostText{{Lang: i18n.EN, Title: "T"}}})
		return err
	})
	if !errors.Is(err, store.ErrNotFound) {
		t.Errorf("post for a missing day: %v, want ErrNotFound", err)
	}
}
