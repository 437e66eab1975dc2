package newsletter_test

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/sswalliance/advocacy/internal/dbtest"
	"github.com/sswalliance/advocacy/internal/newsletter"
	"github.com/sswalliance/advocacy/internal/seed"
	"github.com/sswalliance/advocacy/internal/store"
)

// TestDailyDrafts builds the 2018 week's drafts from the demo content:
// one per day, from that day's topic, posts and resources, at 08:00 in
// the edition's zone; building again writes none and leaves an edited
// draft as it is.
func TestDailyDrafts(t *testing.T) {
	ctx := context.Background()
	pool := dbtest.New(t)
	st := store.New(pool)
	if err := seed.Load(ctx, st, false); err != nil {
		t.Fatal(err)
	}
	base, _ := url.Parse("https://example.org")

	drafts, err := newsletter.DailyDrafts(ctx, pool, base, 2018, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(drafts) != 5 {
		t.Fatalf("%d drafts for the five days of 2018", len(drafts))
	}
	day2 := drafts[1]
	m, err := st.Mailing(ctx, day2.ID)
	if err != nil {
		t.Fatal(err)
	}
	if m.Kind != "daily" || m.Status != "draft" || m.DayDate == nil || m.DayDate.Format(time.DateOnly) != "2018-09-25" {
		t.Errorf("day 2 draft: kind %s, status %s, day %v", m.Kind, m.Status, m.DayDate)
	}
	for _, want := range []string{"Mapping the social service workforce"} {
		if !strings.Contains(m.SubjectEN, want) {
			t.Errorf("English subject %q lacks the day's topic %q", m.SubjectEN, want)
		}
	}
	for _, want := range []string{
		"Putting the Call to Action into practice",            // the week's theme
		"Knowing how many workers there are",                  // the day's text
		"You cannot plan for workers you have not counted",    // a post of the day
		"https://example.org/blog/counting-the-workforce",     // its absolute link
		"The #SSWWeek Twitter chat in review",                 // the day's other post
		"https://example.org/resources/mapping-the-workforce", // the day's resource
		"https://example.org/sswweek/2018#day-2",              // the week
	} {
		if !strings.Contains(m.BodyEN, want) {
			t.Errorf("English body lacks %q:\n%s", want, m.BodyEN)
		}
	}
	if strings.Contains(m.BodyEN, "Ten years") {
		t.Errorf("English body has another edition's post:\n%s", m.BodyEN)
	}
	for _, want := range []string{"No se puede planificar sin contar", "https://example.org/es/blog/counting-the-workforce"} {
		if !strings.Contains(m.BodyES, want) {
			t.Errorf("Spanish body lacks %q:\n%s", want, m.BodyES)
		}
	}
	if !strings.Contains(m.SubjectES, "Mapear la fuerza laboral") {
		t.Errorf("Spanish subject %q", m.SubjectES)
	}
	// 08:00 in New York on 25 September 2018 (EDT, UTC-4).
	if want := time.Date(2018, 9, 25, 12, 0, 0, 0, time.UTC); m.SendAt == nil || !m.SendAt.Equal(want) {
		t.Errorf("send time %v, want %v", m.SendAt, want)
	}
	// Day 5 has no Spanish text: Spanish subscribers get English.
	if d5 := drafts[4]; d5.SubjectES != "" || d5.BodyES != "" {
		t.Errorf("day 5 has a Spanish version although its topic is not translated: %q", d5.SubjectES)
	}

	edited := store.MailingContent{SubjectEN: "Edited by staff", BodyEN: "Our own words.", SendAt: m.SendAt}
	if err := st.UpdateMailing(ctx, m.ID, edited); err != nil {
		t.Fatal(err)
	}
	again, err := newsletter.DailyDrafts(ctx, pool, base, 2018, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(again) != 0 {
		t.Errorf("building again wrote %d more drafts", len(again))
	}
	var n int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM mailings WHERE kind = 'daily'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 5 {
		t.Errorf("%d daily mailings after building twice, want 5", n)
	}
	if m, _ = st.Mailing(ctx, m.ID); m.SubjectEN != "Edited by staff" {
		t.Errorf("the edited draft was overwritten: %q", m.SubjectEN)
	}
}

func TestDailyDraftsOfNoEdition(t *testing.T) {
	pool := dbtest.New(t)
	base, _ := url.Parse("https://example.org")
	if _, err := newsletter.DailyDrafts(context.Background(), pool, base, 2099, nil); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("drafts for an edition that does not exist: %v", err)
	}
}

func TestLetter(t *testing.T) {
	m := store.Mailing{SubjectEN: "Hello", BodyEN: "Body.\n\n", SubjectES: "Hola", BodyES: "Cuerpo."}
	if s, text := newsletter.Letter(m, "es", "https://example.org/p"); s != "Hola" || !strings.HasPrefix(text, "Cuerpo.\n\n--\nRecibe") || !strings.HasSuffix(text, "https://example.org/p\n") {
		t.Errorf("Spanish: %q %q", s, text)
	}
	m.SubjectES, m.BodyES = "", ""
	if s, text := newsletter.Letter(m, "es", "https://example.org/p"); s != "Hello" || !strings.HasPrefix(text, "Body.\n\n--\nYou get this") {
		t.Errorf("Spanish without a translation: %q %q", s, text)
	}
}
