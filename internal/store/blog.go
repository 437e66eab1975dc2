package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sswalliance/advocacy/internal/i18n"
)

// BlogPost is a post on the blog, in one language, with the SSWWeek edition
// and day it was written for, if any.
type BlogPost struct {
	ID          int64
	Slug        string
	Author      string // role and organisation, as credited
	PublishedAt time.Time
	UpdatedAt   time.Time
	Year        int       // the edition's year; 0 when not written for one
	Ordinal     int       // the edition's ordinal; 0 when none
	DayNumber   int       // the edition's day; 0 when none
	Day         time.Time // that day's date; zero when none
	Lang        string    // the language of the texts (English when untranslated)
	Title       string
	Summary     string
	Body        string // Markdown
	LeadImage   int64  // a media library image; 0 for none
}

// blogColumns selects posts with their texts in $1 (falling back to
// English) and their edition and day.
var blogColumns = `
	SELECT p.id, p.slug, p.author, p.published_at, p.updated_at,
		coalesce(p.year, 0), coalesce(e.ordinal, 0), coalesce(d.number, 0), d.day,
		t.lang, t.title, t.summary, t.body, coalesce(p.lead_image, 0)
	FROM blog_posts p
	LEFT JOIN sswweek_editions e ON e.year = p.year
	LEFT JOIN sswweek_days d ON d.id = p.day_id
	` + translated("blog_post_texts", "post_id", "p.id", "$1")

func scanBlogPost(row pgx.CollectableRow) (BlogPost, error) {
	var (
		p   BlogPost
		day *time.Time
	)
	err := row.Scan(&p.ID, &p.Slug, &p.Author, &p.PublishedAt, &p.UpdatedAt,
		&p.Year, &p.Ordinal, &p.DayNumber, &day, &p.Lang, &p.Title, &p.Summary, &p.Body, &p.LeadImage)
	if day != nil {
		p.Day = *day
	}
	return p, err
}

// BlogPosts returns up to limit posts, newest first, skipping the first
// offset, each in lang where translated.
func (s *Store) BlogPosts(ctx context.Context, lang i18n.Lang, limit, offset int) ([]BlogPost, error) {
	rows, _ := s.db.Query(ctx, blogColumns+`
		ORDER BY p.published_at DESC, p.id DESC LIMIT $2 OFFSET $3`, string(lang), limit, offset)
	return allRows(rows, scanBlogPost, "blog posts")
}

// BlogPostCount returns how many posts there are.
func (s *Store) BlogPostCount(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRow(ctx, `SELECT count(*) FROM blog_posts`).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count blog posts: %w", err)
	}
	return n, nil
}

// EditionBlogPosts returns the posts written for an edition, in the order
// of its days (posts for no particular day last), each in lang where
// translated.
func (s *Store) EditionBlogPosts(ctx context.Context, year int, lang i18n.Lang) ([]BlogPost, error) {
	rows, _ := s.db.Query(ctx, blogColumns+`
		WHERE p.year = $2
		ORDER BY d.number NULLS LAST, p.published_at, p.id`, string(lang), year)
	return allRows(rows, scanBlogPost, fmt.Sprintf("blog posts of edition %d", year))
}

// BlogPost returns the post with slug in lang where translated, or
// ErrNotFound.
func (s *Store) BlogPost(ctx context.Context, slug string, lang i18n.Lang) (BlogPost, error) {
	rows, _ := s.db.Query(ctx, blogColumns+` WHERE p.slug = $2`, string(lang), slug)
	return exactlyOne(rows, scanBlogPost, fmt.Sprintf("blog post %q", slug))
}

// BlogSlugs lists the slug of every post, newest first.
func (s *Store) BlogSlugs(ctx context.Context) ([]string, error) {
	rows, _ := s.db.Query(ctx, `SELECT slug FROM blog_posts ORDER BY published_at DESC, id DESC`)
	return allRows(rows, pgx.RowTo[string], "blog slugs")
}
