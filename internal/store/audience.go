package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/sswalliance/advocacy/internal/i18n"
)

// Audience is a group advocates speak to (donors, policymakers...), in one
// language.
type Audience struct {
	ID           int64
	Slug         string
	Lang         string // the language of Name and Summary (English when untranslated)
	Name         string
	Summary      string
	MessageCount int
}

// KeyMessage is one message for an audience, in one language.
type KeyMessage struct {
	ID       int64
	Lang     string // the language of the texts (English when untranslated)
	Headline string
	Points   string // Markdown
	Sources  string // Markdown
}

// Audiences lists every audience in order, each in lang where translated.
func (s *Store) Audiences(ctx context.Context, lang i18n.Lang) ([]Audience, error) {
	rows, _ := s.db.Query(ctx, `
		SELECT a.id, a.slug, t.lang, t.name, t.summary,
			(SELECT count(*) FROM key_messages m WHERE m.audience_id = a.id)::int
		FROM audiences a
		`+translated("audience_texts", "audience_id", "a.id", "$1")+`
		ORDER BY a.position, a.id`, string(lang))
	return allRows(rows, pgx.RowToStructByPos[Audience], "audiences")
}

// KeyMessages returns an audience's key messages in order, each in lang
// where translated.
func (s *Store) KeyMessages(ctx context.Context, audienceID int64, lang i18n.Lang) ([]KeyMessage, error) {
	rows, _ := s.db.Query(ctx, `
		SELECT m.id, t.lang, t.headline, t.points, t.sources
		FROM key_messages m
		`+translated("key_message_texts", "key_message_id", "m.id", "$2")+`
		WHERE m.audience_id = $1
		ORDER BY m.position, m.id`, audienceID, string(lang))
	return allRows(rows, pgx.RowToStructByPos[KeyMessage], fmt.Sprintf("key messages of audience %d", audienceID))
}
