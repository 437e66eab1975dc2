package editing

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/form"
	"github.com/sswalliance/advocacy/internal/jobs"
	"github.com/sswalliance/advocacy/internal/store"
)

// SchedulerInterval is how often scheduled publishing looks for due items:
// a scheduled change goes live at most this long after its time.
const SchedulerInterval = 20 * time.Second

// Editor makes the changes staff make to content.
type Editor struct {
	pool   *pgxpool.Pool
	kinds  *content.Registry
	now    func() time.Time
	logger *slog.Logger
}

// New returns the editor over pool for the kinds of content in kinds. now
// is the clock (a schedule must be in its future; tests set a fixed one);
// logger hears of what staff are only told in general terms.
func New(pool *pgxpool.Pool, kinds *content.Registry, now func() time.Time, logger *slog.Logger) *Editor {
	return &Editor{pool: pool, kinds: kinds, now: now, logger: logger}
}

// Action is what the edit form's button asks for.
type Action string

const (
	SaveDraft Action = "draft"    // keep the changes as a draft (any other value does too)
	Publish   Action = "publish"  // save and publish at once
	Schedule  Action = "schedule" // save, and publish at Change.PublishAt
)

// Change is one press of the edit form's save, publish or schedule button.
type Change struct {
	// Item is the item as the form was opened on; for a new item, only
	// its Kind and Parent.
	Item    content.Item
	Version int // the version the form was opened on
	Doc     content.Doc
	Action  Action
	// PublishAt is, for Schedule, the time to publish as typed
	// (content.DateTimeLayout, UTC).
	PublishAt string
	By        store.Actor
	// Problems are those found reading the form (a file too large or of a
	// kind not accepted); they come before the editor's own.
	Problems form.Problems
}

func (ch Change) isNew() bool { return ch.Item.Key == "" }

// Saved is what a change saved.
type Saved struct {
	Key       string    // the item's key now: new on create, and when publishing changes it
	Title     string    // the item's title in the saved version
	PublishAt time.Time // for Schedule, when it will be published
}

// Check returns what staff must fix before ch can be saved: the problems
// found reading the form, the fields' and the kind's checks, and for
// scheduling the time. It writes nothing and rehearses nothing (the
// formatting preview shows these beside the fields).
func (e *Editor) Check(ctx context.Context, ch Change) (form.Problems, error) {
	problems, _, err := e.check(ctx, ch)
	return problems, err
}

func (e *Editor) check(ctx context.Context, ch Change) (form.Problems, time.Time, error) {
	problems := form.Problems{}
	problems.Merge(ch.Problems)
	var at time.Time
	if ch.Action == Schedule {
		t, err := time.Parse(content.DateTimeLayout, ch.PublishAt)
		switch {
		case err != nil:
			problems.Add(form.Whole, "To schedule, enter the date and time to publish at (UTC).")
		case !t.After(e.now()):
			problems.Add(form.Whole, "The publish time has passed. Enter a time in the future, or choose Save and publish.")
		default:
			at = t
		}
	}
	more, err := content.Validate(ctx, e.pool, ch.Item.Kind, ch.Item.Key, ch.Doc)
	if err != nil {
		return nil, at, err
	}
	problems.Merge(more)
	return problems, at, nil
}

// Save checks ch and, when nothing is wrong, saves it: the draft, then
// the publish or the schedule, with its audit line, in one transaction.
// Problems mean nothing was saved. It fails with content.ErrConflict when
// someone else saved the item since ch.Version.
func (e *Editor) Save(ctx context.Context, ch Change) (Saved, form.Problems, error) {
	k := ch.Item.Kind
	problems, at, err := e.check(ctx, ch)
	if err != nil {
		return Saved{}, nil, err
	}
	if problems.OK() {
		// The database has the last word on what it accepts: a rehearsal
		// of publishing, rolled back, finds what the checks above missed.
		if msg := e.rehearse(ctx, ch.Item, ch.Doc); msg != "" {
			problems.Add(form.Whole, msg)
		}
	}
	if !problems.OK() {
		return Saved{}, problems, nil
	}
	saved := Saved{Key: ch.Item.Key, Title: k.Title(ch.Doc), PublishAt: at}
	var gone []int64
	err = pgx.BeginFunc(ctx, e.pool, func(tx pgx.Tx) error {
		version := ch.Version
		var err error
		// An image deleted since the checks: said beside the form, not a
		// failed request; one still there stays until the uses are saved.
		if gone, err = content.LockImages(ctx, tx, k, ch.Doc); err != nil || len(gone) > 0 {
			return err
		}
		if ch.isNew() {
			if saved.Key, err = content.Create(ctx, tx, k, ch.Item.Parent, ch.Doc, ch.By); err != nil {
				return err
			}
			version = 1
		} else if version, err = content.SaveDraft(ctx, tx, k, saved.Key, version, ch.Doc, ch.By); err != nil {
			return err
		}
		ev := store.AuditEvent{ObjectKind: k.Name, ObjectLabel: saved.Title}
		switch ch.Action {
		case Publish:
			if saved.Key, err = content.Publish(ctx, tx, k, saved.Key, version, ch.By); err != nil {
				return err
			}
			ev.Action = store.ActionContentPublish
		case Schedule:
			if _, err = content.Schedule(ctx, tx, k, saved.Key, version, &at, ch.By); err != nil {
				return err
			}
			ev.Action, ev.Detail = store.ActionContentSchedule, "publish at "+at.UTC().Format(time.RFC3339)
		default:
			ev.Action = store.ActionContentDraft
			if ch.isNew() {
				ev.Action = store.ActionContentCreate
			}
		}
		ev.ObjectKey = saved.Key
		return audit(ctx, tx, ch.By, ev)
	})
	if msg := refused(k, err); msg != "" {
		// Another save committed between the checks and this one (two
		// staff publishing at the same address at once): the checks, run
		// again, say beside which field; else the database's own words.
		if again, _, cerr := e.check(ctx, ch); cerr == nil && !again.OK() {
			return Saved{}, again, nil
		}
		problems.Add(form.Whole, msg)
		return Saved{}, problems, nil
	}
	if err != nil {
		return Saved{}, nil, err
	}
	if len(gone) > 0 {
		problems.Add(form.Whole, fmt.Sprintf("Image #%d was deleted from the media library meanwhile: choose another image. Nothing was saved.", gone[0]))
		return Saved{}, problems, nil
	}
	return saved, nil, nil
}

// rehearse writes doc as publishing it would, in a transaction it rolls
// back, and returns what the database refused, in words ("" when all is
// well).
func (e *Editor) rehearse(ctx context.Context, it content.Item, doc content.Doc) string {
	k := it.Kind
	liveKey := it.Key
	if !it.Published() {
		liveKey = ""
	}
	errRehearsal := errors.New("rehearsal")
	err := pgx.BeginFunc(ctx, e.pool, func(tx pgx.Tx) error {
		if _, err := k.Save(ctx, tx, liveKey, doc); err != nil {
			return err
		}
		return errRehearsal
	})
	if err == nil || errors.Is(err, errRehearsal) {
		return ""
	}
	if msg := refused(k, err); msg != "" {
		return msg
	}
	e.logger.ErrorContext(ctx, "rehearse save", "kind", k.Name, "key", it.Key, "error", err)
	return "This could not be saved as it is. Check the values and try again; if it keeps happening, tell a developer."
}

// refused says in words why the database refused to save an item of kind
// k: a value another item already uses, a reference to something gone, a
// value out of bounds. "" when err is none of these (or nil).
func refused(k *content.Kind, err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "23505":
			return "Another " + strings.ToLower(k.Label) + " already uses one of these values (" + pgErr.ConstraintName + "). Change it and save again."
		case "23503":
			return "This refers to something that no longer exists. Check the choices and save again."
		case "23514", "22007", "22008", "22P02":
			return "One of the values is not accepted (" + pgErr.ConstraintName + "). Check dates, numbers and choices, then save again."
		}
	}
	return ""
}

// Discard drops the item's unpublished changes (a never-published item
// goes altogether), if it is still at version (else content.ErrConflict).
func (e *Editor) Discard(ctx context.Context, it content.Item, version int, by store.Actor) error {
	k := it.Kind
	return pgx.BeginFunc(ctx, e.pool, func(tx pgx.Tx) error {
		if err := content.Discard(ctx, tx, k, it.Key, version, by); err != nil {
			return err
		}
		return audit(ctx, tx, by, store.AuditEvent{Action: store.ActionContentDraft, ObjectKind: k.Name, ObjectKey: it.Key,
			ObjectLabel: it.Title(), Detail: "discarded unpublished changes"})
	})
}

// Unschedule cancels the item's scheduled publish, keeping its changes as
// a draft, if it is still at version (else content.ErrConflict).
func (e *Editor) Unschedule(ctx context.Context, it content.Item, version int, by store.Actor) error {
	k := it.Kind
	return pgx.BeginFunc(ctx, e.pool, func(tx pgx.Tx) error {
		if _, err := content.Schedule(ctx, tx, k, it.Key, version, nil, by); err != nil {
			return err
		}
		return audit(ctx, tx, by, store.AuditEvent{Action: store.ActionContentSchedule, ObjectKind: k.Name, ObjectKey: it.Key,
			ObjectLabel: it.Title(), Detail: "schedule cancelled"})
	})
}

// Refused is a change the database would not take as it is (a value
// another item has taken since, an image deleted since): Problem says
// so in staff's words, and nothing was changed.
type Refused struct{ Problem string }

func (r *Refused) Error() string { return "editing: refused: " + r.Problem }

// Restore makes revision rev the item's current version again (published
// at once when the item is on the public site), if the item is still at
// version (else content.ErrConflict). It returns the item's key, which
// publishing may change; content.ErrNotFound means no such revision, and
// *Refused a version the site cannot take back as it is.
func (e *Editor) Restore(ctx context.Context, it content.Item, version int, rev int64, by store.Actor) (string, error) {
	k := it.Kind
	var key string
	err := pgx.BeginFunc(ctx, e.pool, func(tx pgx.Tx) error {
		var err error
		if key, err = content.Restore(ctx, tx, k, it.Key, version, rev, by); err != nil {
			return err
		}
		return audit(ctx, tx, by, store.AuditEvent{Action: store.ActionContentRestore, ObjectKind: k.Name, ObjectKey: key,
			ObjectLabel: it.Title(), Detail: "revision " + strconv.FormatInt(rev, 10)})
	})
	if msg := refused(k, err); msg != "" {
		// The checks of the form say which field, when they can.
		if doc, derr := content.RevisionDoc(ctx, e.pool, k, it.Key, rev); derr == nil {
			if problems, verr := content.Validate(ctx, e.pool, k, it.Key, doc); verr == nil {
				if first := firstProblem(k, problems); first != "" {
					msg = first
				}
			}
		}
		return "", &Refused{Problem: msg}
	}
	return key, err
}

// firstProblem is the problem of problems nearest the top of k's form.
func firstProblem(k *content.Kind, problems form.Problems) string {
	if msg := problems[form.Whole]; msg != "" {
		return msg
	}
	for _, f := range k.Fields {
		for _, dk := range f.Keys() {
			if msg := problems[dk]; msg != "" {
				return msg
			}
		}
	}
	return ""
}

// Delete removes the item from the public site and from editing, if it is
// still at version (else content.ErrConflict). Problems (under form.Whole)
// say why the database kept it: other content still uses it.
func (e *Editor) Delete(ctx context.Context, it content.Item, version int, by store.Actor) (form.Problems, error) {
	k := it.Kind
	err := pgx.BeginFunc(ctx, e.pool, func(tx pgx.Tx) error {
		if err := content.Delete(ctx, tx, k, it.Key, version); err != nil {
			return err
		}
		return audit(ctx, tx, by, store.AuditEvent{Action: store.ActionContentDelete, ObjectKind: k.Name, ObjectKey: it.Key, ObjectLabel: it.Title()})
	})
	if msg := inUse(err); msg != "" {
		return form.Of(msg), nil
	}
	return nil, err
}

// inUse explains a deletion refused because other content still uses the item.
func inUse(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23503" {
		return "This is still used by other content, so it was not deleted. Remove those uses first."
	}
	if iu := (*content.InUseError)(nil); errors.As(err, &iu) {
		return iu.Reason + " Nothing was deleted."
	}
	return ""
}

// Move moves a published item one place up (delta -1) or down (+1) in its
// kind's order.
func (e *Editor) Move(ctx context.Context, it content.Item, delta int, by store.Actor) error {
	k := it.Kind
	dir := "down"
	if delta < 0 {
		dir = "up"
	}
	return pgx.BeginFunc(ctx, e.pool, func(tx pgx.Tx) error {
		if err := content.Move(ctx, tx, k, it.Key, delta); err != nil {
			return err
		}
		return audit(ctx, tx, by, store.AuditEvent{Action: store.ActionContentMove, ObjectKind: k.Name, ObjectKey: it.Key,
			ObjectLabel: it.Title(), Detail: "moved " + dir})
	})
}

// PublishDue publishes every change whose scheduled time has come, each in
// its own transaction with its audit line, and returns how many it
// published. A change the checks of a save would refuse now (another page
// took its address meanwhile, an image it shows was deleted), or the
// database refuses, is not published: its schedule is cleared, the draft
// kept, and the editor and the dashboard tell staff why
// (content.ScheduleFailed), with one audit line; any other failure is
// logged and left scheduled, so one broken item does not hold up the rest.
func (e *Editor) PublishDue(ctx context.Context) (int, error) {
	due, err := content.DueItems(ctx, e.pool, e.now())
	if err != nil {
		return 0, err
	}
	n := 0
	for _, d := range due {
		k, ok := e.kinds.Kind(d.Kind)
		if !ok {
			continue
		}
		var key, problem string
		err := pgx.BeginFunc(ctx, e.pool, func(tx pgx.Tx) error {
			var by store.Actor
			var err error
			if problem, err = e.scheduleRefused(ctx, k, d.Key); err != nil || problem != "" {
				return err
			}
			if key, by, err = content.PublishDue(ctx, tx, k, d.Key, e.now()); err != nil || key == "" {
				return err // "": another server published it first
			}
			ev := store.AuditEvent{Action: store.ActionContentPublish, ObjectKind: k.Name, ObjectKey: key, Detail: "published at its scheduled time"}
			if it, err := content.Get(ctx, tx, k, key); err == nil {
				ev.ObjectLabel = it.Title()
			}
			return audit(ctx, tx, by, ev)
		})
		if msg := refused(k, err); msg != "" {
			problem = msg
		} else if err != nil {
			e.logger.Error("scheduled publish failed", "kind", d.Kind, "key", d.Key, "error", err)
			continue
		}
		if problem != "" {
			if err := e.scheduleFailed(ctx, k, d.Key, problem); err != nil {
				e.logger.Error("scheduled publish refused", "kind", d.Kind, "key", d.Key, "problem", problem, "error", err)
			} else {
				e.logger.Warn("scheduled publish refused; staff are told in the editor", "kind", d.Kind, "key", d.Key, "problem", problem)
			}
			continue
		}
		if key == "" {
			continue
		}
		n++
		e.logger.Info("published at its scheduled time", "kind", k.Name, "key", key)
	}
	return n, nil
}

// scheduleRefused is what the checks of a save say of the due draft of
// k's item key now, in a sentence ("" when they accept it, or it is no
// longer due).
func (e *Editor) scheduleRefused(ctx context.Context, k *content.Kind, key string) (string, error) {
	it, err := content.Get(ctx, e.pool, k, key)
	if errors.Is(err, content.ErrNotFound) || (err == nil && (it.Draft == nil || it.PublishAt == nil)) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	problems, err := content.Validate(ctx, e.pool, k, key, it.Draft)
	if err != nil || problems.OK() {
		return "", err
	}
	var say []string
	for _, name := range slices.Sorted(maps.Keys(problems)) {
		label := name
		if base, lang, ok := strings.Cut(name, "."); ok {
			if f, ok := k.Field(base); ok {
				label = f.Label + " (" + strings.ToUpper(lang) + ")"
			}
		} else if f, ok := k.Field(name); ok {
			label = f.Label
		}
		if name == form.Whole {
			say = append(say, problems[name])
		} else {
			say = append(say, label+": "+problems[name])
		}
	}
	return strings.Join(say, " "), nil
}

// scheduleFailed clears the schedule of k's item key, records why, and
// writes the audit line, as done by whoever scheduled it.
func (e *Editor) scheduleFailed(ctx context.Context, k *content.Kind, key, problem string) error {
	return pgx.BeginFunc(ctx, e.pool, func(tx pgx.Tx) error {
		it, err := content.Get(ctx, tx, k, key)
		if err != nil {
			return err
		}
		var by store.Actor
		if err := tx.QueryRow(ctx, `SELECT c.updated_by, coalesce(u.name, '') FROM content_items c LEFT JOIN users u ON u.id = c.updated_by
			WHERE c.kind = $1 AND c.key = $2`, k.Name, key).Scan(&by.ID, &by.Name); err != nil {
			return err
		}
		if err := content.ScheduleFailed(ctx, tx, k, key, problem); err != nil {
			return err
		}
		return audit(ctx, tx, by, store.AuditEvent{Action: store.ActionContentScheduleFailed, ObjectKind: k.Name, ObjectKey: key,
			ObjectLabel: it.Title(), Detail: problem})
	})
}

// Chores are the editor's periodic jobs: publishing what is due. The job
// queue runs each on one server at a time.
func (e *Editor) Chores() []jobs.Chore {
	return []jobs.Chore{
		{Name: "publish-scheduled-content", Interval: SchedulerInterval, Run: func(ctx context.Context) error {
			_, err := e.PublishDue(ctx)
			return err
		}},
	}
}

// audit records ev in tx as done by by: the line commits with the change
// or not at all.
func audit(ctx context.Context, tx pgx.Tx, by store.Actor, ev store.AuditEvent) error {
	ev.ActorID, ev.Actor, ev.IP = by.ID, by.Name, by.IP
	if err := store.FromTx(tx).Audit(ctx, ev); err != nil {
		return fmt.Errorf("editing: %w", err)
	}
	return nil
}
