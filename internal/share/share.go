// Package share builds what supporters need to pass the campaign on: the
// plain links that open each network's own "share" or "post" screen with a
// message filled in, and the length X gives a message. Nothing here loads
// anything from those networks: a share link is an ordinary link the
// visitor chooses to follow.
package share

import (
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"
)

// XLimit is how long a post on X may be.
const XLimit = 280

// xLinkLength is what X counts any link as, however long it is: it
// shortens every link to one of this length.
const xLinkLength = 23

// link matches what X turns into a link: an address with a scheme, or one
// starting www. (X also links bare domains such as example.org; staff
// writing for supporters give full addresses, and an unrecognised bare
// domain only makes the count a little cautious).
var link = regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s]+`)

// HasLink reports whether msg holds a link of its own.
func HasLink(msg string) bool { return link.MatchString(msg) }

// XLength is the length X gives msg as posted from a share link: each link
// counts as 23 characters, and a message without a link gets the page's
// link added after a space (see Post).
func XLength(msg string) int {
	n := 0
	rest := msg
	for _, loc := range link.FindAllStringIndex(msg, -1) {
		n += xLinkLength
		rest = strings.Replace(rest, msg[loc[0]:loc[1]], "", 1)
	}
	n += utf8.RuneCountInString(rest)
	if !HasLink(msg) {
		n += 1 + xLinkLength
	}
	return n
}

// Post is msg as it is shared: with page's address after it unless it
// already holds a link.
func Post(msg, page string) string {
	if HasLink(msg) || page == "" {
		return msg
	}
	return msg + " " + page
}

// Messages splits a field of messages, one per line, dropping blank lines
// and the spaces around each.
func Messages(field string) []string {
	var out []string
	for _, line := range strings.Split(field, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// Network is one place a message can be shared, as a plain link.
type Network struct {
	Name string // as the link shows it: "X", "LinkedIn"...
	URL  string
}

// Networks are the links that share msg (and page, the page it is about)
// on each network, in a fixed order. LinkedIn and Facebook take only the
// address, and show the page's own preview (its og: tags).
func Networks(msg, page, subject string) []Network {
	post := Post(msg, page)
	q := url.QueryEscape
	return []Network{
		{Name: "X", URL: "https://x.com/intent/post?text=" + q(post)},
		{Name: "LinkedIn", URL: "https://www.linkedin.com/sharing/share-offsite/?url=" + q(page)},
		{Name: "Facebook", URL: "https://www.facebook.com/sharer/sharer.php?u=" + q(page)},
		{Name: "WhatsApp", URL: "https://wa.me/?text=" + q(post)},
		{Name: "Email", URL: "mailto:?subject=" + mailto(subject) + "&body=" + mailto(post)},
	}
}

// mailto escapes s for a mailto: link, where a + is a plus, not a space
// (RFC 6068), so spaces are written %20.
func mailto(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "+", "%20") }
