package signing

import (
	"strings"

	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/store"
)

// composer writes one email in lang: its subject and plain-text body.
// Every sentence comes from the i18n catalogue (messages_signing.go).
type composer func(lang i18n.Lang, sig store.Signatory, site string, args ...string) (subject, body string)

// greeting opens every email.
func greeting(lang i18n.Lang, sig store.Signatory) string {
	if sig.ContactName == "" {
		return lang.T("email.greeting.anonymous")
	}
	return lang.F("email.greeting", "{name}", sig.ContactName)
}

func signOff(lang i18n.Lang, site string) string {
	return lang.T("sign.email.thanks") + "\n\n" + lang.T("email.campaign") + "\n" + site
}

// body is the greeting, the paragraphs that are not empty, and the sign-off.
func body(lang i18n.Lang, sig store.Signatory, site string, paragraphs ...string) string {
	var b strings.Builder
	b.WriteString(greeting(lang, sig))
	for _, p := range paragraphs {
		if p == "" {
			continue
		}
		b.WriteString("\n\n")
		b.WriteString(p)
	}
	b.WriteString("\n\n")
	b.WriteString(signOff(lang, site))
	b.WriteString("\n")
	return b.String()
}

// confirmEmail: args are the confirmation link. It goes to an address
// nobody has confirmed, so its subject is fixed, and the visitor's words
// in it (the names) are only those that passed signing.Check, which
// refuses anything like a link.
func confirmEmail(lang i18n.Lang, sig store.Signatory, site string, args ...string) (string, string) {
	link := args[0]
	return lang.T("sign.email.confirm.subject"), body(lang, sig, site,
		lang.F("sign.email.confirm.request", "{org}", sig.Name),
		lang.T("sign.email.confirm.open")+"\n"+link,
		lang.T("sign.email.confirm.expiry"))
}

// approvedEmail: args are the withdraw link and the supporter page's.
func approvedEmail(lang i18n.Lang, sig store.Signatory, site string, args ...string) (string, string) {
	link, supporter := args[0], args[1]
	wall := strings.TrimSuffix(site, "/") + lang.Path("/call-to-action")
	return lang.F("sign.email.approved.subject", "{org}", sig.Name), body(lang, sig, site,
		lang.F("sign.email.approved.shown", "{org}", sig.Name)+"\n"+wall,
		lang.T("sign.email.approved.share")+"\n"+supporter,
		lang.T("sign.email.approved.withdraw")+"\n"+link)
}

// rejectedEmail: args are the reason's text and staff's note.
func rejectedEmail(lang i18n.Lang, sig store.Signatory, site string, args ...string) (string, string) {
	reason, note := args[0], args[1]
	if note != "" {
		note = lang.F("sign.email.rejected.note", "{note}", note)
	}
	return lang.F("sign.email.rejected.subject", "{org}", sig.Name), body(lang, sig, site,
		lang.F("sign.email.rejected.sorry", "{org}", sig.Name),
		lang.F("sign.email.rejected.reason", "{reason}", reason), note,
		lang.T("sign.email.rejected.mistake"))
}

// changesEmail: args are staff's note and the link to the form.
func changesEmail(lang i18n.Lang, sig store.Signatory, site string, args ...string) (string, string) {
	note, link := args[0], args[1]
	return lang.F("sign.email.changes.subject", "{org}", sig.Name), body(lang, sig, site,
		lang.F("sign.email.changes.needed", "{org}", sig.Name),
		note,
		lang.T("sign.email.changes.fix")+"\n"+link,
		lang.T("sign.email.changes.expiry"))
}
