package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/sswalliance/advocacy/internal/dbtest"
	"github.com/sswalliance/advocacy/internal/store"
)

func TestAudit(t *testing.T) {
	ctx := context.Background()
	st := store.New(dbtest.New(t))
	ana, err := st.CreateUser(ctx, "ana@example.org", "Ana Díaz", "admin", "h")
	if err != nil {
		t.Fatal(err)
	}
	day := func(d int) time.Time { return time.Date(2026, 3, d, 12, 0, 0, 0, time.UTC) }
	events := []store.AuditEvent{
		{At: day(1), Actor: "stranger@example.org", Action: store.ActionSignInFailed, IP: "192.0.2.1"},
		{At: day(2), ActorID: &ana.ID, Actor: "Ana Díaz", Action: store.ActionSignIn, IP: "192.0.2.2"},
		{At: day(3), ActorID: &ana.ID, Actor: "Ana Díaz", Action: store.ActionContentPublish, IP: "192.0.2.2",
			ObjectKind: "page", ObjectKey: "call-to-action", ObjectLabel: "Call to Action", Detail: "summary"},
		{At: day(4), ActorID: &ana.ID, Actor: "Ana Díaz", Action: store.ActionUserAdd,
			ObjectKind: "user", ObjectKey: "2", ObjectLabel: "Bo"},
		{Actor: "100%_sure", Action: store.ActionSignInFailed}, // At left zero: now
	}
	for _, e := range events {
		if err := st.Audit(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Audit(ctx, store.AuditEvent{Actor: "x"}); err == nil {
		t.Error("an event without an action was recorded")
	}

	all, err := st.AuditLog(ctx, store.AuditFilter{})
	if err != nil || len(all) != 5 {
		t.Fatalf("AuditLog = %d events, %v; want 5", len(all), err)
	}
	if all[0].Actor != "100%_sure" || time.Since(all[0].At) > time.Minute || all[0].ActorID != nil {
		t.Errorf("newest = %+v, want the one stamped now", all[0])
	}
	pub := all[2]
	if pub.Action != "content-publish" || !pub.At.Equal(day(3)) || pub.ActorID == nil || *pub.ActorID != ana.ID ||
		pub.IP != "192.0.2.2" || pub.ObjectKind != "page" || pub.ObjectKey != "call-to-action" ||
		pub.ObjectLabel != "Call to Action" || pub.Detail != "summary" {
		t.Errorf("publish event = %+v", pub)
	}

	actors := func(es []store.AuditEvent) []string {
		var s []string
		for _, e := range es {
			s = append(s, e.Action+":"+e.Actor)
		}
		return s
	}
	tests := []struct {
		name string
		f    store.AuditFilter
		want []string
	}{
		{"action", store.AuditFilter{Action: store.ActionSignInFailed},
			[]string{"sign-in-failed:100%_sure", "sign-in-failed:stranger@example.org"}},
		{"actor, any case", store.AuditFilter{Actor: "díaz"},
			[]string{"user-add:Ana Díaz", "content-publish:Ana Díaz", "sign-in:Ana Díaz"}},
		{"actor with % literally", store.AuditFilter{Actor: "0%_s"}, []string{"sign-in-failed:100%_sure"}},
		{"actor % matches no wildcard", store.AuditFilter{Actor: "%"}, []string{"sign-in-failed:100%_sure"}},
		{"object kind", store.AuditFilter{ObjectKind: "page"}, []string{"content-publish:Ana Díaz"}},
		{"from inclusive, to exclusive", store.AuditFilter{From: day(2), To: day(4)},
			[]string{"content-publish:Ana Díaz", "sign-in:Ana Díaz"}},
		{"open end", store.AuditFilter{From: day(4)}, []string{"sign-in-failed:100%_sure", "user-add:Ana Díaz"}},
		{"combined", store.AuditFilter{Actor: "ana", To: day(3)}, []string{"sign-in:Ana Díaz"}},
		{"nothing", store.AuditFilter{Action: "content-delete"}, nil},
	}
	for _, tt := range tests {
		got, err := st.AuditLog(ctx, tt.f)
		if err != nil || !slices.Equal(actors(got), tt.want) {
			t.Errorf("%s: %v, %v; want %v", tt.name, actors(got), err, tt.want)
		}
	}

	// Pages of two, following the cursor, give every event once.
	var paged []store.AuditEvent
	var before int64
	for {
		page, err := st.AuditLog(ctx, store.AuditFilter{Limit: 2, Before: before})
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		paged = append(paged, page...)
		before = page[len(page)-1].ID
	}
	if !slices.Equal(actors(paged), actors(all)) {
		t.Errorf("paged %v, want %v", actors(paged), actors(all))
	}

	actions, err := st.AuditActions(ctx)
	want := []string{"content-publish", "sign-in", "sign-in-failed", "user-add"}
	if err != nil || !slices.Equal(actions, want) {
		t.Errorf("AuditActions = %v, %v; want %v", actions, err, want)
	}
}

func TestAuditLimit(t *testing.T) {
	ctx := context.Background()
	st := store.New(dbtest.New(t))
	for range 210 {
		if err := st.Audit(ctx, store.AuditEvent{Action: store.ActionSignInFailed}); err != nil {
			t.Fatal(err)
		}
	}
	for limit, want := range map[int]int{0: 50, -1: 50, 10: 10, 500: 200} {
		got, err := st.AuditLog(ctx, store.AuditFilter{Limit: limit})
		if err != nil || len(got) != want {
			t.Errorf("Limit %d: %d events, %v; want %d", limit, len(got), err, want)
		}
	}
}
