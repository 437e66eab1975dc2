package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/sswalliance/advocacy/internal/dbtest"
	"github.com/sswalliance/advocacy/internal/store"
)

// TestConfirmationCapCountsTheMailboxNotItsTags: cap+1@org.test and
// cap+2@org.test reach one mailbox, so they share its one confirmation
// an hour; another mailbox, or another kind of email, does not.
func TestConfirmationCapCountsTheMailboxNotItsTags(t *testing.T) {
	ctx := context.Background()
	st := store.New(dbtest.New(t))
	take := func(kind, addr string) bool {
		t.Helper()
		ok, err := st.TakeConfirmationSend(ctx, kind, addr, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if !take("subscribe", "cap+1@org.test") {
		t.Fatal("the first confirmation was refused")
	}
	for _, addr := range []string{"cap+2@org.test", "CAP@org.test", "cap+@ORG.test", "Cap+a+b@org.test"} {
		if take("subscribe", addr) {
			t.Errorf("%s got a second confirmation within the hour", addr)
		}
	}
	for kind, addr := range map[string]string{"subscribe": "cap2@org.test", "sign": "cap+3@org.test"} {
		if !take(kind, addr) {
			t.Errorf("%s %s refused: another mailbox or kind", kind, addr)
		}
	}
	// Confirming frees the mailbox, whichever tag it was confirmed under.
	if err := st.ForgetConfirmationSend(ctx, "subscribe", "cap+9@org.test"); err != nil {
		t.Fatal(err)
	}
	if !take("subscribe", "cap+2@org.test") {
		t.Error("the mailbox was not freed once confirmed")
	}
}
