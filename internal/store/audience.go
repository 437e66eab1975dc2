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

// AudienceText is one language's version of an audience, for writing.
type AudienceText struct {
	Lang    i18n.Lang
	Name    string
	Summary string
}

// KeyMessageText is one language's version of a key message, for writing.
type KeyMessageText struct {
	Lang     i18n.Lang
	Headline string
	Points   string
	Sources  string
}

// Audiences lists every audience in order, each in lang where translated.
func (s *Store) Audiences(ctx context.Context, lang i18n.Lang) ([]Audience, error) {
	rows, _ := s.db.Query(ctx, `
		SELECT a.id, a.slug, t.lang, t.name, t.summary,
			(SELECT count(*) FROM key_messages m WHERE m.audience_id = a.id)::int
		FROM audiences a
		JOIN LATERAL (
			SELECT * FROM audience_texts t
			WHERE t.audience_id = a.id AND t.lang IN ($1, 'en')
			ORDER BY t.lang = $1 DESC LIMIT 1
		) t ON true
		ORDER BY a.position, a.id`, string(lang))
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Audience])
	if err != nil {
		return nil, fmt.Errorf("store: audiences: %w", err)
	}
	return list, nil
}

// KeyMessages returns an audience's key messages in order, each in lang
// where translated.
func (s *Store) KeyMessages(ctx context.Context, audienceID int64, lang i18n.Lang) ([]KeyMessage, error) {
	rows, _ := s.db.Query(ctx, `
		SELECT m.id, t.lang, t.headline, t.points, t.sources
		FROM key_messages m
		JOIN LATERAL (
			SELECT * FROM key_message_texts t
			WHERE t.key_message_id = m.id AND t.lang IN ($2, 'en')
			ORDER BY t.lang = $2 DESC LIMIT 1
		) t ON true
		WHERE m.audience_id = $1
		ORDER BY m.position, m.id`, audienceID, string(lang))
	msgs, err := pgx.CollectRows(rows, pgx.RowToStructByPos[KeyMessage])
	if err != nil {
		return nil, fmt.Errorf("store: key messages of audience %d: %w", audienceID, err)
	}
	return msgs, nil
}

// CreateAudience adds an audience with its texts (English required) and
// returns its id. Call it inside InTx.
func (s *Store) CreateAudience(ctx context.Context, slug string, position int, texts ...AudienceText) (int64, error) {
	var id int64
	err := s.db.QueryRow(ctx, `INSERT INTO audiences (slug, position) VALUES ($1, $2) RETURNING id`, slug, position).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: create audience %q: %w", slug, err)
	}
	for _, t := range texts {
		_, err := s.db.Exec(ctx, `INSERT INTO audience_texts (audience_id, lang, name, summary) VALUES ($1, $2, $3, $4)`,
			id, string(t.Lang), t.Name, t.Summary)
		if err != nil {
			return 0, fmt.Errorf("store: create audience %q (%s): %w", slug, t.Lang, err)
		}
	}
	return id, nil
}

// CreateKeyMessage adds a message to an audience with its texts. Call it
// inside InTx.
func (s *Store) CreateKeyMessage(ctx context.Context, audienceID int64, position int, texts ...KeyMessageText) (int64, error) {
	var id int64
	err := s.db.QueryRow(ctx, `INSERT INTO key_messages (audience_id, position) VALUES ($1, $2) RETURNING id`, audienceID, position).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: create key message: %w", err)
	}
	for _, t := range texts {
		_, err := s.db.Exec(ctx, `INSERT INTO key_message_texts (key_message_id, lang, headline, points, sources) VALUES ($1, $2, $3, $4, $5)`,
			id, string(t.Lang), t.Headline, t.Points, t.Sources)
		if err != nil {
			return 0, fmt.Errorf("store: create key message %d (%s): %w", id, t.Lang, err)
		}
	}
	return id, nil
}
