package content_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/store"
)

// publicResourceType is the resource type slug as the public site reads it
// in l, or the zero value when it is not there.
func publicResourceType(t *testing.T, st *store.Store, slug string, l i18n.Lang) store.ResourceType {
	t.Helper()
	list, err := st.ResourceTypes(context.Background(), l)
	if err != nil {
		t.Fatal(err)
	}
	for _, ty := range list {
		if ty.Slug == slug {
			return ty
		}
	}
	return store.ResourceType{}
}

func publicTypeSlugs(t *testing.T, st *store.Store) []string {
	t.Helper()
	list, err := st.ResourceTypes(context.Background(), i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, ty := range list {
		out = append(out, ty.Slug)
	}
	return out
}

func TestResourceTypeSaveShowsOnPublicSite(t *testing.T) {
	pool := seeded(t)
	st := store.New(pool)
	k := content.ResourceTypeKind
	d := liveDoc(t, pool, k, "report")
	if d["toolkit"] != "" || d["name.en"] != "Report" || d["plural.es"] != "Informes" {
		t.Fatalf("loaded %v", d)
	}
	if got := k.PublicPath("report", d); got != "/resources" {
		t.Errorf("PublicPath of a library type %q", got)
	}
	d["toolkit"] = "true"
	d["name.en"], d["plural.en"], d["description.en"] = "Study", "Studies", "Research."
	d["name.es"], d["plural.es"], d["description.es"] = "Estudio", "Estudios", "Investigación."
	if key := saveDoc(t, pool, k, "report", d); key != "report" {
		t.Errorf("key %q", key)
	}
	for l, want := range map[i18n.Lang][3]string{i18n.EN: {"Study", "Studies", "Research."}, i18n.ES: {"Estudio", "Estudios", "Investigación."}} {
		ty := publicResourceType(t, st, "report", l)
		if ty.Lang != string(l) || ty.Name != want[0] || ty.Plural != want[1] || ty.Description != want[2] || !ty.Toolkit {
			t.Errorf("public %s: %+v", l, ty)
		}
	}
	if got := k.PublicPath("report", d); got != "/toolkit" {
		t.Errorf("PublicPath of a toolkit type %q", got)
	}

	// A new slug carries the type's resources with it.
	d["slug"] = "study"
	if key := saveDoc(t, pool, k, "report", d); key != "study" {
		t.Errorf("key after slug change %q", key)
	}
	r, err := st.Resource(context.Background(), "mapping-the-workforce", i18n.ES)
	if err != nil {
		t.Fatal(err)
	}
	if r.Type.Slug != "study" || r.Type.Name != "Estudio" {
		t.Errorf("the resource's type is now %+v", r.Type)
	}
	if _, err := k.Load(context.Background(), pool, "report"); !errors.Is(err, content.ErrNotFound) {
		t.Errorf("old slug loads: %v", err)
	}
}

func TestResourceTypeSpanishFallsBackToEnglish(t *testing.T) {
	pool := seeded(t)
	st := store.New(pool)
	k := content.ResourceTypeKind
	d := liveDoc(t, pool, k, "guide")
	d["name.es"], d["plural.es"], d["description.es"] = "", "", ""
	saveDoc(t, pool, k, "guide", d)
	if ty := publicResourceType(t, st, "guide", i18n.ES); ty.Lang != "en" || ty.Plural != "Guides" {
		t.Errorf("Spanish shows %+v, want English", ty)
	}
	if again := liveDoc(t, pool, k, "guide"); again["plural.es"] != "" || again["plural.en"] != "Guides" {
		t.Errorf("reloaded %v", again)
	}
}

func TestResourceTypeCreateAndDelete(t *testing.T) {
	pool := seeded(t)
	ctx := context.Background()
	st := store.New(pool)
	k := content.ResourceTypeKind
	d := k.New("")
	d["slug"], d["name.en"], d["plural.en"] = "video", "Video", "Videos"
	if key := saveDoc(t, pool, k, "", d); key != "video" {
		t.Fatalf("new key %q", key)
	}
	if slugs := publicTypeSlugs(t, st); slugs[len(slugs)-1] != "video" {
		t.Errorf("new type is not last: %v", slugs)
	}
	if ty := publicResourceType(t, st, "video", i18n.ES); ty.Lang != "en" || ty.Toolkit {
		t.Errorf("new type in Spanish: %+v", ty)
	}
	if err := k.Delete(ctx, pool, "video"); err != nil {
		t.Fatal(err)
	}
	if slices.Contains(publicTypeSlugs(t, st), "video") {
		t.Error("deleted type is still public")
	}

	// A type resources still use stays, with an error the admin can explain.
	err := k.Delete(ctx, pool, "report")
	if !errors.Is(err, content.ErrInUse) {
		t.Fatalf("deleting a used type: %v, want ErrInUse", err)
	}
	var n int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM resources WHERE type_slug = 'report'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(err.Error(), fmt.Sprintf("%d resources in the library have this type", n)) {
		t.Errorf("error %q does not say how many use it", err)
	}
	if ty := publicResourceType(t, st, "report", i18n.EN); ty.Slug == "" {
		t.Error("the used type was deleted")
	}
	if err := k.Delete(ctx, pool, "no-such-type"); !errors.Is(err, content.ErrNotFound) {
		t.Errorf("deleting a missing type: %v", err)
	}
}

// TestResourceTypeCheck: the slug checks every slug kind shares are in
// TestSlugKindsRefuseATakenSlug.
func TestResourceTypeCheck(t *testing.T) {
	pool := seeded(t)
	ctx := context.Background()
	k := content.ResourceTypeKind
	d := liveDoc(t, pool, k, "report")
	d["slug"] = "research"
	d["plural.es"] = ""
	if p := k.Check(ctx, pool, "report", d); !strings.Contains(p["plural.es"], "Spanish plural") || len(p) != 1 {
		t.Errorf("Spanish name without plural: %v", p)
	}
	d["name.es"], d["description.es"] = "", ""
	if p := k.Check(ctx, pool, "report", d); len(p) != 0 {
		t.Errorf("no Spanish at all: %v", p)
	}
}

func TestResourceTypeMove(t *testing.T) {
	pool := seeded(t)
	ctx := context.Background()
	st := store.New(pool)
	k := content.ResourceTypeKind
	before := entryKeys(t, pool, k, "")
	last := len(before) - 1
	if err := k.Move(ctx, pool, before[last], -1); err != nil {
		t.Fatal(err)
	}
	want := slices.Concat(before[:last-1], []string{before[last], before[last-1]})
	if got := publicTypeSlugs(t, st); !slices.Equal(got, want) {
		t.Errorf("public order %v, want %v", got, want)
	}
	if got := entryKeys(t, pool, k, ""); !slices.Equal(got, want) {
		t.Errorf("listed order %v, want %v", got, want)
	}
}

// publicTopics is every topic as the public library reads it in l:
// "slug=name (lang)".
func publicTopics(t *testing.T, st *store.Store, l i18n.Lang) []string {
	t.Helper()
	list, err := st.Topics(context.Background(), l)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, tp := range list {
		out = append(out, tp.Slug+"="+tp.Name+" ("+tp.Lang+")")
	}
	return out
}

func TestTopicSaveShowsOnPublicSite(t *testing.T) {
	pool := seeded(t)
	ctx := context.Background()
	st := store.New(pool)
	k := content.TopicKind
	d := liveDoc(t, pool, k, "health")
	if d["name.en"] != "Health" || d["name.es"] != "Salud" {
		t.Fatalf("loaded %v", d)
	}
	d["slug"], d["name.en"], d["name.es"] = "wellbeing", "Wellbeing", "Bienestar"
	if key := saveDoc(t, pool, k, "health", d); key != "wellbeing" {
		t.Errorf("key %q", key)
	}
	if got := publicTopics(t, st, i18n.EN); !slices.Contains(got, "wellbeing=Wellbeing (en)") || slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, "health=") }) {
		t.Errorf("English topics %v", got)
	}
	if got := publicTopics(t, st, i18n.ES); !slices.Contains(got, "wellbeing=Bienestar (es)") {
		t.Errorf("Spanish topics %v", got)
	}
	// The resources filed under it keep it under its new slug.
	r, err := st.Resource(ctx, "global-advocacy-toolkit", i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(r.Topics, func(tp store.Topic) bool { return tp.Slug == "wellbeing" }) {
		t.Errorf("resource topics %+v", r.Topics)
	}
	if got := k.PublicPath("wellbeing", d); got != "/resources?topic=wellbeing" {
		t.Errorf("PublicPath %q", got)
	}

	d["name.es"] = ""
	saveDoc(t, pool, k, "wellbeing", d)
	if got := publicTopics(t, st, i18n.ES); !slices.Contains(got, "wellbeing=Wellbeing (en)") {
		t.Errorf("Spanish after removing the translation %v", got)
	}
}

func TestTopicListCreateAndDelete(t *testing.T) {
	pool := seeded(t)
	ctx := context.Background()
	st := store.New(pool)
	k := content.TopicKind
	d := k.New("")
	d["slug"], d["name.en"] = "justice", "Justice for children"
	if key := saveDoc(t, pool, k, "", d); key != "justice" {
		t.Fatalf("new key %q", key)
	}
	entries, err := k.List(ctx, pool, "")
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, e := range entries {
		titles = append(titles, e.Title)
		if e.Key == "justice" && e.Note != "No resources" {
			t.Errorf("new topic's note %q", e.Note)
		}
	}
	if !slices.IsSorted(titles) || !slices.Contains(titles, "Justice for children") {
		t.Errorf("topics not listed by English name: %v", titles)
	}

	// Deleting a topic in use takes it off its resources, which stay.
	if err := k.Delete(ctx, pool, "sdgs"); err != nil {
		t.Fatal(err)
	}
	r, err := st.Resource(ctx, "sdg-infographic", i18n.EN)
	if err != nil {
		t.Fatalf("the resource went with its topic: %v", err)
	}
	if len(r.Topics) != 0 {
		t.Errorf("resource still has topics %+v", r.Topics)
	}
	if err := k.Delete(ctx, pool, "justice"); err != nil {
		t.Fatal(err)
	}
	for _, s := range publicTopics(t, st, i18n.EN) {
		if strings.HasPrefix(s, "sdgs=") || strings.HasPrefix(s, "justice=") {
			t.Errorf("deleted topic still public: %s", s)
		}
	}
	if err := k.Delete(ctx, pool, "justice"); !errors.Is(err, content.ErrNotFound) {
		t.Errorf("deleting again: %v", err)
	}
}

// TestSlugKindsRefuseATakenSlug holds every slug-plus-texts kind to the
// same slug checks: an unchanged item passes; taking another item's slug,
// or creating an item with a used one, is refused on the slug field.
func TestSlugKindsRefuseATakenSlug(t *testing.T) {
	pool := seeded(t)
	ctx := context.Background()
	for _, c := range []struct {
		k            *content.Kind
		key, other   string
		message      string
		newWithTaken content.Doc
	}{
		{content.AudienceKind, "donors", "media", "Another audience",
			content.Doc{"slug": "donors", "name.en": "Donors again"}},
		{content.TopicKind, "health", "advocacy", "Another topic",
			content.Doc{"slug": "health", "name.en": "Health again"}},
		{content.ResourceTypeKind, "report", "guide", "Another resource type",
			content.Doc{"slug": "report", "name.en": "Report", "plural.en": "Reports"}},
		{content.RejectionReasonKind, "cannot-verify", "already-signed", "Another reason",
			content.Doc{"slug": "cannot-verify", "text.en": "Again."}},
	} {
		t.Run(c.k.Name, func(t *testing.T) {
			d := liveDoc(t, pool, c.k, c.key)
			if p := c.k.Check(ctx, pool, c.key, d); len(p) != 0 {
				t.Errorf("unchanged: %v", p)
			}
			d["slug"] = c.other
			if p := c.k.Check(ctx, pool, c.key, d); !strings.Contains(p["slug"], c.message) {
				t.Errorf("slug of another %s: %v", c.k.Label, p)
			}
			n := c.k.New("")
			maps.Copy(n, c.newWithTaken)
			if p := c.k.Check(ctx, pool, "", n); p["slug"] == "" {
				t.Errorf("new %s with a used slug: %v", c.k.Label, p)
			}
		})
	}
}

// TestTopicCheck: the slug checks every slug kind shares are in
// TestSlugKindsRefuseATakenSlug.
func TestTopicCheck(t *testing.T) {
	pool := seeded(t)
	ctx := context.Background()
	k := content.TopicKind
	n := k.New("")
	n["slug"], n["name.en"] = "health", "Health again"
	// Through the editor's validation, a never-published item's
	// provisional key counts as new.
	p, err := content.Validate(ctx, pool, k, "new-1", n)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p["slug"], "Another topic") || len(p) != 1 {
		t.Errorf("Validate of a new topic with a used slug: %v", p)
	}
}
