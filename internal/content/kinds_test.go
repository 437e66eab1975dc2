package content_test

import (
	"context"
	"errors"
	"maps"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/sswalliance/advocacy/internal/content"
)

// errRollback ends a test transaction without committing it.
var errRollback = errors.New("rollback")

// TestEveryKindRoundTrips holds every kind to its contract on the demo
// content: what Load returns, Save writes back unchanged, under the same
// key; a new item saves, loads and deletes; List shows it.
func TestEveryKindRoundTrips(t *testing.T) {
	reg, err := content.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	pool := seeded(t)
	ctx := context.Background()
	parents := map[string][]string{} // kind -> the keys of its live items
	for _, k := range reg.Kinds() {
		t.Run(k.Name, func(t *testing.T) {
			candidates := []string{""}
			if k.Parent != "" {
				candidates = parents[k.Parent]
			}
			// The first parent holding any children (not every edition has days).
			var parent string
			var entries []content.Entry
			for _, parent = range candidates {
				var err error
				if entries, err = k.List(ctx, pool, parent); err != nil {
					t.Fatal(err)
				}
				if len(entries) > 0 {
					break
				}
			}
			if len(entries) == 0 {
				t.Fatalf("no %s in the demo content", k.Plural)
			}
			for _, e := range entries {
				parents[k.Name] = append(parents[k.Name], e.Key)
			}
			for _, e := range entries {
				if e.Key == "" || e.Title == "" {
					t.Errorf("entry %+v lacks a key or title", e)
				}
			}
			err = pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
				for _, e := range entries[:min(3, len(entries))] {
					d, err := k.Load(ctx, tx, e.Key)
					if err != nil {
						t.Fatalf("Load(%q): %v", e.Key, err)
					}
					if got := k.Title(d); got == "" {
						t.Errorf("Title of %q is empty", e.Key)
					}
					key, err := k.Save(ctx, tx, e.Key, d)
					if err != nil {
						t.Fatalf("Save(%q) unchanged: %v", e.Key, err)
					}
					if key != e.Key {
						t.Errorf("Save(%q) unchanged returned key %q", e.Key, key)
					}
					again, err := k.Load(ctx, tx, key)
					if err != nil {
						t.Fatal(err)
					}
					if !maps.Equal(d, again) {
						t.Errorf("Load after Save differs:\n before %v\n after  %v", d, again)
					}
				}
				if _, err := k.Load(ctx, tx, "no-such-item-404"); !errors.Is(err, content.ErrNotFound) {
					t.Errorf("Load of a missing key: %v, want ErrNotFound", err)
				}
				if k.Ordered && len(entries) > 1 {
					if err := k.Move(ctx, tx, entries[0].Key, +1); err != nil {
						t.Fatalf("Move: %v", err)
					}
					moved, err := k.List(ctx, tx, parent)
					if err != nil {
						t.Fatal(err)
					}
					if moved[1].Title != entries[0].Title {
						t.Errorf("after moving %q down, list is %v", entries[0].Title, moved)
					}
				}
				return errRollback
			})
			if !errors.Is(err, errRollback) {
				t.Fatal(err)
			}
		})
	}
}
