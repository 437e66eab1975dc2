package form

import (
	"strings"
	"unicode/utf8"
)

// Problems says what is wrong with a submitted form: field name -> message.
// On the public site a message is a key of the i18n catalogue (the page
// says it in the visitor's language); in the staff area, which is in
// English only, it is the sentence itself. An empty Problems means the
// form may be saved. The field "form" is the form as a whole.
type Problems map[string]string

// Add records msg for field unless the field already has a problem: the
// first check to fail is the one worth reading.
func (p Problems) Add(field, msg string) {
	if _, seen := p[field]; !seen {
		p[field] = msg
	}
}

// Merge adds every problem of q that p does not already have.
func (p Problems) Merge(q Problems) {
	for f, msg := range q {
		p.Add(f, msg)
	}
}

// OK reports whether there is nothing to fix.
func (p Problems) OK() bool { return len(p) == 0 }

// Whole is the field name of a problem with the form as a whole (too many
// posts, the site unavailable), shown above the fields.
const Whole = "form"

// Of returns a Problems holding only msg for the form as a whole.
func Of(msg string) Problems { return Problems{Whole: msg} }

// Typable reports whether s is text Postgres will store: valid UTF-8 with
// no NUL (the two things a text column refuses). Anything a visitor or a
// staff member types passes; only forged or corrupted input does not.
func Typable(s string) bool { return utf8.ValidString(s) && !strings.ContainsRune(s, 0) }
