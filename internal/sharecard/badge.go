package sharecard

import (
	"encoding/xml"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"github.com/sswalliance/advocacy/internal/i18n"
)

// The badges are drawn as SVG for partner sites to show at any size, in
// the visitor's own sans-serif (no font is fetched), so their text is
// measured in the Go fonts, which are wider than most, with slack on top.
const (
	// SupporterWidth and SupporterHeight are the supporter badge's size
	// in CSS pixels; its PNG has twice as many, for sharp screens.
	SupporterWidth, SupporterHeight = 360, 100

	// fontStack is the badges' type: the site's own stack
	// (static/css/site.css), with the generic family last.
	fontStack = `system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif`
	// slack is how much wider than the Go fonts' a badge leaves room
	// for its text to be.
	slack = 1.18
	// stripHeight is the accent strip's along the supporter badge's foot.
	stripHeight = 8
	// markPath is the favicon's heart (static/img/favicon.svg), in a box
	// 32 wide.
	markPath = `M16 25s-8-4.6-8-10.2A4.3 4.3 0 0 1 16 12a4.3 4.3 0 0 1 8 2.8C24 20.4 16 25 16 25z`
)

// supporter is where the supporter badge's parts go, in CSS pixels.
type supporter struct {
	title, lead, name  string
	leadSize, nameSize float64
	mark               image.Rectangle
	textX              int
	leadY, nameY       int // baselines
}

// supporterLayout sets the supporter badge in l: the mark on the left,
// "We support the" over "Call to Action", the name as large as it fits.
func supporterLayout(l i18n.Lang) supporter {
	s := supporter{title: l.T("cards.supporter.title"), lead: l.T("cards.supporter.lead"), name: l.T("cards.supporter.name"),
		leadSize: 18, mark: image.Rect(20, 22, 76, 78), textX: 92, leadY: 44, nameY: 73}
	room := float64(SupporterWidth - s.textX - 18)
	for s.nameSize = 26; s.nameSize > 14; s.nameSize-- {
		if float64(extentAt(bold, s.nameSize, s.name))*slack <= room {
			break
		}
	}
	for ; s.leadSize > 12; s.leadSize-- {
		if float64(extentAt(regular, s.leadSize, s.lead))*slack <= room {
			break
		}
	}
	return s
}

// extentAt is how wide s is in w at size.
func extentAt(w weight, size float64, s string) int {
	f := newFace(w, size)
	defer f.Close()
	return extent(f, s)
}

// SupporterSVG is the badge an organisation that signed shows on its
// site, "We support the Call to Action", in l.
func SupporterSVG(l i18n.Lang) []byte { return inLang(supporterSVGs, l)() }

// SupporterPNG is SupporterSVG drawn at twice its size, for where SVG is
// not taken (email, some site builders).
func SupporterPNG(l i18n.Lang) ([]byte, error) { return inLang(supporterPNGs, l)() }

// The supporter badges are the same for everyone in a language: each is
// made once per process, when first asked for (so at most one drawing
// per language ever, without waiting for a place to draw).
var (
	supporterSVGs = byLang(func(l i18n.Lang) func() []byte {
		return sync.OnceValue(func() []byte { return supporterSVG(supporterLayout(l)) })
	})
	supporterPNGs = byLang(func(l i18n.Lang) func() ([]byte, error) {
		return sync.OnceValues(func() ([]byte, error) { return drawSupporter(supporterLayout(l)) })
	})
)

func byLang[T any](f func(i18n.Lang) T) map[i18n.Lang]T {
	m := map[i18n.Lang]T{}
	for _, l := range i18n.Langs {
		m[l] = f(l)
	}
	return m
}

// inLang is m's value for l, or for the default language.
func inLang[T any](m map[i18n.Lang]T, l i18n.Lang) T {
	if v, ok := m[l]; ok {
		return v
	}
	return m[i18n.Langs[0]]
}

func supporterSVG(s supporter) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %[1]d %[2]d" role="img" aria-labelledby="supporter-title">`,
		SupporterWidth, SupporterHeight)
	fmt.Fprintf(&b, `<title id="supporter-title">%s</title>`, escape(s.title))
	fmt.Fprintf(&b, `<clipPath id="supporter-round"><rect width="%d" height="%d" rx="12"/></clipPath>`, SupporterWidth, SupporterHeight)
	fmt.Fprintf(&b, `<g clip-path="url(#supporter-round)"><rect width="%d" height="%d" fill="%s"/><rect y="%d" width="%d" height="%d" fill="%s"/></g>`,
		SupporterWidth, SupporterHeight, hex(primary), SupporterHeight-stripHeight, SupporterWidth, stripHeight, hex(accent))
	b.WriteString(markSVG(s.mark))
	fmt.Fprintf(&b, `<g font-family="%s">`, fontStack)
	fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="%s" fill="%s">%s</text>`, s.textX, s.leadY, num(s.leadSize), hex(primaryTint), escape(s.lead))
	fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="%s" font-weight="700" fill="%s">%s</text>`, s.textX, s.nameY, num(s.nameSize), hex(white), escape(s.name))
	b.WriteString(`</g></svg>`)
	return []byte(b.String())
}

// drawSupporter draws the supporter badge at twice its size.
func drawSupporter(s supporter) ([]byte, error) {
	const k = 2
	w, h := SupporterWidth*k, SupporterHeight*k
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	// The rounded badge on a transparent ground, its foot the accent.
	round := image.NewAlpha(img.Bounds())
	z := vector.NewRasterizer(w, h)
	roundedRect(z, float32(w), float32(h), 12*k)
	z.Draw(round, round.Bounds(), image.Opaque, image.Point{})
	draw.DrawMask(img, img.Bounds(), image.NewUniform(primary), image.Point{}, round, image.Point{}, draw.Src)
	foot := image.Rect(0, h-stripHeight*k, w, h)
	draw.DrawMask(img, foot, image.NewUniform(accent), image.Point{}, round, foot.Min, draw.Src)
	drawMark(img, image.Rectangle{Min: s.mark.Min.Mul(k), Max: s.mark.Max.Mul(k)}, primaryDark)
	fs := faces{}
	defer fs.close()
	for _, t := range []struct {
		w    weight
		size float64
		text string
		y    int
		c    color.RGBA
	}{{regular, s.leadSize, s.lead, s.leadY, primaryTint}, {bold, s.nameSize, s.name, s.nameY, white}} {
		d := font.Drawer{Dst: img, Src: image.NewUniform(t.c), Face: fs.get(t.w, t.size*k), Dot: fixed.P(s.textX*k, t.y*k)}
		d.DrawString(t.text)
	}
	return encode(img, "supporter badge")
}

// Count is the live badge partner sites show: how many organisations
// have signed the Call to Action, in l.
func Count(l i18n.Lang, n int) []byte {
	label := l.T("nav.call")
	value := l.F("cards.count.many", "{n}", strconv.Itoa(n))
	title := l.F("cards.count.title.many", "{n}", strconv.Itoa(n))
	if n == 1 {
		value, title = l.T("cards.count.one"), l.T("cards.count.title.one")
	}
	const (
		h, size, pad, markSide = 36, 15.0, 12, 20
	)
	labelW := markSide + 8 + int(math.Ceil(float64(extentAt(regular, size, label))*slack)) + 2*pad
	valueW := int(math.Ceil(float64(extentAt(bold, size, value))*slack)) + 2*pad
	w := labelW + valueW
	base := 24
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %[1]d %[2]d" role="img" aria-labelledby="count-title">`, w, h)
	fmt.Fprintf(&b, `<title id="count-title">%s</title>`, escape(title))
	fmt.Fprintf(&b, `<clipPath id="count-round"><rect width="%d" height="%d" rx="6"/></clipPath>`, w, h)
	fmt.Fprintf(&b, `<g clip-path="url(#count-round)"><rect width="%d" height="%d" fill="%s"/><rect x="%d" width="%d" height="%d" fill="%s"/></g>`,
		labelW, h, hex(primary), labelW, valueW, h, hex(accent))
	b.WriteString(markSVG(image.Rect(pad, (h-markSide)/2, pad+markSide, (h+markSide)/2)))
	fmt.Fprintf(&b, `<g font-family="%s" font-size="%s" fill="%s" text-anchor="middle">`, fontStack, num(size), hex(white))
	fmt.Fprintf(&b, `<text x="%s" y="%d">%s</text>`, num(float64(pad+markSide+8+labelW)/2), base, escape(label))
	fmt.Fprintf(&b, `<text x="%s" y="%d" font-weight="700">%s</text>`, num(float64(labelW)+float64(valueW)/2), base, escape(value))
	b.WriteString(`</g></svg>`)
	return []byte(b.String())
}

// markSVG is the campaign's mark in r.
func markSVG(r image.Rectangle) string {
	return fmt.Sprintf(`<g transform="translate(%d %d) scale(%s)"><rect width="32" height="32" rx="6" fill="%s"/><path d="%s" fill="%s"/></g>`,
		r.Min.X, r.Min.Y, num(float64(r.Dx())/32), hex(primaryDark), markPath, hex(warm))
}

func escape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s)) // writes to a strings.Builder: no error
	return b.String()
}

func hex(c color.RGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
