package signing

import (
	"strings"
	"testing"

	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/mail/mailtest"
	"github.com/sswalliance/advocacy/internal/store"
)

// TestEmailsSayExactlyWhatTheyAlwaysSaid pins the subject and body of
// every signing email in both languages, byte for byte.
func TestEmailsSayExactlyWhatTheyAlwaysSaid(t *testing.T) {
	const site = "https://campaign.test/"
	named := store.Signatory{ID: 7, Name: "Fundación Niñez", ContactName: "Ana Pérez"}
	unnamed := store.Signatory{ID: 8, Name: "Kenya Social Workers"}
	for _, tc := range []struct {
		name    string
		compose composer
		sig     store.Signatory
		args    []string
	}{
		{"confirm", confirmEmail, named, []string{"https://campaign.test/call-to-action/confirm/{{link-secret 0}}"}},
		{"confirm-unnamed", confirmEmail, unnamed, []string{"https://campaign.test/call-to-action/confirm/{{link-secret 0}}"}},
		{"approved", approvedEmail, named, []string{"https://campaign.test/call-to-action/withdraw/7/{{link-secret 0}}", "https://campaign.test/call-to-action/supporter/7/{{link-secret 1}}"}},
		{"rejected", rejectedEmail, named, []string{"Not an organisation of the workforce", "Please write again next year."}},
		{"rejected-without-note", rejectedEmail, unnamed, []string{"Not an organisation of the workforce", ""}},
		{"changes", changesEmail, named, []string{"The logo is too small.", "https://campaign.test/call-to-action/sign/change/{{link-secret 0}}"}},
	} {
		for _, l := range []i18n.Lang{i18n.EN, i18n.ES} {
			subject, body := tc.compose(l, tc.sig, site, tc.args...)
			mailtest.Pinned(t, "testdata/"+tc.name+"."+string(l)+".txt", "Subject: "+subject+"\n\n"+body)
			if strings.Contains(subject, "\n") {
				t.Errorf("%s %s: subject on two lines", tc.name, l)
			}
		}
	}
}
