package subscribe

import (
	"testing"

	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/mail/mailtest"
	"github.com/sswalliance/advocacy/internal/store"
)

// TestEmailsSayExactlyWhatTheyAlwaysSaid pins the subject and body of
// every subscription email in both languages, byte for byte, for each
// choice of lists.
func TestEmailsSayExactlyWhatTheyAlwaysSaid(t *testing.T) {
	const site = "https://campaign.test/"
	for _, tc := range []struct {
		name string
		sub  store.Subscriber
	}{
		{"both", store.Subscriber{ID: 3, Name: "Ana Pérez", Daily: true, Updates: true}},
		{"daily", store.Subscriber{ID: 3, Daily: true}},
		{"updates", store.Subscriber{ID: 3, Name: "Ana", Updates: true}},
	} {
		for _, l := range []i18n.Lang{i18n.EN, i18n.ES} {
			subject, body := confirmEmail(l, tc.sub, site, "https://campaign.test/sswweek/subscribe/confirm/{{link-secret 0}}")
			mailtest.Pinned(t, "testdata/"+"confirm-"+tc.name+"."+string(l)+".txt", "Subject: "+subject+"\n\n"+body)
			subject, body = reminderEmail(l, tc.sub, site, "https://campaign.test/sswweek/subscription/3/{{link-secret 0}}")
			mailtest.Pinned(t, "testdata/"+"reminder-"+tc.name+"."+string(l)+".txt", "Subject: "+subject+"\n\n"+body)
		}
	}
}
