package content_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/form"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/store"
)

func TestMenuTargetIsASitePathOrAnHTTPSAddress(t *testing.T) {
	for _, target := range []string{
		"/", "/toolkit", "/about/team", "/resources?type=report", "/sswweek#2024",
		"https://example.org", "https://example.org/report.pdf", "https://x.com/SSWAlliance",
	} {
		if msg := content.MenuTargetProblem(target); msg != "" {
			t.Errorf("%q refused: %s", target, msg)
		}
	}
	for target, want := range map[string]string{
		"":                         "Enter the page",
		"toolkit":                  "starting with /",
		"//evil.example/x":         "single /",
		"/tool kit":                "no spaces",
		"/toolkit\t":               "no spaces",
		"/tool\u00a0kit":           "no spaces",
		`/tool\kit`:                "no backslashes",
		"http://example.org":       "https://",
		"HTTP://example.org":       "https://",
		"https://":                 "full address",
		"https:///path":            "full address",
		"https://user@example.org": "full address",
		"javascript:alert(1)":      "starting with /",
		"mailto:team@example.org":  "starting with /",
		"ftp://example.org":        "starting with /",
	} {
		if msg := content.MenuTargetProblem(target); !strings.Contains(msg, want) {
			t.Errorf("MenuTargetProblem(%q) = %q, want it to say %q", target, msg, want)
		}
	}
}

// A menu entry's page is written in English: the layout adds the visitor's
// language, so /es/toolkit would send Spanish visitors to /es/es/toolkit,
// a page not found.
func TestMenuTargetUnderALanguagePrefixIsRefusedWithTheEnglishAddress(t *testing.T) {
	for target, want := range map[string]string{
		"/es":         "/",
		"/es/":        "/",
		"/es/toolkit": "/toolkit",
		"/es?x=1":     "/?x=1",
	} {
		if msg := content.MenuTargetProblem(target); !strings.Contains(msg, "“"+want+"”") {
			t.Errorf("MenuTargetProblem(%q) = %q, want it to suggest %q", target, msg, want)
		}
	}
	for _, target := range []string{"/essays", "/es-guide", "/estudios/x"} {
		if msg := content.MenuTargetProblem(target); msg != "" {
			t.Errorf("%q refused: %s", target, msg)
		}
	}
}

// entryDoc is a menu entry of menu as the edit form posts it.
func entryDoc(menu, labelEN, labelES, target string) content.Doc {
	return content.Doc{"menu": menu, "label.en": labelEN, "label.es": labelES, "target": target}
}

func TestMenuEntryProblemsShowBesideTheirFields(t *testing.T) {
	pool := seeded(t)
	ctx := context.Background()
	k := content.MenuEntryKind
	for _, tc := range []struct {
		name string
		doc  content.Doc
		want map[string]string // doc key -> part of the message
	}{
		{"a page of the site", entryDoc("main", "Toolkit", "Herramientas", "/toolkit"), nil},
		{"another site, English only", entryDoc("footer", "Our report", "", "https://example.org/report"), nil},
		{"no label", entryDoc("main", "", "", "/toolkit"), map[string]string{"label.en": "Enter the label"}},
		{"label too long", entryDoc("main", strings.Repeat("a", 41), "", "/toolkit"), map[string]string{"label.en": "40 characters or fewer"}},
		{"Spanish label too long", entryDoc("main", "Toolkit", strings.Repeat("ñ", 41), "/toolkit"), map[string]string{"label.es": "40 characters or fewer"}},
		{"label of 40", entryDoc("main", strings.Repeat("é", 40), "", "/toolkit"), nil},
		{"no target", entryDoc("main", "Toolkit", "", ""), map[string]string{"target": "Enter the link"}},
		{"target with a space", entryDoc("main", "Toolkit", "", "/tool kit"), map[string]string{"target": "no spaces"}},
		{"protocol-relative target", entryDoc("main", "Toolkit", "", "//example.org"), map[string]string{"target": "single /"}},
		{"plain http", entryDoc("main", "Toolkit", "", "http://example.org"), map[string]string{"target": "https://"}},
		{"a menu that does not exist", entryDoc("sidebar", "Toolkit", "", "/toolkit"), map[string]string{form.Whole: "no menu"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			problems, err := content.Validate(ctx, pool, k, "", tc.doc)
			if err != nil {
				t.Fatal(err)
			}
			if len(problems) != len(tc.want) {
				t.Errorf("problems %v, want %d", problems, len(tc.want))
			}
			for key, part := range tc.want {
				if !strings.Contains(problems[key], part) {
					t.Errorf("problem on %s = %q, want it to say %q (all: %v)", key, problems[key], part, problems)
				}
			}
		})
	}
}

// TestMenusHoldAtMostTheirBound: the main menu takes 12 entries and the
// footer 24; the editor says so beside the form for one more, and the
// database refuses it however it is written.
func TestMenusHoldAtMostTheirBound(t *testing.T) {
	pool := seeded(t)
	ctx := context.Background()
	k := content.MenuEntryKind
	for menu, most := range map[string]int{"main": 12, "footer": 24} {
		t.Run(menu, func(t *testing.T) {
			err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
				entries, err := k.List(ctx, tx, menu)
				if err != nil {
					t.Fatal(err)
				}
				for i := len(entries); i < most; i++ {
					d := entryDoc(menu, "Entry "+strconv.Itoa(i), "", "/page-"+strconv.Itoa(i))
					if problems, err := content.Validate(ctx, tx, k, "", d); err != nil || !problems.OK() {
						t.Fatalf("entry %d of %d: %v %v", i+1, most, problems, err)
					}
					if _, err := k.Save(ctx, tx, "", d); err != nil {
						t.Fatalf("entry %d of %d: %v", i+1, most, err)
					}
				}
				full, err := k.List(ctx, tx, menu)
				if err != nil || len(full) != most {
					t.Fatalf("%d entries (%v), want %d", len(full), err, most)
				}
				one := entryDoc(menu, "One too many", "", "/more")
				problems, err := content.Validate(ctx, tx, k, "", one)
				if err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(problems[form.Whole], "at most "+strconv.Itoa(most)) {
					t.Errorf("one more entry: problems %v", problems)
				}
				// An entry already in the full menu can still be edited.
				existing, err := k.Load(ctx, tx, full[0].Key)
				if err != nil {
					t.Fatal(err)
				}
				existing["label.en"] = "Renamed"
				if problems, err := content.Validate(ctx, tx, k, full[0].Key, existing); err != nil || !problems.OK() {
					t.Errorf("editing an entry of a full menu: %v %v", problems, err)
				}
				_, err = k.Save(ctx, tx, "", one)
				var pgErr *pgconn.PgError
				if !errors.As(err, &pgErr) || pgErr.Code != "23514" || pgErr.ConstraintName != "menu_entries_bound" {
					t.Errorf("saving one more anyway: %v, want the bound's check violation", err)
				}
				return errRollback
			})
			if !errors.Is(err, errRollback) {
				t.Fatal(err)
			}
		})
	}
}

func TestMenusFallBackToEnglishLabels(t *testing.T) {
	pool := seeded(t)
	ctx := context.Background()
	k := content.MenuEntryKind
	key, err := k.Save(ctx, pool, "", entryDoc("footer", "Annual report", "", "https://example.org/report"))
	if err != nil {
		t.Fatal(err)
	}
	st := store.New(pool)
	for _, l := range i18n.Langs {
		menus, err := st.Menus(ctx, l)
		if err != nil {
			t.Fatal(err)
		}
		last := menus.Footer.Entries[len(menus.Footer.Entries)-1]
		if last != (store.MenuEntry{Label: "Annual report", Target: "https://example.org/report"}) {
			t.Errorf("%s: last footer entry %+v", l, last)
		}
		if len(menus.Main.Entries) != 6 || menus.Main.Name == "" || menus.Footer.Name == "" {
			t.Errorf("%s: menus %+v", l, menus)
		}
	}
	es, _ := st.Menus(ctx, i18n.ES)
	if es.Main.Entries[0].Label != "Mensajes clave" || es.Main.Name != "Principal" {
		t.Errorf("Spanish main menu %+v", es.Main)
	}
	if err := k.Delete(ctx, pool, key); err != nil {
		t.Fatal(err)
	}
}
