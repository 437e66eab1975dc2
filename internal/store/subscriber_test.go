package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/sswalliance/advocacy/internal/dbtest"
	"github.com/sswalliance/advocacy/internal/store"
)

func TestSubscriberRoundTrip(t *testing.T) {
	ctx := context.Background()
	pool := dbtest.New(t)
	st := store.New(pool)

	in := store.SubscriberInput{Email: "Ana.Diaz@Example.org", Name: "Ana", Lang: "es", Daily: true}
	id, created, err := st.CreateSubscriber(ctx, in)
	if err != nil || !created {
		t.Fatalf("create: %d %v %v", id, created, err)
	}
	sub, err := st.Subscriber(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if sub.Email != in.Email || sub.Name != "Ana" || sub.Lang != "es" || !sub.Daily || sub.Updates ||
		sub.Status != store.SubscriberPending || sub.ConsentAt.IsZero() || sub.ConfirmedAt != nil {
		t.Fatalf("stored %+v", sub)
	}

	// The same address in another case is the same subscriber.
	if again, created, err := st.CreateSubscriber(ctx, store.SubscriberInput{Email: "ana.diaz@example.ORG", Updates: true}); err != nil || created || again != 0 {
		t.Fatalf("second create: %d %v %v", again, created, err)
	}
	locked, err := st.LockSubscriberByEmail(ctx, "ANA.DIAZ@example.org")
	if err != nil || locked.ID != id {
		t.Fatalf("by email: %+v %v", locked, err)
	}
	if _, err := st.LockSubscriberByEmail(ctx, "nobody@example.org"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("unknown address: %v", err)
	}

	// A token finds its subscriber until it is spent or expires.
	owner := store.TokenOwner{Kind: store.OwnerSubscriber, ID: id}
	token := "first-token-of-the-subscriber-00"
	if err := st.CreateLinkToken(ctx, owner, "confirm", token, time.Hour); err != nil {
		t.Fatal(err)
	}
	if got, err := st.SubscriberByToken(ctx, token, "confirm"); err != nil || got.ID != id {
		t.Fatalf("by token: %+v %v", got, err)
	}
	if _, err := st.SubscriberByToken(ctx, token+"x", "confirm"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("wrong token: %v", err)
	}
	newer := "second-token-of-the-subscriber-0"
	if err := st.CreateLinkToken(ctx, owner, "confirm", newer, time.Hour); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SubscriberByToken(ctx, token, "confirm"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("a replaced token still works: %v", err)
	}
	if _, err := pool.Exec(ctx, `UPDATE link_tokens SET expires_at = now() - interval '1 second'`); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SubscriberByToken(ctx, newer, "confirm"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("an expired token works: %v", err)
	}

	sub, err = st.ActivateSubscriber(ctx, id)
	if err != nil || sub.Status != store.SubscriberActive || sub.ConfirmedAt == nil {
		t.Fatalf("activate: %+v %v", sub, err)
	}
	if _, err := st.ActivateSubscriber(ctx, id); !errors.Is(err, store.ErrStateChanged) {
		t.Fatalf("second activate: %v", err)
	}
	if _, err := st.RestartSubscriber(ctx, id, in); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("restart of an active subscriber: %v", err)
	}

	// A reminder at most once in the window.
	if ok, err := st.MarkSubscriberReminded(ctx, id, time.Hour); err != nil || !ok {
		t.Fatalf("first reminder: %v %v", ok, err)
	}
	if ok, err := st.MarkSubscriberReminded(ctx, id, time.Hour); err != nil || ok {
		t.Fatalf("second reminder within the hour: %v %v", ok, err)
	}

	sub, err = st.UpdateSubscriberPreferences(ctx, id, store.SubscriberPreferences{Lang: "en", Updates: true})
	if err != nil || sub.Lang != "en" || sub.Daily || !sub.Updates {
		t.Fatalf("preferences: %+v %v", sub, err)
	}
	if _, err := st.UpdateSubscriberPreferences(ctx, id, store.SubscriberPreferences{Lang: "en"}); err == nil {
		t.Fatal("an active subscriber was left on no list")
	}

	sub, err = st.UnsubscribeSubscriber(ctx, id)
	if err != nil || sub.Status != store.SubscriberUnsubscribed || sub.Daily || sub.Updates || sub.UnsubscribedAt == nil {
		t.Fatalf("unsubscribe: %+v %v", sub, err)
	}
	if _, err := st.UnsubscribeSubscriber(ctx, id); !errors.Is(err, store.ErrStateChanged) {
		t.Fatalf("second unsubscribe: %v", err)
	}
	if _, err := st.UpdateSubscriberPreferences(ctx, id, store.SubscriberPreferences{Lang: "en", Daily: true}); !errors.Is(err, store.ErrStateChanged) {
		t.Fatalf("preferences after leaving: %v", err)
	}

	// Signing up again starts over.
	sub, err = st.RestartSubscriber(ctx, id, store.SubscriberInput{Email: in.Email, Name: "Ana D.", Lang: "en", Daily: true, Updates: true})
	if err != nil || sub.Status != store.SubscriberPending || sub.Name != "Ana D." || !sub.Daily || !sub.Updates ||
		sub.ConfirmedAt != nil || sub.UnsubscribedAt != nil {
		t.Fatalf("restart: %+v %v", sub, err)
	}

	// Pending too long: found, then deleted with its emails.
	if _, err := st.QueueEmail(ctx, store.Email{Kind: "subscriber-confirm", To: "ana.diaz@example.org", Subject: "s", Body: "b"}); err != nil {
		t.Fatal(err)
	}
	if list, err := st.PendingSubscribersBefore(ctx, time.Now().Add(-time.Minute)); err != nil || len(list) != 0 {
		t.Fatalf("pending before a minute ago: %v %v", list, err)
	}
	list, err := st.PendingSubscribersBefore(ctx, time.Now().Add(time.Minute))
	if err != nil || len(list) != 1 || list[0].ID != id {
		t.Fatalf("pending: %v %v", list, err)
	}
	if err := st.DeleteSubscriber(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Subscriber(ctx, id); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("deleted subscriber: %v", err)
	}
	var emails int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM emails`).Scan(&emails); err != nil || emails != 0 {
		t.Fatalf("%d emails left after deleting (%v)", emails, err)
	}
}
