package content

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"
)

func init() { builtin = append(builtin, AudienceKind, KeyMessageKind) }

// audienceFields are AudienceKind's form; a variable of its own so the
// kind's functions can read it without referring to the kind itself.
var audienceFields = []Field{
	{Name: "slug", Label: "Address", Type: Slug, Required: true, MaxLen: 60,
		Hint: "The end of the audience's page address, as in /key-messages/policymakers: lowercase words joined by hyphens. Changing it breaks links to the old address."},
	{Name: "name", Label: "Name", Type: Text, Translated: true, Required: true, MaxLen: 100,
		Hint: "Who the messages are for, as the page's heading: “Policymakers”."},
	{Name: "summary", Label: "Summary", Type: Textarea, Translated: true, MaxLen: 500,
		Hint: "One or two sentences under the heading: who these people are and what they decide."},
}

var audienceRows = slugTable("audience", `INSERT INTO audiences (slug, position)`, "id",
	texts(`INSERT INTO audience_texts (audience_id, lang, name, summary)`, audienceFields))

// AudienceKind is a group advocates speak to, with its own page of key
// messages. Its key is its slug.
var AudienceKind = &Kind{
	Name: "audience", Label: "Audience", Plural: "Audiences",
	Intro:   "The groups advocates speak to, in the order the key messages page lists them. Each has its own page of key messages: open an audience to edit them.",
	Ordered: true,
	Fields:  audienceFields,
	Title:   func(d Doc) string { return d["name.en"] },
	List: func(ctx context.Context, db DB, _ string) ([]Entry, error) {
		rows, _ := db.Query(ctx, `
			SELECT a.slug, coalesce(t.name, a.slug),
				(SELECT count(*) FROM key_messages m WHERE m.audience_id = a.id)::int
			FROM audiences a
			LEFT JOIN audience_texts t ON t.audience_id = a.id AND t.lang = 'en'
			ORDER BY a.position, a.id`)
		var entries []Entry
		var e Entry
		var n int
		_, err := pgx.ForEachRow(rows, []any{&e.Key, &e.Title, &n}, func() error {
			e.Note = countNoun(n, "key message", "key messages")
			entries = append(entries, e)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("content: list audiences: %w", err)
		}
		return entries, nil
	},
	Load: audienceRows.load,
	Save: audienceRows.save,
	// Delete removes the audience with all its key messages (they cascade).
	Delete: audienceRows.delete,
	Move:   audienceRows.move,
	Check:  audienceRows.check("Another audience already uses this address. Choose a different one."),
	PublicPath: func(key string, d Doc) string {
		slug := d["slug"]
		if slug == "" {
			slug = key
		}
		return "/key-messages/" + slug
	},
	New: audienceRows.newDoc,
}

var keyMessageFields = []Field{
	{Name: "headline", Label: "Headline", Type: Text, Translated: true, Required: true, MaxLen: 200,
		Hint: "The message itself, in one sentence: “Investing in the workforce is investing in prevention”."},
	{Name: "points", Label: "Supporting points", Type: Markdown, Translated: true, MaxLen: 10_000,
		Hint: "The arguments behind the headline, one per line, each starting with “- ”."},
	{Name: "sources", Label: "Sources", Type: Markdown, Translated: true, MaxLen: 10_000,
		Hint: "Where the facts come from, one per line, each starting with “- ”. Put titles between *asterisks* to show them in italics."},
}

var keyMessageTexts = texts(`INSERT INTO key_message_texts (key_message_id, lang, headline, points, sources)`, keyMessageFields)

// KeyMessageKind is one message for an audience. Its key is its id; the
// doc's "audience" holds the audience's slug.
var KeyMessageKind = &Kind{
	Name: "key-message", Label: "Key message", Plural: "Key messages",
	Intro:  "The messages for this audience, in the order its page shows them.",
	Parent: "audience", ParentField: "audience", Ordered: true,
	Fields: keyMessageFields,
	Title:  func(d Doc) string { return d["headline.en"] },
	List: func(ctx context.Context, db DB, parent string) ([]Entry, error) {
		rows, _ := db.Query(ctx, `
			SELECT m.id, coalesce(t.headline, ''),
				EXISTS (SELECT 1 FROM key_message_texts s WHERE s.key_message_id = m.id AND s.lang = 'es')
			FROM key_messages m
			JOIN audiences a ON a.id = m.audience_id
			LEFT JOIN key_message_texts t ON t.key_message_id = m.id AND t.lang = 'en'
			WHERE a.slug = $1
			ORDER BY m.position, m.id`, parent)
		var entries []Entry
		var id int64
		var title string
		var spanish bool
		_, err := pgx.ForEachRow(rows, []any{&id, &title, &spanish}, func() error {
			note := "English only"
			if spanish {
				note = "English and Spanish"
			}
			entries = append(entries, Entry{Key: strconv.FormatInt(id, 10), Title: title, Note: note})
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("content: list key messages of %s: %w", parent, err)
		}
		return entries, nil
	},
	Load: func(ctx context.Context, db DB, key string) (Doc, error) {
		id, err := strconv.ParseInt(key, 10, 64)
		if err != nil {
			return nil, ErrNotFound
		}
		var audience string
		err = db.QueryRow(ctx, `SELECT a.slug FROM key_messages m JOIN audiences a ON a.id = m.audience_id
			WHERE m.id = $1`, id).Scan(&audience)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil, ErrNotFound
		}
		if err != nil {
			return nil, fmt.Errorf("content: load key message %s: %w", key, err)
		}
		d := Doc{"audience": audience}
		if err := keyMessageTexts.load(ctx, db, id, d); err != nil {
			return nil, fmt.Errorf("content: load key message %s: %w", key, err)
		}
		return d, nil
	},
	// Save puts a new message at the end of its audience's list. A message
	// whose doc names a different audience moves to the end of that one.
	Save: func(ctx context.Context, db DB, key string, d Doc) (string, error) {
		var audienceID int64
		err := db.QueryRow(ctx, `SELECT id FROM audiences WHERE slug = $1`, d["audience"]).Scan(&audienceID)
		if errors.Is(err, pgx.ErrNoRows) {
			return "", fmt.Errorf("content: save key message %s: audience %q: %w", key, d["audience"], ErrNotFound)
		}
		if err != nil {
			return "", fmt.Errorf("content: save key message %s: %w", key, err)
		}
		var id int64
		if key == "" {
			err = db.QueryRow(ctx, `INSERT INTO key_messages (audience_id, position)
				SELECT $1, coalesce(max(position), 0) + 1 FROM key_messages WHERE audience_id = $1
				RETURNING id`, audienceID).Scan(&id)
			if err != nil {
				return "", fmt.Errorf("content: create key message for %s: %w", d["audience"], err)
			}
		} else {
			if id, err = strconv.ParseInt(key, 10, 64); err != nil {
				return "", fmt.Errorf("content: save key message %q: %w", key, ErrNotFound)
			}
			tag, err := db.Exec(ctx, `
				UPDATE key_messages m SET audience_id = $2,
					position = CASE WHEN m.audience_id = $2 THEN m.position ELSE
						(SELECT coalesce(max(o.position), 0) + 1 FROM key_messages o WHERE o.audience_id = $2) END
				WHERE m.id = $1`, id, audienceID)
			if err != nil {
				return "", fmt.Errorf("content: save key message %s: %w", key, err)
			}
			if tag.RowsAffected() == 0 {
				return "", fmt.Errorf("content: save key message %s: %w", key, ErrNotFound)
			}
		}
		if err := keyMessageTexts.save(ctx, db, id, d); err != nil {
			return "", fmt.Errorf("content: save key message %d: %w", id, err)
		}
		return strconv.FormatInt(id, 10), nil
	},
	Delete: func(ctx context.Context, db DB, key string) error {
		id, err := strconv.ParseInt(key, 10, 64)
		if err != nil {
			return fmt.Errorf("content: delete key message %q: %w", key, ErrNotFound)
		}
		tag, err := db.Exec(ctx, `DELETE FROM key_messages WHERE id = $1`, id)
		if err != nil {
			return fmt.Errorf("content: delete key message %s: %w", key, err)
		}
		if tag.RowsAffected() == 0 {
			return fmt.Errorf("content: delete key message %s: %w", key, ErrNotFound)
		}
		return nil
	},
	Move: func(ctx context.Context, db DB, key string, delta int) error {
		id, err := strconv.ParseInt(key, 10, 64)
		if err != nil {
			return fmt.Errorf("content: move key message %q: %w", key, ErrNotFound)
		}
		var audienceID int64
		var pos int
		err = db.QueryRow(ctx, `SELECT audience_id, position FROM key_messages WHERE id = $1`, id).Scan(&audienceID, &pos)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("content: move key message %s: %w", key, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("content: move key message %s: %w", key, err)
		}
		return swapPositions(ctx, db, "key_messages", "audience_id = $1", []any{audienceID}, pos, delta)
	},
	Check: func(_ context.Context, _ DB, _ string, d Doc) map[string]string {
		return nilIfEmpty(incompleteTranslations(d, keyMessageFields))
	},
	PublicPath: func(_ string, d Doc) string { return "/key-messages/" + d["audience"] },
	New: func(parent string) Doc {
		d := newDoc(keyMessageFields)
		d["audience"] = parent
		return d
	},
}
