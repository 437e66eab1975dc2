// Package markdown turns the Markdown that staff write into HTML that is
// safe to put on a page: goldmark renders it (raw HTML in the source is
// dropped), then bluemonday keeps only the elements and attributes of
// ordinary text, so a pasted script or event handler never reaches a visitor.
package markdown
