package app

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	xwebp "golang.org/x/image/webp"

	"github.com/sswalliance/advocacy/internal/media"
	"github.com/sswalliance/advocacy/internal/store"
)

// addPicture stores a w x h photo-like JPEG in the media library.
func addPicture(t *testing.T, st *store.Store, w, h int, texts store.MediaTexts) int64 {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			m.SetRGBA(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 120, 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, m, nil); err != nil {
		t.Fatal(err)
	}
	res, err := media.Process(context.Background(), buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	id, err := st.CreateMedia(context.Background(), res.Original, res.ContentType, res.Width, res.Height, texts, res.Renditions)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// fetchImage GETs a rendition and decodes it, checking how it is served.
func (s staffSite) fetchImage(t *testing.T, path string) (image.Image, string) {
	t.Helper()
	res := s.get(t, http.DefaultClient, path)
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Cache-Control"), "immutable") {
		t.Fatalf("GET %s: %s, Cache-Control %q", path, res.Status, res.Header.Get("Cache-Control"))
	}
	ct := res.Header.Get("Content-Type")
	var m image.Image
	var err error
	switch ct {
	case "image/webp":
		m, err = xwebp.Decode(bytes.NewReader(body))
	case "image/jpeg":
		m, err = jpeg.Decode(bytes.NewReader(body))
	default:
		t.Fatalf("GET %s: Content-Type %q", path, ct)
	}
	if err != nil {
		t.Fatalf("GET %s: not a valid %s: %v", path, ct, err)
	}
	return m, ct
}

// checkSrcSet fetches every candidate of a srcset and checks that each is
// an image exactly as wide as it claims, of the aspect ratio of width x
// height.
func (s staffSite) checkSrcSet(t *testing.T, srcset string, width, height int) int {
	t.Helper()
	n := 0
	for _, c := range strings.Split(srcset, ", ") {
		u, w, ok := strings.Cut(c, " ")
		claimed, err := strconv.Atoi(strings.TrimSuffix(w, "w"))
		if !ok || err != nil || !strings.HasPrefix(u, "/media/") {
			t.Fatalf("srcset candidate %q", c)
		}
		m, _ := s.fetchImage(t, u)
		if b := m.Bounds(); b.Dx() != claimed || b.Dy() != (height*claimed*2+width)/(width*2) {
			t.Errorf("%s claims %dw, is %dx%d", u, claimed, b.Dx(), b.Dy())
		}
		n++
	}
	return n
}

func TestALeadImageAndAFigureInAPostShowInBothLanguages(t *testing.T) {
	s := newStaffSite(t)
	ctx := context.Background()
	texts := store.MediaTexts{AltEN: "A worker visits a family", AltES: "Una trabajadora visita a una familia",
		CaptionEN: "Home visits keep children safe.", CaptionES: "Las visitas a domicilio protegen a la infancia.", Credit: "Photo: test"}
	id := addPicture(t, s.store, 2000, 1250, texts)
	idText := strconv.FormatInt(id, 10)

	const post = "/admin/content/blog-post/a-national-strategy"
	form := editFormValues(parse(t, s.get(t, s.admin, post)))
	if _, ok := form["lead_image"]; !ok {
		t.Fatal("the blog post editor has no lead image field")
	}
	// An image that is not in the library is refused beside the field.
	bad := cloneValues(form)
	bad.Set("lead_image", "987654")
	bad.Set("body.en", form.Get("body.en")+"\n\n![](media:987655)\n")
	bad.Set("action", "publish")
	res := postForm(t, s.admin, s.srv.URL+post, bad)
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode == http.StatusSeeOther || !strings.Contains(string(body), "Image #987654 is no longer in the media library") ||
		!strings.Contains(string(body), "image #987655, which is not in the media library") {
		t.Fatalf("a missing image: %s, messages not shown", res.Status)
	}
	if uses, _ := s.store.MediaUsesOf(ctx, id); len(uses) != 0 {
		t.Fatalf("a refused form recorded uses %v", uses)
	}

	form.Set("lead_image", idText)
	form.Set("body.en", form.Get("body.en")+"\n\n![](media:"+idText+")\n")
	form.Set("body.es", form.Get("body.es")+"\n\n![](media:"+idText+")\n")
	form.Set("action", "publish")
	if res := postForm(t, s.admin, s.srv.URL+post, form); res.StatusCode != http.StatusSeeOther {
		body, _ := io.ReadAll(res.Body)
		t.Fatalf("publishing: %s: %s", res.Status, docOf(t, string(body)).Find(".error-summary, [role=alert]").Text())
	}

	for _, l := range []struct{ path, alt, caption string }{
		{"/blog/a-national-strategy", texts.AltEN, texts.CaptionEN},
		{"/es/blog/a-national-strategy", texts.AltES, texts.CaptionES},
	} {
		doc := parse(t, s.get(t, http.DefaultClient, l.path))
		lead := doc.Find(`[data-testid=lead-image] picture`)
		img := lead.Find("img")
		if img.AttrOr("alt", "") != l.alt || img.AttrOr("width", "") != "2000" || img.AttrOr("height", "") != "1250" ||
			img.AttrOr("fetchpriority", "") != "high" {
			t.Errorf("%s: lead image %v", l.path, img.Nodes)
		}
		webp := lead.Find(`source[type="image/webp"]`).AttrOr("srcset", "")
		if n := s.checkSrcSet(t, webp, 2000, 1250); n != 5 {
			t.Errorf("%s: %d WebP widths, want 5", l.path, n)
		}
		if n := s.checkSrcSet(t, img.AttrOr("srcset", ""), 2000, 1250); n != 5 {
			t.Errorf("%s: %d JPEG widths, want 5", l.path, n)
		}
		og := doc.Find(`meta[property="og:image"]`).AttrOr("content", "")
		u, ok := strings.CutPrefix(og, "http://localhost:8080")
		if !ok {
			u = og[strings.Index(og, "/media/"):]
		}
		m, ct := s.fetchImage(t, u)
		if b := m.Bounds(); b.Dx() != 1200 || b.Dy() != 630 || ct != "image/jpeg" ||
			doc.Find(`meta[property="og:image:width"]`).AttrOr("content", "") != "1200" {
			t.Errorf("%s: og:image %s is %v %s", l.path, og, m.Bounds(), ct)
		}
		fig := doc.Find(`main figure.media-figure`).FilterFunction(func(_ int, f *goquery.Selection) bool {
			return f.ParentsFiltered(`[data-testid=lead-image]`).Length() == 0
		})
		if fig.Length() != 1 || !strings.Contains(fig.Find("figcaption").Text(), l.caption) ||
			fig.Find("img").AttrOr("loading", "") != "lazy" || fig.Find("img").AttrOr("alt", "") != l.alt {
			t.Errorf("%s: figure in the text: %d, %q", l.path, fig.Length(), fig.Find("figcaption").Text())
		}
	}
	if uses, _ := s.store.MediaUsesOf(ctx, id); len(uses) != 1 || uses[0].Key != "a-national-strategy" {
		t.Errorf("uses = %v", uses)
	}
	if err := s.store.DeleteMedia(ctx, id); !errors.Is(err, store.ErrMediaInUse) {
		t.Errorf("deleting the post's image: %v", err)
	}
	// The feed gives readers whole addresses.
	feed, _ := io.ReadAll(s.get(t, http.DefaultClient, "/feed.xml").Body)
	if strings.Contains(string(feed), `src="/media/`) || !strings.Contains(string(feed), `/media/`) {
		t.Error("the feed's images are not absolute")
	}
}

func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}
