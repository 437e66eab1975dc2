package content

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/sswalliance/advocacy/internal/i18n"
)

// DB is what both a pool and a transaction can do.
type DB interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// ErrNotFound is returned when an item does not exist.
var ErrNotFound = errors.New("content: not found")

// Doc is one version of an item: field name -> value. A translated field
// F has one entry per language, "F.en" and "F.es"; other fields are stored
// under their name. Every value is text, as typed into the form: a kind's
// Save parses numbers, dates and lists.
type Doc map[string]string

// Clone returns a copy of d.
func (d Doc) Clone() Doc {
	c := make(Doc, len(d))
	for k, v := range d {
		c[k] = v
	}
	return c
}

// Keys returns d's keys in sorted order.
func (d Doc) Keys() []string {
	keys := make([]string, 0, len(d))
	for k := range d {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Key returns the doc key of field name in lang ("title.es"), or name
// itself when lang is empty.
func Key(name string, lang i18n.Lang) string {
	if lang == "" {
		return name
	}
	return name + "." + string(lang)
}

// FieldType says how a field is edited and checked.
type FieldType string

const (
	Text     FieldType = "text"     // one line
	Textarea FieldType = "textarea" // plain text, several lines
	Markdown FieldType = "markdown" // Markdown, previewed as the public page renders it
	Slug     FieldType = "slug"     // lowercase words joined by hyphens: the item's address
	URL      FieldType = "url"      // an absolute http(s) address, or empty
	Path     FieldType = "path"     // a site path starting with "/"
	Number   FieldType = "number"   // a whole number
	Date     FieldType = "date"     // YYYY-MM-DD
	DateTime FieldType = "datetime" // YYYY-MM-DDTHH:MM, local to the zone the field's hint names
	Select   FieldType = "select"   // one of Options
	Checkbox FieldType = "checkbox" // "true" or ""
	Lines    FieldType = "lines"    // one entry per line (a list: questions, links)
	Choices  FieldType = "choices"  // any number of Options, ticked; the value is one per line
	File     FieldType = "file"     // an uploaded file: the value is the files.id it was stored as
	Image    FieldType = "image"    // a media library image, chosen from Options: the value is its media.id, or empty
)

// Option is one choice of a Select field.
type Option struct {
	Value, Label string
}

// Field is one input on an item's edit form.
type Field struct {
	Name       string // doc key (without the language suffix)
	Label      string
	Hint       string // shown under the label: what to write, in what format
	Type       FieldType
	Translated bool // one value per language
	Required   bool // must not be empty (in English, for translated fields)
	MaxLen     int  // 0: the type's default (see MaxLen)
	// Min and Max bound a Number field's value, when Max is above 0 (a
	// goal from 1 to a million); otherwise any whole number is accepted.
	Min, Max int
	// Options lists a Select's or Choices' choices; it may query the
	// database (the resource types) and depend on the item (the days of the
	// item's edition).
	Options func(ctx context.Context, db DB, d Doc) ([]Option, error)
}

// Limit is the longest value f accepts, in characters.
func (f Field) Limit() int {
	if f.MaxLen > 0 {
		return f.MaxLen
	}
	switch f.Type {
	case Markdown:
		return 100_000
	case Textarea, Lines:
		return 20_000
	default:
		return 300
	}
}

// Entry is an item as a list shows it.
type Entry struct {
	Key   string
	Title string
	Note  string // a short second column: "Country level", "2018", "PDF, 1.2 MB"
}

// Kind describes one kind of content: its form, and how a Doc maps onto the
// live tables.
type Kind struct {
	Name   string // in URLs and content_items.kind: "page", "key-message"
	Label  string // "Key message"
	Plural string // "Key messages"
	Intro  string // one sentence on the list page: what these are, where they show

	// Parent names the kind whose items own this kind's items ("audience"
	// for "key-message"); ParentField is the doc field holding the owner's
	// key. Child items are listed and created on their parent's edit page.
	Parent      string
	ParentField string

	// Ordered kinds are listed in position order and can be moved up or down.
	Ordered bool
	// PositionalKeys: the key names a position ("home:2"), so moving an item
	// changes which item a key names; the editor then swaps the two items'
	// drafts and history along with them.
	PositionalKeys bool

	// NoCreate and NoDelete fix the set of items (the site's pages).
	NoCreate, NoDelete bool

	// RedirectMoves: publishing a new PublicPath for a published item adds
	// a 301 from its old address (in every language), so links to it keep
	// working.
	RedirectMoves bool

	Fields []Field

	// Title names an item in lists, headings and the audit log.
	Title func(d Doc) string

	// List returns the live items in order (under parent, for child kinds).
	List func(ctx context.Context, db DB, parent string) ([]Entry, error)

	// Load returns the live item as a Doc, or ErrNotFound.
	Load func(ctx context.Context, db DB, key string) (Doc, error)

	// Save writes d to the live tables: it updates the item with key, or
	// creates one (at the end of its list, when Ordered) when key is "".
	// It returns the item's key, which changes when d changes the field the
	// key comes from (a slug). The caller runs it in a transaction and has
	// already checked the fields; a database error fails the whole save.
	Save func(ctx context.Context, db DB, key string, d Doc) (string, error)

	// Delete removes the live item and what belongs only to it.
	Delete func(ctx context.Context, db DB, key string) error

	// Move moves the live item one place up (delta -1) or down (+1) among its
	// siblings. Required when Ordered.
	Move func(ctx context.Context, db DB, key string, delta int) error

	// Check reports problems the per-field checks cannot see (an end before
	// its start, a slug already taken), as doc key -> message. Optional.
	Check func(ctx context.Context, db DB, key string, d Doc) map[string]string

	// PublicPath is the public page showing the item, without the language
	// prefix ("/resources/x"); "" when it shows nowhere. key is "" for an
	// item never published. Preview renders this path in each language.
	PublicPath func(key string, d Doc) string

	// New returns the starting values of a new item (under parent).
	New func(parent string) Doc
}

// Field returns k's field called name.
func (k *Kind) Field(name string) (Field, bool) {
	for _, f := range k.Fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

// builtin are the kinds of the site, added by each kind's file (init).
var builtin []*Kind

// kindOrder is the order kinds appear in the admin; kinds not named here
// follow in file order.
var kindOrder = []string{
	"page", "section", "custom-page", "audience", "key-message", "call-to-action", "recommendation",
	"resource", "resource-file", "resource-type", "topic",
	"edition", "day", "event", "blog-post", "calendar-event", "rejection-reason",
}

// Builtin returns the registry of every kind of the site's content.
func Builtin() (*Registry, error) {
	kinds := append([]*Kind(nil), builtin...)
	rank := func(k *Kind) int {
		for i, n := range kindOrder {
			if n == k.Name {
				return i
			}
		}
		return len(kindOrder)
	}
	sort.SliceStable(kinds, func(i, j int) bool { return rank(kinds[i]) < rank(kinds[j]) })
	return NewRegistry(kinds...)
}

// Registry is every kind, by name, in the order they were registered.
type Registry struct {
	kinds  []*Kind
	byName map[string]*Kind
}

// NewRegistry returns a registry of kinds, checking each is complete.
func NewRegistry(kinds ...*Kind) (*Registry, error) {
	r := &Registry{byName: map[string]*Kind{}}
	for _, k := range kinds {
		var missing []string
		if k.Name == "" || k.Label == "" || k.Plural == "" {
			missing = append(missing, "Name/Label/Plural")
		}
		if k.Title == nil || k.List == nil || k.Load == nil || k.Save == nil {
			missing = append(missing, "Title/List/Load/Save")
		}
		if !k.NoDelete && k.Delete == nil {
			missing = append(missing, "Delete")
		}
		if k.Ordered && k.Move == nil {
			missing = append(missing, "Move")
		}
		if !k.NoCreate && k.New == nil {
			missing = append(missing, "New")
		}
		if k.Parent != "" && k.ParentField == "" {
			missing = append(missing, "ParentField")
		}
		if len(missing) > 0 {
			return nil, fmt.Errorf("content: kind %q lacks %s", k.Name, strings.Join(missing, ", "))
		}
		if _, dup := r.byName[k.Name]; dup {
			return nil, fmt.Errorf("content: kind %q registered twice", k.Name)
		}
		r.kinds = append(r.kinds, k)
		r.byName[k.Name] = k
	}
	for _, k := range kinds {
		if k.Parent != "" && r.byName[k.Parent] == nil {
			return nil, fmt.Errorf("content: kind %q has unknown parent %q", k.Name, k.Parent)
		}
	}
	return r, nil
}

// Kind returns the kind called name.
func (r *Registry) Kind(name string) (*Kind, bool) {
	k, ok := r.byName[name]
	return k, ok
}

// Kinds returns every kind in registration order.
func (r *Registry) Kinds() []*Kind { return r.kinds }

// Children returns the kinds whose parent is k.
func (r *Registry) Children(k *Kind) []*Kind {
	var out []*Kind
	for _, c := range r.kinds {
		if c.Parent == k.Name {
			out = append(out, c)
		}
	}
	return out
}
