package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/sswalliance/advocacy/internal/i18n"
)

// Recommendation is one of the Call to Action's recommendations.
type Recommendation struct {
	Level string // "country" or "global"
	Lang  string // the language of Text (English where untranslated)
	Text  string // Markdown
}

// Recommendations returns every recommendation in lang (falling back to
// English per row), country level first, each level in order.
func (s *Store) Recommendations(ctx context.Context, lang i18n.Lang) ([]Recommendation, error) {
	rows, _ := s.db.Query(ctx, `
		SELECT r.level, t.lang, t.text
		FROM cta_recommendations r
		JOIN LATERAL (
			SELECT lang, text FROM cta_recommendation_texts
			WHERE recommendation_id = r.id AND lang IN ($1, 'en')
			ORDER BY lang = $1 DESC LIMIT 1
		) t ON true
		ORDER BY r.level = 'global', r.position`, string(lang))
	recs, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Recommendation])
	if err != nil {
		return nil, fmt.Errorf("store: recommendations: %w", err)
	}
	return recs, nil
}

// CreateRecommendation adds a recommendation at the end of its level, with
// its text in each language given (English required).
func (s *Store) CreateRecommendation(ctx context.Context, level string, texts map[i18n.Lang]string) error {
	if texts[i18n.EN] == "" {
		return fmt.Errorf("store: create recommendation: the English text is required")
	}
	var id int64
	err := s.db.QueryRow(ctx, `
		INSERT INTO cta_recommendations (level, position)
		SELECT $1, coalesce(max(position), 0) + 1 FROM cta_recommendations WHERE level = $1
		RETURNING id`, level).Scan(&id)
	if err != nil {
		return fmt.Errorf("store: create recommendation: %w", err)
	}
	for _, l := range i18n.Langs {
		if texts[l] == "" {
			continue
		}
		if _, err := s.db.Exec(ctx, `INSERT INTO cta_recommendation_texts (recommendation_id, lang, text) VALUES ($1, $2, $3)`, id, string(l), texts[l]); err != nil {
			return fmt.Errorf("store: create recommendation text: %w", err)
		}
	}
	return nil
}

// SignatoryCount is the number of organisations shown as supporting the
// Call to Action: the one number every page uses.
func (s *Store) SignatoryCount(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRow(ctx, `SELECT count(*) FROM signatories WHERE status = 'approved'`).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: signatory count: %w", err)
	}
	return n, nil
}
