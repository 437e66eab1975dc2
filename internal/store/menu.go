package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/sswalliance/advocacy/internal/i18n"
)

// Menus are the site's two menus in one language, as every public page's
// layout shows them.
type Menus struct {
	Main, Footer Menu
}

// Menu is a menu's name (what screen readers announce for it) and its
// entries in order.
type Menu struct {
	Name    string
	Entries []MenuEntry
}

// MenuEntry is one link of a menu: Target is a path on this site
// ("/toolkit", without the language prefix) or an https:// address.
type MenuEntry struct {
	Label, Target string
}

// Menus returns the menus in lang, each text in English where it is not
// translated, in one round trip: every public page reads them.
func (s *Store) Menus(ctx context.Context, lang i18n.Lang) (Menus, error) {
	// The menus' names and their entries, each row saying which it is.
	rows, _ := s.db.Query(ctx, `
		SELECT m.slug, true AS is_name, 0 AS position, '' AS target, t.name FROM menus m
		`+translated("menu_texts", "menu_slug", "m.slug", "$1")+`
		UNION ALL
		SELECT e.menu_slug, false, e.position, e.target, t.label FROM menu_entries e
		`+translated("menu_entry_texts", "entry_id", "e.id", "$1")+`
		ORDER BY 1, 2 DESC, 3`, string(lang))
	var out Menus
	var slug, target, text string
	var isName bool
	var position int
	_, err := pgx.ForEachRow(rows, []any{&slug, &isName, &position, &target, &text}, func() error {
		m := &out.Main
		if slug == "footer" {
			m = &out.Footer
		}
		if isName {
			m.Name = text
			return nil
		}
		m.Entries = append(m.Entries, MenuEntry{Label: text, Target: target})
		return nil
	})
	if err != nil {
		return Menus{}, fmt.Errorf("store: menus in %s: %w", lang, err)
	}
	return out, nil
}
