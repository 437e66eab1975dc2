package mail

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// LinkLike reports whether text a visitor typed could be read as a link by
// a person or turned into one by a mail program: a URL, a web or email
// address, a bare domain name ("x.co", "evil.example/unlock") or an IP
// address in any of the forms a browser takes ("127.1", "2130706433",
// "0x7f.1", "[::1]"), or a scheme that makes a link without "//"
// ("javascript:", "mailto:", "https:evil"), however disguised
// (full-width or ideographic dots, "x[.]com", "x .com", punycode,
// invisible characters or combining marks between the letters).
//
// Such text must never reach an email to an address nobody has confirmed:
// sent from the site's domain, with its SPF and DKIM, it would turn the
// public forms into a relay for phishing. Both public forms check every
// field that reaches an email with it.
//
// It errs on the side of refusing: "Dr.Smith" is refused, as it is a
// valid domain name; "St. Mary's Home", "S.O.S. Children's Villages" and
// "Jugendhilfe e.V." pass, as no domain name has a space after a dot or a
// one-letter top-level domain. "evil dot com" passes: no mail program
// makes a link of it, a reader would have to type it out, and refusing
// the word "dot" between words would refuse real names; "x (dot) com"
// and "x [.] com", the forms phishers use, are refused.
func LinkLike(text string) bool {
	s := linkText(text)
	switch {
	case strings.Contains(s, "://"), strings.Contains(s, "www."), strings.Contains(s, "xn--"):
		return true
	}
	for _, re := range linkPatterns {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

// linkText is text as a link detector should read it: compatibility
// forms folded (full-width letters and dots become ASCII), ideographic
// full stops and written-out dots ("[.]", "(dot)") made dots, every
// invisible character (default-ignorable code points: zero-width spaces
// and joiners, soft hyphens, variation selectors, fillers) and every
// combining mark dropped, lower case. A browser or mail program drops or
// folds the same characters when it reads a host name, so "evil.\ufe0fcom"
// is evil.com to it.
func linkText(text string) string {
	s := norm.NFKC.String(text)
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\u3002': // ideographic full stop: a label separator in IDNA (UTS 46)
			return '.'
		case unicode.In(r, unicode.Cf, unicode.Mn, unicode.Me, unicode.Variation_Selector, unicode.Other_Default_Ignorable_Code_Point):
			return -1
		}
		return r
	}, s)
	s = strings.ToLower(s)
	return writtenDot.ReplaceAllString(s, ".")
}

var (
	// writtenDot is a dot disguised for people: "x[.]com", "x (dot) com".
	writtenDot = regexp.MustCompile(`\s*[\[({<]\s*(?:\.|dot)\s*[\])}>]\s*`)
	// domainLike is a host name: labels of letters, marks, digits and
	// hyphens joined by dots, ending in a top-level domain of two or more
	// letters in any script, not followed by another letter or digit.
	domainLike = regexp.MustCompile(`[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}-]*[\p{L}\p{M}\p{N}])?(?:\.[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}-]*[\p{L}\p{M}\p{N}])?)*\.\p{L}[\p{L}\p{M}]+(?:[^\p{L}\p{M}\p{N}]|$)`)
	// ipLike is an IPv4 address as a browser reads one: four dotted
	// numbers, or three, in decimal, octal or hex, with or without a
	// final dot ("10.0.0.1.").
	ipLike = regexp.MustCompile(`(?:^|[^\p{L}\p{N}.])` + ipPart + `(?:\.` + ipPart + `){2,3}\.?(?:[^\p{L}\p{N}.]|\.?$)`)
	// ipShort is the shorter forms, "127.1" or "2130706433", given away
	// by a hex part, or by a path or port after them ("24/7" and
	// "Plan 2.0: ..." are not addresses).
	ipShort = regexp.MustCompile(`(?:^|[^\p{L}\p{N}.])(?:(?:\d+\.)?0x[0-9a-f]+(?:\.` + ipPart + `)*|` + ipPart + `\.` + ipPart + `(?:[/?#]|:\d)|\d{8,10}(?:[/?#]|:\d))`)
	// ipv6Like is an IPv6 address: in brackets, or with its "::".
	ipv6Like = regexp.MustCompile(`\[[0-9a-f:.]*:[0-9a-f:.]*\]|(?:^|[^\p{L}\p{N}:])[0-9a-f]{0,4}::[0-9a-f]{1,4}(?:[^\p{L}\p{N}]|$)`)
	// schemeLike is a scheme a browser or mail program follows without
	// "//" after it: "javascript:alert(1)", "mailto:help@evil", "https:evil".
	schemeLike = regexp.MustCompile(`(?:^|[^\p{L}\p{N}+.-])(?:https?|ftps?|sftp|file|mailto|javascript|vbscript|data|blob|tel|sms|callto|facetime|skype|whatsapp|tg|intent|market|irc|news|nntp|ssh|smb|ws|wss|webcal|xmpp|sips?|magnet|geo|cid)\s*:\S`)
	// spacedDot is a dot written before a top-level domain, away from its
	// name: "evil .com". Nothing in a name is written so.
	spacedDot = regexp.MustCompile(`[\p{L}\p{N}]\s+\.\p{L}{2,}(?:[^\p{L}\p{N}]|$)`)

	linkPatterns = []*regexp.Regexp{domainLike, ipLike, ipShort, ipv6Like, schemeLike, spacedDot}
)

// ipPart is one number of an IPv4 address: decimal, or octal or hex as
// browsers also read it.
const ipPart = `(?:0x[0-9a-f]+|\d+)`
