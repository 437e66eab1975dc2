package content_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/store"
)

func TestDraftPublishRestore(t *testing.T) {
	ctx := context.Background()
	pool := seeded(t)
	st := store.New(pool)
	k := content.PageKind
	publicIntro := func() string {
		p, err := st.Page(ctx, "call-to-action", i18n.EN)
		if err != nil {
			t.Fatal(err)
		}
		return p.Intro
	}
	original := publicIntro()

	it, err := content.Get(ctx, pool, k, "call-to-action")
	if err != nil {
		t.Fatal(err)
	}
	if it.Status() != content.StatusPublished || it.Version != 0 {
		t.Fatalf("fresh item: status %s version %d", it.Status(), it.Version)
	}
	d := it.Current().Clone()
	d["intro.en"] = "A draft summary."
	v, err := content.SaveDraft(ctx, pool, k, "call-to-action", it.Version, d, store.Actor{Name: "Tester"})
	if err != nil {
		t.Fatal(err)
	}
	if got := publicIntro(); got != original {
		t.Fatalf("a draft changed the public page: %q", got)
	}
	// A second editor still holding version 0 is refused.
	if _, err := content.SaveDraft(ctx, pool, k, "call-to-action", 0, d, store.Actor{}); !errors.Is(err, content.ErrConflict) {
		t.Fatalf("stale save: %v, want ErrConflict", err)
	}
	it, _ = content.Get(ctx, pool, k, "call-to-action")
	if it.Status() != content.StatusChanged || it.Current()["intro.en"] != "A draft summary." {
		t.Fatalf("after draft: %s %q", it.Status(), it.Current()["intro.en"])
	}
	if _, err := content.Publish(ctx, pool, k, "call-to-action", v, store.Actor{}); err != nil {
		t.Fatal(err)
	}
	if got := publicIntro(); got != "A draft summary." {
		t.Fatalf("after publish the public page says %q", got)
	}
	revs, err := content.Revisions(ctx, pool, k, "call-to-action")
	if err != nil {
		t.Fatal(err)
	}
	if len(revs) != 3 || revs[len(revs)-1].Action != "original" || revs[0].Action != "publish" {
		t.Fatalf("revisions: %+v", revs)
	}
	changes := content.Diff(k, revs[len(revs)-1].Doc, revs[0].Doc)
	if len(changes) != 1 || changes[0].Key != "intro.en" {
		t.Fatalf("diff: %+v", changes)
	}
	it, _ = content.Get(ctx, pool, k, "call-to-action")
	if _, err := content.Restore(ctx, pool, k, "call-to-action", it.Version, revs[len(revs)-1].ID, store.Actor{}); err != nil {
		t.Fatal(err)
	}
	if got := publicIntro(); got != original {
		t.Fatalf("after restore the public page says %q", got)
	}
}

func TestNewItemIsInvisibleUntilPublished(t *testing.T) {
	ctx := context.Background()
	pool := seeded(t)
	k := content.SectionKind
	before, _ := k.List(ctx, pool, "home")
	key, err := content.Create(ctx, pool, k, "home", content.Doc{"page": "home", "heading.en": "New card", "link_path": "/events"}, store.Actor{})
	if err != nil {
		t.Fatal(err)
	}
	if !content.IsProvisional(key) {
		t.Fatalf("key %q", key)
	}
	if live, _ := k.List(ctx, pool, "home"); len(live) != len(before) {
		t.Fatal("a never-published card is live")
	}
	items, err := content.List(ctx, pool, k, "home")
	if err != nil {
		t.Fatal(err)
	}
	if last := items[len(items)-1]; last.Key != key || last.Status != content.StatusDraft {
		t.Fatalf("list: %+v", items)
	}
	at := time.Now().Add(-time.Minute)
	it, _ := content.Get(ctx, pool, k, key)
	if _, err := content.Schedule(ctx, pool, k, key, it.Version, &at, store.Actor{}); err != nil {
		t.Fatal(err)
	}
	due, err := content.DueItems(ctx, pool, time.Now())
	if err != nil || len(due) != 1 {
		t.Fatalf("due: %v %v", due, err)
	}
	newKey, _, err := content.PublishDue(ctx, pool, k, key, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(newKey, "home:") {
		t.Fatalf("published key %q", newKey)
	}
	live, _ := k.List(ctx, pool, "home")
	if len(live) != len(before)+1 || live[len(live)-1].Title != "New card" {
		t.Fatalf("live after publish: %+v", live)
	}
	it, err = content.Get(ctx, pool, k, newKey)
	if err != nil || it.Status() != content.StatusPublished {
		t.Fatalf("after publish: %+v %v", it, err)
	}
}

func TestValidate(t *testing.T) {
	ctx := context.Background()
	pool := seeded(t)
	problems, err := content.Validate(ctx, pool, content.SectionKind, "", content.Doc{"heading.en": "", "link_path": "toolkit"})
	if err != nil {
		t.Fatal(err)
	}
	if problems["heading.en"] == "" || !strings.Contains(problems["link_path"], "/") {
		t.Fatalf("problems: %v", problems)
	}
}

// Postgres refuses a NUL or broken UTF-8 in text; the editor says so beside
// the field instead of letting the save reach the database.
func TestValidateRefusesTextPostgresCannotStore(t *testing.T) {
	ctx := context.Background()
	pool := seeded(t)
	for _, bad := range []string{"a\x00b", "caf\xe9"} {
		problems, err := content.Validate(ctx, pool, content.SectionKind, "", content.Doc{"heading.en": bad, "link_path": "/toolkit"})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(problems["heading.en"], "cannot be saved") || len(problems) != 1 {
			t.Errorf("%q: problems %v", bad, problems)
		}
	}
}
