package content

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/sswalliance/advocacy/internal/i18n"
)

func init() { builtin = append(builtin, ResourceTypeKind, TopicKind) }

// ErrInUse is returned, as an InUseError, by a kind's Delete when other
// live content still depends on the item, so deleting it would break that
// content: a resource type that resources are still filed as, a custom
// page a menu links to. Nothing is deleted.
var ErrInUse = errors.New("content: still in use")

// InUseError is ErrInUse with its reason in words for staff: what still
// uses the item, and what to do first ("2 resources have this type. Give
// them another type first.").
type InUseError struct{ Reason string }

func (e *InUseError) Error() string        { return "content: " + e.Reason }
func (e *InUseError) Is(target error) bool { return target == ErrInUse }

// resourceTypeFields are ResourceTypeKind's form; a variable of its own so
// the kind's functions can read it without referring to the kind itself.
var resourceTypeFields = []Field{
	{Name: "slug", Label: "Address", Type: Slug, Required: true, MaxLen: 60,
		Hint: "Names the type in the library's addresses, as in /resources?type=fact-sheet: lowercase words joined by hyphens. Changing it moves every resource of this type along with it."},
	{Name: "toolkit", Label: "Part of the toolkit", Type: Checkbox,
		Hint: "Ticked: the toolkit page shows this type as one of its components, with its description and its resources."},
	{Name: "name", Label: "Name", Type: Text, Translated: true, Required: true, MaxLen: 100,
		Hint: "One item, as a label on each resource: “Fact sheet”."},
	{Name: "plural", Label: "Plural", Type: Text, Translated: true, Required: true, MaxLen: 100,
		Hint: "Several items, as a heading and in the library's filter: “Fact sheets”."},
	{Name: "description", Label: "Description", Type: Textarea, Translated: true, MaxLen: 1000,
		Hint: "One or two sentences on what this kind of resource is for. The toolkit page shows it under the name."},
}

var resourceTypeRows = slugTable("resource type", `INSERT INTO resource_types (slug, position, toolkit)`, "slug",
	texts(`INSERT INTO resource_type_texts (type_slug, lang, name, plural, description)`, resourceTypeFields))

// ResourceTypeKind is a kind of resource in the library (report, fact
// sheet...). The types marked as part of the toolkit are the toolkit's
// components, in the same order.
var ResourceTypeKind = &Kind{
	Name: "resource-type", Label: "Resource type", Plural: "Resource types",
	Intro:   "The kinds of resource in the library, in the order the library and the toolkit list them. Types marked as part of the toolkit are its components.",
	Ordered: true,
	Fields:  resourceTypeFields,
	Title:   func(d Doc) string { return d["name.en"] },
	List: func(ctx context.Context, db DB, _ string) ([]Entry, error) {
		rows, _ := db.Query(ctx, `
			SELECT ty.slug, coalesce(t.name, ty.slug), ty.toolkit,
				(SELECT count(*) FROM resources r WHERE r.type_slug = ty.slug)::int
			FROM resource_types ty
			LEFT JOIN resource_type_texts t ON t.type_slug = ty.slug AND t.lang = 'en'
			ORDER BY ty.position, ty.slug`)
		var entries []Entry
		var e Entry
		var toolkit bool
		var n int
		_, err := pgx.ForEachRow(rows, []any{&e.Key, &e.Title, &toolkit, &n}, func() error {
			e.Note = countNoun(n, "resource", "resources")
			if toolkit {
				e.Note = "Toolkit, " + e.Note
			}
			entries = append(entries, e)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("content: list resource types: %w", err)
		}
		return entries, nil
	},
	Load: resourceTypeRows.load,
	// Save carries the texts and the resources along to a new slug: their
	// foreign keys are ON UPDATE CASCADE.
	Save: resourceTypeRows.save,
	// Delete refuses while resources are still filed as the type.
	Delete: func(ctx context.Context, db DB, key string) error {
		var n int
		if err := db.QueryRow(ctx, `SELECT count(*) FROM resources WHERE type_slug = $1`, key).Scan(&n); err != nil {
			return fmt.Errorf("content: delete resource type %s: %w", key, err)
		}
		if n > 0 {
			return &InUseError{countNoun(n, "resource in the library has", "resources in the library have") + " this type. Give them another type first."}
		}
		return resourceTypeRows.delete(ctx, db, key)
	},
	Move:  resourceTypeRows.move,
	Check: resourceTypeRows.check("Another resource type already uses this address. Choose a different one."),
	PublicPath: func(_ string, d Doc) string {
		if d["toolkit"] == "true" {
			return "/toolkit"
		}
		return "/resources"
	},
	New: resourceTypeRows.newDoc,
}

var topicFields = []Field{
	{Name: "slug", Label: "Address", Type: Slug, Required: true, MaxLen: 60,
		Hint: "Names the topic in the library's addresses, as in /resources?topic=child-protection: lowercase words joined by hyphens. Changing it breaks links to the old address."},
	{Name: "name", Label: "Name", Type: Text, Translated: true, Required: true, MaxLen: 100,
		Hint: "As visitors see it in the library's topic filter and on each resource: “Child protection”."},
}

var topicRows = slugTable("topic", `INSERT INTO topics (slug)`, "id",
	texts(`INSERT INTO topic_texts (topic_id, lang, name)`, topicFields))

// TopicKind is a subject resources are filed under. Topics are listed by
// name, so they have no order of their own.
var TopicKind = &Kind{
	Name: "topic", Label: "Topic", Plural: "Topics",
	Intro:  "Subjects the library's resources are filed under. Visitors filter the library by topic; each resource chooses its topics on its own page.",
	Fields: topicFields,
	Title:  func(d Doc) string { return d["name.en"] },
	List: func(ctx context.Context, db DB, _ string) ([]Entry, error) {
		rows, _ := db.Query(ctx, `
			SELECT tp.slug, coalesce(t.name, tp.slug),
				(SELECT count(*) FROM resource_topics rt WHERE rt.topic_id = tp.id)::int
			FROM topics tp
			LEFT JOIN topic_texts t ON t.topic_id = tp.id AND t.lang = 'en'
			ORDER BY 2, tp.slug`)
		var entries []Entry
		var e Entry
		var n int
		_, err := pgx.ForEachRow(rows, []any{&e.Key, &e.Title, &n}, func() error {
			e.Note = countNoun(n, "resource", "resources")
			entries = append(entries, e)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("content: list topics: %w", err)
		}
		return entries, nil
	},
	Load: topicRows.load,
	Save: topicRows.save,
	// Delete takes the topic off every resource filed under it (the links
	// cascade); the resources themselves stay.
	Delete: topicRows.delete,
	Check:  topicRows.check("Another topic already uses this address. Choose a different one."),
	// The library's topic filter (internal/web/public_resources.go) is the
	// topic's public page.
	PublicPath: func(key string, d Doc) string {
		slug := d["slug"]
		if slug == "" {
			slug = key
		}
		return "/resources?topic=" + slug
	},
	New: topicRows.newDoc,
}

// translationTable is the per-language table of an item's translated
// fields: one row per language, keyed by the owning item's column and lang,
// with one column per translated field, named as the field. Its load and
// save serve every kind that is a slug (or id) plus translated texts.
type translationTable struct {
	table  string  // "audience_texts"
	owner  string  // the column naming the item: "audience_id"
	fields []Field // the kind's fields; only the Translated ones are columns
	insert string  // the INSERT's head, as texts was given it
}

var textsInsert = regexp.MustCompile(`^INSERT INTO (\w+) \((\w+), lang, ([\w, ]+)\)$`)

// texts declares a translation table by the head of the INSERT that
// writes it (see audienceTexts), so the one statement writing each table
// can be found by searching for it. The columns after lang must be fields' translated
// fields, in order; a mismatch is a programming error, caught at start.
func texts(insert string, fields []Field) translationTable {
	m := textsInsert.FindStringSubmatch(insert)
	if m == nil {
		panic("content: texts: not an INSERT head: " + insert)
	}
	t := translationTable{table: m[1], owner: m[2], fields: fields, insert: insert}
	if got := strings.Join(t.columns(), ", "); got != m[3] {
		panic(fmt.Sprintf("content: texts %s: columns %q, but the translated fields are %q", t.table, m[3], got))
	}
	return t
}

func (t translationTable) columns() []string {
	var cols []string
	for _, f := range t.fields {
		if f.Translated {
			cols = append(cols, f.Name)
		}
	}
	return cols
}

// load adds the item's texts to d. A language the item has no row in gets
// "" for each field, so a loaded Doc has every key the edit form posts, and
// saving it back unchanged leaves it equal.
func (t translationTable) load(ctx context.Context, db DB, owner any, d Doc) error {
	cols := t.columns()
	rows, _ := db.Query(ctx, fmt.Sprintf(`SELECT lang, %s FROM %s WHERE %s = $1`,
		strings.Join(cols, ", "), t.table, t.owner), owner)
	var lang string
	vals := make([]string, len(cols))
	scans := []any{&lang}
	for i := range vals {
		scans = append(scans, &vals[i])
	}
	_, err := pgx.ForEachRow(rows, scans, func() error {
		for i, c := range cols {
			d[Key(c, i18n.Lang(lang))] = vals[i]
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("read %s: %w", t.table, err)
	}
	for _, c := range cols {
		for _, l := range i18n.Langs {
			if _, ok := d[Key(c, l)]; !ok {
				d[Key(c, l)] = ""
			}
		}
	}
	return nil
}

// save writes d's texts for the item. English is always written. Another
// language whose required fields are all empty has its row removed, so the
// public site falls back to English rather than showing half a translation.
func (t translationTable) save(ctx context.Context, db DB, owner any, d Doc) error {
	cols := t.columns()
	updates := make([]string, len(cols))
	for i, c := range cols {
		updates[i] = c + " = EXCLUDED." + c
	}
	upsert := fmt.Sprintf(`%s VALUES ($1, $2, %s) ON CONFLICT (%s, lang) DO UPDATE SET %s`,
		t.insert, strings.Join(placeholders(3, len(cols)), ", "), t.owner, strings.Join(updates, ", "))
	for _, l := range i18n.Langs {
		if l != i18n.EN && !hasRequiredText(d, t.fields, l) {
			if _, err := db.Exec(ctx, fmt.Sprintf(`DELETE FROM %s WHERE %s = $1 AND lang = $2`, t.table, t.owner), owner, string(l)); err != nil {
				return fmt.Errorf("remove %s text from %s: %w", l, t.table, err)
			}
			continue
		}
		args := []any{owner, string(l)}
		for _, c := range cols {
			args = append(args, d[Key(c, l)])
		}
		if _, err := db.Exec(ctx, upsert, args...); err != nil {
			return fmt.Errorf("write %s text to %s: %w", l, t.table, err)
		}
	}
	return nil
}

// hasRequiredText reports whether d fills any required translated field in
// lang: the test for whether the item has a version in that language.
func hasRequiredText(d Doc, fields []Field, l i18n.Lang) bool {
	for _, f := range fields {
		if f.Translated && f.Required && strings.TrimSpace(d[Key(f.Name, l)]) != "" {
			return true
		}
	}
	return false
}

// incompleteTranslations reports, for each language but English in which
// d has any text, the required fields left empty there. Without them the
// translation cannot be saved, and dropping it silently would lose what
// staff wrote.
func incompleteTranslations(d Doc, fields []Field) map[string]string {
	problems := map[string]string{}
	for _, l := range i18n.Langs[1:] {
		started := false
		for _, f := range fields {
			if f.Translated && strings.TrimSpace(d[Key(f.Name, l)]) != "" {
				started = true
			}
		}
		if !started {
			continue
		}
		lang := staffLangName(l)
		for _, f := range fields {
			if f.Translated && f.Required && strings.TrimSpace(d[Key(f.Name, l)]) == "" {
				problems[Key(f.Name, l)] = fmt.Sprintf("Add the %s %s too, or empty every %s field to show the English version instead.",
					lang, strings.ToLower(f.Label), lang)
			}
		}
	}
	return problems
}

// staffLangName is a language's name in English, for messages to staff.
func staffLangName(l i18n.Lang) string {
	if l == i18n.ES {
		return "Spanish"
	}
	return "English"
}

// slugTaken adds message to problems, on the slug field, when another row
// of table (one with a different key) already has d's slug. table is one of
// this package's constants, never input.
func slugTaken(ctx context.Context, db DB, table, key string, d Doc, problems map[string]string, message string) {
	slug := d["slug"]
	if slug == "" || slug == key {
		return
	}
	var taken bool
	err := db.QueryRow(ctx, fmt.Sprintf(`SELECT EXISTS (SELECT 1 FROM %s WHERE slug = $1)`, table), slug).Scan(&taken)
	if err != nil {
		// Check cannot return an error; refusing the save is the safe side.
		problems["slug"] = "This address could not be checked just now. Please try again."
		return
	}
	if taken {
		problems["slug"] = message
	}
}

func nilIfEmpty(problems map[string]string) map[string]string {
	if len(problems) == 0 {
		return nil
	}
	return problems
}

// newDoc is an empty item of a kind with fields: every key the form posts.
func newDoc(fields []Field) Doc {
	d := Doc{}
	for _, f := range fields {
		if !f.Translated {
			d[f.Name] = ""
			continue
		}
		for _, l := range i18n.Langs {
			d[Key(f.Name, l)] = ""
		}
	}
	return d
}

// checkbox is a Checkbox field's value.
func checkbox(on bool) string {
	if on {
		return "true"
	}
	return ""
}

// countNoun writes n with the singular or plural noun: "1 resource",
// "3 resources", "No resources".
func countNoun(n int, one, many string) string {
	switch n {
	case 0:
		return "No " + many
	case 1:
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
