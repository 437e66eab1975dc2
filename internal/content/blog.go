package content

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sswalliance/advocacy/internal/i18n"
)

func init() { builtin = append(builtin, BlogPostKind) }

// blogPostFields are the form of BlogPostKind; a variable of its own so the kind's
// functions can read it without referring to the kind itself.
var blogPostFields = []Field{
	{Name: "title", Label: "Title", Type: Text, Translated: true, Required: true, MaxLen: 200},
	{Name: "slug", Label: "Address", Type: Slug, Required: true, MaxLen: 100,
		Hint: "The end of the post's address, /blog/…: lowercase words joined by hyphens, such as counting-the-workforce. Changing it later breaks links to the post."},
	{Name: "author", Label: "Author", Type: Text, Required: true, MaxLen: 200,
		Hint: "Name and organisation, as credited on the post, such as “Research officer, Global Social Service Workforce Alliance”."},
	{Name: "published_at", Label: "Publication date and time", Type: DateTime, Required: true,
		Hint: "In UTC (Coordinated Universal Time), such as 2018-09-24T12:00 for noon UTC. The blog shows this date and lists posts by it; it does not delay publishing."},
	{Name: "year", Label: "Social Service Workforce Week", Type: Select, Options: blogEditionOptions,
		Hint: "The week the post was written for, or (none): the post then shows on that week's page."},
	{Name: "day", Label: "Day of the week", Type: Select, Options: blogDayOptions,
		Hint: "The day of that week the post belongs to, or (none) for the whole week. It must be a day of the week chosen above."},
	{Name: "summary", Label: "Summary", Type: Textarea, Translated: true, MaxLen: 1000,
		Hint: "One or two sentences shown in the list of posts and in the feed."},
	{Name: "body", Label: "Text", Type: Markdown, Translated: true},
}

var blogPostTexts = texts(`INSERT INTO blog_post_texts (post_id, lang, title, summary, body)`, blogPostFields)

// BlogPostKind is a post on the blog, optionally written for an SSWWeek
// edition and one of its days. Its key is its slug.
var BlogPostKind = &Kind{
	Name: "blog-post", Label: "Blog post", Plural: "Blog posts",
	Intro:         "Posts on the blog and in its feed, newest first. A post written for a Social Service Workforce Week also shows on that week's page. Spanish fields left empty show the English text.",
	Fields:        blogPostFields,
	RedirectMoves: true,
	Title:         func(d Doc) string { return d["title.en"] },
	List: func(ctx context.Context, db DB, _ string) ([]Entry, error) {
		rows, _ := db.Query(ctx, `
			SELECT p.slug, t.title, p.published_at
			FROM blog_posts p JOIN blog_post_texts t ON t.post_id = p.id AND t.lang = 'en'
			ORDER BY p.published_at DESC, p.id DESC`)
		entries, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (Entry, error) {
			var (
				e  Entry
				at time.Time
			)
			err := row.Scan(&e.Key, &e.Title, &at)
			e.Note = i18n.EN.Date(at.UTC())
			return e, err
		})
		if err != nil {
			return nil, fmt.Errorf("content: list blog posts: %w", err)
		}
		return entries, nil
	},
	Load: loadBlogPost,
	Save: saveBlogPost,
	Delete: func(ctx context.Context, db DB, key string) error {
		// The texts go with the post (ON DELETE CASCADE).
		if _, err := db.Exec(ctx, `DELETE FROM blog_posts WHERE slug = $1`, key); err != nil {
			return fmt.Errorf("content: delete blog post %s: %w", key, err)
		}
		return nil
	},
	Check: checkBlogPost,
	PublicPath: func(key string, d Doc) string {
		if s := d["slug"]; s != "" {
			return "/blog/" + s
		}
		if key != "" {
			return "/blog/" + key
		}
		return ""
	},
	New: func(string) Doc {
		// Most posts go out the day they are written; staff can change it.
		return Doc{"published_at": time.Now().UTC().Format(DateTimeLayout)}
	},
}

func loadBlogPost(ctx context.Context, db DB, key string) (Doc, error) {
	var (
		id          int64
		d           = Doc{}
		slug, by    string
		at          time.Time
		year, dayID *int64
	)
	err := db.QueryRow(ctx, `SELECT id, slug, author, published_at, year, day_id FROM blog_posts WHERE slug = $1`, key).
		Scan(&id, &slug, &by, &at, &year, &dayID)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("content: load blog post %s: %w", key, err)
	}
	d["slug"], d["author"], d["published_at"] = slug, by, at.UTC().Format(DateTimeLayout)
	d["year"], d["day"] = nullIntText(year), nullIntText(dayID)

	rows, _ := db.Query(ctx, `SELECT lang, title, summary, body FROM blog_post_texts WHERE post_id = $1`, id)
	var lang, title, summary, body string
	_, err = pgx.ForEachRow(rows, []any{&lang, &title, &summary, &body}, func() error {
		l := i18n.Lang(lang)
		d[Key("title", l)], d[Key("summary", l)], d[Key("body", l)] = title, summary, body
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("content: load blog post %s: %w", key, err)
	}
	return d, nil
}

func saveBlogPost(ctx context.Context, db DB, key string, d Doc) (string, error) {
	slug := d["slug"]
	at, err := time.ParseInLocation(DateTimeLayout, d["published_at"], time.UTC)
	if err != nil {
		return "", fmt.Errorf("content: save blog post %s: publication time: %w", slug, err)
	}
	year, err := parseNullInt(d["year"])
	if err != nil {
		return "", fmt.Errorf("content: save blog post %s: year: %w", slug, err)
	}
	dayID, err := parseNullInt(d["day"])
	if err != nil {
		return "", fmt.Errorf("content: save blog post %s: day: %w", slug, err)
	}

	var id int64
	if key == "" {
		// A new post's first version is the one published: until it is
		// edited, the feed's <updated> is its publication time.
		err = db.QueryRow(ctx, `
			INSERT INTO blog_posts (slug, author, published_at, updated_at, year, day_id)
			VALUES ($1, $2, $3, $3, $4, $5) RETURNING id`,
			slug, d["author"], at, year, dayID).Scan(&id)
	} else {
		// updated_at feeds the Atom entry's <updated>, so readers see the change.
		err = db.QueryRow(ctx, `
			UPDATE blog_posts SET slug = $2, author = $3, published_at = $4, year = $5, day_id = $6, updated_at = now()
			WHERE slug = $1 RETURNING id`,
			key, slug, d["author"], at, year, dayID).Scan(&id)
		if errors.Is(err, pgx.ErrNoRows) {
			err = ErrNotFound
		}
	}
	if err != nil {
		return "", fmt.Errorf("content: save blog post %s: %w", slug, err)
	}

	// A language without a title loses its row: the post falls back to English.
	if err := blogPostTexts.save(ctx, db, id, d); err != nil {
		return "", fmt.Errorf("content: save blog post %s: %w", slug, err)
	}
	return slug, nil
}

func checkBlogPost(ctx context.Context, db DB, key string, d Doc) map[string]string {
	problems := map[string]string{}
	var taken bool
	if err := db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM blog_posts WHERE slug = $1 AND slug <> $2)`,
		d["slug"], key).Scan(&taken); err != nil {
		problems["slug"] = checkUnavailable
	} else if taken {
		problems["slug"] = "Another blog post already uses this address. Choose a different one."
	}

	if d["day"] != "" {
		var dayYear, number int
		err := db.QueryRow(ctx, `SELECT year, number FROM sswweek_days WHERE id::text = $1`, d["day"]).Scan(&dayYear, &number)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			problems["day"] = "This day is no longer part of any Social Service Workforce Week. Choose another day, or none."
		case err != nil:
			problems["day"] = checkUnavailable
		case d["year"] == "":
			problems["day"] = fmt.Sprintf("Day %d belongs to the %d week. Choose that week above as well, or choose no day.", number, dayYear)
		case d["year"] != strconv.Itoa(dayYear):
			problems["day"] = fmt.Sprintf("Day %d belongs to the %d week, not the %s one. Choose a day of the %s week, or no day.", number, dayYear, d["year"], d["year"])
		}
	}

	for k, v := range untitledTranslations(d, "title", "summary", "body") {
		problems[k] = v
	}
	return problems
}

// checkUnavailable is Check's message when the database did not answer: the
// save is refused rather than risked, and trying again usually works.
const checkUnavailable = "This could not be checked just now. Please try again in a moment."

// blogEditionOptions are the SSWWeek editions a post can belong to, newest
// first. The form adds the choice of none to every Select.
func blogEditionOptions(ctx context.Context, db DB, _ Doc) ([]Option, error) {
	rows, _ := db.Query(ctx, `
		SELECT e.year::text, e.year || coalesce(': ' || t.theme, '')
		FROM sswweek_editions e LEFT JOIN sswweek_edition_texts t ON t.year = e.year AND t.lang = 'en'
		ORDER BY e.year DESC`)
	opts, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Option])
	if err != nil {
		return nil, fmt.Errorf("content: SSWWeek editions for a blog post: %w", err)
	}
	return opts, nil
}

// blogDayOptions are the days of every edition, grouped by edition (newest
// first) and in day order: a form without JavaScript cannot narrow them to
// the chosen edition, so Check makes sure the two agree.
func blogDayOptions(ctx context.Context, db DB, _ Doc) ([]Option, error) {
	rows, _ := db.Query(ctx, `
		SELECT d.id::text, d.year || ', day ' || d.number || coalesce(': ' || t.topic, '')
		FROM sswweek_days d LEFT JOIN sswweek_day_texts t ON t.day_id = d.id AND t.lang = 'en'
		ORDER BY d.year DESC, d.number`)
	opts, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Option])
	if err != nil {
		return nil, fmt.Errorf("content: SSWWeek days for a blog post: %w", err)
	}
	return opts, nil
}

// untitledTranslations reports translations that would be lost: Save keeps
// a non-English version only when it has a title, so other fields filled in
// without one would silently disappear on publishing.
func untitledTranslations(d Doc, title string, others ...string) map[string]string {
	problems := map[string]string{}
	for _, l := range i18n.Langs {
		if l == i18n.EN || d[Key(title, l)] != "" {
			continue
		}
		for _, f := range others {
			if d[Key(f, l)] != "" {
				problems[Key(title, l)] = "Add a title in this language too, or clear its other fields: without a title, this language's version is not published and its text would be lost."
				break
			}
		}
	}
	return problems
}

// nullIntText formats a nullable number column for a form: NULL is "".
func nullIntText(p *int64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatInt(*p, 10)
}

// parseNullInt reads an optional Number or Select value: "" is NULL.
func parseNullInt(s string) (*int64, error) {
	if s == "" {
		return nil, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return nil, err
	}
	return &n, nil
}
