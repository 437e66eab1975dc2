package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/sswalliance/advocacy/internal/dbtest"
	"github.com/sswalliance/advocacy/internal/store"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

func TestPageRoundTrip(t *testing.T) {
	ctx := context.Background()
	st := store.New(dbtest.New(t))
	if _, err := st.Page(ctx, "home", "en"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("missing page: %v, want ErrNotFound", err)
	}
	want := store.Page{Slug: "home", Lang: "en", Title: "T", Intro: "I", Body: "B",
		Sections: []store.Section{{Heading: "One", LinkPath: "/one"}, {Heading: "Two", LinkPath: "/two"}}}
	if err := st.InTx(ctx, func(tx *store.Store) error { return tx.SavePage(ctx, want) }); err != nil {
		t.Fatal(err)
	}
	// Saving again replaces the sections rather than adding to them.
	want.Sections = want.Sections[1:]
	if err := st.InTx(ctx, func(tx *store.Store) error { return tx.SavePage(ctx, want) }); err != nil {
		t.Fatal(err)
	}
	got, err := st.Page(ctx, "home", "en")
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "T" || len(got.Sections) != 1 || got.Sections[0].Heading != "Two" {
		t.Errorf("got %+v", got)
	}
	// Without a Spanish version, the English one is returned and says so.
	es, err := st.Page(ctx, "home", "es")
	if err != nil || es.Lang != "en" || es.Title != "T" {
		t.Errorf("untranslated page in es: %+v, %v; want the English version", es, err)
	}
	want.Lang, want.Title, want.Sections = "es", "T en español", nil
	if err := st.InTx(ctx, func(tx *store.Store) error { return tx.SavePage(ctx, want) }); err != nil {
		t.Fatal(err)
	}
	if es, err := st.Page(ctx, "home", "es"); err != nil || es.Lang != "es" || es.Title != "T en español" {
		t.Errorf("translated page in es: %+v, %v", es, err)
	}
}

// A failure part-way through a save leaves nothing half written.
func TestSavePageIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	st := store.New(dbtest.New(t))
	bad := store.Page{Slug: "home", Lang: "en", Title: "T",
		Sections: []store.Section{{Heading: "Fine", LinkPath: "/fine"}, {Heading: "Broken", LinkPath: "no-leading-slash"}}}
	if err := st.InTx(ctx, func(tx *store.Store) error { return tx.SavePage(ctx, bad) }); err == nil {
		t.Fatal("saving a section with a relative link succeeded")
	}
	if has, err := st.HasContent(ctx); err != nil || has {
		t.Errorf("after a failed save: has content %v, err %v", has, err)
	}
}
