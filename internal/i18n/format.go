package i18n

import "strings"

// F is the text with key in l with its placeholders filled: oldnew are
// pairs of a placeholder and its value, F("sign.email.approved.subject",
// "{org}", name). A value is written as it is, never read for
// placeholders itself, so whatever a visitor typed stays their words.
func (l Lang) F(key string, oldnew ...string) string {
	return strings.NewReplacer(oldnew...).Replace(l.T(key))
}
