package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/sswalliance/advocacy/internal/content"
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
	page := content.Doc{"title.en": "T", "intro.en": "I", "body.en": "B"}
	var first string
	err := st.InTx(ctx, func(tx *store.Store) error {
		if _, err := content.PageKind.Save(ctx, tx.Conn(), "home", page); err != nil {
			return err
		}
		var err error
		if first, err = publish(ctx, tx, content.SectionKind, "home", content.Doc{"heading.en": "One", "link_path": "/one"}); err != nil {
			return err
		}
		_, err = publish(ctx, tx, content.SectionKind, "home", content.Doc{"heading.en": "Two", "link_path": "/two"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// A card taken off goes from the page.
	if err := content.SectionKind.Delete(ctx, st.Conn(), first); err != nil {
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
	page["title.es"] = "T en español"
	if _, err := content.PageKind.Save(ctx, st.Conn(), "home", page); err != nil {
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
	err := st.InTx(ctx, func(tx *store.Store) error {
		if _, err := content.PageKind.Save(ctx, tx.Conn(), "home", content.Doc{"title.en": "T"}); err != nil {
			return err
		}
		if _, err := publish(ctx, tx, content.SectionKind, "home", content.Doc{"heading.en": "Fine", "link_path": "/fine"}); err != nil {
			return err
		}
		_, err := publish(ctx, tx, content.SectionKind, "home", content.Doc{"heading.en": "Broken", "link_path": "no-leading-slash"})
		return err
	})
	if err == nil {
		t.Fatal("saving a section with a relative link succeeded")
	}
	if has, err := st.HasContent(ctx); err != nil || has {
		t.Errorf("after a failed save: has content %v, err %v", has, err)
	}
}
