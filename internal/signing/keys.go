package signing

import (
	"net/url"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// NameKey is an organisation name reduced for comparing and sorting:
// lower case, accents dropped, only letters and digits kept. "Fundación
// S.O.S." and "fundacion sos" have the same key.
func NameKey(name string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// an accent, separated from its letter by NFD
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Domain is a website's host name, lower case and without "www.", or ""
// when website is not an http(s) address.
func Domain(website string) string {
	u, err := url.Parse(strings.TrimSpace(website))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(strings.TrimSuffix(u.Hostname(), ".")), "www.")
}

// EmailDomainDiffers reports whether an email address's domain is neither
// the website's domain nor one of its subdomains (or the reverse): worth a
// second look from a reviewer, as the contact may not speak for the
// organisation. It is false when either is unknown.
func EmailDomainDiffers(email, website string) bool {
	at := strings.LastIndexByte(email, '@')
	site := Domain(website)
	if at < 0 || site == "" {
		return false
	}
	mail := strings.TrimPrefix(strings.ToLower(email[at+1:]), "www.")
	return mail != site && !strings.HasSuffix(mail, "."+site) && !strings.HasSuffix(site, "."+mail)
}
