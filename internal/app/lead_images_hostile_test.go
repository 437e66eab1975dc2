package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/sswalliance/advocacy/internal/store"
)

// What a hostile or careless staff member can type into the lead image
// field and the Markdown body: never a 500; a value that names no image
// is refused beside the field with the rest of the form kept; every image
// the page shows counts as a use, however it is written.
func TestHostileImageValuesAreRefusedBesideTheField(t *testing.T) {
	s := newStaffSite(t)
	ctx := context.Background()
	id := addPicture(t, s.store, 800, 500, store.MediaTexts{AltEN: "A park", AltES: "Un parque"})
	gone := addPicture(t, s.store, 800, 500, store.MediaTexts{Decorative: true})
	if err := s.store.DeleteMedia(ctx, gone); err != nil {
		t.Fatal(err)
	}
	idText, goneText := strconv.FormatInt(id, 10), strconv.FormatInt(gone, 10)
	const post = "/admin/content/blog-post/a-national-strategy"
	form := editFormValues(parse(t, s.get(t, s.admin, post)))

	// Spaces around an id are trimmed, as in every field: the id is kept.
	for _, v := range []string{" " + idText, idText + " "} {
		ok := cloneValues(form)
		ok.Set("lead_image", v)
		ok.Set("action", "draft")
		if res := postForm(t, s.admin, s.srv.URL+post, ok); res.StatusCode != http.StatusSeeOther {
			t.Errorf("lead_image %q: %s", v, res.Status)
		}
		form = editFormValues(parse(t, s.get(t, s.admin, post)))
		if form.Get("lead_image") != idText {
			t.Errorf("lead_image %q saved as %q", v, form.Get("lead_image"))
		}
	}
	for _, v := range []string{"-1", "0", "abc", idText + "\n" + idText, "99999999999999999999", "0x1", "1e3", goneText, "９", "+" + idText, "0" + idText} {
		bad := cloneValues(form)
		bad.Set("lead_image", v)
		bad.Set("title.en", "Kept title")
		bad.Set("action", "publish")
		res := postForm(t, s.admin, s.srv.URL+post, bad)
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("lead_image %q: %s, want 422", v, res.Status)
			continue
		}
		doc := docOf(t, string(body))
		if doc.Find(`[name="title.en"]`).AttrOr("value", "") != "Kept title" {
			t.Errorf("lead_image %q: the rest of the form was not kept", v)
		}
		if !strings.Contains(doc.Text(), "image") {
			t.Errorf("lead_image %q: no message about the image", v)
		}
	}

	pages := map[string]string{} // saved page -> the body it shows
	dir := t.TempDir()
	// Markdown that names no image, or a huge id, is refused beside the
	// text (TestAMistypedImageCodeInATextIsSaidBesideTheField has more).
	for _, md := range []string{"![](media:0)", "![](media:99999999999999999999)", "![](media:-3)"} {
		f := cloneValues(form)
		f.Set("body.en", form.Get("body.en")+"\n\n"+md+"\n")
		f.Set("lead_image", "")
		f.Set("action", "publish")
		res := postForm(t, s.admin, s.srv.URL+post, f)
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), "names no image") {
			t.Errorf("body %q: %s, want it refused beside the text", md, res.Status)
		}
	}
	// Images written every way goldmark reads them count as uses.
	for _, md := range []string{
		`<span data-media="` + idText + `"></span>`,
		"[![](media:" + idText + ` "a title")](https://example.org)`,
		"| a | b |\n|---|---|\n| ![](media:" + idText + ") | x |",
		"![a [b] c][pic]\n\n[pic]: media:" + idText,
	} {
		f := cloneValues(form)
		f.Set("body.en", form.Get("body.en")+"\n\n"+md+"\n")
		f.Set("lead_image", "")
		f.Set("action", "publish")
		res := postForm(t, s.admin, s.srv.URL+post, f)
		if res.StatusCode != http.StatusSeeOther {
			body, _ := io.ReadAll(res.Body)
			t.Errorf("body %q: %s: %s", md, res.Status, docOf(t, string(body)).Find(".error-summary, [role=alert]").Text())
			continue
		}
		page := s.get(t, http.DefaultClient, "/blog/a-national-strategy")
		html, _ := io.ReadAll(page.Body)
		if page.StatusCode != http.StatusOK {
			t.Errorf("body %q: the post answers %s", md, page.Status)
		}
		file := filepath.Join(dir, fmt.Sprintf("page-%d.html", len(pages)))
		if err := os.WriteFile(file, html, 0o644); err != nil {
			t.Fatal(err)
		}
		pages[file] = md
		shows := strings.Contains(md, "media:"+idText)
		if n := docOf(t, string(html)).Find("main article img[src^='/media/'], main img[src^='/media/']").Length(); shows != (n > 0) {
			t.Errorf("body %q: %d library images shown", md, n)
		}
		uses, err := s.store.MediaUsesOf(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if shows != (len(uses) > 0) {
			t.Errorf("body %q: uses %v", md, uses)
		}
		if shows {
			if err := s.store.DeleteMedia(ctx, id); !errors.Is(err, store.ErrMediaInUse) {
				t.Fatalf("body %q shows image %d, yet deleting it: %v", md, id, err)
			}
		}
		form = editFormValues(parse(t, s.get(t, s.admin, post)))
	}
	if n := htmlValidate(t, pages); n > 0 {
		t.Errorf("html-validate: %d problems in the posts above", n)
	}
}
