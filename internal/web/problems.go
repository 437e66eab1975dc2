package web

import (
	"slices"

	"github.com/sswalliance/advocacy/internal/form"
	"github.com/sswalliance/advocacy/templates/admin"
)

// Summary is the error summary of a staff form: p's problems in the order
// of fields, the element ids of the page's fields from top to bottom, so
// that the list reads like the page. A problem of a field not named (which
// a page should not have) follows them, in name order, rather than being
// lost.
func Summary(p form.Problems, fields ...string) []admin.Problem {
	var out []admin.Problem
	for _, f := range fields {
		if msg, ok := p[f]; ok && msg != "" {
			out = append(out, admin.Problem{ID: f, Message: msg})
		}
	}
	var rest []string
	for f, msg := range p {
		if msg != "" && !slices.Contains(fields, f) {
			rest = append(rest, f)
		}
	}
	slices.Sort(rest)
	for _, f := range rest {
		out = append(out, admin.Problem{ID: f, Message: p[f]})
	}
	return out
}
