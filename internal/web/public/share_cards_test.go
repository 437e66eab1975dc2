package public

import (
	"context"
	"strings"
	"testing"

	"github.com/sswalliance/advocacy/internal/dbtest"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/seed"
	"github.com/sswalliance/advocacy/internal/sharecard"
	"github.com/sswalliance/advocacy/internal/store"
)

// TestShareCardsOfTheDemoContentFitWhole sets every card of the demo
// content as the handlers do, in both languages and both formats: every
// line stays inside the margins, and nothing is cut short, the longest
// title and theme included.
func TestShareCardsOfTheDemoContentFitWhole(t *testing.T) {
	ctx := context.Background()
	st := store.New(dbtest.New(t))
	if err := seed.Load(ctx, st, false); err != nil {
		t.Fatal(err)
	}
	const host = "advocacy.socialserviceworkforce.org"
	cards := map[string]sharecard.Card{}
	for _, l := range i18n.Langs {
		editions, err := st.Editions(ctx, l)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range editions {
			cards[string(l)+" edition "+e.Theme] = editionCard(l, e, host)
			days, err := st.EditionDays(ctx, e.Year, l)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range days {
				cards[string(l)+" day "+d.Topic] = dayCard(l, e, d, host)
			}
		}
		p, err := st.Page(ctx, "call-to-action", l)
		if err != nil {
			t.Fatal(err)
		}
		cards[string(l)+" call to action"] = callToActionCard(l, p, host)
	}
	if len(cards) < 30 {
		t.Fatalf("only %d cards in the demo content", len(cards))
	}
	var longestTitle, longestTheme string
	for _, c := range cards {
		if len([]rune(c.Title)) > len([]rune(longestTitle)) {
			longestTitle = c.Title
		}
		if len([]rune(c.Theme)) > len([]rune(longestTheme)) {
			longestTheme = c.Theme
		}
	}
	t.Logf("%d cards; the longest title (%d characters): %q; theme (%d): %q", len(cards),
		len([]rune(longestTitle)), longestTitle, len([]rune(longestTheme)), longestTheme)

	for name, c := range cards {
		for _, f := range []sharecard.Format{sharecard.Wide, sharecard.Square} {
			lo := sharecard.Lay(c, f)
			safe := f.Safe()
			var title, theme []string
			for _, l := range lo.Lines {
				if !l.Ink.In(safe) {
					t.Errorf("%s, %s: %s line %q at %v is outside the margins %v", name, f.Name, l.Role, l.Text, l.Ink, safe)
				}
				switch l.Role {
				case sharecard.RoleTitle:
					title = append(title, l.Text)
				case sharecard.RoleTheme:
					theme = append(theme, l.Text)
				}
			}
			if lo.Shortened {
				t.Errorf("%s, %s: cut short: %+v", name, f.Name, lo.Lines)
			}
			if got := strings.Join(title, " "); got != strings.Join(strings.Fields(c.Title), " ") {
				t.Errorf("%s, %s: title set as %q, want %q", name, f.Name, title, c.Title)
			}
			if got := strings.Join(theme, " "); got != strings.Join(strings.Fields(c.Theme), " ") {
				t.Errorf("%s, %s: theme set as %q, want %q", name, f.Name, theme, c.Theme)
			}
		}
	}
}
