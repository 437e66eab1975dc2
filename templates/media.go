package templates

import (
	"bytes"
	"context"
	"io"
	"strconv"
	"strings"

	"github.com/a-h/templ"

	"github.com/sswalliance/advocacy/internal/markdown"
	"github.com/sswalliance/advocacy/internal/store"
)

// Sizes of the places images are shown, for srcset: the browser picks
// the narrowest rendition that fills them at the screen's density.
const (
	// LeadSizes: the page's width (.wrap: 72rem, less the margins).
	LeadSizes = "(min-width: 74rem) 72rem, calc(100vw - 2rem)"
	// BodySizes: the text's measure.
	BodySizes = "(min-width: 46rem) 44rem, calc(100vw - 2rem)"
	// CardSizes: a third of the page on wide screens (days, covers).
	CardSizes = "(min-width: 48rem) 22rem, calc(100vw - 2rem)"
)

// PictureOf is how pages in lang show image m in a space of sizes.
func PictureOf(m store.MediaImage, lang, sizes string) Picture {
	p := Picture{Alt: m.Alt(lang), Width: m.Width, Height: m.Height, Sizes: sizes,
		Caption: m.Caption(lang), Credit: m.Credit}
	var fallback []store.MediaRendition
	for _, r := range m.Renditions {
		if !r.Crop && r.ContentType != "image/webp" {
			fallback = append(fallback, r)
		}
	}
	p.WebPSet = srcSet(m.Scaled("image/webp"))
	p.SrcSet = srcSet(fallback)
	if len(fallback) > 0 {
		// Without srcset, a middle width: sharp enough, never huge.
		src := fallback[min(len(fallback)-1, 2)]
		p.Src = src.URL()
	}
	return p
}

func srcSet(rs []store.MediaRendition) string {
	var b strings.Builder
	for i, r := range rs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(r.URL() + " " + strconv.Itoa(r.Width) + "w")
	}
	return b.String()
}

// OGImage is the image a page's link preview shows.
type OGImage struct {
	URL           string // absolute, or a path on the site
	Width, Height int
	Alt           string
	Type          string
}

// ShareOf is the 1200x630 crop of m, for Open Graph; nil when it has none.
func ShareOf(m store.MediaImage, lang string) *OGImage {
	r, ok := m.Share()
	if !ok {
		return nil
	}
	return &OGImage{URL: r.URL(), Width: r.Width, Height: r.Height, Alt: m.Alt(lang), Type: r.ContentType}
}

// Pictures finds the library images a page's Markdown shows, in the
// page's language; a page renders with one in its context (WithPictures).
type Pictures func(ctx context.Context, id int64) (Picture, bool)

type picturesKey struct{}

// WithPictures returns ctx in which Markdown shows library images through p.
func WithPictures(ctx context.Context, p Pictures) context.Context {
	return context.WithValue(ctx, picturesKey{}, p)
}

// Markdown renders staff-written Markdown, sanitised (see internal/markdown),
// with the library images it shows as figures or inline pictures.
func Markdown(src string) templ.Component {
	return templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		_, err := io.WriteString(w, MarkdownHTML(ctx, src))
		return err
	})
}

// MarkdownHTML is what Markdown writes.
func MarkdownHTML(ctx context.Context, src string) string {
	html := markdown.HTML(src)
	if !markdown.HasMedia(html) {
		return html
	}
	pictures, _ := ctx.Value(picturesKey{}).(Pictures)
	return markdown.Expand(html, func(id int64, figure bool) string {
		if pictures == nil {
			return ""
		}
		p, ok := pictures(ctx, id)
		if !ok {
			return ""
		}
		var buf bytes.Buffer
		var c templ.Component
		if figure {
			p.Sizes = BodySizes
			c = Figure(p, "")
		} else {
			p.Sizes = "10rem"
			c = PictureTag(p)
		}
		if c.Render(ctx, &buf) != nil {
			return ""
		}
		return buf.String()
	})
}
