package app

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// holdContentWrites locks content_items against writes until the returned
// release is called, and waitBlocked waits until some other session waits
// on that lock: a save is then past its checks and its rehearsal, inside
// its transaction, as when another instance's save commits in between.
func holdContentWrites(t *testing.T, pool *pgxpool.Pool) (waitBlocked, release func()) {
	t.Helper()
	ctx := context.Background()
	tx, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `LOCK TABLE content_items IN EXCLUSIVE MODE`); err != nil {
		t.Fatal(err)
	}
	released := false
	release = func() {
		if !released {
			released = true
			_ = tx.Rollback(ctx)
		}
	}
	t.Cleanup(release)
	waitBlocked = func() {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
			var n int
			if err := pool.QueryRow(ctx, `SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'content_items'::regclass`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n > 0 {
				return
			}
			if time.Now().After(deadline) {
				t.Fatal("the save never reached its transaction")
			}
		}
	}
	return waitBlocked, release
}

// Two staff publishing pages at the same address at once: both pass the
// checks, one commits first; the other gets the address's message beside
// the field, its form kept, not a failed request.
func TestAPageAddressTakenWhilePublishingIsSaidBesideTheFieldNotA500(t *testing.T) {
	s := newStaffSite(t)
	ctx := context.Background()
	form := s.editForm(t, s.admin, "/admin/content/custom-page/new")
	form.Set("path", "/about/board")
	form.Set("title.en", "Our board")
	form.Set("action", "publish")

	items := s.count(t, "content_items WHERE kind = 'custom-page'")
	waitBlocked, release := holdContentWrites(t, s.pool)
	answer := make(chan *http.Response, 1)
	go func() {
		res, err := s.admin.PostForm(s.srv.URL+"/admin/content/custom-page/new", form)
		if err != nil {
			answer <- nil
			return
		}
		answer <- res
	}()
	waitBlocked()
	// The other publish, committed first.
	if _, err := s.pool.Exec(ctx, `
		WITH p AS (INSERT INTO custom_pages (path) VALUES ('/about/board') RETURNING id)
		INSERT INTO custom_page_texts (page_id, lang, title) SELECT id, 'en', 'The board' FROM p`); err != nil {
		t.Fatal(err)
	}
	release()
	res := <-answer
	if res == nil {
		t.Fatal("the publish got no answer")
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("publishing at an address taken meanwhile: %s, want 422", res.Status)
	}
	doc := parse(t, res)
	if msg := strings.TrimSpace(doc.Find("#f-path-error").Text()); !strings.Contains(msg, "Another custom page") {
		t.Errorf("the message beside the address is %q", msg)
	}
	if got := doc.Find(`input[name="title.en"]`).AttrOr("value", ""); got != "Our board" {
		t.Errorf("the title was not kept (%q)", got)
	}
	if n := s.count(t, "content_items WHERE kind = 'custom-page'"); n != items {
		t.Errorf("%d custom pages in the editor after the refusal, want the %d before", n, items)
	}
}
