package content

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/jackc/pgx/v5"
)

// slugRows is the main table of a kind that is a slug plus translated
// texts (audiences, resource types, topics, rejection reasons): one row per
// item, found by its unique slug, optionally with a position and checkbox
// columns, and a translation table holding the rest. Its methods are the
// kind's Load, Save, Delete and Move, so those kinds differ only in what
// really differs: their list, their checks, what deleting one leaves.
type slugRows struct {
	noun    string   // "audience": the item, in error messages
	table   string   // "audiences"
	insert  string   // the INSERT's head, as slugTable was given it
	ordered bool     // the table has a position column: items can be moved
	flags   []string // checkbox columns after slug (and position), as fields of the same name
	owner   string   // the column the texts table references: "id" or "slug"
	texts   translationTable
}

var slugInsert = regexp.MustCompile(`^INSERT INTO (\w+) \(slug((?:, \w+)*)\)$`)

// slugTable declares a kind's main table by the head of the INSERT that
// creates its rows, as texts does for the translations, so the one
// statement writing each table can still be found by searching for it.
// The columns after slug are "position" first when the kind is ordered,
// then the kind's Checkbox fields; owner is the column texts' table
// references. A mismatch is a programming error, caught at start.
func slugTable(noun, insert, owner string, texts translationTable) slugRows {
	m := slugInsert.FindStringSubmatch(insert)
	if m == nil {
		panic("content: slugTable: not an INSERT head: " + insert)
	}
	if owner != "id" && owner != "slug" {
		panic("content: slugTable " + m[1] + ": owner must be id or slug, not " + owner)
	}
	s := slugRows{noun: noun, table: m[1], insert: insert, owner: owner, texts: texts}
	cols := strings.Split(strings.TrimPrefix(m[2], ", "), ", ")
	if m[2] == "" {
		cols = nil
	}
	if len(cols) > 0 && cols[0] == "position" {
		s.ordered, cols = true, cols[1:]
	}
	for _, c := range cols {
		if !hasCheckbox(texts.fields, c) {
			panic(fmt.Sprintf("content: slugTable %s: column %s is not a Checkbox field", s.table, c))
		}
	}
	s.flags = cols
	return s
}

func hasCheckbox(fields []Field, name string) bool {
	for _, f := range fields {
		if f.Name == name && f.Type == Checkbox && !f.Translated {
			return true
		}
	}
	return false
}

// ownerDest is where a query scans the owner column into; ownerValue reads
// it back as the texts' owner argument.
func (s slugRows) ownerDest() (dest any, value func() any) {
	if s.owner == "id" {
		var id int64
		return &id, func() any { return id }
	}
	var slug string
	return &slug, func() any { return slug }
}

func (s slugRows) load(ctx context.Context, db DB, key string) (Doc, error) {
	owner, ownerValue := s.ownerDest()
	flags := make([]bool, len(s.flags))
	dest := []any{owner}
	for i := range flags {
		dest = append(dest, &flags[i])
	}
	err := db.QueryRow(ctx, fmt.Sprintf(`SELECT %s FROM %s WHERE slug = $1`,
		strings.Join(append([]string{s.owner}, s.flags...), ", "), s.table), key).Scan(dest...)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("content: load %s %s: %w", s.noun, key, err)
	}
	d := Doc{"slug": key}
	for i, f := range s.flags {
		d[f] = checkbox(flags[i])
	}
	if err := s.texts.load(ctx, db, ownerValue(), d); err != nil {
		return nil, fmt.Errorf("content: load %s %s: %w", s.noun, key, err)
	}
	return d, nil
}

// save updates the item with key, or creates one (at the end of the list,
// when ordered) when key is "". A new slug carries the texts along: their
// rows reference the id, or the slug ON UPDATE CASCADE.
func (s slugRows) save(ctx context.Context, db DB, key string, d Doc) (string, error) {
	slug := d["slug"]
	args := []any{slug}
	for _, f := range s.flags {
		args = append(args, d[f] == "true")
	}
	var q string
	if key == "" {
		values := placeholders(1, len(args))
		if s.ordered {
			values[0] += ", coalesce(max(position), 0) + 1"
			q = fmt.Sprintf(`%s SELECT %s FROM %s`, s.insert, strings.Join(values, ", "), s.table)
		} else {
			q = fmt.Sprintf(`%s VALUES (%s)`, s.insert, strings.Join(values, ", "))
		}
	} else {
		sets := []string{"slug = $1"}
		for i, f := range s.flags {
			sets = append(sets, fmt.Sprintf("%s = $%d", f, i+2))
		}
		args = append(args, key)
		q = fmt.Sprintf(`UPDATE %s SET %s WHERE slug = $%d`, s.table, strings.Join(sets, ", "), len(args))
	}
	owner, ownerValue := s.ownerDest()
	err := db.QueryRow(ctx, q+" RETURNING "+s.owner, args...).Scan(owner)
	if errors.Is(err, pgx.ErrNoRows) {
		err = ErrNotFound
	}
	if err != nil {
		return "", fmt.Errorf("content: save %s %s: %w", s.noun, slug, err)
	}
	if err := s.texts.save(ctx, db, ownerValue(), d); err != nil {
		return "", fmt.Errorf("content: save %s %s: %w", s.noun, slug, err)
	}
	return slug, nil
}

// placeholders returns "$from" … "$(from+n-1)".
func placeholders(from, n int) []string {
	p := make([]string, n)
	for i := range p {
		p[i] = fmt.Sprintf("$%d", from+i)
	}
	return p
}

// delete removes the item's row; its texts cascade, and so does whatever
// else the schema says belongs to it.
func (s slugRows) delete(ctx context.Context, db DB, key string) error {
	tag, err := db.Exec(ctx, fmt.Sprintf(`DELETE FROM %s WHERE slug = $1`, s.table), key)
	if err != nil {
		return fmt.Errorf("content: delete %s %s: %w", s.noun, key, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("content: delete %s %s: %w", s.noun, key, ErrNotFound)
	}
	return nil
}

func (s slugRows) move(ctx context.Context, db DB, key string, delta int) error {
	if !s.ordered {
		return fmt.Errorf("content: move %s %s: %s has no order", s.noun, key, s.table)
	}
	var pos int
	err := db.QueryRow(ctx, fmt.Sprintf(`SELECT position FROM %s WHERE slug = $1`, s.table), key).Scan(&pos)
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("content: move %s %s: %w", s.noun, key, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("content: move %s %s: %w", s.noun, key, err)
	}
	return swapPositions(ctx, db, s.table, "true", nil, pos, delta)
}

// check returns the kind's Check: translations started but left
// incomplete, and a slug another item already has (taken is the message).
func (s slugRows) check(taken string) func(ctx context.Context, db DB, key string, d Doc) map[string]string {
	return func(ctx context.Context, db DB, key string, d Doc) map[string]string {
		problems := incompleteTranslations(d, s.texts.fields)
		slugTaken(ctx, db, s.table, key, d, problems, taken)
		return nilIfEmpty(problems)
	}
}

// newDoc is the kind's New.
func (s slugRows) newDoc(string) Doc { return newDoc(s.texts.fields) }
