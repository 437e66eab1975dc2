package markdown

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	gmrenderer "github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// Images of the media library are written ![](media:ID) (the alt text
// written there is ignored: the library's, in the page's language, is
// used). Rendering leaves a placeholder, <span data-media="ID"></span>,
// which the sanitiser lets through and Expand turns into the image with
// its renditions, once the page knows its language and the image.
const mediaScheme = "media:"

// A placeholder alone in its paragraph becomes a figure; anywhere else it
// is an inline picture.
var placeholder = regexp.MustCompile(`(<p>)?<span data-media="([0-9]{1,18})"></span>(</p>)?`)

// MediaIDs returns the ids of the library images src shows, once each, in
// order. They are read from the placeholders of its HTML, not from its
// source, so they are exactly what the page shows: an image written with a
// title, a reference or brackets in its alt text counts, one in code does
// not.
func MediaIDs(src string) []int64 {
	var ids []int64
	seen := map[int64]bool{}
	for _, m := range placeholder.FindAllStringSubmatch(HTML(src), -1) {
		id, err := strconv.ParseInt(m[2], 10, 64)
		if err == nil && id > 0 && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids
}

// maxMediaID is the largest id a placeholder holds (18 digits, as the
// sanitiser lets through).
const maxMediaID = 999_999_999_999_999_999

// BadMediaCodes reports whether src has an image code ![](media:...) that
// names no image at all: not a positive whole number, or too large. Such
// an image is left out of the page.
func BadMediaCodes(src string) bool {
	for _, m := range placeholder.FindAllStringSubmatch(HTML(src), -1) {
		if id, err := strconv.ParseInt(m[2], 10, 64); err != nil || id <= 0 {
			return true
		}
	}
	return false
}

// HasMedia reports whether rendered HTML holds image placeholders.
func HasMedia(html string) bool { return strings.Contains(html, `<span data-media="`) }

// Expand replaces each placeholder of rendered HTML with what image
// returns for its id: the figure when the image stands alone in its
// paragraph, the inline picture otherwise; an image it does not know
// (deleted, or a mistyped id) is left out.
func Expand(html string, image func(id int64, figure bool) string) string {
	if !HasMedia(html) {
		return html
	}
	return placeholder.ReplaceAllStringFunc(html, func(s string) string {
		m := placeholder.FindStringSubmatch(s)
		id, _ := strconv.ParseInt(m[2], 10, 64)
		alone := m[1] != "" && m[3] != ""
		out := ""
		if id > 0 { // 0: a code that names no image
			out = image(id, alone)
		}
		if alone {
			return out
		}
		return m[1] + out + m[3]
	})
}

// mediaImages renders an image whose destination is media:ID as its
// placeholder, and any other image as goldmark does.
type mediaImages struct{ next gmrenderer.NodeRendererFunc }

func (r *mediaImages) RegisterFuncs(reg gmrenderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindImage, r.render)
}

func (r *mediaImages) render(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	img := n.(*ast.Image)
	dest := strings.TrimSpace(string(img.Destination))
	if id, ok := strings.CutPrefix(dest, mediaScheme); ok {
		if !entering {
			return ast.WalkContinue, nil
		}
		// A code that names no image (mistyped, too large) leaves the
		// placeholder of none, 0, which shows nothing but lets the
		// editor's checks say so (BadMediaCodes).
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil || n <= 0 || n > maxMediaID {
			n = 0
		}
		w.WriteString(`<span data-media="` + strconv.FormatInt(n, 10) + `"></span>`)
		return ast.WalkSkipChildren, nil
	}
	return r.next(w, source, n, entering)
}

// withMediaImages adds the media renderer ahead of goldmark's own.
func withMediaImages(md goldmark.Markdown) goldmark.Markdown {
	// goldmark's HTML renderer (priority 1000) registers KindImage; one
	// of a lower number wins. Any other image still renders as goldmark's
	// own renderer does: its function is taken from one of its own.
	var base gmrenderer.NodeRendererFunc
	html.NewRenderer().RegisterFuncs(captureRegisterer{kind: ast.KindImage, fn: &base})
	md.Renderer().AddOptions(gmrenderer.WithNodeRenderers(util.Prioritized(&mediaImages{next: base}, 100)))
	return md
}

type captureRegisterer struct {
	kind ast.NodeKind
	fn   *gmrenderer.NodeRendererFunc
}

func (c captureRegisterer) Register(k ast.NodeKind, f gmrenderer.NodeRendererFunc) {
	if k == c.kind {
		*c.fn = f
	}
}
