package app

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
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

// newMenuEntryForm is the form for a new entry of menu, filled in.
func (s staffSite) newMenuEntryForm(t *testing.T, menu, label, target string) url.Values {
	t.Helper()
	form := s.editForm(t, s.admin, "/admin/content/menu-entry/new?parent="+menu)
	form.Set("label.en", label)
	form.Set("target", target)
	form.Set("action", "publish")
	return form
}

// statuses posts each form to its path at once and returns the answers'
// status codes.
func (s staffSite) statuses(t *testing.T, paths []string, forms []url.Values) []int {
	t.Helper()
	codes := make([]int, len(paths))
	var wg sync.WaitGroup
	for i := range paths {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := s.admin.PostForm(s.srv.URL+paths[i], forms[i])
			if err != nil {
				return // codes[i] stays 0
			}
			res.Body.Close()
			codes[i] = res.StatusCode
		}()
	}
	wg.Wait()
	return codes
}

// Two staff adding entries to a menu at once: both are added, each in a
// place of its own.
func TestMenuEntriesAddedAtOnceAreAllSaved(t *testing.T) {
	s := newStaffSite(t)
	before := s.count(t, "menu_entries WHERE menu_slug = 'footer'")
	var paths []string
	var forms []url.Values
	for i := range 6 {
		paths = append(paths, "/admin/content/menu-entry/new")
		forms = append(forms, s.newMenuEntryForm(t, "footer", fmt.Sprintf("Link %d", i), fmt.Sprintf("/link-%d", i)))
	}
	for i, code := range s.statuses(t, paths, forms) {
		if code != http.StatusSeeOther {
			t.Errorf("adding entry %d: %d, want 303", i, code)
		}
	}
	if n := s.count(t, "menu_entries WHERE menu_slug = 'footer'"); n != before+6 {
		t.Errorf("the footer has %d entries, want %d", n, before+6)
	}
}

// Staff adding key messages to one audience at once: every message is
// added, each in a place of its own (a new item takes the place after the
// last, so without a turn each two would share one, and a move would take
// both along).
func TestKeyMessagesAddedAtOnceAreAllSaved(t *testing.T) {
	s := newStaffSite(t)
	var audience string
	if err := s.pool.QueryRow(context.Background(), `SELECT slug FROM audiences ORDER BY position LIMIT 1`).Scan(&audience); err != nil {
		t.Fatal(err)
	}
	where := "key_messages m JOIN audiences a ON a.id = m.audience_id WHERE a.slug = '" + audience + "'"
	before := s.count(t, where)
	var paths []string
	var forms []url.Values
	for i := range 6 {
		form := s.editForm(t, s.admin, "/admin/content/key-message/new?parent="+audience)
		form.Set("headline.en", fmt.Sprintf("Message %d", i))
		form.Set("action", "publish")
		paths, forms = append(paths, "/admin/content/key-message/new"), append(forms, form)
	}
	for i, code := range s.statuses(t, paths, forms) {
		if code != http.StatusSeeOther {
			t.Errorf("adding message %d: %d, want 303", i, code)
		}
	}
	if n := s.count(t, where); n != before+6 {
		t.Errorf("the audience has %d messages, want %d", n, before+6)
	}
	if n := s.count(t, "(SELECT DISTINCT m.position FROM "+where+") p"); n != before+6 {
		t.Errorf("%d places for %d messages", n, before+6)
	}
}

// Staff reordering a menu at once (two tabs, two people): every move
// happens, one after the other, and none fails.
func TestMenuEntriesMovedAtOnceAllMoveAndNoneFails(t *testing.T) {
	s := newStaffSite(t)
	for i := range 4 {
		if res := postForm(t, s.admin, s.srv.URL+"/admin/content/menu-entry/new", s.newMenuEntryForm(t, "footer", fmt.Sprintf("Link %d", i), fmt.Sprintf("/link-%d", i))); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("adding entry %d: %s", i, res.Status)
		}
	}
	rows, _ := s.pool.Query(context.Background(), `SELECT id::text FROM menu_entries WHERE menu_slug = 'footer' ORDER BY position`)
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	for round := range 4 {
		var paths []string
		var forms []url.Values
		for i, id := range ids {
			delta := "1"
			if (i+round)%2 == 1 {
				delta = "-1"
			}
			paths = append(paths, "/admin/content/menu-entry/"+id+"/move")
			forms = append(forms, url.Values{"delta": {delta}})
		}
		for i, code := range s.statuses(t, paths, forms) {
			if code != http.StatusSeeOther {
				t.Fatalf("round %d: moving entry %s: %d, want 303", round, ids[i], code)
			}
		}
	}
	if n := s.count(t, "menu_entries WHERE menu_slug = 'footer'"); n != len(ids) {
		t.Errorf("the footer has %d entries after the moves, want %d", n, len(ids))
	}
}

// Two redirects added at once that close a loop between them (/a -> /b
// and /b -> /a, a double submit in two tabs): each check alone sees no
// loop, so the second must be checked after the first is in.
func TestRedirectsAddedAtOnceCannotCloseALoopBetweenThem(t *testing.T) {
	s := newStaffSite(t)
	ctx := context.Background()
	// Hold writes to the redirects until both adds wait on them.
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `LOCK TABLE redirects IN EXCLUSIVE MODE`); err != nil {
		t.Fatal(err)
	}
	paths := []string{"/admin/redirects", "/admin/redirects"}
	forms := []url.Values{
		{"from": {"/old-a"}, "to": {"/old-b"}, "status": {"301"}},
		{"from": {"/old-b"}, "to": {"/old-a"}, "status": {"301"}},
	}
	codes := make(chan []int, 1)
	go func() { codes <- s.statuses(t, paths, forms) }()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		var n int
		if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'redirects'::regclass`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d adds wait on the redirects, want 2", n)
		}
	}
	_ = tx.Rollback(ctx)
	got := <-codes
	added := 0
	for _, c := range got {
		if c == http.StatusSeeOther {
			added++
		} else if c != http.StatusUnprocessableEntity {
			t.Errorf("an add answered %d, want 303 or 422", c)
		}
	}
	if added != 1 || s.count(t, "redirects WHERE from_path IN ('/old-a', '/old-b')") != 1 {
		t.Errorf("answers %v: %d redirects between /old-a and /old-b, want one (the other refused as a loop)", got,
			s.count(t, "redirects WHERE from_path IN ('/old-a', '/old-b')"))
	}
}

// Restoring an earlier version of a published page publishes it at once:
// an address another page has taken since is said on the page, with
// nothing restored, not a failed request.
func TestRestoringAVersionWhoseAddressIsTakenSaysSoAndRestoresNothing(t *testing.T) {
	s := newStaffSite(t)
	ctx := context.Background()
	if res := s.publishCustomPage(t, map[string]string{"path": "/about/board", "title.en": "Our board"}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %s", res.Status)
	}
	var id string
	if err := s.pool.QueryRow(ctx, `SELECT id::text FROM custom_pages WHERE path = '/about/board'`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	page := "/admin/content/custom-page/" + id
	if res := s.publishEdit(t, page, map[string]string{"path": "/about/trustees"}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("rename: %s", res.Status)
	}
	// Another page takes the old address.
	if res := s.publishCustomPage(t, map[string]string{"path": "/about/board", "title.en": "The new board"}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish the other page: %s: %s", res.Status, parse(t, res).Find(".error-message").Text())
	}
	var first int64
	var version int
	if err := s.pool.QueryRow(ctx, `SELECT min(r.id), max(c.version) FROM revisions r JOIN content_items c ON c.kind = r.kind AND c.key = r.key
		WHERE r.kind = 'custom-page' AND r.key = $1`, id).Scan(&first, &version); err != nil {
		t.Fatal(err)
	}
	s.get(t, s.admin, "/admin") // shows, and so clears, the publish's message
	res := postForm(t, s.admin, fmt.Sprintf("%s%s/restore?rev=%d&version=%d", s.srv.URL, page, first, version), url.Values{})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("restore: %s, want 303 back to the history with a message", res.Status)
	}
	flash := strings.TrimSpace(parse(t, s.get(t, s.admin, res.Header.Get("Location"))).Find("[data-testid=flash]").Text())
	if !strings.Contains(flash, "Another custom page") {
		t.Errorf("the message after the refused restore is %q", flash)
	}
	var path string
	if err := s.pool.QueryRow(ctx, `SELECT path FROM custom_pages WHERE id::text = $1`, id).Scan(&path); err != nil || path != "/about/trustees" {
		t.Errorf("the page is at %q (%v), want it left at /about/trustees", path, err)
	}
}
