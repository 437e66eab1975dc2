package content

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sswalliance/advocacy/internal/store"
)

// ErrConflict is returned when someone else saved the item since the form
// was opened (its version moved on).
var ErrConflict = errors.New("content: changed by someone else since you opened it")

// ErrNoDraft is returned when publishing an item with no unpublished changes.
var ErrNoDraft = errors.New("content: nothing to publish")

// Status is where an item stands between draft and public.
type Status string

const (
	StatusPublished Status = "published" // the public site shows the latest version
	StatusChanged   Status = "changed"   // published, with newer unpublished changes
	StatusScheduled Status = "scheduled" // unpublished changes will be published at PublishAt
	StatusDraft     Status = "draft"     // never published
	// StatusNotPublished is unpublished changes whose scheduled publish
	// was refused (ScheduleProblem says why).
	StatusNotPublished Status = "not-published"
)

// Label is the status in words.
func (s Status) Label() string {
	switch s {
	case StatusChanged:
		return "Unpublished changes"
	case StatusScheduled:
		return "Scheduled"
	case StatusDraft:
		return "Draft"
	case StatusNotPublished:
		return "Scheduled publish failed"
	default:
		return "Published"
	}
}

// Item is one item's editing state with its live and current versions.
type Item struct {
	Kind      *Kind
	Key       string
	Parent    string
	Version   int // the version a form must send back to save (0: never saved here)
	Live      Doc // the published version; nil when never published
	Draft     Doc // unpublished changes; nil when none
	PublishAt *time.Time
	// ScheduleProblem is why the last scheduled publish did not happen
	// ("" when it did, or none was set since the item was last saved).
	ScheduleProblem string
	UpdatedAt       time.Time
	UpdatedBy       string
}

// Current is what the editor shows: the draft if there is one, else the
// published version.
func (it Item) Current() Doc {
	if it.Draft != nil {
		return it.Draft
	}
	return it.Live
}

// Status says whether it is published, changed, scheduled or a draft.
func (it Item) Status() Status {
	switch {
	case it.ScheduleProblem != "" && it.PublishAt == nil && it.Draft != nil:
		return StatusNotPublished
	case it.Live == nil:
		if it.PublishAt != nil {
			return StatusScheduled
		}
		return StatusDraft
	case it.PublishAt != nil:
		return StatusScheduled
	case it.Draft != nil:
		return StatusChanged
	}
	return StatusPublished
}

// Title is the item's title in its current version.
func (it Item) Title() string {
	if t := it.Kind.Title(it.Current()); t != "" {
		return t
	}
	return "Untitled " + strings.ToLower(it.Kind.Label)
}

// Published reports whether the item is on the public site.
func (it Item) Published() bool { return it.Live != nil }

// Get returns the item of kind k with key.
func Get(ctx context.Context, db DB, k *Kind, key string) (Item, error) {
	it := Item{Kind: k, Key: key}
	var draft map[string]string
	var published *bool
	err := db.QueryRow(ctx, `
		SELECT c.parent, c.version, c.draft, c.publish_at, coalesce(c.schedule_problem, ''), c.published, c.updated_at, coalesce(u.name, '')
		FROM content_items c LEFT JOIN users u ON u.id = c.updated_by
		WHERE c.kind = $1 AND c.key = $2`, k.Name, key).
		Scan(&it.Parent, &it.Version, &draft, &it.PublishAt, &it.ScheduleProblem, &published, &it.UpdatedAt, &it.UpdatedBy)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return Item{}, fmt.Errorf("content: get %s %s: %w", k.Name, key, err)
	}
	if draft != nil {
		it.Draft = draft
	}
	if published == nil || *published {
		live, err := k.Load(ctx, db, key)
		switch {
		case errors.Is(err, ErrNotFound):
			if it.Draft == nil {
				return Item{}, fmt.Errorf("content: %s %s: %w", k.Name, key, ErrNotFound)
			}
		case err != nil:
			return Item{}, err
		default:
			it.Live = live
		}
	}
	if it.Parent == "" && k.ParentField != "" {
		it.Parent = it.Current()[k.ParentField]
	}
	return it, nil
}

// ListItem is an item as the admin lists it.
type ListItem struct {
	Entry
	Status Status
}

// List returns the items of kind k (under parent), live ones in their order
// and then those never published, each with its status.
func List(ctx context.Context, db DB, k *Kind, parent string) ([]ListItem, error) {
	entries, err := k.List(ctx, db, parent)
	if err != nil {
		return nil, err
	}
	type state struct {
		draft     map[string]string
		publishAt *time.Time
		published bool
	}
	states := map[string]state{}
	var order []string
	rows, _ := db.Query(ctx, `
		SELECT key, draft, publish_at, published FROM content_items
		WHERE kind = $1 AND ($2 = '' OR parent = $2) ORDER BY updated_at`, k.Name, parent)
	var key string
	var st state
	_, err = pgx.ForEachRow(rows, []any{&key, &st.draft, &st.publishAt, &st.published}, func() error {
		states[key] = st
		order = append(order, key)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("content: list %s: %w", k.Name, err)
	}
	out := make([]ListItem, 0, len(entries))
	for _, e := range entries {
		it := ListItem{Entry: e, Status: StatusPublished}
		if st, ok := states[e.Key]; ok {
			if st.draft != nil {
				it.Status = StatusChanged
				if t := k.Title(st.draft); t != "" {
					it.Title = t
				}
			}
			if st.publishAt != nil {
				it.Status = StatusScheduled
			}
		}
		out = append(out, it)
	}
	for _, key := range order {
		st := states[key]
		if st.published || st.draft == nil {
			continue
		}
		it := ListItem{Entry: Entry{Key: key, Title: k.Title(st.draft)}, Status: StatusDraft}
		if st.publishAt != nil {
			it.Status = StatusScheduled
		}
		if it.Title == "" {
			it.Title = "Untitled " + strings.ToLower(k.Label)
		}
		out = append(out, it)
	}
	return out, nil
}

// track makes sure a live item has its content_items row, recording the
// live version as the "original" revision the first time staff touch it, so
// history can always go back to what was there before.
func track(ctx context.Context, db DB, k *Kind, key string) error {
	var exists bool
	if err := db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM content_items WHERE kind = $1 AND key = $2)`, k.Name, key).Scan(&exists); err != nil {
		return fmt.Errorf("content: track %s %s: %w", k.Name, key, err)
	}
	if exists {
		return nil
	}
	live, err := k.Load(ctx, db, key)
	if err != nil {
		return err
	}
	parent := ""
	if k.ParentField != "" {
		parent = live[k.ParentField]
	}
	added, err := addItem(ctx, db, k, key, parent, true)
	if err != nil {
		return fmt.Errorf("content: track %s %s: %w", k.Name, key, err)
	}
	if added {
		if err := addRevision(ctx, db, k, key, 0, live, "original", "As it was before anyone edited it here", store.Actor{}); err != nil {
			return fmt.Errorf("content: track %s %s: %w", k.Name, key, err)
		}
	}
	return nil
}

// addItem writes the item's content_items row at version 0, unless it has
// one: published says whether the item is live already (staff touching it
// for the first time) or new. It reports whether it added the row. This
// and addRevision are the only writers of the editor's two tables.
func addItem(ctx context.Context, db DB, k *Kind, key, parent string, published bool) (bool, error) {
	tag, err := db.Exec(ctx, `
		INSERT INTO content_items (kind, key, parent, version, published) VALUES ($1, $2, $3, 0, $4)
		ON CONFLICT DO NOTHING`, k.Name, key, parent, published)
	if err != nil {
		return false, err
	}
	return tag.RowsAffected() == 1, nil
}

// addRevision records doc as the item's revision at version.
func addRevision(ctx context.Context, db DB, k *Kind, key string, version int, doc Doc, action, note string, by store.Actor) error {
	_, err := db.Exec(ctx, `INSERT INTO revisions (kind, key, version, doc, action, note, author_id, author) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		k.Name, key, version, map[string]string(doc), action, note, by.ID, by.Name)
	return err
}

// bump moves the item from version to version+1 with draft as its pending
// changes (nil: none), recording rev as that version's revision; it fails
// with ErrConflict when the item is no longer at version.
func bump(ctx context.Context, db DB, k *Kind, key string, version int, draft, rev Doc, action, note string, by store.Actor) (int, error) {
	var next int
	err := db.QueryRow(ctx, `
		UPDATE content_items SET version = version + 1, draft = $4, updated_at = now(), updated_by = $5, schedule_problem = NULL,
			publish_at = CASE WHEN $4::jsonb IS NULL THEN NULL ELSE publish_at END
		WHERE kind = $1 AND key = $2 AND version = $3 RETURNING version`,
		k.Name, key, version, map[string]string(draft), by.ID).Scan(&next)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, ErrConflict
	}
	if err != nil {
		return 0, fmt.Errorf("content: save %s %s: %w", k.Name, key, err)
	}
	if err := addRevision(ctx, db, k, key, next, rev, action, note, by); err != nil {
		return 0, fmt.Errorf("content: save %s %s revision: %w", k.Name, key, err)
	}
	if err := syncMediaUses(ctx, db, k, key, draft, rev); err != nil {
		return 0, err
	}
	return next, nil
}

// SaveDraft stores d as the item's unpublished changes, if the item is
// still at version (else ErrConflict). It returns the new version.
func SaveDraft(ctx context.Context, db DB, k *Kind, key string, version int, d Doc, by store.Actor) (int, error) {
	if err := track(ctx, db, k, key); err != nil {
		return 0, err
	}
	return bump(ctx, db, k, key, version, d, d, "draft", "", by)
}

// Create stores a new, never published item as a draft under a provisional
// key, which it returns.
func Create(ctx context.Context, db DB, k *Kind, parent string, d Doc, by store.Actor) (string, error) {
	var n int64
	if err := db.QueryRow(ctx, `SELECT nextval('content_new_keys')`).Scan(&n); err != nil {
		return "", fmt.Errorf("content: create %s: %w", k.Name, err)
	}
	key := "new-" + strconv.FormatInt(n, 10)
	if _, err := addItem(ctx, db, k, key, parent, false); err != nil {
		return "", fmt.Errorf("content: create %s: %w", k.Name, err)
	}
	if _, err := bump(ctx, db, k, key, 0, d, d, "draft", "Created", by); err != nil {
		return "", err
	}
	return key, nil
}

// IsProvisional reports whether key is a never-published item's
// provisional key.
func IsProvisional(key string) bool { return strings.HasPrefix(key, "new-") }

// Publish writes the item's draft into the live tables. version is the
// version the publisher saw (-1 skips the check, for scheduled publishing).
// It returns the item's key, which changes on first publish and when the
// draft changes the item's slug.
func Publish(ctx context.Context, db DB, k *Kind, key string, version int, by store.Actor) (string, error) {
	var current int
	var draft map[string]string
	var published bool
	err := db.QueryRow(ctx, `SELECT version, draft, published FROM content_items WHERE kind = $1 AND key = $2 FOR UPDATE`,
		k.Name, key).Scan(&current, &draft, &published)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", ErrNoDraft
	}
	if err != nil {
		return "", fmt.Errorf("content: publish %s %s: %w", k.Name, key, err)
	}
	if version >= 0 && current != version {
		return "", ErrConflict
	}
	if draft == nil {
		return "", ErrNoDraft
	}
	liveKey := key
	if !published {
		liveKey = ""
	}
	var oldPath string
	if published && k.RedirectMoves && k.PublicPath != nil {
		live, err := k.Load(ctx, db, key)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return "", err
		}
		if live != nil {
			oldPath = k.PublicPath(key, live)
		}
	}
	if liveKey == "" {
		// A new item takes the end of its list: see lockOrder.
		if err := lockOrder(ctx, db, k); err != nil {
			return "", fmt.Errorf("content: publish %s %s: %w", k.Name, key, err)
		}
	}
	newKey, err := k.Save(ctx, db, liveKey, draft)
	if err != nil {
		return "", err
	}
	if newPath := k.PublicPath; oldPath != "" && newPath(newKey, draft) != oldPath {
		if err := moved(ctx, db, oldPath, newPath(newKey, draft)); err != nil {
			return "", err
		}
	}
	if newKey != key {
		// Revisions follow (ON UPDATE CASCADE). A stale row left under the
		// new key by an item deleted outside the admin goes first.
		if _, err := db.Exec(ctx, `DELETE FROM content_items WHERE kind = $1 AND key = $2`, k.Name, newKey); err != nil {
			return "", fmt.Errorf("content: publish %s %s: %w", k.Name, key, err)
		}
		if _, err := db.Exec(ctx, `UPDATE content_items SET key = $3 WHERE kind = $1 AND key = $2`, k.Name, key, newKey); err != nil {
			return "", fmt.Errorf("content: publish %s %s as %s: %w", k.Name, key, newKey, err)
		}
		if err := store.SetMediaUses(ctx, db, k.Name, key, nil); err != nil {
			return "", err
		}
		// Children follow: their rows, and the parent key inside their drafts.
		for _, c := range builtin {
			if c.Parent != k.Name {
				continue
			}
			if _, err := db.Exec(ctx, `
				UPDATE content_items SET parent = $3,
					draft = CASE WHEN draft IS NULL THEN NULL ELSE jsonb_set(draft, ARRAY[$4::text], to_jsonb($3::text)) END
				WHERE kind = $1 AND parent = $2`, c.Name, key, newKey, c.ParentField); err != nil {
				return "", fmt.Errorf("content: publish %s %s: children: %w", k.Name, key, err)
			}
		}
	}
	if _, err := bump(ctx, db, k, newKey, current, nil, draft, "publish", "", by); err != nil {
		return "", err
	}
	if _, err := db.Exec(ctx, `UPDATE content_items SET published = true, publish_at = NULL, parent = $3 WHERE kind = $1 AND key = $2`,
		k.Name, newKey, parentOf(k, draft)); err != nil {
		return "", fmt.Errorf("content: publish %s %s: %w", k.Name, key, err)
	}
	return newKey, nil
}

func parentOf(k *Kind, d Doc) string {
	if k.ParentField == "" {
		return ""
	}
	return d[k.ParentField]
}

// childKinds names the kinds whose parent is k, for queries on
// content_items.parent. Kinds register their parents by name, so this
// needs no registry.
func childKinds(k *Kind) []string {
	var out []string
	for _, c := range builtin {
		if c.Parent == k.Name {
			out = append(out, c.Name)
		}
	}
	return out
}

// Schedule sets (or, with at nil, clears) the time the item's draft is
// published by itself.
func Schedule(ctx context.Context, db DB, k *Kind, key string, version int, at *time.Time, by store.Actor) (int, error) {
	var next int
	var draft map[string]string
	err := db.QueryRow(ctx, `
		UPDATE content_items SET publish_at = $4, version = version + 1, updated_at = now(), updated_by = $5, schedule_problem = NULL
		WHERE kind = $1 AND key = $2 AND version = $3 AND draft IS NOT NULL RETURNING version, draft`,
		k.Name, key, version, at, by.ID).Scan(&next, &draft)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, ErrConflict
	}
	if err != nil {
		return 0, fmt.Errorf("content: schedule %s %s: %w", k.Name, key, err)
	}
	// The revision log records versions; a schedule keeps the same doc.
	if err := addRevision(ctx, db, k, key, next, draft, "draft", scheduleNote(at), by); err != nil {
		return 0, fmt.Errorf("content: schedule %s %s: %w", k.Name, key, err)
	}
	return next, nil
}

func scheduleNote(at *time.Time) string {
	if at == nil {
		return "Schedule cleared"
	}
	return "Scheduled to publish at " + at.UTC().Format("2006-01-02 15:04 UTC")
}

// Discard drops the item's unpublished changes (for a never-published
// item, the item itself).
func Discard(ctx context.Context, db DB, k *Kind, key string, version int, by store.Actor) error {
	it, err := Get(ctx, db, k, key)
	if err != nil {
		return err
	}
	if it.Version != version {
		return ErrConflict
	}
	if !it.Published() {
		if err := store.SetMediaUses(ctx, db, k.Name, key, nil); err != nil {
			return err
		}
		_, err := db.Exec(ctx, `DELETE FROM content_items WHERE kind = $1 AND key = $2`, k.Name, key)
		return err
	}
	_, err = bump(ctx, db, k, key, version, nil, it.Live, "draft", "Unpublished changes discarded", by)
	if err == nil {
		_, err = db.Exec(ctx, `UPDATE content_items SET publish_at = NULL WHERE kind = $1 AND key = $2`, k.Name, key)
	}
	return err
}

// Delete removes the item from the public site and its editing history,
// with the editing state of the items that belonged to it.
func Delete(ctx context.Context, db DB, k *Kind, key string, version int) error {
	it, err := Get(ctx, db, k, key)
	if err != nil {
		return err
	}
	if it.Version != version {
		return ErrConflict
	}
	if err := forgetMediaUses(ctx, db, k, key); err != nil {
		return err
	}
	if it.Published() {
		if err := k.Delete(ctx, db, key); err != nil {
			return err
		}
	}
	if _, err := db.Exec(ctx, `DELETE FROM content_items WHERE (kind = $1 AND key = $2) OR (kind = ANY($3) AND parent = $2)`,
		k.Name, key, childKinds(k)); err != nil {
		return fmt.Errorf("content: delete %s %s: %w", k.Name, key, err)
	}
	return nil
}

// lockOrder makes the changes to the order of k's items go one at a time,
// until db's transaction ends, on every instance. A move swaps two rows
// through a parked position, so two at once (two tabs, two people) would
// take the same rows in opposite orders, a deadlock, or swap from
// positions the other just changed; a new item takes the place after the
// last (max(position)+1), so two new ones at once would take the same
// one, and the second be refused.
func lockOrder(ctx context.Context, db DB, k *Kind) error {
	_, err := db.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('content move'), hashtext($1))`, k.Name)
	return err
}

// Move moves a live item one place up (-1) or down (+1), in db's
// transaction, after lockOrder.
func Move(ctx context.Context, db DB, k *Kind, key string, delta int) error {
	if err := lockOrder(ctx, db, k); err != nil {
		return fmt.Errorf("content: move %s %s: %w", k.Name, key, err)
	}
	if !k.PositionalKeys {
		return k.Move(ctx, db, key, delta)
	}
	it, err := Get(ctx, db, k, key)
	if err != nil {
		return err
	}
	before, err := k.List(ctx, db, it.Parent)
	if err != nil {
		return err
	}
	i := -1
	for j, e := range before {
		if e.Key == key {
			i = j
		}
	}
	if i < 0 || i+delta < 0 || i+delta >= len(before) {
		return nil
	}
	if err := k.Move(ctx, db, key, delta); err != nil {
		return err
	}
	// The two items swapped keys; their drafts and history swap too.
	other := before[i+delta].Key
	for _, step := range [][2]string{{key, "\x00moving"}, {other, key}, {"\x00moving", other}} {
		if _, err := db.Exec(ctx, `UPDATE content_items SET key = $3 WHERE kind = $1 AND key = $2`, k.Name, step[0], step[1]); err != nil {
			return fmt.Errorf("content: move %s %s: %w", k.Name, key, err)
		}
	}
	return nil
}

// Revision is one saved version of an item.
type Revision struct {
	ID        int64
	Version   int
	Action    string // original, draft, publish, restore
	Note      string
	Author    string
	CreatedAt time.Time
	Doc       Doc
}

// ActionLabel is the revision's action in words.
func (r Revision) ActionLabel() string {
	switch r.Action {
	case "original":
		return "Original"
	case "publish":
		return "Published"
	case "restore":
		return "Restored"
	}
	return "Saved draft"
}

// RevisionDoc returns revision id of item key: ErrNotFound when the item
// has no such revision.
func RevisionDoc(ctx context.Context, db DB, k *Kind, key string, id int64) (Doc, error) {
	var doc map[string]string
	err := db.QueryRow(ctx, `SELECT coalesce(doc, '{}') FROM revisions WHERE id = $1 AND kind = $2 AND key = $3`, id, k.Name, key).Scan(&doc)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("content: revision %d of %s %s: %w", id, k.Name, key, err)
	}
	return doc, nil
}

// Revisions returns the item's revisions, newest first.
func Revisions(ctx context.Context, db DB, k *Kind, key string) ([]Revision, error) {
	rows, _ := db.Query(ctx, `
		SELECT id, version, action, note, author, created_at, coalesce(doc, '{}') FROM revisions
		WHERE kind = $1 AND key = $2 ORDER BY version DESC`, k.Name, key)
	revs, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (Revision, error) {
		var r Revision
		var doc map[string]string
		err := row.Scan(&r.ID, &r.Version, &r.Action, &r.Note, &r.Author, &r.CreatedAt, &doc)
		r.Doc = doc
		return r, err
	})
	if err != nil {
		return nil, fmt.Errorf("content: revisions of %s %s: %w", k.Name, key, err)
	}
	return revs, nil
}

// Restore makes revision id the item's current version again: saved as a
// new revision and, when the item is on the public site, published at once.
// It returns the item's (possibly new) key.
func Restore(ctx context.Context, db DB, k *Kind, key string, version int, id int64, by store.Actor) (string, error) {
	var doc map[string]string
	var v int
	err := db.QueryRow(ctx, `SELECT doc, version FROM revisions WHERE id = $1 AND kind = $2 AND key = $3`, id, k.Name, key).Scan(&doc, &v)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", ErrNotFound
	}
	if err != nil {
		return "", fmt.Errorf("content: restore %s %s: %w", k.Name, key, err)
	}
	it, err := Get(ctx, db, k, key)
	if err != nil {
		return "", err
	}
	next, err := bump(ctx, db, k, key, version, doc, doc, "restore", fmt.Sprintf("Restored version %d", v), by)
	if err != nil {
		return "", err
	}
	if !it.Published() {
		return key, nil
	}
	return Publish(ctx, db, k, key, next, by)
}

// Due is an item whose scheduled publish time has come.
type Due struct {
	Kind, Key string
}

// DueItems returns the items scheduled to publish at or before now.
func DueItems(ctx context.Context, db DB, now time.Time) ([]Due, error) {
	rows, _ := db.Query(ctx, `SELECT kind, key FROM content_items WHERE publish_at <= $1 ORDER BY publish_at`, now)
	due, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Due])
	if err != nil {
		return nil, fmt.Errorf("content: due items: %w", err)
	}
	return due, nil
}

// ScheduleFailed records that the item's scheduled publish was refused,
// and why (problem, in words for staff): the schedule is cleared, so it
// is not tried again every minute, and the draft is kept as it was.
func ScheduleFailed(ctx context.Context, db DB, k *Kind, key, problem string) error {
	if r := []rune(problem); len(r) > 2000 {
		problem = string(r[:1999]) + "…"
	}
	if _, err := db.Exec(ctx, `UPDATE content_items SET publish_at = NULL, schedule_problem = $3 WHERE kind = $1 AND key = $2`,
		k.Name, key, problem); err != nil {
		return fmt.Errorf("content: schedule of %s %s failed: %w", k.Name, key, err)
	}
	return nil
}

// PublishDue publishes one due item, if it is still due (another server
// may have got there first: then it returns "", nil). It returns the
// item's key after publishing, and who scheduled it.
func PublishDue(ctx context.Context, db DB, k *Kind, key string, now time.Time) (string, store.Actor, error) {
	var by store.Actor
	err := db.QueryRow(ctx, `
		SELECT c.updated_by, coalesce(u.name, '') FROM content_items c LEFT JOIN users u ON u.id = c.updated_by
		WHERE c.kind = $1 AND c.key = $2 AND c.publish_at <= $3 FOR UPDATE OF c SKIP LOCKED`, k.Name, key, now).Scan(&by.ID, &by.Name)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", by, nil
	}
	if err != nil {
		return "", by, fmt.Errorf("content: publish due %s %s: %w", k.Name, key, err)
	}
	newKey, err := Publish(ctx, db, k, key, -1, by)
	return newKey, by, err
}
