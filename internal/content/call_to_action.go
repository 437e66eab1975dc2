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

func init() { builtin = append(builtin, CallToActionKind, RecommendationKind) }

// CallToActionKey is the key of the one item of CallToActionKind.
const CallToActionKey = "call-to-action"

// MaxGoal is the largest goal staff may set: far beyond any campaign's
// reach, so a slip of the keyboard (an extra zero or three) is caught.
const MaxGoal = 1_000_000

var callToActionFields = []Field{
	{Name: "goal", Label: "Goal", Type: Number, Min: 1, Max: MaxGoal,
		Hint: "How many organisations the Call to Action aims to have sign, as a whole number such as 50. The page then shows how many have signed out of it, and the date it was reached once it is. Leave empty for no goal."},
}

// CallToActionKind is the Call to Action's own settings: its goal. There
// is one item, whose key is "call-to-action"; the page's words are a
// page (PageKind) and its recommendations their own kind.
var CallToActionKind = &Kind{
	Name: "call-to-action", Label: "Call to Action", Plural: "Call to Action",
	Intro:    "The Call to Action's goal: how many organisations it aims to have sign.",
	NoCreate: true, NoDelete: true,
	Fields: callToActionFields,
	Title:  func(Doc) string { return "Call to Action" },
	List: func(ctx context.Context, db DB, _ string) ([]Entry, error) {
		d, err := loadCallToAction(ctx, db)
		if err != nil {
			return nil, err
		}
		note := "No goal"
		if d["goal"] != "" {
			note = "Goal: " + d["goal"] + " organisations"
		}
		return []Entry{{Key: CallToActionKey, Title: "Call to Action", Note: note}}, nil
	},
	Load: func(ctx context.Context, db DB, key string) (Doc, error) {
		if key != CallToActionKey {
			return nil, ErrNotFound
		}
		return loadCallToAction(ctx, db)
	},
	Save: func(ctx context.Context, db DB, key string, d Doc) (string, error) {
		if key != CallToActionKey {
			return "", fmt.Errorf("content: save call to action %q: %w", key, ErrNotFound)
		}
		var goal *int
		if d["goal"] != "" {
			n, err := strconv.Atoi(d["goal"])
			if err != nil {
				return "", fmt.Errorf("content: save call to action goal %q: %w", d["goal"], err)
			}
			goal = &n
		}
		// The row is the migration's, but a forced re-seed may have
		// removed it with the rest of the content.
		if _, err := db.Exec(ctx, `INSERT INTO call_to_action (id, goal) VALUES (true, $1)
			ON CONFLICT (id) DO UPDATE SET goal = EXCLUDED.goal`, goal); err != nil {
			return "", fmt.Errorf("content: save call to action: %w", err)
		}
		return CallToActionKey, nil
	},
	PublicPath: func(string, Doc) string { return "/call-to-action" },
}

// loadCallToAction reads the settings, which are all empty without the
// row (after a forced re-seed removed it).
func loadCallToAction(ctx context.Context, db DB) (Doc, error) {
	var goal *int
	err := db.QueryRow(ctx, `SELECT goal FROM call_to_action`).Scan(&goal)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("content: load call to action: %w", err)
	}
	d := Doc{"goal": ""}
	if goal != nil {
		d["goal"] = strconv.Itoa(*goal)
	}
	return d, nil
}

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
