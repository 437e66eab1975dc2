package links

import (
	"context"
	"strings"
	"testing"

	"github.com/sswalliance/advocacy/internal/dbtest"
	"github.com/sswalliance/advocacy/internal/store"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

func TestEmailLinkSecretsAreFilledOnlyForSending(t *testing.T) {
	ctx := context.Background()
	st := store.New(dbtest.New(t))
	key, err := st.SiteKey(ctx, "signatory-links")
	if err != nil {
		t.Fatal(err)
	}
	token, confirm := newToken("signatory-links", key)
	withdraw := store.LinkSecret{Key: "signatory-links", Message: "withdraw:7"}
	// A name typed by a visitor may hold a placeholder of its own.
	body := "Hello {{link-secret 9}},\nconfirm: https://site.example/confirm/" + store.SecretPlaceholder(0) +
		"\nwithdraw: https://site.example/withdraw/7/" + store.SecretPlaceholder(1) + "\n"
	id, err := st.QueueEmail(ctx, store.Email{Kind: "test", To: "a@example.org", Subject: "s", Body: body,
		Headers: map[string]string{"List-Unsubscribe": "<https://site.example/u/" + store.SecretPlaceholder(1) + ">"},
		Secrets: []store.LinkSecret{confirm, withdraw}})
	if err != nil {
		t.Fatal(err)
	}
	kept, err := st.Email(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if kept.Body != body || strings.Contains(kept.Body, token) || len(kept.Secrets) != 2 {
		t.Fatalf("kept %q with %v", kept.Body, kept.Secrets)
	}
	if got := store.MaskSecrets(kept.Body); strings.Contains(got, "{{") || strings.Count(got, store.SecretMask) != 3 {
		t.Errorf("masked: %q", got)
	}

	sent, err := Fill(ctx, st, kept)
	if err != nil {
		t.Fatal(err)
	}
	sig := linkMAC(key, "withdraw:7")
	want := "Hello {{link-secret 9}},\nconfirm: https://site.example/confirm/" + token + "\nwithdraw: https://site.example/withdraw/7/" + sig + "\n"
	if sent.Body != want {
		t.Errorf("sent body %q, want %q", sent.Body, want)
	}
	if got := sent.Headers["List-Unsubscribe"]; got != "<https://site.example/u/"+sig+">" {
		t.Errorf("sent header %q", got)
	}
	if len(token) != 32 || len(sig) != 32 {
		t.Errorf("secrets of %d and %d characters", len(token), len(sig))
	}
	if other, _ := newToken("signatory-links", key); other == token {
		t.Error("two tokens alike")
	}
}
