package content_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/store"
)

// liveDoc loads the live item key of k, failing the test if it cannot.
func liveDoc(t *testing.T, db content.DB, k *content.Kind, key string) content.Doc {
	t.Helper()
	d, err := k.Load(context.Background(), db, key)
	if err != nil {
		t.Fatalf("load %s %q: %v", k.Name, key, err)
	}
	return d
}

// saveDoc writes d as the live item key of k and returns its key.
func saveDoc(t *testing.T, db content.DB, k *content.Kind, key string, d content.Doc) string {
	t.Helper()
	got, err := k.Save(context.Background(), db, key, d)
	if err != nil {
		t.Fatalf("save %s %q: %v", k.Name, key, err)
	}
	return got
}

// entryKeys lists the keys k's List gives under parent, in order.
func entryKeys(t *testing.T, db content.DB, k *content.Kind, parent string) []string {
	t.Helper()
	entries, err := k.List(context.Background(), db, parent)
	if err != nil {
		t.Fatal(err)
	}
	keys := make([]string, len(entries))
	for i, e := range entries {
		keys[i] = e.Key
	}
	return keys
}

// publicAudience is the audience slug as the public site reads it in l.
func publicAudience(t *testing.T, st *store.Store, slug string, l i18n.Lang) store.Audience {
	t.Helper()
	list, err := st.Audiences(context.Background(), l)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range list {
		if a.Slug == slug {
			return a
		}
	}
	t.Fatalf("audience %s is not on the public site in %s", slug, l)
	return store.Audience{}
}

func publicAudienceSlugs(t *testing.T, st *store.Store) []string {
	t.Helper()
	list, err := st.Audiences(context.Background(), i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	var slugs []string
	for _, a := range list {
		slugs = append(slugs, a.Slug)
	}
	return slugs
}

func publicHeadlines(t *testing.T, st *store.Store, audience string, l i18n.Lang) []string {
	t.Helper()
	msgs, err := st.KeyMessages(context.Background(), publicAudience(t, st, audience, l).ID, l)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range msgs {
		out = append(out, m.Lang+": "+m.Headline)
	}
	return out
}

func TestAudienceSaveShowsOnPublicSite(t *testing.T) {
	pool := seeded(t)
	st := store.New(pool)
	k := content.AudienceKind
	d := liveDoc(t, pool, k, "donors")
	if d["slug"] != "donors" || d["name.en"] != "Donors" || d["name.es"] != "Donantes" {
		t.Fatalf("loaded %v", d)
	}
	d["name.en"], d["name.es"] = "Funders", "Financiadores"
	d["summary.en"], d["summary.es"] = "People with money.", "Personas con dinero."
	if key := saveDoc(t, pool, k, "donors", d); key != "donors" {
		t.Errorf("key %q, want donors", key)
	}
	for l, want := range map[i18n.Lang][2]string{i18n.EN: {"Funders", "People with money."}, i18n.ES: {"Financiadores", "Personas con dinero."}} {
		a := publicAudience(t, st, "donors", l)
		if a.Lang != string(l) || a.Name != want[0] || a.Summary != want[1] {
			t.Errorf("public %s: %+v", l, a)
		}
	}
	if got := k.PublicPath("donors", d); got != "/key-messages/donors" {
		t.Errorf("PublicPath %q", got)
	}

	// A new slug is a new key and a new address; the messages go with it.
	d["slug"] = "funders"
	if key := saveDoc(t, pool, k, "donors", d); key != "funders" {
		t.Errorf("key after slug change %q, want funders", key)
	}
	if _, err := k.Load(context.Background(), pool, "donors"); !errors.Is(err, content.ErrNotFound) {
		t.Errorf("old slug loads: %v", err)
	}
	if n := publicAudience(t, st, "funders", i18n.EN).MessageCount; n != 3 {
		t.Errorf("funders has %d messages, want the 3 donors had", n)
	}
}

func TestAudienceSpanishFallsBackToEnglish(t *testing.T) {
	pool := seeded(t)
	st := store.New(pool)
	k := content.AudienceKind
	d := liveDoc(t, pool, k, "media")
	d["name.es"], d["summary.es"] = "", ""
	saveDoc(t, pool, k, "media", d)
	a := publicAudience(t, st, "media", i18n.ES)
	if a.Lang != "en" || a.Name != d["name.en"] {
		t.Errorf("Spanish page shows %+v, want the English version", a)
	}
	again := liveDoc(t, pool, k, "media")
	if v, ok := again["name.es"]; !ok || v != "" {
		t.Errorf("untranslated name.es loads as %q (present %v), want empty", v, ok)
	}
}

func TestAudienceCreateAndDeleteWithItsMessages(t *testing.T) {
	pool := seeded(t)
	ctx := context.Background()
	st := store.New(pool)
	k := content.AudienceKind
	d := k.New("")
	d["slug"], d["name.en"], d["summary.en"] = "teachers", "Teachers", "People in schools."
	if key := saveDoc(t, pool, k, "", d); key != "teachers" {
		t.Fatalf("new key %q", key)
	}
	if slugs := publicAudienceSlugs(t, st); slugs[len(slugs)-1] != "teachers" {
		t.Errorf("new audience is not last: %v", slugs)
	}
	if a := publicAudience(t, st, "teachers", i18n.ES); a.Lang != "en" {
		t.Errorf("untranslated audience in Spanish: %+v", a)
	}

	m := content.KeyMessageKind.New("teachers")
	m["headline.en"] = "Schools see the signs first"
	saveDoc(t, pool, content.KeyMessageKind, "", m)
	if n := publicAudience(t, st, "teachers", i18n.EN).MessageCount; n != 1 {
		t.Fatalf("teachers has %d messages", n)
	}

	if err := k.Delete(ctx, pool, "teachers"); err != nil {
		t.Fatal(err)
	}
	if slices.Contains(publicAudienceSlugs(t, st), "teachers") {
		t.Error("deleted audience is still public")
	}
	var left int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM key_message_texts WHERE headline = $1`, m["headline.en"]).Scan(&left); err != nil || left != 0 {
		t.Errorf("the deleted audience's message is left (%d, %v)", left, err)
	}
	if err := k.Delete(ctx, pool, "teachers"); !errors.Is(err, content.ErrNotFound) {
		t.Errorf("deleting again: %v, want ErrNotFound", err)
	}
}

// TestAudienceCheck: the slug checks every slug kind shares are in
// TestSlugKindsRefuseATakenSlug.
func TestAudienceCheck(t *testing.T) {
	pool := seeded(t)
	ctx := context.Background()
	k := content.AudienceKind
	n := k.New("")
	n["slug"], n["name.en"] = "teachers", "Teachers"
	if p := k.Check(ctx, pool, "", n); len(p) != 0 {
		t.Errorf("new audience with a free slug: %v", p)
	}
	// A Spanish summary without a Spanish name would be dropped on save.
	n["summary.es"] = "Personas en las escuelas."
	if p := k.Check(ctx, pool, "", n); !strings.Contains(p["name.es"], "Spanish name") || len(p) != 1 {
		t.Errorf("Spanish summary without a name: %v", p)
	}
}

func TestAudienceMove(t *testing.T) {
	pool := seeded(t)
	ctx := context.Background()
	st := store.New(pool)
	k := content.AudienceKind
	before := entryKeys(t, pool, k, "")
	if err := k.Move(ctx, pool, before[1], -1); err != nil {
		t.Fatal(err)
	}
	want := append([]string{before[1], before[0]}, before[2:]...)
	if got := entryKeys(t, pool, k, ""); !slices.Equal(got, want) {
		t.Errorf("after moving %s up: %v, want %v", before[1], got, want)
	}
	if got := publicAudienceSlugs(t, st); !slices.Equal(got, want) {
		t.Errorf("public order %v, want %v", got, want)
	}
	// At either end a move does nothing.
	if err := k.Move(ctx, pool, want[0], -1); err != nil {
		t.Fatal(err)
	}
	if err := k.Move(ctx, pool, want[len(want)-1], +1); err != nil {
		t.Fatal(err)
	}
	if got := entryKeys(t, pool, k, ""); !slices.Equal(got, want) {
		t.Errorf("moves past the ends changed the order: %v", got)
	}
}

func TestKeyMessageSaveShowsOnPublicSite(t *testing.T) {
	pool := seeded(t)
	st := store.New(pool)
	k := content.KeyMessageKind
	keys := entryKeys(t, pool, k, "donors")
	d := liveDoc(t, pool, k, keys[0])
	if d["audience"] != "donors" || d["headline.es"] != "" {
		t.Fatalf("loaded %v", d)
	}
	d["headline.en"], d["headline.es"] = "Fund the people", "Financie a las personas"
	d["points.en"], d["points.es"] = "- one", "- uno"
	saveDoc(t, pool, k, keys[0], d)
	if got := publicHeadlines(t, st, "donors", i18n.EN)[0]; got != "en: Fund the people" {
		t.Errorf("English: %q", got)
	}
	if got := publicHeadlines(t, st, "donors", i18n.ES)[0]; got != "es: Financie a las personas" {
		t.Errorf("Spanish: %q", got)
	}
	entries, err := k.List(context.Background(), pool, "donors")
	if err != nil || entries[0].Note != "English and Spanish" || entries[1].Note != "English only" {
		t.Errorf("list notes: %+v, %v", entries, err)
	}
	if got := k.PublicPath(keys[0], d); got != "/key-messages/donors" {
		t.Errorf("PublicPath %q", got)
	}

	// Emptying the Spanish again falls back to English.
	d["headline.es"], d["points.es"] = "", ""
	saveDoc(t, pool, k, keys[0], d)
	if got := publicHeadlines(t, st, "donors", i18n.ES)[0]; got != "en: Fund the people" {
		t.Errorf("Spanish after removing the translation: %q", got)
	}
}

func TestKeyMessageCreateMoveDelete(t *testing.T) {
	pool := seeded(t)
	ctx := context.Background()
	st := store.New(pool)
	k := content.KeyMessageKind
	before := entryKeys(t, pool, k, "media")
	d := k.New("media")
	d["headline.en"], d["headline.es"] = "A new message", "Un mensaje nuevo"
	key := saveDoc(t, pool, k, "", d)
	if got := entryKeys(t, pool, k, "media"); !slices.Equal(got, append(slices.Clone(before), key)) {
		t.Errorf("new message not last: %v", got)
	}
	if got := publicHeadlines(t, st, "media", i18n.ES); got[len(got)-1] != "es: Un mensaje nuevo" {
		t.Errorf("public Spanish list %v", got)
	}

	if err := k.Move(ctx, pool, key, -1); err != nil {
		t.Fatal(err)
	}
	got := entryKeys(t, pool, k, "media")
	if got[len(got)-2] != key {
		t.Errorf("after moving up: %v", got)
	}
	if other := entryKeys(t, pool, k, "donors"); len(other) != 3 {
		t.Errorf("moving in media changed donors: %v", other)
	}

	// Changing the audience takes the message to the end of the other list.
	d = liveDoc(t, pool, k, key)
	d["audience"] = "donors"
	if saveDoc(t, pool, k, key, d) != key {
		t.Error("changing audience changed the key")
	}
	if got := entryKeys(t, pool, k, "donors"); len(got) != 4 || got[3] != key {
		t.Errorf("donors after the move: %v", got)
	}
	if got := entryKeys(t, pool, k, "media"); !slices.Equal(got, before) {
		t.Errorf("media after the move: %v, want %v", got, before)
	}

	if err := k.Delete(ctx, pool, key); err != nil {
		t.Fatal(err)
	}
	if _, err := k.Load(ctx, pool, key); !errors.Is(err, content.ErrNotFound) {
		t.Errorf("deleted message loads: %v", err)
	}
	if got := entryKeys(t, pool, k, "donors"); len(got) != 3 {
		t.Errorf("donors after delete: %v", got)
	}
}

func TestKeyMessageCheck(t *testing.T) {
	pool := seeded(t)
	ctx := context.Background()
	k := content.KeyMessageKind
	d := k.New("donors")
	d["headline.en"] = "A headline"
	if p := k.Check(ctx, pool, "", d); len(p) != 0 {
		t.Errorf("English only: %v", p)
	}
	d["sources.es"] = "- Una fuente"
	if p := k.Check(ctx, pool, "", d); p["headline.es"] == "" || len(p) != 1 {
		t.Errorf("Spanish sources without a headline: %v", p)
	}
	d["headline.es"] = "Un titular"
	if p := k.Check(ctx, pool, "", d); len(p) != 0 {
		t.Errorf("complete Spanish: %v", p)
	}
}

func publicRecommendations(t *testing.T, st *store.Store, l i18n.Lang) []string {
	t.Helper()
	recs, err := st.Recommendations(context.Background(), l)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range recs {
		out = append(out, r.Level+"/"+r.Lang+": "+r.Text)
	}
	return out
}

func TestRecommendationSaveShowsOnPublicSite(t *testing.T) {
	pool := seeded(t)
	st := store.New(pool)
	k := content.RecommendationKind
	keys := entryKeys(t, pool, k, "")
	d := liveDoc(t, pool, k, keys[0])
	if d["level"] != "country" || k.Title(d) != "Open a national dialogue." {
		t.Fatalf("loaded %v, title %q", d, k.Title(d))
	}
	d["text.en"], d["text.es"] = "**Talk.** Together.", "**Hablar.** Juntos."
	saveDoc(t, pool, k, keys[0], d)
	if got := publicRecommendations(t, st, i18n.EN)[0]; got != "country/en: **Talk.** Together." {
		t.Errorf("English: %q", got)
	}
	if got := publicRecommendations(t, st, i18n.ES)[0]; got != "country/es: **Hablar.** Juntos." {
		t.Errorf("Spanish: %q", got)
	}
	d["text.es"] = ""
	saveDoc(t, pool, k, keys[0], d)
	if got := publicRecommendations(t, st, i18n.ES)[0]; got != "country/en: **Talk.** Together." {
		t.Errorf("Spanish after removing the translation: %q", got)
	}
	if got := k.PublicPath(keys[0], d); got != "/call-to-action" {
		t.Errorf("PublicPath %q", got)
	}
}

// recommendationLevels lists the level of each recommendation in List order.
func recommendationLevels(t *testing.T, db content.DB) (keys, notes []string) {
	t.Helper()
	entries, err := content.RecommendationKind.List(context.Background(), db, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		keys = append(keys, e.Key)
		notes = append(notes, e.Note)
	}
	return keys, notes
}

func TestRecommendationCreateChangeLevelMoveDelete(t *testing.T) {
	pool := seeded(t)
	ctx := context.Background()
	k := content.RecommendationKind
	before, notes := recommendationLevels(t, pool)
	nCountry := strings.Count(strings.Join(notes, "|"), "At country level")
	if nCountry == 0 || nCountry == len(notes) || notes[0] != "At country level" || notes[len(notes)-1] != "At global level" {
		t.Fatalf("list is not country then global: %v", notes)
	}

	// New ones go to the end of their own level.
	g := k.New("")
	g["level"], g["text.en"] = "global", "**Global.** New."
	gKey := saveDoc(t, pool, k, "", g)
	c := k.New("")
	if c["level"] != "country" {
		t.Errorf("a new recommendation starts at level %q", c["level"])
	}
	c["text.en"] = "**Country.** New."
	cKey := saveDoc(t, pool, k, "", c)
	keys, _ := recommendationLevels(t, pool)
	want := slices.Concat(before[:nCountry], []string{cKey}, before[nCountry:], []string{gKey})
	if !slices.Equal(keys, want) {
		t.Errorf("after creating: %v, want %v", keys, want)
	}

	// A move stays within the level: the last country one cannot pass
	// into the global list, nor the first global one into the country list.
	for _, m := range []struct {
		key   string
		delta int
	}{{cKey, +1}, {before[nCountry], -1}} {
		if err := k.Move(ctx, pool, m.key, m.delta); err != nil {
			t.Fatal(err)
		}
	}
	if keys, _ := recommendationLevels(t, pool); !slices.Equal(keys, want) {
		t.Errorf("moves across levels changed the order: %v", keys)
	}
	if err := k.Move(ctx, pool, gKey, -1); err != nil {
		t.Fatal(err)
	}
	keys, _ = recommendationLevels(t, pool)
	if keys[len(keys)-2] != gKey {
		t.Errorf("after moving the new global one up: %v", keys)
	}

	// Changing level appends to the other level, whatever positions are
	// taken there.
	first := liveDoc(t, pool, k, before[0])
	first["level"] = "global"
	saveDoc(t, pool, k, before[0], first)
	keys, notes = recommendationLevels(t, pool)
	if keys[len(keys)-1] != before[0] || notes[len(notes)-1] != "At global level" || keys[0] == before[0] {
		t.Errorf("after changing level: %v %v", keys, notes)
	}
	if got := publicRecommendations(t, store.New(pool), i18n.EN); !strings.HasPrefix(got[len(got)-1], "global/en: **Open a national dialogue.**") {
		t.Errorf("public list ends with %q", got[len(got)-1])
	}

	for _, key := range []string{gKey, cKey} {
		if err := k.Delete(ctx, pool, key); err != nil {
			t.Fatal(err)
		}
	}
	if keys, _ := recommendationLevels(t, pool); len(keys) != len(before) || slices.Contains(keys, gKey) || slices.Contains(keys, cKey) {
		t.Errorf("after deleting: %v", keys)
	}
	// The freed positions take new ones without a clash.
	saveDoc(t, pool, k, "", g)
}

func TestRecommendationTitle(t *testing.T) {
	k := content.RecommendationKind
	for text, want := range map[string]string{
		"**Count the workforce.** Map who does the work.": "Count the workforce.",
		"Plain text, no bold.":                            "Plain text, no bold.",
		"A *first* line\nand a second":                    "A first line",
		strings.Repeat("word ", 30):                       strings.TrimSpace(strings.Repeat("word ", 16)) + "…",
	} {
		if got := k.Title(content.Doc{"text.en": text}); got != want {
			t.Errorf("Title(%q) = %q, want %q", text, got, want)
		}
	}
}
