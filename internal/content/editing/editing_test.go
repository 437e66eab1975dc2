package editing_test

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/content/editing"
	"github.com/sswalliance/advocacy/internal/dbtest"
	"github.com/sswalliance/advocacy/internal/form"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/seed"
	"github.com/sswalliance/advocacy/internal/store"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// fixture is an editor over a fresh database holding the demo content,
// with a clock the test moves, and the staff member making the changes.
type fixture struct {
	pool   *pgxpool.Pool
	editor *editing.Editor
	now    time.Time
	by     store.Actor
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	pool := dbtest.New(t)
	st := store.New(pool)
	if err := seed.Load(ctx, st, false); err != nil {
		t.Fatal(err)
	}
	u, err := st.CreateUser(ctx, "editor@example.org", "Edith Editor", "editor", "x")
	if err != nil {
		t.Fatal(err)
	}
	kinds, err := content.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{pool: pool, now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC),
		by: store.Actor{ID: &u.ID, Name: u.Name, IP: "192.0.2.7"}}
	logger := slog.New(slog.NewTextHandler(t.Output(), nil))
	f.editor = editing.New(pool, kinds, func() time.Time { return f.now }, logger)
	return f
}

// auditLine is what the tests read back of an audit line.
type auditLine struct {
	Action, Actor, IP, Key, Label, Detail string
	ActorID                               *int64
}

// audit returns the audit lines about items of kind, oldest first.
func (f *fixture) audit(t *testing.T, kind string) []auditLine {
	t.Helper()
	rows, err := f.pool.Query(context.Background(), `
		SELECT action, actor, ip, object_key, object_label, detail, actor_id FROM audit_log
		WHERE object_kind = $1 ORDER BY id`, kind)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []auditLine
	for rows.Next() {
		var l auditLine
		if err := rows.Scan(&l.Action, &l.Actor, &l.IP, &l.Key, &l.Label, &l.Detail, &l.ActorID); err != nil {
			t.Fatal(err)
		}
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func (f *fixture) item(t *testing.T, k *content.Kind, key string) content.Item {
	t.Helper()
	it, err := content.Get(context.Background(), f.pool, k, key)
	if err != nil {
		t.Fatal(err)
	}
	return it
}

// edit is a change to the call-to-action page's English summary, from the
// version the page is at now.
func (f *fixture) edit(t *testing.T, intro string, action editing.Action) editing.Change {
	t.Helper()
	it := f.item(t, content.PageKind, "call-to-action")
	d := it.Current().Clone()
	d["intro.en"] = intro
	return editing.Change{Item: it, Version: it.Version, Doc: d, Action: action, By: f.by}
}

func (f *fixture) publicIntro(t *testing.T) string {
	t.Helper()
	p, err := store.New(f.pool).Page(context.Background(), "call-to-action", i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	return p.Intro
}

func TestPublishWritesItsAuditLineInTheSameTransaction(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	saved, problems, err := f.editor.Save(ctx, f.edit(t, "Published by the editor.", editing.Publish))
	if err != nil || !problems.OK() {
		t.Fatalf("publish: %v %v", problems, err)
	}
	if got := f.publicIntro(t); got != "Published by the editor." {
		t.Fatalf("the public page says %q after publishing", got)
	}
	lines := f.audit(t, "page")
	if len(lines) != 1 {
		t.Fatalf("audit lines after one publish: %+v", lines)
	}
	l := lines[0]
	if l.Action != store.ActionContentPublish || l.Key != saved.Key || l.Label != saved.Title || l.Label == "" ||
		l.Actor != f.by.Name || l.ActorID == nil || *l.ActorID != *f.by.ID || l.IP != f.by.IP {
		t.Errorf("audit line %+v, want a publish of %q (%q) by %+v", l, saved.Key, saved.Title, f.by)
	}

	// When the audit line cannot be written, nothing of the change is kept.
	if _, err := f.pool.Exec(ctx, `
		CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit refused'; END $$;
		CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit();`); err != nil {
		t.Fatal(err)
	}
	before := f.item(t, content.PageKind, "call-to-action")
	if _, _, err := f.editor.Save(ctx, f.edit(t, "Never seen.", editing.Publish)); err == nil {
		t.Fatal("publish with the audit log refusing: no error")
	}
	if got := f.publicIntro(t); got != "Published by the editor." {
		t.Errorf("the public page says %q: published without its audit line", got)
	}
	if after := f.item(t, content.PageKind, "call-to-action"); after.Version != before.Version || after.Draft != nil {
		t.Errorf("the draft was kept without its audit line: version %d -> %d, draft %v", before.Version, after.Version, after.Draft)
	}
}

func TestEveryButtonOfTheFormWritesItsAuditLine(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	if _, _, err := f.editor.Save(ctx, f.edit(t, "A draft.", editing.SaveDraft)); err != nil {
		t.Fatal(err)
	}
	ch := f.edit(t, "Scheduled.", editing.Schedule)
	ch.PublishAt = "2026-03-02T09:30"
	saved, problems, err := f.editor.Save(ctx, ch)
	if err != nil || !problems.OK() {
		t.Fatalf("schedule: %v %v", problems, err)
	}
	if want := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC); !saved.PublishAt.Equal(want) {
		t.Errorf("scheduled for %v, want %v", saved.PublishAt, want)
	}
	it := f.item(t, content.PageKind, "call-to-action")
	if err := f.editor.Unschedule(ctx, it, it.Version, f.by); err != nil {
		t.Fatal(err)
	}
	it = f.item(t, content.PageKind, "call-to-action")
	if err := f.editor.Discard(ctx, it, it.Version, f.by); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range f.audit(t, "page") {
		got = append(got, l.Action+": "+l.Detail)
	}
	want := []string{"content-draft: ", "content-schedule: publish at 2026-03-02T09:30:00Z",
		"content-schedule: schedule cancelled", "content-draft: discarded unpublished changes"}
	if !slices.Equal(got, want) {
		t.Errorf("audit lines %q, want %q", got, want)
	}
}

func TestTwoSavesFromTheSameVersionConflictAndOnlyTheFirstIsAudited(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	first := f.edit(t, "First editor.", editing.SaveDraft)
	second := f.edit(t, "Second editor.", editing.Publish) // opened on the same version
	if _, _, err := f.editor.Save(ctx, first); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.editor.Save(ctx, second); !errors.Is(err, content.ErrConflict) {
		t.Fatalf("second save from the same version: %v, want ErrConflict", err)
	}
	if it := f.item(t, content.PageKind, "call-to-action"); it.Current()["intro.en"] != "First editor." {
		t.Errorf("after the conflict the draft says %q", it.Current()["intro.en"])
	}
	if f.publicIntro(t) == "Second editor." {
		t.Error("the conflicting publish reached the public page")
	}
	if lines := f.audit(t, "page"); len(lines) != 1 || lines[0].Action != store.ActionContentDraft {
		t.Errorf("audit lines %+v, want the first draft only", lines)
	}
}

func TestRehearsalTellsStaffWhatTheDatabaseRefused(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	// A rule the field checks do not know: no two pages with one heading.
	if _, err := f.pool.Exec(ctx, `CREATE UNIQUE INDEX pages_one_heading ON pages (lang, title)`); err != nil {
		t.Fatal(err)
	}
	var other string
	if err := f.pool.QueryRow(ctx, `SELECT title FROM pages WHERE lang = 'en' AND slug <> 'call-to-action' ORDER BY slug LIMIT 1`).Scan(&other); err != nil {
		t.Fatal(err)
	}
	ch := f.edit(t, "Unchanged summary.", editing.Publish)
	ch.Doc["title.en"] = other
	before := f.item(t, content.PageKind, "call-to-action")
	_, problems, err := f.editor.Save(ctx, ch)
	if err != nil {
		t.Fatal(err)
	}
	want := form.Of("Another page already uses one of these values (pages_one_heading). Change it and save again.")
	if len(problems) != 1 || problems[form.Whole] != want[form.Whole] {
		t.Errorf("problems %v, want %v", problems, want)
	}
	if after := f.item(t, content.PageKind, "call-to-action"); after.Version != before.Version {
		t.Errorf("a refused publish saved a draft: version %d -> %d", before.Version, after.Version)
	}
	if lines := f.audit(t, "page"); len(lines) != 0 {
		t.Errorf("a refused publish was audited: %+v", lines)
	}
	// The formatting preview checks the fields but rehearses nothing.
	if problems, err := f.editor.Check(ctx, ch); err != nil || !problems.OK() {
		t.Errorf("check: %v %v, want no problems", problems, err)
	}
}

func TestScheduleNeedsATimeInTheFuture(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	for at, want := range map[string]string{
		"":                 "To schedule, enter the date and time to publish at (UTC).",
		"2026-03-01T12:00": "The publish time has passed. Enter a time in the future, or choose Save and publish.",
	} {
		ch := f.edit(t, "Later.", editing.Schedule)
		ch.PublishAt = at
		_, problems, err := f.editor.Save(ctx, ch)
		if err != nil || problems[form.Whole] != want {
			t.Errorf("schedule at %q: %v %v, want %q", at, problems, err, want)
		}
	}
	// The problems found reading the form come first, and stop the save.
	ch := f.edit(t, "With a file too large.", editing.SaveDraft)
	ch.Problems = form.Problems{"title.en": "Found reading the form."}
	if _, problems, err := f.editor.Save(ctx, ch); err != nil || problems["title.en"] != "Found reading the form." {
		t.Errorf("save with a problem from the form: %v %v", problems, err)
	}
	if lines := f.audit(t, "page"); len(lines) != 0 {
		t.Errorf("refused saves were audited: %+v", lines)
	}
}

func TestRestoreAndDeleteWriteTheirAuditLines(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	original := f.publicIntro(t)
	if _, _, err := f.editor.Save(ctx, f.edit(t, "Changed.", editing.Publish)); err != nil {
		t.Fatal(err)
	}
	revs, err := content.Revisions(ctx, f.pool, content.PageKind, "call-to-action")
	if err != nil {
		t.Fatal(err)
	}
	first := revs[len(revs)-1]
	it := f.item(t, content.PageKind, "call-to-action")
	if _, err := f.editor.Restore(ctx, it, it.Version-1, first.ID, f.by); !errors.Is(err, content.ErrConflict) {
		t.Fatalf("restore from an old version: %v, want ErrConflict", err)
	}
	key, err := f.editor.Restore(ctx, it, it.Version, first.ID, f.by)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.publicIntro(t); key != "call-to-action" || got != original {
		t.Errorf("after restoring %s: the page says %q", key, got)
	}
	lines := f.audit(t, "page")
	if last := lines[len(lines)-1]; len(lines) != 2 || last.Action != store.ActionContentRestore ||
		last.Detail != "revision "+strconv.FormatInt(first.ID, 10) || last.IP != f.by.IP {
		t.Errorf("audit lines after the restore: %+v", lines)
	}

	// A card is deleted, with its line; a resource type still in use is
	// kept, with the reason in words and no line.
	cards, err := content.List(ctx, f.pool, content.SectionKind, "home")
	if err != nil || len(cards) == 0 {
		t.Fatalf("cards: %v %v", cards, err)
	}
	card := f.item(t, content.SectionKind, cards[0].Key)
	if problems, err := f.editor.Delete(ctx, card, card.Version, f.by); err != nil || !problems.OK() {
		t.Fatalf("delete card: %v %v", problems, err)
	}
	if lines := f.audit(t, "section"); len(lines) != 1 || lines[0].Action != store.ActionContentDelete ||
		lines[0].Key != card.Key || lines[0].Label != card.Title() {
		t.Errorf("audit lines after deleting a card: %+v", lines)
	}
	report := f.item(t, content.ResourceTypeKind, "report")
	problems, err := f.editor.Delete(ctx, report, report.Version, f.by)
	if err != nil || !strings.HasSuffix(problems[form.Whole], " in the library have this type. Give them another type first. Nothing was deleted.") {
		t.Errorf("deleting a type in use: %v %v", problems, err)
	}
	if lines := f.audit(t, content.ResourceTypeKind.Name); len(lines) != 0 {
		t.Errorf("a refused delete was audited: %+v", lines)
	}
}

func TestPublishDueAuditsEachItemAsWhoScheduledIt(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	ch := f.edit(t, "On time.", editing.Schedule)
	ch.PublishAt = "2026-03-01T12:10"
	if _, _, err := f.editor.Save(ctx, ch); err != nil {
		t.Fatal(err)
	}
	if n, err := f.editor.PublishDue(ctx); err != nil || n != 0 {
		t.Fatalf("before its time: published %d (%v)", n, err)
	}
	f.now = f.now.Add(10 * time.Minute)
	if n, err := f.editor.PublishDue(ctx); err != nil || n != 1 {
		t.Fatalf("at its time: published %d (%v), want 1", n, err)
	}
	if got := f.publicIntro(t); got != "On time." {
		t.Errorf("the public page says %q", got)
	}
	if n, err := f.editor.PublishDue(ctx); err != nil || n != 0 {
		t.Errorf("again: published %d (%v), want 0", n, err)
	}
	lines := f.audit(t, "page")
	if last := lines[len(lines)-1]; len(lines) != 2 || last.Action != store.ActionContentPublish ||
		last.Detail != "published at its scheduled time" || last.Actor != f.by.Name || last.IP != "" || last.Label == "" {
		t.Errorf("audit lines: %+v", lines)
	}
	chores := f.editor.Chores()
	if len(chores) != 1 || chores[0].Interval != editing.SchedulerInterval {
		t.Errorf("chores: %+v", chores)
	}
}

// A page scheduled at an address another page takes before its time is
// not published then: its schedule is cleared (not tried again every
// minute), its draft kept, the reason recorded for staff and audited;
// saving it again clears the reason.
func TestAScheduledPublishRefusedWhenDueIsClearedAndStaffAreTold(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	newPage := func(title string, action editing.Action) editing.Change {
		d := content.CustomPageKind.New("")
		d["path"], d["title.en"], d["body.en"] = "/about/board", title, "Who governs the campaign."
		return editing.Change{Item: content.Item{Kind: content.CustomPageKind}, Doc: d, Action: action, By: f.by}
	}
	ch := newPage("Our board", editing.Schedule)
	ch.PublishAt = "2026-03-01T12:10"
	scheduled, problems, err := f.editor.Save(ctx, ch)
	if err != nil || !problems.OK() {
		t.Fatalf("schedule: %v %v", problems, err)
	}
	if _, problems, err := f.editor.Save(ctx, newPage("The board", editing.Publish)); err != nil || !problems.OK() {
		t.Fatalf("the other page, published first: %v %v", problems, err)
	}

	f.now = f.now.Add(10 * time.Minute)
	for range 2 {
		if n, err := f.editor.PublishDue(ctx); err != nil || n != 0 {
			t.Fatalf("at its time: published %d (%v), want 0", n, err)
		}
	}
	it := f.item(t, content.CustomPageKind, scheduled.Key)
	if it.PublishAt != nil || it.Draft["title.en"] != "Our board" || it.Status() != content.StatusNotPublished {
		t.Errorf("after the refusal: publish at %v, draft %q, status %s", it.PublishAt, it.Draft["title.en"], it.Status())
	}
	if !strings.HasPrefix(it.ScheduleProblem, "Address: Another custom page already uses this address") {
		t.Errorf("the reason recorded is %q", it.ScheduleProblem)
	}
	var refusals []auditLine
	for _, l := range f.audit(t, content.CustomPageKind.Name) {
		if l.Action == store.ActionContentScheduleFailed {
			refusals = append(refusals, l)
		}
	}
	if len(refusals) != 1 || refusals[0].Key != scheduled.Key || refusals[0].Actor != f.by.Name || refusals[0].Detail != it.ScheduleProblem {
		t.Errorf("audit lines of the refusal: %+v", refusals)
	}

	d := it.Draft.Clone()
	d["path"] = "/about/our-board"
	if _, problems, err := f.editor.Save(ctx, editing.Change{Item: it, Version: it.Version, Doc: d, Action: editing.SaveDraft, By: f.by}); err != nil || !problems.OK() {
		t.Fatalf("saving it again: %v %v", problems, err)
	}
	if it := f.item(t, content.CustomPageKind, scheduled.Key); it.ScheduleProblem != "" || it.Status() != content.StatusDraft {
		t.Errorf("after saving again: reason %q, status %s", it.ScheduleProblem, it.Status())
	}
}
