package content

import (
	"strings"

	"github.com/sswalliance/advocacy/internal/i18n"
)

// Change is how one field differs between two versions.
type Change struct {
	Label string     // the field's label, with the language for translated fields
	Key   string     // the doc key
	Lines []DiffLine // the field's lines, each kept, removed or added
}

// DiffLine is one line of a field's diff.
type DiffLine struct {
	Op   byte // ' ' kept, '-' removed, '+' added
	Text string
}

// Diff returns the fields of k that differ from a to b, in form order, each
// as a line diff.
func Diff(k *Kind, a, b Doc) []Change {
	var out []Change
	add := func(label, key string) {
		if a[key] == b[key] {
			return
		}
		out = append(out, Change{Label: label, Key: key, Lines: diffLines(a[key], b[key])})
	}
	if k.ParentField != "" {
		add(k.Parent, k.ParentField)
	}
	for _, f := range k.Fields {
		if !f.Translated {
			add(f.Label, f.Name)
			continue
		}
		for _, l := range i18n.Langs {
			add(f.Label+" ("+l.Name()+")", Key(f.Name, l))
		}
	}
	return out
}

// maxDiffLines bounds the quadratic line matching; longer texts are shown
// as wholly replaced.
const maxDiffLines = 2000

// diffLines is a longest-common-subsequence line diff: plain, exact, and
// fast enough for page-sized texts.
func diffLines(a, b string) []DiffLine {
	x, y := splitLines(a), splitLines(b)
	if len(x) > maxDiffLines || len(y) > maxDiffLines {
		var out []DiffLine
		for _, l := range x {
			out = append(out, DiffLine{'-', l})
		}
		for _, l := range y {
			out = append(out, DiffLine{'+', l})
		}
		return out
	}
	// lcs[i][j] is the LCS length of x[i:] and y[j:].
	lcs := make([][]int32, len(x)+1)
	for i := range lcs {
		lcs[i] = make([]int32, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []DiffLine
	i, j := 0, 0
	for i < len(x) && j < len(y) {
		switch {
		case x[i] == y[j]:
			out = append(out, DiffLine{' ', x[i]})
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			out = append(out, DiffLine{'-', x[i]})
			i++
		default:
			out = append(out, DiffLine{'+', y[j]})
			j++
		}
	}
	for ; i < len(x); i++ {
		out = append(out, DiffLine{'-', x[i]})
	}
	for ; j < len(y); j++ {
		out = append(out, DiffLine{'+', y[j]})
	}
	return out
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}
