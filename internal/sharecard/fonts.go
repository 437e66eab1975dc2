package sharecard

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// weight is one of the two typefaces a card is set in.
type weight int

const (
	regular weight = iota
	bold
)

// fonts are the Go fonts, parsed once: a parsed font is safe for
// concurrent use, the faces made from it are not (each drawing makes its
// own).
var fonts = sync.OnceValue(func() [2]*opentype.Font {
	parse := func(ttf []byte) *opentype.Font {
		f, err := opentype.Parse(ttf)
		if err != nil {
			panic("sharecard: the embedded Go font does not parse: " + err.Error())
		}
		return f
	}
	return [2]*opentype.Font{parse(goregular.TTF), parse(gobold.TTF)}
})

// newFace is w at size pixels. Hinting is off: the text is large, and
// unhinted advances measure the same as they draw.
func newFace(w weight, size float64) font.Face {
	f, err := opentype.NewFace(fonts()[w], &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic("sharecard: face of the Go font: " + err.Error()) // only for a size <= 0
	}
	return f
}

// faces makes each face once per drawing, by weight and size.
type faces map[faceKey]font.Face

type faceKey struct {
	w    weight
	size float64
}

func (fs faces) get(w weight, size float64) font.Face {
	k := faceKey{w, size}
	f, ok := fs[k]
	if !ok {
		f = &measuring{Face: newFace(w, size), bounds: map[rune]glyphBounds{}}
		fs[k] = f
	}
	return f
}

// measuring is a face that remembers its glyphs' bounds: setting a card
// measures the same few dozen glyphs thousands of times, and the font
// reads a glyph's outline to know them.
type measuring struct {
	font.Face
	bounds map[rune]glyphBounds
}

type glyphBounds struct {
	bounds  fixed.Rectangle26_6
	advance fixed.Int26_6
	ok      bool
}

func (f *measuring) GlyphBounds(r rune) (fixed.Rectangle26_6, fixed.Int26_6, bool) {
	g, seen := f.bounds[r]
	if !seen {
		g.bounds, g.advance, g.ok = f.Face.GlyphBounds(r)
		f.bounds[r] = g
	}
	return g.bounds, g.advance, g.ok
}

func (fs faces) close() {
	for _, f := range fs {
		f.Close()
	}
}

// settable is s as the fonts can set it: white space of any kind becomes
// one space, and what the fonts have no glyph for (an emoji, a script
// they do not cover) and control characters are left out, rather than
// drawn as empty boxes.
func settable(s string) string {
	var (
		b   strings.Builder
		buf sfnt.Buffer
	)
	f := fonts()[bold]
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			continue
		}
		if g, err := f.GlyphIndex(&buf, r); err != nil || g == 0 {
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
