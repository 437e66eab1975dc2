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

	"golang.org/x/text/unicode/norm"
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

// linkTrail is what X leaves out of the end of a link: the punctuation
// of the sentence around it ("see https://example.org/x."). A closing
// bracket X would keep, in a path like /wiki/Work_(social), is counted
// on its own too: one character more than X, never less.
const linkTrail = `.,:;!?'"()[]{}<>`

// links are where the links of msg are, each without its trailing
// punctuation.
func links(msg string) [][]int {
	locs := link.FindAllStringIndex(msg, -1)
	for _, loc := range locs {
		loc[1] = loc[0] + len(strings.TrimRight(msg[loc[0]:loc[1]], linkTrail))
	}
	return locs
}

// HasLink reports whether msg holds a link of its own.
func HasLink(msg string) bool { return link.MatchString(msg) }

// XLength is the length X gives msg as posted from a share link (X's
// weighted length, twitter-text's version 3): each link counts as 23,
// and a message without a link gets the page's link added after a space
// (see Post); the rest is counted once composed (NFC) by weight (see
// weigh).
func XLength(msg string) int {
	msg = norm.NFC.String(msg)
	n, last := 0, 0
	for _, loc := range links(msg) {
		n += weigh(msg[last:loc[0]]) + xLinkLength
		last = loc[1]
	}
	n += weigh(msg[last:])
	if !HasLink(msg) {
		n += 1 + xLinkLength
	}
	return n
}

// light are the code points X counts as 1: up to U+10FF (Latin, Greek,
// Cyrillic, Hebrew, Arabic, Indic scripts...) and the general
// punctuation of spaces, dashes, quotes and primes. Everything else (CJK,
// emoji, symbols) counts 2.
var light = [][2]rune{{0, 0x10FF}, {0x2000, 0x200D}, {0x2010, 0x201F}, {0x2032, 0x2037}}

// weigh is what X counts s as, links apart: each emoji 2, however many
// code points it is made of (a skin tone, a presentation selector, a
// keycap, tags, others joined to it, or a flag's two letters), and each
// other code point 1 if light, else 2. What follows a code point only as
// part of an emoji (U+FE0F, a skin tone...) makes it one: a letter so
// followed is counted as an emoji, as X counts a digit with a keycap.
func weigh(s string) int {
	rs := []rune(s)
	n := 0
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if regional(r) && i+1 < len(rs) && regional(rs[i+1]) {
			n += 2 // a flag
			i++
			continue
		}
		j := i + 1
		emoji := false
		for j < len(rs) {
			switch {
			case emojiPart(rs[j]):
				emoji = true
				j++
				continue
			case rs[j] == '\u200d' && j+1 < len(rs):
				emoji = true
				j += 2 // the joiner and what it joins
				continue
			}
			break
		}
		if emoji {
			n += 2
			i = j - 1
			continue
		}
		n += weight(r)
	}
	return n
}

// weight is what X counts the code point r as, alone.
func weight(r rune) int {
	for _, rg := range light {
		if rg[0] <= r && r <= rg[1] {
			return 1
		}
	}
	return 2
}

// regional reports whether r is one of the letters two of which make a
// flag.
func regional(r rune) bool { return 0x1F1E6 <= r && r <= 0x1F1FF }

// emojiPart reports whether r only ever follows another code point as
// part of an emoji: the emoji presentation selector, a skin tone, the
// keycap, a tag (as in subdivision flags).
func emojiPart(r rune) bool {
	return r == 0xFE0F || (0x1F3FB <= r && r <= 0x1F3FF) || r == 0x20E3 || (0xE0020 <= r && r <= 0xE007F)
}

// XRefused is the first character of msg X refuses a post for, and
// whether there is one: a direction embedding or override (U+202A to
// U+202E, which can also make a post read other than it is written) or a
// non-character such as a byte-order mark, often pasted invisibly from
// another document. A share link with one fills X's box with a post that
// cannot be sent.
func XRefused(msg string) (rune, bool) {
	for _, r := range msg {
		if (0x202A <= r && r <= 0x202E) || r == 0xFEFF || r == 0xFFFE || r == 0xFFFF {
			return r, true
		}
	}
	return 0, false
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
