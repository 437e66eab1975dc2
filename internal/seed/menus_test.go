package seed_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/sswalliance/advocacy/internal/dbtest"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/seed"
	"github.com/sswalliance/advocacy/internal/store"
)

// TestSeedWritesTheMenusTheMigrationMade: a site never seeded has the
// menus migration 00022 wrote; the seed writes the same, and a forced
// seed puts back menus staff changed.
func TestSeedWritesTheMenusTheMigrationMade(t *testing.T) {
	ctx := context.Background()
	pool := dbtest.New(t)
	st := store.New(pool)
	migrated := map[i18n.Lang]store.Menus{}
	for _, l := range i18n.Langs {
		m, err := st.Menus(ctx, l)
		if err != nil {
			t.Fatal(err)
		}
		if len(m.Main.Entries) != 6 || len(m.Footer.Entries) != 4 {
			t.Fatalf("%s: migrated menus %+v", l, m)
		}
		migrated[l] = m
	}
	check := func(when string) {
		t.Helper()
		for _, l := range i18n.Langs {
			m, err := st.Menus(ctx, l)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(m, migrated[l]) {
				t.Errorf("%s, %s: menus\n %+v\nwant the migration's\n %+v", when, l, m, migrated[l])
			}
		}
	}
	if err := seed.Load(ctx, st, false); err != nil {
		t.Fatal(err)
	}
	check("seeded")

	if _, err := pool.Exec(ctx, `UPDATE menu_entry_texts SET label = 'Changed'; UPDATE menu_texts SET name = 'Changed'`); err != nil {
		t.Fatal(err)
	}
	if err := seed.Load(ctx, st, true); err != nil {
		t.Fatal(err)
	}
	check("seeded again, forced")
}
