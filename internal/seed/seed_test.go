package seed_test

import (
	"context"
	"errors"
	"testing"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/dbtest"
	"github.com/sswalliance/advocacy/internal/seed"
	"github.com/sswalliance/advocacy/internal/store"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

func TestLoadRefusesExistingContentUnlessForced(t *testing.T) {
	ctx := context.Background()
	st := store.New(dbtest.New(t))
	if has, _ := st.HasContent(ctx); has {
		t.Fatal("a fresh database has content: demo rows must not come from migrations")
	}
	if err := seed.Load(ctx, st, false); err != nil {
		t.Fatal(err)
	}
	home, err := st.Page(ctx, "home", "en")
	if err != nil {
		t.Fatal(err)
	}
	if len(home.Sections) != 6 {
		t.Errorf("home has %d sections, want one per navigation section (6)", len(home.Sections))
	}

	// An editor's change survives a refused seed...
	edited, err := content.PageKind.Load(ctx, st.Conn(), "home")
	if err != nil {
		t.Fatal(err)
	}
	edited["title.en"] = "Edited by staff"
	if _, err := content.PageKind.Save(ctx, st.Conn(), "home", edited); err != nil {
		t.Fatal(err)
	}
	if err := seed.Load(ctx, st, false); !errors.Is(err, seed.ErrHasContent) {
		t.Fatalf("second seed = %v, want ErrHasContent", err)
	}
	if p, _ := st.Page(ctx, "home", "en"); p.Title != "Edited by staff" {
		t.Errorf("refused seed changed content: %q", p.Title)
	}
	// ...and is replaced by a forced one.
	if err := seed.Load(ctx, st, true); err != nil {
		t.Fatal(err)
	}
	if p, _ := st.Page(ctx, "home", "en"); p.Title == "Edited by staff" {
		t.Error("forced seed kept the old content")
	}
}

// BenchmarkLoad times seeding a fresh database, as `make run` and many
// tests do: the demo content must stay quick to write.
func BenchmarkLoad(b *testing.B) {
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		st := store.New(dbtest.New(b))
		b.StartTimer()
		if err := seed.Load(ctx, st, false); err != nil {
			b.Fatal(err)
		}
	}
}
