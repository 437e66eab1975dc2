package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sswalliance/advocacy/internal/i18n"
)

// Page is the editable copy of one page in one language.
type Page struct {
	Slug        string
	Lang        string
	Title       string
	Description string // for search results and link previews
	Intro       string // the lead paragraph
	Body        string // paragraphs separated by blank lines
	UpdatedAt   time.Time
	Sections    []Section
	LeadImage   int64 // a media library image; 0 for none
}

// Section is a card on a page, linking to a part of the site.
type Section struct {
	Heading   string
	Body      string
	LinkPath  string
	LinkLabel string
}

// Page returns the page slug in lang, with its sections in order. Where
// the page has no translation into lang it returns the English version;
// p.Lang tells which was found.
func (s *Store) Page(ctx context.Context, slug string, lang i18n.Lang) (Page, error) {
	var p Page
	err := s.db.QueryRow(ctx, `
		SELECT slug, lang, title, description, intro, body, updated_at, coalesce(lead_image, 0)
		FROM pages WHERE slug = $1 AND lang IN ($2, 'en')
		ORDER BY lang = $2 DESC LIMIT 1`, slug, string(lang)).
		Scan(&p.Slug, &p.Lang, &p.Title, &p.Description, &p.Intro, &p.Body, &p.UpdatedAt, &p.LeadImage)
	if errors.Is(err, pgx.ErrNoRows) {
		return Page{}, fmt.Errorf("store: page %s/%s: %w", lang, slug, ErrNotFound)
	}
	if err != nil {
		return Page{}, fmt.Errorf("store: page %s/%s: %w", lang, slug, err)
	}
	rows, _ := s.db.Query(ctx, `
		SELECT heading, body, link_path, link_label
		FROM page_sections WHERE page_slug = $1 AND lang = $2
		ORDER BY position`, slug, p.Lang)
	p.Sections, err = pgx.CollectRows(rows, pgx.RowToStructByPos[Section])
	if err != nil {
		return Page{}, fmt.Errorf("store: sections of page %s/%s: %w", lang, slug, err)
	}
	return p, nil
}
