package content_test

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/store"
)

// topicSlugs lists the slugs of a resource's topics as the store reads them.
func topicSlugs(r store.Resource) []string {
	var out []string
	for _, t := range r.Topics {
		out = append(out, t.Slug)
	}
	slices.Sort(out)
	return out
}

// fileIDs lists a resource's files in the order the public page shows them.
func fileIDs(r store.Resource) []int64 {
	var out []int64
	for _, f := range r.Files {
		out = append(out, f.FileID)
	}
	return out
}

func publicResource(t *testing.T, pool *pgxpool.Pool, slug string, l i18n.Lang) store.Resource {
	t.Helper()
	r, err := store.New(pool).Resource(context.Background(), slug, l)
	if err != nil {
		t.Fatalf("store: resource %s/%s: %v", l, slug, err)
	}
	return r
}

func TestResourceSaveShowsOnPublicSite(t *testing.T) {
	pool := seeded(t)
	ctx := context.Background()
	k := content.ResourceKind
	d, err := k.Load(ctx, pool, "call-to-action")
	if err != nil {
		t.Fatal(err)
	}
	if d["month"] != "5" || d["year"] != "2018" || d["type"] != "call-to-action" {
		t.Errorf("loaded year %q month %q type %q", d["year"], d["month"], d["type"])
	}
	d["title.en"], d["title.es"] = "A new English title", "Un título nuevo"
	d["summary.en"], d["summary.es"] = "New summary.", "Resumen nuevo."
	d["body.en"], d["body.es"] = "New **body**.", "Cuerpo **nuevo**."
	d["topics"] = "health\nadvocacy"
	d["month"] = ""
	d["year"] = "2019"
	d["organisation"] = "UNICEF"
	d["links"] = "https://example.org/a  First link\n\n  https://example.org/b Second link  \r\n"
	key, err := k.Save(ctx, pool, "call-to-action", d)
	if err != nil {
		t.Fatal(err)
	}
	if key != "call-to-action" {
		t.Errorf("key %q", key)
	}

	en := publicResource(t, pool, "call-to-action", i18n.EN)
	if en.Title != "A new English title" || en.Summary != "New summary." || en.Body != "New **body**." {
		t.Errorf("English texts %q %q %q", en.Title, en.Summary, en.Body)
	}
	if en.Year != 2019 || en.Month != 0 || en.Organisation != "UNICEF" {
		t.Errorf("year %d month %d organisation %q", en.Year, en.Month, en.Organisation)
	}
	if got := topicSlugs(en); !slices.Equal(got, []string{"advocacy", "health"}) {
		t.Errorf("topics %v", got)
	}
	want := []store.ResourceLink{{URL: "https://example.org/a", Label: "First link"}, {URL: "https://example.org/b", Label: "Second link"}}
	if !slices.Equal(en.Links, want) {
		t.Errorf("links %v, want %v", en.Links, want)
	}
	es := publicResource(t, pool, "call-to-action", i18n.ES)
	if es.Lang != "es" || es.Title != "Un título nuevo" || es.Summary != "Resumen nuevo." || es.Body != "Cuerpo **nuevo**." {
		t.Errorf("Spanish: lang %q texts %q %q %q", es.Lang, es.Title, es.Summary, es.Body)
	}

	again, err := k.Load(ctx, pool, key)
	if err != nil {
		t.Fatal(err)
	}
	if again["links"] != "https://example.org/a First link\nhttps://example.org/b Second link" {
		t.Errorf("links reload as %q", again["links"])
	}
	// Topics come back in the order the form offers them (English names).
	if again["topics"] != "advocacy\nhealth" {
		t.Errorf("topics reload as %q", again["topics"])
	}

	// A new slug is a new key, and the old address is gone.
	files, err := content.ResourceFileKind.List(ctx, pool, "call-to-action")
	if err != nil {
		t.Fatal(err)
	}
	fileDoc, err := content.ResourceFileKind.Load(ctx, pool, files[0].Key)
	if err != nil {
		t.Fatal(err)
	}
	d = again
	d["slug"] = "call-to-action-2019"
	if key, err = k.Save(ctx, pool, "call-to-action", d); err != nil || key != "call-to-action-2019" {
		t.Fatalf("Save with a new slug: %q, %v", key, err)
	}
	if _, err := store.New(pool).Resource(ctx, "call-to-action", i18n.EN); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("old slug: %v", err)
	}
	if r := publicResource(t, pool, "call-to-action-2019", i18n.EN); len(r.Files) != 2 {
		t.Errorf("files after renaming: %d, want 2", len(r.Files))
	}
	// A file's draft written before the rename still names the old slug;
	// publishing it must still work.
	fileDoc["label"] = "Download the call"
	if problems := content.ResourceFileKind.Check(ctx, pool, files[0].Key, fileDoc); len(problems) > 0 {
		t.Errorf("Check of a file of a renamed resource: %v", problems)
	}
	if _, err := content.ResourceFileKind.Save(ctx, pool, files[0].Key, fileDoc); err != nil {
		t.Fatalf("Save of a file of a renamed resource: %v", err)
	}
	if r := publicResource(t, pool, "call-to-action-2019", i18n.ES); r.Files[0].Label != "Download the call" {
		t.Errorf("file label after renaming: %q", r.Files[0].Label)
	}
}

func TestResourceSpanishFallsBackToEnglish(t *testing.T) {
	pool := seeded(t)
	ctx := context.Background()
	k := content.ResourceKind
	d, err := k.Load(ctx, pool, "call-to-action")
	if err != nil {
		t.Fatal(err)
	}
	if d["title.es"] == "" {
		t.Fatal("the demo call to action has no Spanish title")
	}
	d["title.es"], d["summary.es"], d["body.es"] = "", "", ""
	if _, err := k.Save(ctx, pool, "call-to-action", d); err != nil {
		t.Fatal(err)
	}
	es := publicResource(t, pool, "call-to-action", i18n.ES)
	if es.Lang != "en" || es.Title != d["title.en"] {
		t.Errorf("Spanish page shows lang %q title %q, want the English", es.Lang, es.Title)
	}
	again, err := k.Load(ctx, pool, "call-to-action")
	if err != nil {
		t.Fatal(err)
	}
	if again["title.es"] != "" {
		t.Errorf("Spanish title still loads: %q", again["title.es"])
	}
	// Saved again as loaded, it stays in English only.
	if _, err := k.Save(ctx, pool, "call-to-action", again); err != nil {
		t.Fatal(err)
	}
	if third, _ := k.Load(ctx, pool, "call-to-action"); !maps.Equal(again, third) {
		t.Errorf("Load after Save differs:\n %v\n %v", again, third)
	}
}

func TestResourceCreateAndDelete(t *testing.T) {
	pool := seeded(t)
	ctx := context.Background()
	k := content.ResourceKind
	d := k.New("")
	if d["year"] == "" {
		t.Error("a new resource starts without a year")
	}
	maps.Copy(d, content.Doc{
		"slug": "new-brief", "type": "policy-brief", "year": "2024", "month": "3",
		"title.en": "A new brief", "summary.en": "Short.", "topics": "sdgs",
		"links": "https://example.org Example",
	})
	if problems := k.Check(ctx, pool, "", d); len(problems) > 0 {
		t.Fatalf("Check of a good new resource: %v", problems)
	}
	key, err := k.Save(ctx, pool, "", d)
	if err != nil {
		t.Fatal(err)
	}
	if key != "new-brief" {
		t.Errorf("key %q", key)
	}
	if p := k.PublicPath(key, d); p != "/resources/new-brief" {
		t.Errorf("public path %q", p)
	}
	r := publicResource(t, pool, "new-brief", i18n.ES)
	if r.Lang != "en" || r.Title != "A new brief" || r.Month != 3 || r.Type.Slug != "policy-brief" {
		t.Errorf("new resource reads as %+v", r)
	}
	entries, err := k.List(ctx, pool, "")
	if err != nil {
		t.Fatal(err)
	}
	// Newest first: 2024 is the latest year in the library.
	if entries[0].Key != "new-brief" || entries[0].Note != "Policy brief, 2024" {
		t.Errorf("first entry %+v", entries[0])
	}

	// A file attached to it: its attachment goes with the resource, the
	// upload stays.
	file, err := store.New(pool).CreateFile(ctx, "brief.pdf", "application/pdf", []byte("%PDF-1.4 brief"))
	if err != nil {
		t.Fatal(err)
	}
	fd := content.ResourceFileKind.New("new-brief")
	fd["file"] = strconv.FormatInt(file, 10)
	if _, err := content.ResourceFileKind.Save(ctx, pool, "", fd); err != nil {
		t.Fatal(err)
	}

	if err := k.Delete(ctx, pool, key); err != nil {
		t.Fatal(err)
	}
	if _, err := store.New(pool).Resource(ctx, "new-brief", i18n.EN); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("deleted resource: %v", err)
	}
	if _, err := k.Load(ctx, pool, key); !errors.Is(err, content.ErrNotFound) {
		t.Errorf("Load of a deleted resource: %v", err)
	}
	if _, err := store.New(pool).FileMeta(ctx, file); err != nil {
		t.Errorf("the upload went with the resource: %v", err)
	}
	if err := k.Delete(ctx, pool, key); !errors.Is(err, content.ErrNotFound) {
		t.Errorf("second Delete: %v", err)
	}
}

func TestResourceCheck(t *testing.T) {
	pool := seeded(t)
	ctx := context.Background()
	k := content.ResourceKind
	base, err := k.Load(ctx, pool, "mapping-the-workforce")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		key    string
		change content.Doc
		want   []string // doc keys with a problem
	}{
		{"unchanged", "mapping-the-workforce", nil, nil},
		{"new slug free", "mapping-the-workforce", content.Doc{"slug": "mapping-2"}, nil},
		{"slug of another", "mapping-the-workforce", content.Doc{"slug": "key-messages"}, []string{"slug"}},
		{"new item, slug taken", "", content.Doc{"slug": "mapping-the-workforce"}, []string{"slug"}},
		{"renaming a page's document", "call-to-action", content.Doc{"slug": "cta"}, []string{"slug"}},
		{"year too early", "mapping-the-workforce", content.Doc{"year": "1980"}, []string{"year"}},
		{"link without text", "mapping-the-workforce", content.Doc{"links": "https://example.org/a Fine\nhttps://example.org/b"}, []string{"links"}},
		{"link without address", "mapping-the-workforce", content.Doc{"links": "Read the report"}, []string{"links"}},
		{"link not on the web", "mapping-the-workforce", content.Doc{"links": "mailto:a@example.org Write"}, []string{"links"}},
		{"Spanish body without title", "mapping-the-workforce", content.Doc{"body.es": "Texto"}, []string{"title.es"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := base.Clone()
			maps.Copy(d, c.change)
			got := k.Check(ctx, pool, c.key, d)
			keys := slices.Sorted(maps.Keys(got))
			if !slices.Equal(keys, c.want) {
				t.Errorf("problems %v, want on %v", got, c.want)
			}
			for f, msg := range got {
				if msg == "" || strings.Contains(msg, "content:") {
					t.Errorf("%s: message %q is not for staff", f, msg)
				}
			}
		})
	}
	got := k.Check(ctx, pool, "mapping-the-workforce", content.Doc{"slug": "mapping-the-workforce", "year": "2018", "links": "https://example.org/a Fine\nnope\nhttps://example.org/b"})
	if msg := got["links"]; !strings.Contains(msg, "Line 2") || !strings.Contains(msg, "Line 3") {
		t.Errorf("links message %q should name lines 2 and 3", msg)
	}
}

func TestResourceFileReplaceAddMoveDelete(t *testing.T) {
	pool := seeded(t)
	ctx := context.Background()
	k := content.ResourceFileKind
	st := store.New(pool)

	entries, err := k.List(ctx, pool, "call-to-action")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 {
		t.Fatalf("call to action files: %v", entries)
	}
	if entries[0].Title != "call-to-action-en.pdf" || entries[1].Title != "Descarga en español" {
		t.Errorf("titles %q, %q", entries[0].Title, entries[1].Title)
	}
	if n := entries[0].Note; !strings.HasPrefix(n, "English, PDF, ") || !strings.HasSuffix(n, "KB") {
		t.Errorf("note %q", n)
	}
	before := fileIDs(publicResource(t, pool, "call-to-action", i18n.EN))
	d, err := k.Load(ctx, pool, entries[0].Key)
	if err != nil {
		t.Fatal(err)
	}
	if d["resource"] != "call-to-action" || d["lang"] != "en" || k.Title(d) != "call-to-action-en.pdf" {
		t.Errorf("loaded %v, title %q", d, k.Title(d))
	}

	// Replacing the upload: a new key, the same place on the page.
	replacement, err := st.CreateFile(ctx, "call-to-action-2019.pdf", "application/pdf", []byte("%PDF-1.4 new"))
	if err != nil {
		t.Fatal(err)
	}
	d["file"] = strconv.FormatInt(replacement, 10)
	d["label"] = "Read the call"
	if problems := k.Check(ctx, pool, entries[0].Key, d); len(problems) > 0 {
		t.Fatalf("Check of a replacement: %v", problems)
	}
	key, err := k.Save(ctx, pool, entries[0].Key, d)
	if err != nil {
		t.Fatal(err)
	}
	if key != d["file"] {
		t.Errorf("key after replacing %q, want %q", key, d["file"])
	}
	for _, l := range i18n.Langs {
		r := publicResource(t, pool, "call-to-action", l)
		if got := fileIDs(r); !slices.Equal(got, []int64{replacement, before[1]}) {
			t.Errorf("%s: files %v, want %v", l, got, []int64{replacement, before[1]})
		}
		if r.Files[0].Label != "Read the call" || r.Files[0].Lang != "en" {
			t.Errorf("%s: first file %+v", l, r.Files[0])
		}
	}
	if _, err := k.Load(ctx, pool, entries[0].Key); !errors.Is(err, content.ErrNotFound) {
		t.Errorf("old key still loads: %v", err)
	}
	if _, err := st.FileMeta(ctx, before[0]); err != nil {
		t.Errorf("the replaced upload is gone: %v", err)
	}

	// A new file goes last.
	french, err := st.CreateFile(ctx, "appel-fr.pdf", "application/pdf", []byte("%PDF-1.4 fr"))
	if err != nil {
		t.Fatal(err)
	}
	nd := k.New("call-to-action")
	nd["file"], nd["lang"], nd["label"] = strconv.FormatInt(french, 10), "fr", "Télécharger en français"
	if problems := k.Check(ctx, pool, "", nd); len(problems) > 0 {
		t.Fatalf("Check of a new file: %v", problems)
	}
	frKey, err := k.Save(ctx, pool, "", nd)
	if err != nil {
		t.Fatal(err)
	}
	if got := fileIDs(publicResource(t, pool, "call-to-action", i18n.ES)); !slices.Equal(got, []int64{replacement, before[1], french}) {
		t.Errorf("files after adding %v", got)
	}
	if p := k.PublicPath(frKey, nd); p != "/resources/call-to-action" {
		t.Errorf("public path %q", p)
	}

	// Moving it up one place, then trying past the top.
	for range 3 {
		if err := k.Move(ctx, pool, frKey, -1); err != nil {
			t.Fatal(err)
		}
	}
	if got := fileIDs(publicResource(t, pool, "call-to-action", i18n.EN)); !slices.Equal(got, []int64{french, replacement, before[1]}) {
		t.Errorf("files after moving up %v", got)
	}
	if err := k.Move(ctx, pool, frKey, +1); err != nil {
		t.Fatal(err)
	}
	if got := fileIDs(publicResource(t, pool, "call-to-action", i18n.EN)); !slices.Equal(got, []int64{replacement, french, before[1]}) {
		t.Errorf("files after moving down %v", got)
	}
	if again, _ := k.Load(ctx, pool, frKey); !maps.Equal(again, content.Doc{
		"resource": "call-to-action", "file": frKey, "lang": "fr", "label": "Télécharger en français", "file_name": "appel-fr.pdf",
	}) {
		t.Errorf("moving changed the item: %v", again)
	}

	if err := k.Delete(ctx, pool, frKey); err != nil {
		t.Fatal(err)
	}
	if got := fileIDs(publicResource(t, pool, "call-to-action", i18n.EN)); !slices.Equal(got, []int64{replacement, before[1]}) {
		t.Errorf("files after deleting %v", got)
	}
	if _, err := st.FileMeta(ctx, french); err != nil {
		t.Errorf("the deleted download's upload is gone: %v", err)
	}
	if err := k.Delete(ctx, pool, frKey); !errors.Is(err, content.ErrNotFound) {
		t.Errorf("second Delete: %v", err)
	}
}

func TestResourceFileCheckAndTitle(t *testing.T) {
	pool := seeded(t)
	ctx := context.Background()
	k := content.ResourceFileKind
	mine, err := k.List(ctx, pool, "call-to-action")
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := k.List(ctx, pool, "key-messages")
	if err != nil {
		t.Fatal(err)
	}
	spare, err := store.New(pool).CreateFile(ctx, "spare.pdf", "application/pdf", []byte("%PDF-1.4 spare"))
	if err != nil {
		t.Fatal(err)
	}
	doc := func(resource, file string) content.Doc {
		return content.Doc{"resource": resource, "file": file, "lang": "en", "label": ""}
	}
	for _, c := range []struct {
		name string
		key  string
		d    content.Doc
		want []string
	}{
		{"own file", mine[0].Key, doc("call-to-action", mine[0].Key), nil},
		{"a fresh upload", mine[0].Key, doc("call-to-action", strconv.FormatInt(spare, 10)), nil},
		{"no such upload", "", doc("call-to-action", "987654321"), []string{"file"}},
		{"no upload at all", "", doc("call-to-action", ""), []string{"file"}},
		{"another resource's file", "", doc("call-to-action", theirs[0].Key), []string{"file"}},
		{"resource gone", "", doc("no-such-resource", strconv.FormatInt(spare, 10)), []string{"resource"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := k.Check(ctx, pool, c.key, c.d)
			if keys := slices.Sorted(maps.Keys(got)); !slices.Equal(keys, c.want) {
				t.Errorf("problems %v, want on %v", got, c.want)
			}
		})
	}

	for _, c := range []struct {
		d    content.Doc
		want string
	}{
		{content.Doc{"label": "Descarga en español", "file_name": "x-es.pdf", "lang": "es"}, "Descarga en español"},
		{content.Doc{"label": "", "file_name": "x-es.pdf", "lang": "es"}, "x-es.pdf"},
		{content.Doc{"lang": "pt"}, "Portuguese document"},
	} {
		if got := k.Title(c.d); got != c.want {
			t.Errorf("Title(%v) = %q, want %q", c.d, got, c.want)
		}
	}
}

func TestResourceFormOptions(t *testing.T) {
	pool := seeded(t)
	ctx := context.Background()
	labels := func(kind *content.Kind, field string) map[string]string {
		f, ok := kind.Field(field)
		if !ok || f.Options == nil {
			t.Fatalf("%s has no options field %s", kind.Name, field)
		}
		opts, err := f.Options(ctx, pool, content.Doc{})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, o := range opts {
			out[o.Value] = o.Label
		}
		return out
	}
	if got := labels(content.ResourceKind, "type"); got["fact-sheet"] != "Fact sheet (toolkit)" || got["report"] != "Report" {
		t.Errorf("type options %v", got)
	}
	if got := labels(content.ResourceKind, "topics"); got["sdgs"] != "Sustainable Development Goals" {
		t.Errorf("topic options %v", got)
	}
	if got := labels(content.ResourceKind, "month"); len(got) != 13 || got[""] != "Not known" || got["12"] != "December" {
		t.Errorf("month options %v", got)
	}
	if got := labels(content.ResourceFileKind, "lang"); len(got) != 4 || got["pt"] != "Portuguese" {
		t.Errorf("language options %v", got)
	}
}

// TestResourceDemoContentValidates makes sure the form's limits and checks
// accept every resource and file already in the library, so staff can save
// one without first having to shorten it.
func TestResourceDemoContentValidates(t *testing.T) {
	pool := seeded(t)
	ctx := context.Background()
	resources, err := content.ResourceKind.List(ctx, pool, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range resources {
		check := func(k *content.Kind, key string) {
			d, err := k.Load(ctx, pool, key)
			if err != nil {
				t.Fatal(err)
			}
			problems, err := content.Validate(ctx, pool, k, key, d)
			if err != nil {
				t.Fatal(err)
			}
			if len(problems) > 0 {
				t.Errorf("%s %s: %v", k.Name, key, problems)
			}
		}
		check(content.ResourceKind, r.Key)
		files, err := content.ResourceFileKind.List(ctx, pool, r.Key)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			check(content.ResourceFileKind, f.Key)
		}
	}
}
