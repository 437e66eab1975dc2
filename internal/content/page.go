package content

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/sswalliance/advocacy/internal/i18n"
)

func init() { builtin = append(builtin, PageKind, SectionKind) }

// pagePaths are the public addresses of the stored pages. The set of pages
// is fixed by the site's routes, so staff edit them but neither add nor
// delete them.
var pagePaths = map[string]string{
	"home": "/", "key-messages": "/key-messages", "call-to-action": "/call-to-action",
	"toolkit": "/toolkit", "resources": "/resources", "sswweek": "/sswweek", "events": "/events",
}

// PageKind is the copy of the site's fixed pages: heading, lead, body.
var PageKind = &Kind{
	Name: "page", Label: "Page", Plural: "Pages",
	Intro:    "The words at the top of the site's main pages. Spanish fields left empty show the English text.",
	NoCreate: true, NoDelete: true,
	Fields: []Field{
		{Name: "title", Label: "Heading", Type: Text, Translated: true, Required: true, MaxLen: 200},
		{Name: "description", Label: "Description", Hint: "One or two sentences for search engines and link previews.", Type: Textarea, Translated: true, MaxLen: 300},
		{Name: "intro", Label: "Summary", Hint: "The lead paragraph under the heading.", Type: Textarea, Translated: true, MaxLen: 1000},
		{Name: "body", Label: "Body", Type: Markdown, Translated: true},
	},
	Title: func(d Doc) string { return d["title.en"] },
	List: func(ctx context.Context, db DB, _ string) ([]Entry, error) {
		rows, _ := db.Query(ctx, `SELECT slug, title, CASE WHEN slug = 'home' THEN '/' ELSE '/' || slug END
			FROM pages WHERE lang = 'en' ORDER BY slug = 'home' DESC, slug`)
		entries, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Entry])
		if err != nil {
			return nil, fmt.Errorf("content: list pages: %w", err)
		}
		return entries, nil
	},
	Load: func(ctx context.Context, db DB, key string) (Doc, error) {
		rows, _ := db.Query(ctx, `SELECT lang, title, description, intro, body FROM pages WHERE slug = $1`, key)
		d := Doc{}
		var lang, title, description, intro, body string
		_, err := pgx.ForEachRow(rows, []any{&lang, &title, &description, &intro, &body}, func() error {
			l := i18n.Lang(lang)
			d[Key("title", l)], d[Key("description", l)], d[Key("intro", l)], d[Key("body", l)] = title, description, intro, body
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("content: load page %s: %w", key, err)
		}
		if len(d) == 0 {
			return nil, ErrNotFound
		}
		return d, nil
	},
	Save: func(ctx context.Context, db DB, key string, d Doc) (string, error) {
		if key == "" {
			return "", errors.New("content: pages cannot be created")
		}
		for _, l := range i18n.Langs {
			if l != i18n.EN && d[Key("title", l)] == "" {
				// No translation: the page falls back to English.
				if _, err := db.Exec(ctx, `DELETE FROM pages WHERE slug = $1 AND lang = $2`, key, string(l)); err != nil {
					return "", fmt.Errorf("content: save page %s/%s: %w", l, key, err)
				}
				continue
			}
			_, err := db.Exec(ctx, `
				INSERT INTO pages (slug, lang, title, description, intro, body) VALUES ($1, $2, $3, $4, $5, $6)
				ON CONFLICT (slug, lang) DO UPDATE SET title = EXCLUDED.title, description = EXCLUDED.description,
					intro = EXCLUDED.intro, body = EXCLUDED.body, updated_at = now()`,
				key, string(l), d[Key("title", l)], d[Key("description", l)], d[Key("intro", l)], d[Key("body", l)])
			if err != nil {
				return "", fmt.Errorf("content: save page %s/%s: %w", l, key, err)
			}
		}
		return key, nil
	},
	PublicPath: func(key string, _ Doc) string { return pagePaths[key] },
}

// SectionKind is a card on a page (the home page's links to each part of
// the site). Its key is "page:position".
var SectionKind = &Kind{
	Name: "section", Label: "Card", Plural: "Cards",
	Intro:  "Cards link from a page to a part of the site.",
	Parent: "page", ParentField: "page", Ordered: true, PositionalKeys: true,
	Fields: []Field{
		{Name: "heading", Label: "Heading", Type: Text, Translated: true, Required: true, MaxLen: 120},
		{Name: "body", Label: "Text", Type: Textarea, Translated: true, MaxLen: 500},
		{Name: "link_label", Label: "Link text", Type: Text, Translated: true, MaxLen: 120},
		{Name: "link_path", Label: "Link to", Hint: "A page of this site, such as /toolkit. Spanish visitors go to its Spanish version.", Type: Path, Required: true},
	},
	Title: func(d Doc) string { return d["heading.en"] },
	List: func(ctx context.Context, db DB, parent string) ([]Entry, error) {
		rows, _ := db.Query(ctx, `SELECT page_slug || ':' || position, heading, link_path
			FROM page_sections WHERE page_slug = $1 AND lang = 'en' ORDER BY position`, parent)
		entries, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Entry])
		if err != nil {
			return nil, fmt.Errorf("content: list cards of %s: %w", parent, err)
		}
		return entries, nil
	},
	Load: func(ctx context.Context, db DB, key string) (Doc, error) {
		page, pos, err := sectionKey(key)
		if err != nil {
			return nil, err
		}
		rows, _ := db.Query(ctx, `SELECT lang, heading, body, link_path, link_label
			FROM page_sections WHERE page_slug = $1 AND position = $2`, page, pos)
		d := Doc{"page": page}
		var lang, heading, body, path, label string
		_, err = pgx.ForEachRow(rows, []any{&lang, &heading, &body, &path, &label}, func() error {
			l := i18n.Lang(lang)
			d[Key("heading", l)], d[Key("body", l)], d[Key("link_label", l)] = heading, body, label
			if l == i18n.EN || d["link_path"] == "" {
				d["link_path"] = path
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("content: load card %s: %w", key, err)
		}
		if len(d) == 1 {
			return nil, ErrNotFound
		}
		return d, nil
	},
	Save: func(ctx context.Context, db DB, key string, d Doc) (string, error) {
		page := d["page"]
		var pos int
		if key == "" {
			if err := db.QueryRow(ctx, `SELECT coalesce(max(position), 0) + 1 FROM page_sections WHERE page_slug = $1`, page).Scan(&pos); err != nil {
				return "", fmt.Errorf("content: new card on %s: %w", page, err)
			}
		} else {
			var err error
			if page, pos, err = sectionKey(key); err != nil {
				return "", err
			}
		}
		for _, l := range i18n.Langs {
			if d[Key("heading", l)] == "" {
				if _, err := db.Exec(ctx, `DELETE FROM page_sections WHERE page_slug = $1 AND lang = $2 AND position = $3`, page, string(l), pos); err != nil {
					return "", fmt.Errorf("content: save card %s/%d: %w", page, pos, err)
				}
				continue
			}
			// A card shows only on a page that exists in its language.
			_, err := db.Exec(ctx, `
				INSERT INTO page_sections (page_slug, lang, position, heading, body, link_path, link_label)
				SELECT $1, $2, $3, $4, $5, $6, $7 WHERE EXISTS (SELECT 1 FROM pages WHERE slug = $1 AND lang = $2)
				ON CONFLICT (page_slug, lang, position) DO UPDATE SET heading = EXCLUDED.heading,
					body = EXCLUDED.body, link_path = EXCLUDED.link_path, link_label = EXCLUDED.link_label`,
				page, string(l), pos, d[Key("heading", l)], d[Key("body", l)], d["link_path"], d[Key("link_label", l)])
			if err != nil {
				return "", fmt.Errorf("content: save card %s/%d: %w", page, pos, err)
			}
		}
		return page + ":" + strconv.Itoa(pos), nil
	},
	Delete: func(ctx context.Context, db DB, key string) error {
		page, pos, err := sectionKey(key)
		if err != nil {
			return err
		}
		if _, err := db.Exec(ctx, `DELETE FROM page_sections WHERE page_slug = $1 AND position = $2`, page, pos); err != nil {
			return fmt.Errorf("content: delete card %s: %w", key, err)
		}
		return nil
	},
	Move: func(ctx context.Context, db DB, key string, delta int) error {
		page, pos, err := sectionKey(key)
		if err != nil {
			return err
		}
		return swapPositions(ctx, db, "page_sections", "page_slug = $1", []any{page}, pos, delta)
	},
	PublicPath: func(_ string, d Doc) string { return pagePaths[d["page"]] },
	New:        func(parent string) Doc { return Doc{"page": parent} },
}

func sectionKey(key string) (string, int, error) {
	page, p, ok := strings.Cut(key, ":")
	pos, err := strconv.Atoi(p)
	if !ok || err != nil {
		return "", 0, ErrNotFound
	}
	return page, pos, nil
}

// swapPositions moves the row at position pos one place up (delta < 0) or
// down among the rows of table matching where (whose placeholders are
// $1..$n, with args), by swapping positions with its neighbour. Several
// rows may share a position (one per language); they move together. At
// either end it does nothing.
func swapPositions(ctx context.Context, db DB, table, where string, args []any, pos, delta int) error {
	n := len(args)
	cmp, order := "<", "DESC"
	if delta > 0 {
		cmp, order = ">", "ASC"
	}
	var other int
	err := db.QueryRow(ctx, fmt.Sprintf(`SELECT position FROM %s WHERE %s AND position %s $%d ORDER BY position %s LIMIT 1`,
		table, where, cmp, n+1, order), append(args, pos)...).Scan(&other)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("content: move in %s: %w", table, err)
	}
	// Through a free position, since (…, position) is unique.
	const parked = -1_000_000
	for _, step := range [][2]int{{pos, parked}, {other, pos}, {parked, other}} {
		q := fmt.Sprintf(`UPDATE %s SET position = $%d WHERE %s AND position = $%d`, table, n+1, where, n+2)
		if _, err := db.Exec(ctx, q, append(append([]any{}, args...), step[1], step[0])...); err != nil {
			return fmt.Errorf("content: move in %s: %w", table, err)
		}
	}
	return nil
}
