// Package sharecard draws the images people share: the link-preview cards
// of the SSWWeek editions, their days and the Call to Action (PNG, wide
// 1200x630 and square 1080x1080), and the badges partner sites show (the
// supporter badge, SVG and PNG, and the live count of signatories, SVG).
//
// The decisions it hides: the look (the site's colours from static/css,
// the campaign's mark), the type (the Go fonts, embedded, which cover
// Spanish), and how long text is set so that it never leaves the card:
// titles are wrapped on word boundaries and set smaller when they need
// more lines, and what still does not fit ends in an ellipsis. Lay says
// where every line goes (tests measure it); Draw paints and encodes it,
// at most a few at once per process.
package sharecard
