package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sswalliance/advocacy/internal/i18n"
)

// CustomPage is a page staff added at an address of their choosing, in
// one language.
type CustomPage struct {
	Path        string // the English path, "/about/team"
	Lang        string // the language found: lang, or English as a fallback
	Title       string
	Description string
	Body        string // Markdown
	UpdatedAt   time.Time
}

// CustomPage returns the published custom page at path (English form) in
// lang, or in English where it has no translation.
func (s *Store) CustomPage(ctx context.Context, path string, lang i18n.Lang) (CustomPage, error) {
	var p CustomPage
	err := s.db.QueryRow(ctx, `
		SELECT c.path, t.lang, t.title, t.description, t.body, c.updated_at
		FROM custom_pages c JOIN custom_page_texts t ON t.page_id = c.id AND t.lang IN ($2, 'en')
		WHERE c.path = $1 ORDER BY t.lang = $2 DESC LIMIT 1`, path, string(lang)).
		Scan(&p.Path, &p.Lang, &p.Title, &p.Description, &p.Body, &p.UpdatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return CustomPage{}, fmt.Errorf("store: custom page %s%s: %w", lang.Prefix(), path, ErrNotFound)
	}
	if err != nil {
		return CustomPage{}, fmt.Errorf("store: custom page %s%s: %w", lang.Prefix(), path, err)
	}
	return p, nil
}

// CustomPagePaths returns the English path of every published custom page.
func (s *Store) CustomPagePaths(ctx context.Context) ([]string, error) {
	rows, _ := s.db.Query(ctx, `SELECT path FROM custom_pages ORDER BY path`)
	return allRows(rows, pgx.RowTo[string], "custom page paths")
}
