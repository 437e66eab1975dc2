// Package markdown turns the Markdown that staff write into HTML that is
// safe to put on a page: goldmark renders it (raw HTML in the source is
// dropped), then bluemonday keeps only the elements and attributes of
// ordinary text, so a pasted script or event handler never reaches a visitor.
package markdown

import (
	"bytes"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

var (
	renderer = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify))
	policy   = newPolicy()
)

func newPolicy() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	// Links to other sites open as ordinary links but pass no referrer
	// authority and no window handle.
	p.RequireNoFollowOnFullyQualifiedLinks(false)
	p.AddTargetBlankToFullyQualifiedLinks(false)
	p.RequireNoReferrerOnFullyQualifiedLinks(false)
	return p
}

// HTML renders src and sanitises the result. Its output is the only string
// the templates pass to templ.Raw.
func HTML(src string) string {
	if strings.TrimSpace(src) == "" {
		return ""
	}
	var buf bytes.Buffer
	if err := renderer.Convert([]byte(src), &buf); err != nil {
		// goldmark only fails on a failing writer; a bytes.Buffer does not.
		return ""
	}
	return policy.Sanitize(buf.String())
}
