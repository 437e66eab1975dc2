package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/sswalliance/advocacy/internal/content"
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
		if _, err := publish(ctx, tx, content.EditionKind, "", content.Doc{"year": "2018", "ordinal": "5",
			"starts_on": "2018-09-25", "ends_on": "2018-09-25", "theme.en": "Five"}); err != nil {
			return err
		}
		dayTwo, err := publish(ctx, tx, content.DayKind, "2018", content.Doc{"number": "2", "day": "2018-09-25", "topic.en": "Mapping"})
		if err != nil {
			return err
		}
		for i, p := range []content.Doc{
			{"slug": "old", "author": "A", "published_at": "2016-01-01T00:00", "title.en": "Old"},
			{"slug": "day-two", "author": "B", "published_at": "2018-09-25T12:00", "year": "2018", "day": dayTwo,
				"title.en": "Day two", "body.en": "*b*", "title.es": "Día dos"},
			{"slug": "week", "author": "C", "published_at": "2018-09-24T12:00", "year": "2018", "title.en": "Week"},
		} {
			if _, err := publish(ctx, tx, content.BlogPostKind, "", p); err != nil {
				t.Errorf("post %d: %v", i, err)
			}
		}
		// An edit moves updated_at on from the publication time.
		if _, err := content.BlogPostKind.Save(ctx, tx.Conn(), "week", content.Doc{"slug": "week", "author": "C",
			"published_at": "2018-09-24T12:00", "year": "2018", "title.en": "Week"}); err != nil {
			return err
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
	if !posts[1].UpdatedAt.After(posts[1].PublishedAt) || posts[1].DayNumber != 0 || !posts[1].Day.IsZero() {
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
		_, err := publish(ctx, tx, content.BlogPostKind, "", content.Doc{"slug": "bad-day", "author": "D",
			"published_at": "2018-09-25T00:00", "year": "2018", "day": "999999", "title.en": "T"})
		return err
	})
	if err == nil {
		t.Error("post for a missing day accepted")
	}
}
