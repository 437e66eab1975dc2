package mail_test

import (
	"testing"

	"github.com/sswalliance/advocacy/internal/mail"
)

// TestLinkLikeRefusesEveryDisguiseOfALink is the corpus the public forms'
// names are held to: what a phisher would put in an organisation or
// contact name, and real names that must still pass.
func TestLinkLikeRefusesEveryDisguiseOfALink(t *testing.T) {
	links := []string{
		"http://x",
		"HTTPS://evil.example/login",
		"Confirm URGENT: your mailbox is suspended, verify now at http://evil.example/verify",
		"www.x.com",
		"Visit WWW.spam",
		"evil.example/unlock",
		"x.co",
		"Call us: x.co now",
		"x[.]com",
		"x [ . ] com",
		"x(dot)com",
		"x{.}com",
		"xn--80ak6aa92e",
		"xn--80ak6aa92e.com",
		"evil。com",       // ideographic full stop
		"evil．com",       // full-width full stop
		"evil｡com",       // half-width ideographic full stop
		"evil․com",       // one dot leader
		"ｅｖｉｌ．ｃｏｍ",       // full-width letters
		"evil\u200b.com", // a zero-width space before the dot
		"evil.\u00adcom", // a soft hyphen after it
		"пример.рф",      // a domain in another script
		"ana@example.org",
		"Write to ana@example.org today",
		"192.168.0.1",
		"bit.ly/3abc",
		"Dr.Smith", // a valid domain name: refused, and the message says to add a space
	}
	for _, s := range links {
		if !mail.LinkLike(s) {
			t.Errorf("LinkLike(%q) = false, want true", s)
		}
	}
	names := []string{
		"",
		"St. Mary's Home",
		"Save the Children",
		"S.O.S. Children's Villages",
		"Fundación S.O.S.",
		"Verein für Sozialarbeit e.V.",
		"Col·legi Oficial de Treball Social de Catalunya",
		"Acme Co., Ltd.",
		"Plan 2.0 Network",
		"Ana María Quispe",
		"Dr. Smith",
		"Jean-Luc O'Neil",
		"Social Service Workforce Alliance (GSSWA)",
		"Ассоциация социальных работников",
		"社会工作者协会",
		"Red de Trabajo Social — Perú",
	}
	for _, s := range names {
		if mail.LinkLike(s) {
			t.Errorf("LinkLike(%q) = true, want false", s)
		}
	}
}
