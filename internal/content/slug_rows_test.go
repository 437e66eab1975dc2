package content

import (
	"slices"
	"testing"
)

// TestSlugTableReadsTheTableFromItsInsert holds the declarations of the
// slug-plus-texts kinds to what their INSERT heads say: the table, whether
// it is ordered, and which checkbox columns it stores beside the slug.
func TestSlugTableReadsTheTableFromItsInsert(t *testing.T) {
	for _, c := range []struct {
		rows    slugRows
		table   string
		ordered bool
		flags   []string
	}{
		{audienceRows, "audiences", true, nil},
		{resourceTypeRows, "resource_types", true, []string{"toolkit"}},
		{topicRows, "topics", false, nil},
		{rejectionReasonRows, "rejection_reasons", true, nil},
	} {
		if c.rows.table != c.table || c.rows.ordered != c.ordered || !slices.Equal(c.rows.flags, c.flags) {
			t.Errorf("%s: got table %s, ordered %v, flags %v; want %s, %v, %v",
				c.rows.noun, c.rows.table, c.rows.ordered, c.rows.flags, c.table, c.ordered, c.flags)
		}
	}
}

// TestSlugTableRefusesAHeadItsFieldsDoNotMatch: a column that is not one
// of the kind's checkbox fields, or an owner the texts cannot reference, is
// a programming error caught at start rather than a failed save.
func TestSlugTableRefusesAHeadItsFieldsDoNotMatch(t *testing.T) {
	for _, c := range []struct{ insert, owner string }{
		{`INSERT INTO resource_types (slug, position, name)`, "slug"}, // name is translated
		{`INSERT INTO resource_types (slug, colour)`, "slug"},         // no such field
		{`INSERT INTO resource_types (position, slug)`, "slug"},       // slug comes first
		{`INSERT INTO resource_types (slug)`, "position"},             // not a key
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("slugTable(%q, %q) did not panic", c.insert, c.owner)
				}
			}()
			slugTable("resource type", c.insert, c.owner, resourceTypeRows.texts)
		}()
	}
}
