package content

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
)

func init() { builtin = append(builtin, RejectionReasonKind) }

var rejectionReasonFields = []Field{
	{Name: "slug", Label: "Short name", Type: Slug, Required: true, MaxLen: 60,
		Hint: "For staff only, as in not-an-organisation: lowercase words joined by hyphens."},
	{Name: "text", Label: "Reason", Type: Textarea, Translated: true, Required: true, MaxLen: 500,
		Hint: "What the contact reads in the email telling them their submission was not accepted, in the contact's language. Say what it means for them; staff can add a note of their own to each rejection."},
}

var rejectionReasonTexts = texts(`INSERT INTO rejection_reason_texts (reason_slug, lang, text)`, rejectionReasonFields)

// RejectionReasonKind is a reason staff choose from when they turn down
// an organisation's request to sign the Call to Action.
var RejectionReasonKind = &Kind{
	Name: "rejection-reason", Label: "Rejection reason", Plural: "Rejection reasons",
	Intro:   "The reasons staff choose from when they turn down a request to sign the Call to Action. The reason's text is emailed to the contact, in their language.",
	Ordered: true,
	Fields:  rejectionReasonFields,
	Title:   func(d Doc) string { return d["slug"] },
	List: func(ctx context.Context, db DB, _ string) ([]Entry, error) {
		rows, _ := db.Query(ctx, `
			SELECT r.slug, r.slug, (SELECT count(*) FROM signatories s WHERE s.reject_reason = r.slug)::int
			FROM rejection_reasons r ORDER BY r.position, r.slug`)
		var entries []Entry
		var e Entry
		var n int
		_, err := pgx.ForEachRow(rows, []any{&e.Key, &e.Title, &n}, func() error {
			e.Note = countNoun(n, "rejection", "rejections")
			entries = append(entries, e)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("content: list rejection reasons: %w", err)
		}
		return entries, nil
	},
	Load: func(ctx context.Context, db DB, key string) (Doc, error) {
		var ok bool
		if err := db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM rejection_reasons WHERE slug = $1)`, key).Scan(&ok); err != nil {
			return nil, fmt.Errorf("content: load rejection reason %s: %w", key, err)
		}
		if !ok {
			return nil, ErrNotFound
		}
		d := Doc{"slug": key}
		if err := rejectionReasonTexts.load(ctx, db, key, d); err != nil {
			return nil, fmt.Errorf("content: load rejection reason %s: %w", key, err)
		}
		return d, nil
	},
	Save: func(ctx context.Context, db DB, key string, d Doc) (string, error) {
		slug := d["slug"]
		var err error
		if key == "" {
			_, err = db.Exec(ctx, `INSERT INTO rejection_reasons (slug, position)
				SELECT $1, coalesce(max(position), 0) + 1 FROM rejection_reasons`, slug)
		} else {
			var tag interface{ RowsAffected() int64 }
			tag, err = db.Exec(ctx, `UPDATE rejection_reasons SET slug = $1 WHERE slug = $2`, slug, key)
			if err == nil && tag.RowsAffected() == 0 {
				err = ErrNotFound
			}
		}
		if err != nil {
			return "", fmt.Errorf("content: save rejection reason %s: %w", slug, err)
		}
		if err := rejectionReasonTexts.save(ctx, db, slug, d); err != nil {
			return "", fmt.Errorf("content: save rejection reason %s: %w", slug, err)
		}
		return slug, nil
	},
	// Delete leaves past rejections without a reason on record; the emails
	// already sent said it.
	Delete: func(ctx context.Context, db DB, key string) error {
		tag, err := db.Exec(ctx, `DELETE FROM rejection_reasons WHERE slug = $1`, key)
		if err != nil {
			return fmt.Errorf("content: delete rejection reason %s: %w", key, err)
		}
		if tag.RowsAffected() == 0 {
			return fmt.Errorf("content: delete rejection reason %s: %w", key, ErrNotFound)
		}
		return nil
	},
	Move: func(ctx context.Context, db DB, key string, delta int) error {
		var pos int
		err := db.QueryRow(ctx, `SELECT position FROM rejection_reasons WHERE slug = $1`, key).Scan(&pos)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("content: move rejection reason %s: %w", key, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("content: move rejection reason %s: %w", key, err)
		}
		return swapPositions(ctx, db, "rejection_reasons", "true", nil, pos, delta)
	},
	Check: func(ctx context.Context, db DB, key string, d Doc) map[string]string {
		problems := incompleteTranslations(d, rejectionReasonFields)
		slugTaken(ctx, db, "rejection_reasons", key, d, problems,
			"Another reason already has this short name. Choose a different one.")
		return nilIfEmpty(problems)
	},
	New: func(string) Doc { return newDoc(rejectionReasonFields) },
}
