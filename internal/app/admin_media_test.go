package app

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/sswalliance/advocacy/internal/media"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
)

// testPicture is a w×h picture with some detail (a gradient), so that
// every encoder has something to encode.
func testPicture(w, h int) image.Image {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			m.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 120, 255})
		}
	}
	return m
}

func testJPEG(t testing.TB, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, testPicture(w, h), &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// mediaTextValues are good texts for the upload form.
func mediaTextValues() url.Values {
	return url.Values{"alt_en": {"Two social workers talking with a family at their kitchen table"},
		"alt_es":     {"Dos trabajadoras sociales conversan con una familia en la mesa de su cocina"},
		"caption_en": {"A home visit"}, "caption_es": {"Una visita a domicilio"}, "credit": {"Campaign photo library"}}
}

// uploadMedia posts the upload form as c.
func uploadMedia(t *testing.T, s staffSite, c *http.Client, fields url.Values, name string, data []byte) *http.Response {
	t.Helper()
	body, ct := multipartForm(t, fields, "file", name, bytes.NewReader(data))
	res, err := c.Post(s.srv.URL+"/admin/media", ct, body)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Body.Close() })
	return res
}

func mediaTotal(t *testing.T, s staffSite) int {
	t.Helper()
	_, total, err := s.store.ListMedia(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	return total
}

// mediaIDFrom reads the image's id from the redirect after an upload.
func mediaIDFrom(t *testing.T, res *http.Response) int64 {
	t.Helper()
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/admin/media/") {
		b, _ := io.ReadAll(res.Body)
		t.Fatalf("upload: %s to %q, want a redirect to the image's page\n%s", res.Status, loc, b)
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(loc, "/admin/media/"), 10, 64)
	if err != nil {
		t.Fatalf("redirect to %q", loc)
	}
	return id
}

func TestMediaUploadsOfPNGAndJPEGAreStoredWithTheirTexts(t *testing.T) {
	s := newStaffSite(t)
	seeded := mediaTotal(t, s) // the seed's own images
	for _, tc := range []struct {
		name string
		data []byte
		w, h int
	}{
		{"visit.png", testPNG(t, 640, 480), 640, 480},
		{"visit.jpg", testJPEG(t, 800, 600), 800, 600},
	} {
		res := uploadMedia(t, s, s.admin, mediaTextValues(), tc.name, tc.data)
		id := mediaIDFrom(t, res)
		m, err := s.store.MediaImage(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if m.Width != tc.w || m.Height != tc.h || m.AltEN != mediaTextValues().Get("alt_en") || m.AltES == "" ||
			m.CaptionEN != "A home visit" || m.CaptionES != "Una visita a domicilio" || m.Credit != "Campaign photo library" || m.Decorative {
			t.Errorf("%s: stored %+v", tc.name, m)
		}
		if len(m.Renditions) == 0 {
			t.Errorf("%s: no renditions", tc.name)
		}
		doc := parse(t, s.get(t, s.admin, fmt.Sprintf("/admin/media/%d", id)))
		if flash := doc.Find("[data-testid=flash]").Text(); !strings.Contains(flash, fmt.Sprintf("![](media:%d)", id)) {
			t.Errorf("%s: flash %q does not give the snippet", tc.name, flash)
		}
		if got, _ := doc.Find("[data-testid=snippet]").Attr("value"); got != fmt.Sprintf("![](media:%d)", id) {
			t.Errorf("%s: snippet %q", tc.name, got)
		}
		if n := doc.Find("[data-testid=rendition]").Length(); n != len(m.Renditions) {
			t.Errorf("%s: %d renditions listed, the image has %d", tc.name, n, len(m.Renditions))
		}
		doc.Find("[data-testid=rendition] a").Each(func(_ int, a *goquery.Selection) {
			if href, _ := a.Attr("href"); !strings.HasPrefix(href, "/media/") {
				t.Errorf("%s: rendition link %q", tc.name, href)
			}
		})
		if got, _ := doc.Find("#alt_es").Attr("value"); got != m.AltES {
			t.Errorf("%s: Spanish alt text in the form %q", tc.name, got)
		}
	}

	// The list shows both first, newest first, with alt text, size and
	// uses.
	doc := parse(t, s.get(t, s.admin, "/admin/media"))
	cards := doc.Find("[data-testid=media-card]")
	if want := min(seeded+2, store.MediaPerPage); cards.Length() != want {
		t.Fatalf("%d cards listed, want %d", cards.Length(), want)
	}
	if got := doc.Find("[data-testid=media-total]").Text(); got != fmt.Sprintf("(%d)", seeded+2) {
		t.Errorf("total %q, want %d", got, seeded+2)
	}
	first := cards.First()
	if got := first.Find("[data-testid=media-size]").Text(); !strings.Contains(got, "800 × 600") {
		t.Errorf("newest card size %q, want the JPEG's 800 × 600", got)
	}
	if alt, _ := first.Find("img").Attr("alt"); alt != mediaTextValues().Get("alt_en") {
		t.Errorf("thumbnail alt %q", alt)
	}
	if got := first.Find("[data-testid=media-uses]").Text(); got != "Not used yet" {
		t.Errorf("uses %q", got)
	}
	if got := first.Find("[data-testid=media-caption]").Text(); got != "A home visit" {
		t.Errorf("caption %q", got)
	}
	// Each upload is in the audit log, in words, linking to its image.
	rows := parse(t, s.get(t, s.admin, "/admin/audit?action="+store.ActionMediaAdd)).Find(`[data-testid=audit-row][data-action="` + store.ActionMediaAdd + `"]`)
	if rows.Length() != 2 {
		t.Fatalf("%d media-add audit lines, want 2", rows.Length())
	}
	if !strings.Contains(rows.First().Text(), "Uploaded image") || rows.First().Find(`a[href^="/admin/media/"]`).Length() != 1 {
		t.Errorf("audit line %q does not say what and link the image", rows.First().Text())
	}
}

func TestMediaDecorativeImageNeedsNoAltText(t *testing.T) {
	s := newStaffSite(t)
	res := uploadMedia(t, s, s.admin, url.Values{"decorative": {"yes"}}, "border.png", testPNG(t, 640, 200))
	id := mediaIDFrom(t, res)
	m, err := s.store.MediaImage(context.Background(), id)
	if err != nil || !m.Decorative || m.AltEN != "" {
		t.Fatalf("stored %+v, %v", m, err)
	}
	card := parse(t, s.get(t, s.admin, "/admin/media")).Find("[data-testid=media-card]")
	if alt, ok := card.Find("img").Attr("alt"); !ok || alt != "" {
		t.Errorf("decorative thumbnail alt %q (present %v), want empty", alt, ok)
	}
	if got := card.Find("[data-testid=media-alt]").Text(); !strings.Contains(got, "Decorative") {
		t.Errorf("card says %q, want it marked decorative", got)
	}
}

func TestMediaUploadsRefusedSayWhyBesideTheFieldKeepTheFormAndStoreNothing(t *testing.T) {
	s := newStaffSite(t)
	before := mediaTotal(t, s)
	good := testPNG(t, 640, 480)
	long := func(n int) string { return strings.Repeat("é", n) }
	with := func(field, value string) url.Values {
		v := mediaTextValues()
		v.Set(field, value)
		return v
	}
	for name, tc := range map[string]struct {
		fields url.Values
		file   string
		data   []byte
		field  string // the field with the message
		want   string // part of the message
	}{
		"not an image":     {mediaTextValues(), "notes.png", []byte("These are meeting notes, not a picture.\n"), "file", media.ErrNotImage.Error()},
		"SVG":              {mediaTextValues(), "logo.svg", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>`), "file", media.ErrSVG.Error()},
		"too large":        {mediaTextValues(), "big.png", append(bytes.Clone(good), make([]byte, 6<<20)...), "file", media.ErrTooLarge.Error()},
		"far too large":    {mediaTextValues(), "huge.png", append(bytes.Clone(good), make([]byte, 12<<20)...), "file", media.ErrTooLarge.Error()},
		"too many pixels":  {mediaTextValues(), "wide.png", hugePNGHeader(20000, 20000), "file", media.ErrTooManyPixels.Error()},
		"cut short":        {mediaTextValues(), "cut.png", good[:len(good)/2], "file", media.ErrCorrupt.Error()},
		"no file":          {mediaTextValues(), "", nil, "file", media.ErrEmpty.Error()},
		"no English alt":   {with("alt_en", " "), "ok.png", good, "alt_en", "in English"},
		"no Spanish alt":   {with("alt_es", ""), "ok.png", good, "alt_es", "in Spanish"},
		"alt too long":     {with("alt_es", long(301)), "ok.png", good, "alt_es", "301 characters"},
		"caption too long": {with("caption_en", long(501)), "ok.png", good, "caption_en", "501 characters"},
		"credit too long":  {with("credit", long(201)), "ok.png", good, "credit", "201 characters"},
		"bad bytes":        {with("credit", "Photo \x00 library"), "ok.png", good, "credit", "cannot be stored"},
	} {
		t.Run(name, func(t *testing.T) {
			res := uploadMedia(t, s, s.admin, tc.fields, tc.file, tc.data)
			doc := parse(t, res)
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("status %s, want 422", res.Status)
			}
			msg := doc.Find("#" + tc.field + "-error").Text()
			if !strings.Contains(strings.ToLower(msg), strings.ToLower(tc.want)) {
				t.Errorf("message beside %s: %q, want %q", tc.field, msg, tc.want)
			}
			// The field points at its message, and the summary at the field.
			if d, _ := doc.Find("#" + tc.field).Attr("aria-describedby"); !strings.Contains(d, tc.field+"-error") {
				t.Errorf("%s aria-describedby %q", tc.field, d)
			}
			if href, _ := doc.Find("[data-testid=error-summary] a").First().Attr("href"); href != "#"+tc.field {
				t.Errorf("summary links %q", href)
			}
			// The rest kept.
			for _, f := range []string{"alt_en", "alt_es", "credit"} {
				if f == tc.field {
					continue
				}
				if got, _ := doc.Find("#" + f).Attr("value"); got != strings.TrimSpace(tc.fields.Get(f)) {
					t.Errorf("%s not kept: %q", f, got)
				}
			}
			if tc.field != "caption_en" {
				if got := doc.Find("#caption_en").Text(); got != tc.fields.Get("caption_en") {
					t.Errorf("caption not kept: %q", got)
				}
			}
			// A good file with another problem must be chosen again: said.
			again := doc.Find("[data-testid=file-again]").Length() == 1
			if again != (tc.field != "file") {
				t.Errorf("choose-the-file-again note shown %v", again)
			}
		})
	}
	if n := mediaTotal(t, s) - before; n != 0 {
		t.Fatalf("refused uploads stored %d images", n)
	}
}

func TestMediaTextsAreEditedOnTheImagePage(t *testing.T) {
	s := newStaffSite(t)
	id := mediaIDFrom(t, uploadMedia(t, s, s.admin, mediaTextValues(), "visit.png", testPNG(t, 640, 480)))
	path := fmt.Sprintf("/admin/media/%d", id)

	v := mediaTextValues()
	v.Set("alt_en", "A social worker and a family at a kitchen table")
	v.Set("caption_es", "")
	if flash := s.post(t, s.admin, path, v, path); !strings.Contains(flash, "saved") {
		t.Errorf("flash %q", flash)
	}
	m, err := s.store.MediaImage(context.Background(), id)
	if err != nil || m.AltEN != "A social worker and a family at a kitchen table" || m.CaptionES != "" || m.CaptionEN != "A home visit" {
		t.Fatalf("after the edit: %+v, %v", m, err)
	}

	// A bad edit changes nothing and says why beside the field.
	v.Set("alt_es", "")
	v.Set("credit", "A new credit")
	res := postForm(t, s.admin, s.srv.URL+path, v)
	doc := parse(t, res)
	if res.StatusCode != http.StatusUnprocessableEntity || doc.Find("#alt_es-error").Length() != 1 {
		t.Fatalf("edit without Spanish alt text: %s, message %q", res.Status, doc.Find("#alt_es-error").Text())
	}
	if got, _ := doc.Find("#credit").Attr("value"); got != "A new credit" {
		t.Errorf("credit as typed not kept: %q", got)
	}
	if m2, _ := s.store.MediaImage(context.Background(), id); m2.Credit != m.Credit || m2.AltES != m.AltES {
		t.Errorf("a refused edit was saved: %+v", m2)
	}
	// Unknown images are not found.
	for _, p := range []string{"/admin/media/999999", "/admin/media/abc", "/admin/media/0"} {
		if res := s.get(t, s.admin, p); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %s", p, res.Status)
		}
	}
	if res := postForm(t, s.admin, s.srv.URL+"/admin/media/999999/delete", nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("delete of no image: %s", res.Status)
	}
}

func TestMediaDeleteRefusedWhileUsedAndDoneWhenNot(t *testing.T) {
	s := newStaffSite(t)
	ctx := context.Background()
	before := mediaTotal(t, s)
	used := mediaIDFrom(t, uploadMedia(t, s, s.admin, mediaTextValues(), "used.png", testPNG(t, 640, 480)))
	unused := mediaIDFrom(t, uploadMedia(t, s, s.admin, mediaTextValues(), "unused.png", testPNG(t, 640, 480)))
	if err := s.store.SetMediaUses(ctx, "blog", "my-post", []int64{used}); err != nil {
		t.Fatal(err)
	}

	usedPath := fmt.Sprintf("/admin/media/%d", used)
	doc := parse(t, s.get(t, s.admin, usedPath))
	if href, _ := doc.Find("[data-testid=use] a").Attr("href"); href != "/admin/content/blog/my-post" {
		t.Errorf("where used links %q, want the post's editor", href)
	}
	card := parse(t, s.get(t, s.admin, "/admin/media")).Find(fmt.Sprintf("[data-testid=media-card][data-id=%q]", strconv.FormatInt(used, 10)))
	if got := card.Find("[data-testid=media-uses]").Text(); got != "Used in 1 place" {
		t.Errorf("list says %q", got)
	}

	res := postForm(t, s.admin, s.srv.URL+usedPath+"/delete", nil)
	doc = parse(t, res)
	if res.StatusCode != http.StatusConflict || !strings.Contains(doc.Find("[data-testid=delete-error]").Text(), "still used") {
		t.Fatalf("delete of a used image: %s, %q", res.Status, doc.Find("[data-testid=delete-error]").Text())
	}
	if _, err := s.store.MediaImage(ctx, used); err != nil {
		t.Fatalf("the used image is gone: %v", err)
	}

	unusedPath := fmt.Sprintf("/admin/media/%d", unused)
	if flash := s.post(t, s.admin, unusedPath+"/delete", nil, "/admin/media"); !strings.Contains(flash, "deleted") {
		t.Errorf("flash %q", flash)
	}
	if res := s.get(t, s.admin, unusedPath); res.StatusCode != http.StatusNotFound {
		t.Errorf("deleted image's page: %s", res.Status)
	}
	if n := mediaTotal(t, s) - before; n != 1 {
		t.Errorf("%d of the test's images left, want the used one", n)
	}
}

func TestMediaLibraryPagesAndTheirBounds(t *testing.T) {
	s := newStaffSite(t)
	ctx := context.Background()
	res, err := media.Process(ctx, testPNG(t, 320, 240))
	if err != nil {
		t.Fatal(err)
	}
	texts := store.MediaTexts{AltEN: "A test picture", AltES: "Una imagen de prueba"}
	// Pages enough for one image on the second, with the seed's own.
	for range store.MediaPerPage + 1 - mediaTotal(t, s) {
		if _, err := s.store.CreateMedia(ctx, res.Original, res.ContentType, res.Width, res.Height, texts, res.Renditions); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		query  string
		status int
		cards  int
	}{
		{"", http.StatusOK, store.MediaPerPage},
		{"?page=1", http.StatusOK, store.MediaPerPage},
		{"?page=2", http.StatusOK, 1},
		{"?page=3", http.StatusNotFound, store.MediaPerPage},
		{"?page=0", http.StatusBadRequest, store.MediaPerPage},
		{"?page=two", http.StatusBadRequest, store.MediaPerPage},
		{"?page=99999999999999999999", http.StatusBadRequest, store.MediaPerPage},
	} {
		res := s.get(t, s.admin, "/admin/media"+tc.query)
		doc := parse(t, res)
		if res.StatusCode != tc.status {
			t.Errorf("%q: %s, want %d", tc.query, res.Status, tc.status)
		}
		if n := doc.Find("[data-testid=media-card]").Length(); n != tc.cards {
			t.Errorf("%q: %d cards, want %d", tc.query, n, tc.cards)
		}
		if bad := tc.status != http.StatusOK; bad != (doc.Find("[data-testid=page-problem]").Length() == 1) {
			t.Errorf("%q: page message shown %v", tc.query, !bad)
		}
	}
	doc := parse(t, s.get(t, s.admin, "/admin/media"))
	if href, _ := doc.Find("[data-testid=next-page]").Attr("href"); href != "/admin/media?page=2" {
		t.Errorf("older link %q", href)
	}
	if doc.Find("[data-testid=previous-page]").Length() != 0 {
		t.Error("the first page links to a newer one")
	}
}

func TestMediaLibraryIsForSignedInStaff(t *testing.T) {
	s := newStaffSite(t)
	editor := signIn(t, s.srv.URL, "editor@example.org", addStaff(t, s.pool, "editor@example.org", "editor"))
	anon := client(t, s.srv.URL)
	before := mediaTotal(t, s)

	if res := s.get(t, anon, "/admin/media"); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/admin/login") {
		t.Errorf("signed out: %s to %q", res.Status, res.Header.Get("Location"))
	}
	if res := uploadMedia(t, s, anon, mediaTextValues(), "a.png", testPNG(t, 320, 240)); res.StatusCode != http.StatusSeeOther ||
		!strings.HasPrefix(res.Header.Get("Location"), "/admin/login") {
		t.Errorf("signed-out upload: %s to %q", res.Status, res.Header.Get("Location"))
	}
	if n := mediaTotal(t, s) - before; n != 0 {
		t.Fatalf("a signed-out upload stored %d images", n)
	}
	// Editors edit content, so they use the library like admins.
	id := mediaIDFrom(t, uploadMedia(t, s, editor, mediaTextValues(), "a.png", testPNG(t, 320, 240)))
	if res := s.get(t, editor, fmt.Sprintf("/admin/media/%d", id)); res.StatusCode != http.StatusOK {
		t.Errorf("editor opens the image: %s", res.Status)
	}
	nav := parse(t, s.get(t, editor, "/admin/media")).Find(`nav a[href="/admin/media"]`)
	if c, _ := nav.Attr("aria-current"); c != "page" {
		t.Errorf("the staff menu's Media link: %d found, aria-current %q", nav.Length(), c)
	}
}

func TestMediaPagesAreValidHTML(t *testing.T) {
	s := newStaffSite(t)
	id := mediaIDFrom(t, uploadMedia(t, s, s.admin, mediaTextValues(), "visit.png", testPNG(t, 640, 480)))
	if err := s.store.SetMediaUses(context.Background(), "blog", "my-post", []int64{id}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string]string{}
	save := func(name string, res *http.Response) {
		t.Helper()
		body, err := io.ReadAll(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, fmt.Sprintf("page-%02d.html", len(files)))
		if err := os.WriteFile(file, body, 0o644); err != nil {
			t.Fatal(err)
		}
		files[file] = name
	}
	path := fmt.Sprintf("/admin/media/%d", id)
	save("library", s.get(t, s.admin, "/admin/media"))
	save("library, bad page", s.get(t, s.admin, "/admin/media?page=x"))
	save("upload refused", uploadMedia(t, s, s.admin, url.Values{"credit": {strings.Repeat("x", 201)}}, "notes.png", []byte("not an image")))
	save("good file, alt missing", uploadMedia(t, s, s.admin, url.Values{}, "visit.png", testPNG(t, 640, 480)))
	save("image page", s.get(t, s.admin, path))
	save("texts refused", postForm(t, s.admin, s.srv.URL+path, url.Values{"alt_en": {"x"}}))
	save("delete refused", postForm(t, s.admin, s.srv.URL+path+"/delete", nil))
	if n := htmlValidate(t, files); n > 0 {
		t.Logf("%d problems", n)
	}
}

// TestMediaWhereUsedNamesTheSeededPostsThatShowAnImage: an image the seed's
// content shows lists each item by its title, linking to its editor, and
// cannot be deleted.
func TestMediaWhereUsedNamesTheSeededPostsThatShowAnImage(t *testing.T) {
	s := newStaffSite(t)
	ctx := context.Background()
	imgs, _, err := s.store.ListMedia(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	var used int64
	for _, m := range imgs {
		if uses, err := s.store.MediaUsesOf(ctx, m.ID); err == nil && len(uses) > 0 {
			used = m.ID
			break
		}
	}
	if used == 0 {
		t.Fatal("the seed uses none of its images")
	}
	path := fmt.Sprintf("/admin/media/%d", used)
	doc := parse(t, s.get(t, s.admin, path))
	uses := doc.Find("[data-testid=use] a")
	if uses.Length() == 0 {
		t.Fatal("where used lists nothing")
	}
	uses.Each(func(_ int, a *goquery.Selection) {
		href, _ := a.Attr("href")
		if !strings.HasPrefix(href, "/admin/content/") {
			t.Errorf("use links %q", href)
		}
		if res := s.get(t, s.admin, href); res.StatusCode != http.StatusOK {
			t.Errorf("the editor page %s of a use: %s", href, res.Status)
		}
		key := href[strings.LastIndex(href, "/")+1:]
		if label := a.Text(); !strings.Contains(label, ": ") || strings.HasSuffix(label, ": "+key) {
			t.Errorf("use named %q, want its kind and title", label)
		}
	})
	if res := postForm(t, s.admin, s.srv.URL+path+"/delete", nil); res.StatusCode != http.StatusConflict {
		t.Errorf("delete of a seeded image in use: %s", res.Status)
	}
}

// TestMediaUploadsThatCannotBeReadAreRefusedNeverA500: a body that is not
// the form it claims, or far more text than the form has, gets a 400; an
// upload that finds every staff upload slot taken a 503 with Retry-After;
// none stores anything.
func TestMediaUploadsThatCannotBeReadAreRefusedNeverA500(t *testing.T) {
	app, pool := seededApp(t)
	app.site.StaffUploadWait = 100 * time.Millisecond
	srv := httptest.NewServer(app.Handler())
	defer srv.Close()
	c := signIn(t, srv.URL, "editor@example.org", addStaff(t, pool, "editor@example.org", "editor"))
	st := store.New(pool)
	_, before, err := st.ListMedia(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	post := func(ct string, body io.Reader) *http.Response {
		t.Helper()
		res, err := c.Post(srv.URL+"/admin/media", ct, body)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { res.Body.Close() })
		return res
	}
	if res := post("multipart/form-data; boundary=xyz", strings.NewReader("this is not multipart at all")); res.StatusCode != http.StatusBadRequest {
		t.Errorf("a garbled body: %s, want 400", res.Status)
	}
	if res := post("multipart/form-data", strings.NewReader("--x\r\n")); res.StatusCode != http.StatusBadRequest {
		t.Errorf("no boundary: %s, want 400", res.Status)
	}
	body, ct := multipartForm(t, url.Values{"alt_en": {strings.Repeat("a", 70<<10)}}, "file", "a.png", bytes.NewReader(testPNG(t, 320, 240)))
	if res := post(ct, body); res.StatusCode != http.StatusBadRequest {
		t.Errorf("text over the limit: %s, want 400", res.Status)
	}
	for range web.StaffUploadsInFlight {
		app.site.StaffUploads() <- struct{}{}
	}
	body, ct = multipartForm(t, mediaTextValues(), "file", "a.png", bytes.NewReader(testPNG(t, 320, 240)))
	if res := post(ct, body); res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" {
		t.Errorf("every slot taken: %s, Retry-After %q", res.Status, res.Header.Get("Retry-After"))
	}
	for range web.StaffUploadsInFlight {
		<-app.site.StaffUploads()
	}
	if _, after, _ := st.ListMedia(context.Background(), 1); after != before {
		t.Errorf("refused posts stored %d images", after-before)
	}
}
