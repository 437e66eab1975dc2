package content

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/sswalliance/advocacy/internal/i18n"
)

func init() { builtin = append(builtin, CustomPageKind) }

// customPageFields are the form of CustomPageKind.
var customPageFields = []Field{
	{Name: "path", Label: "Address", Type: Text, Required: true, MaxLen: 200,
		Hint: "Where the page lives on the site, such as /about/team: up to four parts, each of lowercase letters, digits and hyphens, separated by slashes, with no slash at the end. The Spanish version is at the same address under /es."},
	{Name: "title", Label: "Title", Type: Text, Translated: true, Required: true, MaxLen: 200},
	{Name: "description", Label: "Description", Type: Textarea, Translated: true, MaxLen: 300,
		Hint: "One or two sentences for search engines and link previews."},
	{Name: "body", Label: "Text", Type: Markdown, Translated: true},
}

var customPageTexts = texts(`INSERT INTO custom_page_texts (page_id, lang, title, description, body)`, customPageFields)

// CustomPagePath is the form of a custom page's address, as the
// custom_pages table also checks it.
var CustomPagePath = regexp.MustCompile(`^(/[a-z0-9]+(-[a-z0-9]+)*){1,4}$`)

// CustomPageKind is a page staff add at an address of their choosing (an
// about page, a privacy notice), served by the site's catch-all route in
// every language. Its key is its id, so that renaming its address keeps
// its history; publishing a new address leaves a redirect from the old one.
var CustomPageKind = &Kind{
	Name: "custom-page", Label: "Custom page", Plural: "Custom pages",
	Intro:         "Pages of their own at an address you choose, such as /about/team. Spanish fields left empty show the English text.",
	Fields:        customPageFields,
	RedirectMoves: true,
	Title:         func(d Doc) string { return d["title.en"] },
	List: func(ctx context.Context, db DB, _ string) ([]Entry, error) {
		rows, _ := db.Query(ctx, `
			SELECT p.id::text, t.title, p.path
			FROM custom_pages p JOIN custom_page_texts t ON t.page_id = p.id AND t.lang = 'en'
			ORDER BY p.path`)
		entries, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Entry])
		if err != nil {
			return nil, fmt.Errorf("content: list custom pages: %w", err)
		}
		return entries, nil
	},
	Load: func(ctx context.Context, db DB, key string) (Doc, error) {
		id, err := strconv.ParseInt(key, 10, 64)
		if err != nil {
			return nil, ErrNotFound
		}
		var path string
		err = db.QueryRow(ctx, `SELECT path FROM custom_pages WHERE id = $1`, id).Scan(&path)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil, ErrNotFound
		}
		if err != nil {
			return nil, fmt.Errorf("content: load custom page %s: %w", key, err)
		}
		d := Doc{"path": path}
		if err := customPageTexts.load(ctx, db, id, d); err != nil {
			return nil, fmt.Errorf("content: load custom page %s: %w", key, err)
		}
		return d, nil
	},
	Save: func(ctx context.Context, db DB, key string, d Doc) (string, error) {
		var id int64
		var err error
		if key == "" {
			err = db.QueryRow(ctx, `INSERT INTO custom_pages (path) VALUES ($1) RETURNING id`, d["path"]).Scan(&id)
		} else {
			err = db.QueryRow(ctx, `UPDATE custom_pages SET path = $2, updated_at = now() WHERE id::text = $1 RETURNING id`,
				key, d["path"]).Scan(&id)
			if errors.Is(err, pgx.ErrNoRows) {
				err = ErrNotFound
			}
		}
		if err != nil {
			return "", fmt.Errorf("content: save custom page %s: %w", d["path"], err)
		}
		if err := customPageTexts.save(ctx, db, id, d); err != nil {
			return "", fmt.Errorf("content: save custom page %s: %w", d["path"], err)
		}
		return strconv.FormatInt(id, 10), nil
	},
	// Delete refuses while a menu links to the page: the link would lead
	// to a page not found.
	Delete: func(ctx context.Context, db DB, key string) error {
		rows, _ := db.Query(ctx, `
			SELECT coalesce(mt.name, e.menu_slug) || ': “' || coalesce(t.label, e.target) || '”'
			FROM custom_pages p
			JOIN menu_entries e ON split_part(split_part(e.target, '#', 1), '?', 1) IN (p.path, '/es' || p.path)
			LEFT JOIN menu_texts mt ON mt.menu_slug = e.menu_slug AND mt.lang = 'en'
			LEFT JOIN menu_entry_texts t ON t.entry_id = e.id AND t.lang = 'en'
			WHERE p.id::text = $1
			ORDER BY e.menu_slug, e.position`, key)
		links, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return fmt.Errorf("content: delete custom page %s: %w", key, err)
		}
		if len(links) > 0 {
			return &InUseError{countNoun(len(links), "menu entry links", "menu entries link") + " to this page (" +
				strings.Join(links, "; ") + "). Remove them from the menus first, or point them elsewhere."}
		}
		if _, err := db.Exec(ctx, `DELETE FROM custom_pages WHERE id::text = $1`, key); err != nil {
			return fmt.Errorf("content: delete custom page %s: %w", key, err)
		}
		return nil
	},
	Check: checkCustomPage,
	PublicPath: func(key string, d Doc) string {
		return d["path"]
	},
	New: func(string) Doc { return newDoc(customPageFields) },
}

func checkCustomPage(ctx context.Context, db DB, key string, d Doc) map[string]string {
	problems := incompleteTranslations(d, customPageFields)
	if msg := CustomPathProblem(ctx, db, key, d["path"]); msg != "" {
		problems["path"] = msg
	}
	return nilIfEmpty(problems)
}

// CustomPathProblem says what is wrong with path as the address of the
// custom page with key ("" for a new one): its form, a route of the site
// answering it in some language, another custom page there. "" when it is
// free.
func CustomPathProblem(ctx context.Context, db DB, key, path string) string {
	if path == "" {
		return "" // the required-field check says so
	}
	if !CustomPagePath.MatchString(path) {
		return "Use up to four parts of lowercase letters, digits and single hyphens, each after a slash, with no slash at the end, like /about/team."
	}
	first, _, _ := strings.Cut(path[1:], "/")
	for _, l := range i18n.Langs[1:] {
		if first == string(l) {
			return fmt.Sprintf("Addresses starting with /%s are the Spanish versions of the site's pages. Choose an address that does not start with it: the Spanish version of this page gets one by itself.", l)
		}
	}
	for _, l := range i18n.Langs {
		if SiteRoute(l.Path(path)) != NoRoute {
			return fmt.Sprintf("The site already has a page at %s. Choose another address.", l.Path(path))
		}
	}
	var taken bool
	if err := db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM custom_pages WHERE path = $1 AND id::text <> $2)`, path, key).Scan(&taken); err != nil {
		return checkUnavailable
	}
	if taken {
		return "Another custom page already uses this address. Choose a different one."
	}
	// A draft of another page may claim it too; the first published wins,
	// and the second is refused then by this same check.
	return ""
}
