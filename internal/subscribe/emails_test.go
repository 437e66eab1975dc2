package subscribe

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/store"
)

var update = flag.Bool("update", false, "rewrite the pinned emails in testdata")

// checkPinned compares got with the file testdata/name, or rewrites it
// with -update.
func checkPinned(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s changed:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

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
			checkPinned(t, "confirm-"+tc.name+"."+string(l)+".txt", "Subject: "+subject+"\n\n"+body)
			subject, body = reminderEmail(l, tc.sub, site, "https://campaign.test/sswweek/subscription/3/{{link-secret 0}}")
			checkPinned(t, "reminder-"+tc.name+"."+string(l)+".txt", "Subject: "+subject+"\n\n"+body)
		}
	}
}
