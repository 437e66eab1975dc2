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
// address, however disguised (full-width or ideographic dots, "x[.]com",
// punycode, invisible characters between the letters).
//
// Such text must never reach an email to an address nobody has confirmed:
// sent from the site's domain, with its SPF and DKIM, it would turn the
// public forms into a relay for phishing. Both public forms check every
// field that reaches an email with it.
//
// It errs on the side of refusing: "Dr.Smith" is refused, as it is a
// valid domain name; "St. Mary's Home" and "S.O.S. Children's Villages"
// pass, as no domain name has a space after a dot or a one-letter
// top-level domain.
func LinkLike(text string) bool {
	s := linkText(text)
	switch {
	case strings.Contains(s, "://"), strings.Contains(s, "www."), strings.Contains(s, "xn--"):
		return true
	}
	return domainLike.MatchString(s) || ipLike.MatchString(s)
}

// linkText is text as a link detector should read it: compatibility
// forms folded (full-width letters and dots become ASCII), ideographic
// full stops and written-out dots ("[.]", "(dot)") made dots, invisible
// format characters dropped, lower case.
func linkText(text string) string {
	s := norm.NFKC.String(text)
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\u3002': // ideographic full stop: a label separator in IDNA (UTS 46)
			return '.'
		case unicode.Is(unicode.Cf, r): // zero-width spaces and joiners, soft hyphens
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
	// ipLike is a dotted IPv4 address.
	ipLike = regexp.MustCompile(`(?:^|[^\p{N}.])\d{1,3}(?:\.\d{1,3}){3}(?:[^\p{N}.]|$)`)
)
