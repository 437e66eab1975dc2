package store_test

import (
	"context"
	"crypto/sha256"
	"errors"
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/sswalliance/advocacy/internal/dbtest"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/migrations"
)

// tokenFixture is a signatory awaiting confirmation and a pending
// subscriber, the two kinds of owner of a link token.
func tokenFixture(t *testing.T, st *store.Store) (sigID, subID int64) {
	t.Helper()
	ctx := context.Background()
	sigID, err := st.CreateSignatory(ctx, store.SignatoryInput{Name: "Token Org", Website: "https://token.example",
		OrgType: "ngo", Country: "KE", ContactName: "Tess", ContactEmail: "tess@token.example", ContactRole: "Director", Lang: "en", Consent: true},
		store.StatusAwaitingConfirmation, "form")
	if err != nil {
		t.Fatal(err)
	}
	subID, _, err = st.CreateSubscriber(ctx, store.SubscriberInput{Email: "sam@token.example", Lang: "es", Daily: true})
	if err != nil {
		t.Fatal(err)
	}
	return sigID, subID
}

func TestLinkTokensFindTheirOwnerOfTheirKindUntilSpent(t *testing.T) {
	ctx := context.Background()
	st := store.New(dbtest.New(t))
	sigID, subID := tokenFixture(t, st)
	sig := store.TokenOwner{Kind: store.OwnerSignatory, ID: sigID}
	sub := store.TokenOwner{Kind: store.OwnerSubscriber, ID: subID}
	for _, tok := range []struct {
		owner          store.TokenOwner
		purpose, token string
	}{{sig, store.TokenConfirm, "sig-confirm"}, {sig, store.TokenChange, "sig-change"}, {sub, store.TokenConfirm, "sub-confirm"}} {
		if err := st.CreateLinkToken(ctx, tok.owner, tok.purpose, tok.token, time.Hour); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := st.SignatoryByToken(ctx, "sig-confirm", store.TokenConfirm); err != nil || got.ID != sigID {
		t.Errorf("signatory by confirm token: %d %v", got.ID, err)
	}
	if _, err := st.SignatoryByToken(ctx, "sig-change", store.TokenConfirm); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a change token confirms: %v", err)
	}
	if _, err := st.SignatoryByToken(ctx, "sub-confirm", store.TokenConfirm); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a subscriber's token finds a signatory: %v", err)
	}
	if got, err := st.SubscriberByToken(ctx, "sub-confirm", store.TokenConfirm); err != nil || got.ID != subID {
		t.Errorf("subscriber by token: %d %v", got.ID, err)
	}
	if err := st.DeleteLinkToken(ctx, "sig-confirm"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SignatoryByToken(ctx, "sig-confirm", store.TokenConfirm); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a spent token works: %v", err)
	}
	if n, err := st.DeleteLinkTokens(ctx, sig); err != nil || n != 1 {
		t.Errorf("deleted %d of the signatory's tokens: %v", n, err)
	}
	if _, err := st.SubscriberByToken(ctx, "sub-confirm", store.TokenConfirm); err != nil {
		t.Errorf("deleting a signatory's tokens took a subscriber's: %v", err)
	}
	// A subscriber's link never asks for changes.
	if err := st.CreateLinkToken(ctx, sub, store.TokenChange, "sub-change", time.Hour); err == nil {
		t.Error("a subscriber was given a change token")
	}
}

// TestLinkTokensMigrationKeepsLiveLinksWorking puts tokens in the two
// tables of before migration 00015 and checks that the links they stand
// for work after it, expired ones excepted.
func TestLinkTokensMigrationKeepsLiveLinksWorking(t *testing.T) {
	ctx := context.Background()
	pool := dbtest.New(t)
	st := store.New(pool)
	sigID, subID := tokenFixture(t, st)
	src, err := fs.ReadFile(migrations.FS, "00015_link_tokens.sql")
	if err != nil {
		t.Fatal(err)
	}
	up, down, ok := strings.Cut(string(src), "-- +goose Down")
	if !ok {
		t.Fatal("no Down section")
	}
	// Back to the tables of migration 00014, with rows in their shape.
	if _, err := pool.Exec(ctx, down); err != nil {
		t.Fatal(err)
	}
	hash := func(token string) []byte { h := sha256.Sum256([]byte(token)); return h[:] }
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO signatory_tokens (hash, signatory_id, purpose, expires_at) VALUES ($1, $2, 'confirm', now() + interval '7 days')`, []any{hash("old-sig-confirm"), sigID}},
		{`INSERT INTO signatory_tokens (hash, signatory_id, purpose, expires_at) VALUES ($1, $2, 'change', now() + interval '30 days')`, []any{hash("old-sig-change"), sigID}},
		{`INSERT INTO subscriber_tokens (hash, subscriber_id, purpose, expires_at) VALUES ($1, $2, 'confirm', now() + interval '7 days')`, []any{hash("old-sub-confirm"), subID}},
		{`INSERT INTO subscriber_tokens (hash, subscriber_id, purpose, expires_at) VALUES ($1, $2, 'confirm', now() - interval '1 second')`, []any{hash("old-sub-expired"), subID}},
	} {
		if _, err := pool.Exec(ctx, q.sql, q.args...); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := pool.Exec(ctx, up); err != nil {
		t.Fatal(err)
	}

	if got, err := st.SignatoryByToken(ctx, "old-sig-confirm", store.TokenConfirm); err != nil || got.ID != sigID {
		t.Errorf("confirm link after the migration: %d %v", got.ID, err)
	}
	if got, err := st.SignatoryByToken(ctx, "old-sig-change", store.TokenChange); err != nil || got.ID != sigID {
		t.Errorf("change link after the migration: %d %v", got.ID, err)
	}
	if got, err := st.SubscriberByToken(ctx, "old-sub-confirm", store.TokenConfirm); err != nil || got.ID != subID {
		t.Errorf("subscriber's confirm link after the migration: %d %v", got.ID, err)
	}
	if _, err := st.SubscriberByToken(ctx, "old-sub-expired", store.TokenConfirm); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("an expired link works after the migration: %v", err)
	}
	var old int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM pg_tables WHERE tablename IN ('signatory_tokens', 'subscriber_tokens')`).Scan(&old); err != nil || old != 0 {
		t.Errorf("%d old token tables left (%v)", old, err)
	}
	// The owner going takes its tokens with it, as before.
	if err := st.DeleteSubscriber(ctx, subID); err != nil {
		t.Fatal(err)
	}
	var left int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM link_tokens WHERE subscriber_id IS NOT NULL`).Scan(&left); err != nil || left != 0 {
		t.Errorf("%d tokens of a deleted subscriber left (%v)", left, err)
	}
}
