package i18n

import "strings"

// Lang is a BCP 47 language tag the site is published in.
type Lang string

// The site's languages. English is the default and the fallback.
const (
	EN Lang = "en"
	ES Lang = "es"
)

// Langs lists every language, default first.
var Langs = []Lang{EN, ES}

// Name is the language's name in itself, for the language switch.
func (l Lang) Name() string {
	if l == ES {
		return "Español"
	}
	return "English"
}

// Parse returns the language for tag, and whether it is one of ours.
func Parse(tag string) (Lang, bool) {
	for _, l := range Langs {
		if string(l) == tag {
			return l, true
		}
	}
	return EN, false
}

// Prefix is the path prefix of the language: "" for English, "/es" for
// Spanish.
func (l Lang) Prefix() string {
	if l == EN {
		return ""
	}
	return "/" + string(l)
}

// Path returns the language's URL path for a page, given its English
// path: Path(ES, "/toolkit") is "/es/toolkit", Path(ES, "/") is "/es/".
func (l Lang) Path(path string) string {
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	return l.Prefix() + path
}

// Split separates a request path into its language and the English path:
// "/es/toolkit" gives (ES, "/toolkit"); "/es" gives (ES, "/").
func Split(path string) (Lang, string) {
	for _, l := range Langs[1:] {
		p := l.Prefix()
		if path == p {
			return l, "/"
		}
		if strings.HasPrefix(path, p+"/") {
			return l, path[len(p):]
		}
	}
	return EN, path
}
