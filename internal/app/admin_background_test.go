package app

import (
	"context"
	"testing"
	"time"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/store"
)

// TestTwoServersPublishAScheduledChangeOnce: scheduled publishing is a
// chore on the job queue, so two servers over one database publish a due
// change once: one revision, one audit line.
func TestTwoServersPublishAScheduledChangeOnce(t *testing.T) {
	ctx := context.Background()
	first, pool := seededApp(t)
	second := mustNew(t, testConfig(t, nil), testLogger(t), pool)

	k := content.PageKind
	it, err := content.Get(ctx, pool, k, "call-to-action")
	if err != nil {
		t.Fatal(err)
	}
	d := it.Current().Clone()
	d["intro.en"] = "Published at its time."
	v, err := content.SaveDraft(ctx, pool, k, it.Key, it.Version, d, store.Actor{Name: "Tester"})
	if err != nil {
		t.Fatal(err)
	}
	due := time.Now().Add(-time.Minute)
	if _, err := content.Schedule(ctx, pool, k, it.Key, v, &due, store.Actor{Name: "Tester"}); err != nil {
		t.Fatal(err)
	}

	for _, app := range []*App{first, second} {
		bg, stop := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() { app.RunBackground(bg); close(done) }()
		t.Cleanup(func() { stop(); <-done })
	}
	for deadline := time.Now().Add(30 * time.Second); ; {
		var waiting bool
		if err := pool.QueryRow(ctx, `SELECT publish_at IS NOT NULL FROM content_items WHERE kind = 'page' AND key = 'call-to-action'`).Scan(&waiting); err != nil {
			t.Fatal(err)
		}
		if !waiting {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the due change was not published within 30 s")
		}
		time.Sleep(100 * time.Millisecond)
	}
	// Both servers have had the chance to run the chore.
	time.Sleep(2 * time.Second)

	var revisions, audited, runs int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM revisions WHERE kind = 'page' AND key = 'call-to-action' AND action = 'publish'`).Scan(&revisions); err != nil {
		t.Fatal(err)
	}
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM audit_log WHERE object_kind = 'page' AND object_key = 'call-to-action' AND action = 'content-publish'`).Scan(&audited); err != nil {
		t.Fatal(err)
	}
	if revisions != 1 || audited != 1 {
		t.Errorf("%d publish revisions and %d audit lines, want 1 and 1", revisions, audited)
	}
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM river_job WHERE kind = 'chore' AND args->>'name' = 'publish-scheduled-content'`).Scan(&runs); err != nil {
		t.Fatal(err)
	}
	if runs == 0 {
		t.Error("published, but not by the job queue's chore")
	}
	if p, err := first.store.Page(ctx, "call-to-action", "en"); err != nil || p.Intro != "Published at its time." {
		t.Errorf("the public page says %q (%v)", p.Intro, err)
	}
}
