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
		// Invisible marks between label and dot, dropped by the browser.
		"evil.\uFE0Fcom", // a variation selector
		"evil.\u034Fcom", // a combining grapheme joiner
		"evil\u0301.com", // a combining accent on its own
		"evil.\u2060com", // a word joiner
		"evil\u3164.com", // a Hangul filler
		"evil.\U000E0041com",
		// IPv4 in the forms browsers read.
		"127.1/unlock",
		"2130706433/unlock",
		"0x7f.1",
		"0x7f000001",
		"10.0.0.1.",
		"visit 10.0.0.1. now",
		"127.0.1",
		"0177.0.0.1",
		// IPv6.
		"[::1]/x",
		"http://[::1]",
		"::1",
		"fe80::1",
		// Schemes that need no "//".
		"javascript:alert(1)",
		"JavaScript:alert(1)",
		"mailto:help@evil",
		"https:evil",
		"Call tel:+15550100",
		"data:text/html,hi",
		// A dot before the top-level domain, away from the name.
		"evil .com",
		"evil  .example/unlock",
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
		"Kinder- und Jugendhilfe e.V.",
		"Friends of the U.S.A. Foundation",
		"Children's Aid Society, U.S.A.",
		"St. Mary's Home, Inc.",
		"Sozialdienst e.V. Berlin",
		"24/7 Helpline",
		"Plan 2.0: Social Work",
		"Data: the Social Work Observatory",
		"Tel Aviv Social Workers",
		"Mailto Association", // a word, not a scheme
		"Ratio 1:2 Network",
		"Open 10:30 to 18:00",
		"Nguyễn Thị Minh Khai",              // marks that compose
		"Nguye\u0302\u0303n Thi\u0323 Minh", // and ones that do not
		"हिन्दी समाज सेवा संघ",
		"Año 2024",
		// Not made links by mail programs, and read as words: let pass.
		"evil dot com",
	}
	for _, s := range names {
		if mail.LinkLike(s) {
			t.Errorf("LinkLike(%q) = true, want false", s)
		}
	}
}
