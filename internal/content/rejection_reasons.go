package content

import (
	"context"
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

var rejectionReasonRows = slugTable("rejection reason", `INSERT INTO rejection_reasons (slug, position)`, "slug",
	texts(`INSERT INTO rejection_reason_texts (reason_slug, lang, text)`, rejectionReasonFields))

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
	Load: rejectionReasonRows.load,
	Save: rejectionReasonRows.save,
	// Delete leaves past rejections without a reason on record; the emails
	// already sent said it.
	Delete: rejectionReasonRows.delete,
	Move:   rejectionReasonRows.move,
	Check:  rejectionReasonRows.check("Another reason already has this short name. Choose a different one."),
	New:    rejectionReasonRows.newDoc,
}
