package editing_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/content/editing"
	"github.com/sswalliance/advocacy/internal/form"
	"github.com/sswalliance/advocacy/internal/store"
)

// An image deleted while a publish that shows it is on its way: the
// checks before the transaction still see it (the delete has not
// committed), the transaction then waits for the delete. Either the
// delete is refused or the publish is, with a message: never a failed
// request, and never a published page naming an image that is gone.
func TestAnImageDeletedWhileAPublishShowsItIsRefusedToOneOfThem(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	st := store.New(f.pool)
	id, err := st.CreateMedia(ctx, []byte("x"), "image/png", 40, 40, store.MediaTexts{Decorative: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ch := f.edit(t, "With a picture.", editing.Publish)
	ch.Doc["body.en"] += "\n\n![](media:" + strconv.FormatInt(id, 10) + ")\n"

	// The delete, not yet committed.
	del, err := f.pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer del.Rollback(ctx)
	if _, err := del.Exec(ctx, `DELETE FROM media WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}

	type result struct {
		problems form.Problems
		err      error
	}
	done := make(chan result, 1)
	go func() {
		_, problems, err := f.editor.Save(ctx, ch)
		done <- result{problems, err}
	}()
	// Once the publish waits on the delete's lock, the delete commits.
	deadline := time.Now().Add(10 * time.Second)
	for {
		var waiting int
		if err := f.pool.QueryRow(ctx, `SELECT count(*) FROM pg_locks WHERE NOT granted`).Scan(&waiting); err != nil {
			t.Fatal(err)
		}
		if waiting > 0 {
			break
		}
		select {
		case r := <-done:
			t.Fatalf("the publish did not wait for the delete: %v %v", r.problems, r.err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("the publish never waited for the delete")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := del.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	r := <-done
	if r.err != nil {
		t.Fatalf("the publish failed instead of saying why: %v", r.err)
	}
	if r.problems.OK() {
		t.Fatal("the publish of a page showing a deleted image was accepted")
	}
	if got := f.publicIntro(t); got == "With a picture." {
		t.Error("the page was published with a deleted image")
	}
	it := f.item(t, content.PageKind, "call-to-action")
	if strings.Contains(it.Current()["body.en"], "media:") {
		t.Error("the page's draft names a deleted image")
	}
}
