package content

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
)

func init() { builtin = append(builtin, RecommendationKind) }

// recommendationLevels are the Call to Action's two lists, in page order.
var recommendationLevels = []Option{
	{Value: "country", Label: "At country level"},
	{Value: "global", Label: "At global level"},
}

func recommendationLevelLabel(level string) string {
	for _, o := range recommendationLevels {
		if o.Value == level {
			return o.Label
		}
	}
	return level
}

var recommendationFields = []Field{
	{Name: "level", Label: "Level", Type: Select, Required: true,
		Hint: "Which of the Call to Action's two lists it belongs to. Moving it to the other list puts it at the end of that list.",
		Options: func(context.Context, DB, Doc) ([]Option, error) {
			return recommendationLevels, nil
		}},
	{Name: "text", Label: "Recommendation", Type: Markdown, Translated: true, Required: true, MaxLen: 5000,
		Hint: "Start with the point in bold, then explain it in a sentence or two: **Count the workforce.** Map who does the work, where and with what training."},
}

var recommendationTexts = texts(`INSERT INTO cta_recommendation_texts (recommendation_id, lang, text)`, recommendationFields)

// RecommendationKind is one of the Call to Action's recommendations, at
// country or global level. Its key is its id.
var RecommendationKind = &Kind{
	Name: "recommendation", Label: "Recommendation", Plural: "Recommendations",
	Intro:   "The Call to Action's recommendations, in its two lists: at country level, then at global level, each in page order.",
	Ordered: true,
	Fields:  recommendationFields,
	Title:   func(d Doc) string { return recommendationTitle(d["text.en"]) },
	List: func(ctx context.Context, db DB, _ string) ([]Entry, error) {
		rows, _ := db.Query(ctx, `
			SELECT r.id, coalesce(t.text, ''), r.level
			FROM cta_recommendations r
			LEFT JOIN cta_recommendation_texts t ON t.recommendation_id = r.id AND t.lang = 'en'
			ORDER BY r.level = 'global', r.position`)
		var entries []Entry
		var id int64
		var text, level string
		_, err := pgx.ForEachRow(rows, []any{&id, &text, &level}, func() error {
			entries = append(entries, Entry{
				Key: strconv.FormatInt(id, 10), Title: recommendationTitle(text), Note: recommendationLevelLabel(level),
			})
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("content: list recommendations: %w", err)
		}
		return entries, nil
	},
	Load: func(ctx context.Context, db DB, key string) (Doc, error) {
		id, err := strconv.ParseInt(key, 10, 64)
		if err != nil {
			return nil, ErrNotFound
		}
		var level string
		err = db.QueryRow(ctx, `SELECT level FROM cta_recommendations WHERE id = $1`, id).Scan(&level)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil, ErrNotFound
		}
		if err != nil {
			return nil, fmt.Errorf("content: load recommendation %s: %w", key, err)
		}
		d := Doc{"level": level}
		if err := recommendationTexts.load(ctx, db, id, d); err != nil {
			return nil, fmt.Errorf("content: load recommendation %s: %w", key, err)
		}
		return d, nil
	},
	// Save puts a new recommendation, or one changing level, at the end of
	// its level's list: (level, position) is unique, so it takes the next
	// free position there.
	Save: func(ctx context.Context, db DB, key string, d Doc) (string, error) {
		level := d["level"]
		var id int64
		if key == "" {
			err := db.QueryRow(ctx, `INSERT INTO cta_recommendations (level, position)
				SELECT $1, coalesce(max(position), 0) + 1 FROM cta_recommendations WHERE level = $1
				RETURNING id`, level).Scan(&id)
			if err != nil {
				return "", fmt.Errorf("content: create recommendation: %w", err)
			}
		} else {
			var err error
			if id, err = strconv.ParseInt(key, 10, 64); err != nil {
				return "", fmt.Errorf("content: save recommendation %q: %w", key, ErrNotFound)
			}
			var was string
			err = db.QueryRow(ctx, `SELECT level FROM cta_recommendations WHERE id = $1`, id).Scan(&was)
			if errors.Is(err, pgx.ErrNoRows) {
				return "", fmt.Errorf("content: save recommendation %s: %w", key, ErrNotFound)
			}
			if err != nil {
				return "", fmt.Errorf("content: save recommendation %s: %w", key, err)
			}
			if was != level {
				_, err := db.Exec(ctx, `UPDATE cta_recommendations SET level = $2,
					position = (SELECT coalesce(max(position), 0) + 1 FROM cta_recommendations WHERE level = $2)
					WHERE id = $1`, id, level)
				if err != nil {
					return "", fmt.Errorf("content: save recommendation %s: %w", key, err)
				}
			}
		}
		if err := recommendationTexts.save(ctx, db, id, d); err != nil {
			return "", fmt.Errorf("content: save recommendation %d: %w", id, err)
		}
		return strconv.FormatInt(id, 10), nil
	},
	Delete: func(ctx context.Context, db DB, key string) error {
		id, err := strconv.ParseInt(key, 10, 64)
		if err != nil {
			return fmt.Errorf("content: delete recommendation %q: %w", key, ErrNotFound)
		}
		tag, err := db.Exec(ctx, `DELETE FROM cta_recommendations WHERE id = $1`, id)
		if err != nil {
			return fmt.Errorf("content: delete recommendation %s: %w", key, err)
		}
		if tag.RowsAffected() == 0 {
			return fmt.Errorf("content: delete recommendation %s: %w", key, ErrNotFound)
		}
		return nil
	},
	// Move moves a recommendation within its level only; changing level is
	// an edit.
	Move: func(ctx context.Context, db DB, key string, delta int) error {
		id, err := strconv.ParseInt(key, 10, 64)
		if err != nil {
			return fmt.Errorf("content: move recommendation %q: %w", key, ErrNotFound)
		}
		var level string
		var pos int
		err = db.QueryRow(ctx, `SELECT level, position FROM cta_recommendations WHERE id = $1`, id).Scan(&level, &pos)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("content: move recommendation %s: %w", key, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("content: move recommendation %s: %w", key, err)
		}
		return swapPositions(ctx, db, "cta_recommendations", "level = $1", []any{level}, pos, delta)
	},
	PublicPath: func(string, Doc) string { return "/call-to-action" },
	New: func(string) Doc {
		d := newDoc(recommendationFields)
		d["level"] = "country"
		return d
	},
}

// recommendationTitle names a recommendation by its opening point: the
// bold words it starts with ("Count the workforce."), or else its first
// line, shortened to fit a list.
func recommendationTitle(text string) string {
	s := strings.TrimSpace(text)
	if rest, ok := strings.CutPrefix(s, "**"); ok {
		if bold, _, ok := strings.Cut(rest, "**"); ok && strings.TrimSpace(bold) != "" {
			return strings.TrimSpace(bold)
		}
	}
	s, _, _ = strings.Cut(s, "\n")
	s = strings.Join(strings.Fields(strings.NewReplacer("**", "", "__", "", "*", "", "`", "", "#", "").Replace(s)), " ")
	const most = 80
	if utf8.RuneCountInString(s) <= most {
		return s
	}
	cut := string([]rune(s)[:most])
	if i := strings.LastIndexByte(cut, ' '); i > most/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:.") + "…"
}
