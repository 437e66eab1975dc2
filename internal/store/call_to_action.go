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
		`+translated("cta_recommendation_texts", "recommendation_id", "r.id", "$1")+`
		ORDER BY r.level = 'global', r.position`, string(lang))
	return allRows(rows, pgx.RowToStructByPos[Recommendation], "recommendations")
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
