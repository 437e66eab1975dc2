package i18n

import "testing"

func TestFFillsPlaceholdersButNeverReadsTheValues(t *testing.T) {
	if got := ES.F("sign.email.approved.subject", "{org}", "{org} {org}"); got != "{org} {org} ya figura entre los firmantes" {
		t.Errorf("F = %q", got)
	}
	if got := EN.F("email.greeting", "{name}", "Ana"); got != "Hello Ana," {
		t.Errorf("F = %q", got)
	}
}
