package content

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode"

	"github.com/jackc/pgx/v5"

	"github.com/sswalliance/advocacy/internal/form"
	"github.com/sswalliance/advocacy/internal/i18n"
)

func init() { builtin = append(builtin, MenuKind, MenuEntryKind) }

var menuFields = []Field{
	{Name: "name", Label: "Name", Type: Text, Translated: true, Required: true, MaxLen: 60,
		Hint: "What screen readers announce for this list of links, such as “Main”. Visitors do not see it."},
}

var menuTexts = texts(`INSERT INTO menu_texts (menu_slug, lang, name)`, menuFields)

// menuNames are the fixed menus, in the order the admin lists them: the
// layout has one place for each.
var menuNames = map[string]string{"main": "Main menu (header)", "footer": "Footer links"}

// MenuKind is one of the site's two menus: the main navigation in the
// header and the links in the footer. The set is fixed; staff edit the
// entries. Its key is its slug, "main" or "footer".
var MenuKind = &Kind{
	Name: "menu", Label: "Menu", Plural: "Menus",
	Intro:    "The links in the header of every public page (the main menu) and in its footer. Open a menu to add, change, remove or reorder its entries.",
	NoCreate: true, NoDelete: true,
	Fields: menuFields,
	Title:  func(d Doc) string { return d["name.en"] },
	List: func(ctx context.Context, db DB, _ string) ([]Entry, error) {
		rows, _ := db.Query(ctx, `
			SELECT m.slug, m.max_entries, (SELECT count(*) FROM menu_entries e WHERE e.menu_slug = m.slug)::int
			FROM menus m ORDER BY m.slug = 'main' DESC, m.slug`)
		var entries []Entry
		var slug string
		var most, n int
		_, err := pgx.ForEachRow(rows, []any{&slug, &most, &n}, func() error {
			entries = append(entries, Entry{Key: slug, Title: menuNames[slug],
				Note: fmt.Sprintf("%s (at most %d)", countNoun(n, "entry", "entries"), most)})
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("content: list menus: %w", err)
		}
		return entries, nil
	},
	Load: func(ctx context.Context, db DB, key string) (Doc, error) {
		var exists bool
		if err := db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM menus WHERE slug = $1)`, key).Scan(&exists); err != nil {
			return nil, fmt.Errorf("content: load menu %s: %w", key, err)
		}
		if !exists {
			return nil, ErrNotFound
		}
		d := Doc{}
		if err := menuTexts.load(ctx, db, key, d); err != nil {
			return nil, fmt.Errorf("content: load menu %s: %w", key, err)
		}
		return d, nil
	},
	Save: func(ctx context.Context, db DB, key string, d Doc) (string, error) {
		if _, ok := menuNames[key]; !ok {
			return "", fmt.Errorf("content: save menu %q: menus cannot be created: %w", key, ErrNotFound)
		}
		if err := menuTexts.save(ctx, db, key, d); err != nil {
			return "", fmt.Errorf("content: save menu %s: %w", key, err)
		}
		return key, nil
	},
	Check: func(_ context.Context, _ DB, _ string, d Doc) map[string]string {
		return nilIfEmpty(incompleteTranslations(d, menuFields))
	},
	// The menus are on every page: the preview shows the home page.
	PublicPath: func(string, Doc) string { return "/" },
}

var menuEntryFields = []Field{
	{Name: "label", Label: "Label", Type: Text, Translated: true, Required: true, MaxLen: 40,
		Hint: "The words of the link, short enough to sit in a row with the others: “Toolkit”. Spanish left empty shows the English label."},
	{Name: "target", Label: "Link", Type: Text, Required: true, MaxLen: 300,
		Hint: "A page of this site starting with /, like /toolkit or /about/team (Spanish visitors go to its Spanish version), or another site's full address starting with https://."},
}

var menuEntryTexts = texts(`INSERT INTO menu_entry_texts (entry_id, lang, label)`, menuEntryFields)

// MenuEntryKind is one link of a menu. Its key is its id; the doc's "menu"
// holds the menu's slug.
var MenuEntryKind = &Kind{
	Name: "menu-entry", Label: "Menu entry", Plural: "Menu entries",
	Intro:  "The links of this menu, in the order visitors see them.",
	Parent: "menu", ParentField: "menu", Ordered: true,
	Fields: menuEntryFields,
	Title:  func(d Doc) string { return d["label.en"] },
	List: func(ctx context.Context, db DB, parent string) ([]Entry, error) {
		rows, _ := db.Query(ctx, `
			SELECT e.id, coalesce(t.label, ''), e.target
			FROM menu_entries e
			LEFT JOIN menu_entry_texts t ON t.entry_id = e.id AND t.lang = 'en'
			WHERE e.menu_slug = $1
			ORDER BY e.position, e.id`, parent)
		var entries []Entry
		var id int64
		var label, target string
		_, err := pgx.ForEachRow(rows, []any{&id, &label, &target}, func() error {
			entries = append(entries, Entry{Key: strconv.FormatInt(id, 10), Title: label, Note: target})
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("content: list entries of menu %s: %w", parent, err)
		}
		return entries, nil
	},
	Load: func(ctx context.Context, db DB, key string) (Doc, error) {
		id, err := strconv.ParseInt(key, 10, 64)
		if err != nil {
			return nil, ErrNotFound
		}
		var menu, target string
		err = db.QueryRow(ctx, `SELECT menu_slug, target FROM menu_entries WHERE id = $1`, id).Scan(&menu, &target)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil, ErrNotFound
		}
		if err != nil {
			return nil, fmt.Errorf("content: load menu entry %s: %w", key, err)
		}
		d := Doc{"menu": menu, "target": target}
		if err := menuEntryTexts.load(ctx, db, id, d); err != nil {
			return nil, fmt.Errorf("content: load menu entry %s: %w", key, err)
		}
		return d, nil
	},
	// Save puts a new entry at the end of its menu. The database refuses
	// an entry beyond the menu's bound (menu_entries_bound). The menu's
	// row is locked first, so that two entries added at once (two
	// people, a double click) take the end one after the other rather
	// than the same position.
	Save: func(ctx context.Context, db DB, key string, d Doc) (string, error) {
		var id int64
		if _, err := db.Exec(ctx, `SELECT FROM menus WHERE slug = $1 FOR UPDATE`, d["menu"]); err != nil {
			return "", fmt.Errorf("content: save entry of menu %s: %w", d["menu"], err)
		}
		var err error
		if key == "" {
			err = db.QueryRow(ctx, `INSERT INTO menu_entries (menu_slug, position, target)
				SELECT $1, coalesce(max(position), 0) + 1, $2 FROM menu_entries WHERE menu_slug = $1
				RETURNING id`, d["menu"], d["target"]).Scan(&id)
			if err != nil {
				return "", fmt.Errorf("content: create entry of menu %s: %w", d["menu"], err)
			}
		} else {
			if id, err = strconv.ParseInt(key, 10, 64); err != nil {
				return "", fmt.Errorf("content: save menu entry %q: %w", key, ErrNotFound)
			}
			tag, err := db.Exec(ctx, `
				UPDATE menu_entries e SET menu_slug = $2, target = $3,
					position = CASE WHEN e.menu_slug = $2 THEN e.position ELSE
						(SELECT coalesce(max(o.position), 0) + 1 FROM menu_entries o WHERE o.menu_slug = $2) END
				WHERE e.id = $1`, id, d["menu"], d["target"])
			if err != nil {
				return "", fmt.Errorf("content: save menu entry %s: %w", key, err)
			}
			if tag.RowsAffected() == 0 {
				return "", fmt.Errorf("content: save menu entry %s: %w", key, ErrNotFound)
			}
		}
		if err := menuEntryTexts.save(ctx, db, id, d); err != nil {
			return "", fmt.Errorf("content: save menu entry %d: %w", id, err)
		}
		return strconv.FormatInt(id, 10), nil
	},
	Delete: func(ctx context.Context, db DB, key string) error {
		id, err := strconv.ParseInt(key, 10, 64)
		if err != nil {
			return fmt.Errorf("content: delete menu entry %q: %w", key, ErrNotFound)
		}
		tag, err := db.Exec(ctx, `DELETE FROM menu_entries WHERE id = $1`, id)
		if err != nil {
			return fmt.Errorf("content: delete menu entry %s: %w", key, err)
		}
		if tag.RowsAffected() == 0 {
			return fmt.Errorf("content: delete menu entry %s: %w", key, ErrNotFound)
		}
		return nil
	},
	Move: func(ctx context.Context, db DB, key string, delta int) error {
		id, err := strconv.ParseInt(key, 10, 64)
		if err != nil {
			return fmt.Errorf("content: move menu entry %q: %w", key, ErrNotFound)
		}
		var menu string
		var pos int
		err = db.QueryRow(ctx, `SELECT menu_slug, position FROM menu_entries WHERE id = $1`, id).Scan(&menu, &pos)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("content: move menu entry %s: %w", key, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("content: move menu entry %s: %w", key, err)
		}
		return swapPositions(ctx, db, "menu_entries", "menu_slug = $1", []any{menu}, pos, delta)
	},
	Check: func(ctx context.Context, db DB, key string, d Doc) map[string]string {
		problems := incompleteTranslations(d, menuEntryFields)
		if msg := MenuTargetProblem(d["target"]); msg != "" && d["target"] != "" {
			problems["target"] = msg
		}
		if msg := menuRoom(ctx, db, key, d["menu"]); msg != "" {
			problems[form.Whole] = msg
		}
		return nilIfEmpty(problems)
	},
	PublicPath: func(string, Doc) string { return "/" },
	New: func(parent string) Doc {
		d := newDoc(menuEntryFields)
		d["menu"] = parent
		return d
	},
}

// menuRoom says why the entry with key ("" for a new one) cannot be in
// menu: there is no such menu, or it is full. "" when it can.
func menuRoom(ctx context.Context, db DB, key, menu string) string {
	if _, ok := menuNames[menu]; !ok {
		return "This entry belongs to no menu. Open the menu from the list of menus and add the entry there."
	}
	id, _ := strconv.ParseInt(key, 10, 64) // 0 for a new entry
	var most, others int
	err := db.QueryRow(ctx, `SELECT m.max_entries,
			(SELECT count(*) FROM menu_entries e WHERE e.menu_slug = m.slug AND e.id <> $2)::int
		FROM menus m WHERE m.slug = $1`, menu, id).Scan(&most, &others)
	if err != nil {
		// Check cannot return an error; refusing the save is the safe side.
		return "The menu could not be checked just now. Please try again."
	}
	if others >= most {
		return fmt.Sprintf("The %s holds at most %d entries and is full. Remove an entry before adding another.",
			strings.ToLower(menuNames[menu]), most)
	}
	return ""
}

// MenuTargetProblem says what is wrong with target as the address of a
// menu entry, or "" when it is a page of this site ("/toolkit",
// "/about/team", "/"), or another site's https:// address. Staff type
// these, so the message says what to write instead.
func MenuTargetProblem(target string) string {
	const want = "Enter a page of this site starting with /, like /toolkit, or a full address starting with https://, like https://example.org/report."
	if target == "" {
		return "Enter the page or address the entry links to."
	}
	if strings.IndexFunc(target, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
		return "The link must have no spaces. " + want
	}
	if strings.Contains(target, `\`) {
		return "The link must have no backslashes (\\). " + want
	}
	switch {
	case strings.HasPrefix(target, "//"):
		return "A page of this site starts with a single /, like /toolkit. For another site, write its full address starting with https://."
	case strings.HasPrefix(target, "/"):
		u, err := url.Parse(target)
		if err != nil {
			return want
		}
		// The layout puts the visitor's language before the path: a
		// Spanish address here would send Spanish visitors to /es/es/....
		if l, en := i18n.Split(u.Path); l != i18n.EN {
			english := strings.TrimPrefix(target, u.EscapedPath())
			return fmt.Sprintf("Write the page's address without %s, “%s”: visitors reading the site in another language are sent to that language's version by themselves.", l.Prefix(), en+english)
		}
		return ""
	case strings.HasPrefix(strings.ToLower(target), "http://"):
		return "Use the site's secure address, starting with https:// rather than http://."
	case strings.HasPrefix(target, "https://"):
		u, err := url.Parse(target)
		if err != nil || u.Host == "" || u.User != nil || strings.HasPrefix(u.Host, ".") {
			return "Enter another site's full address, like https://example.org/report."
		}
		return ""
	}
	return want
}
