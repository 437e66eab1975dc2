package sharecard

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// The site's colours (static/css/site.css), as the cards use them: the
// deep primary as the ground, the warm accent as the strip along the
// foot, and on the ground white for the title, the primary's tint for
// the rest and the focus yellow for the kicker and the tag (each above
// 4.5:1 on the ground).
var (
	primary     = color.RGBA{0x0b, 0x55, 0x63, 0xff}
	primaryDark = color.RGBA{0x07, 0x3a, 0x44, 0xff}
	primaryTint = color.RGBA{0xe6, 0xf1, 0xf3, 0xff}
	accent      = color.RGBA{0xa3, 0x42, 0x0b, 0xff}
	warm        = color.RGBA{0xf6, 0xb2, 0x6b, 0xff} // the mark's heart (the favicon's)
	yellow      = color.RGBA{0xff, 0xbf, 0x47, 0xff}
	white       = color.RGBA{0xff, 0xff, 0xff, 0xff}
)

// colours are the text's, by role.
var colours = map[Role]color.RGBA{
	RoleSite: primaryTint, RoleKicker: yellow, RoleTitle: white, RoleTheme: primaryTint,
	RoleTag: yellow, RoleHost: primaryTint,
}

// MaxDrawing is how many images one process draws at once: drawing and
// encoding a card is a few tens of milliseconds of one core, and the page
// cache keeps each card once drawn, so only a burst of changes or of
// distinct cards waits.
const MaxDrawing = 2

var drawing = make(chan struct{}, MaxDrawing)

// slot waits for one of the MaxDrawing places to draw, or for ctx to end.
func slot(ctx context.Context) (release func(), err error) {
	select {
	case drawing <- struct{}{}:
		return func() { <-drawing }, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("sharecard: waiting to draw: %w", ctx.Err())
	}
}

// Draw returns c drawn in f as a PNG.
func Draw(ctx context.Context, c Card, f Format) ([]byte, error) {
	release, err := slot(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	fs := faces{}
	defer fs.close()
	img := paint(lay(c, f, fs), fs)
	return encode(inPalette(img, cardPalette()), f.Name+" card")
}

// cardPalette is every colour a card is painted in: the ground, the
// strip, and each colour drawn over what it is drawn on with the steps
// between them that its smoothed edges need. A card in a palette of 256
// is a third of the bytes to compress, and PNG leaves a palette's rows
// unfiltered: it is encoded three times as fast as in full colour, and
// the eye cannot tell the two apart.
var cardPalette = sync.OnceValue(func() color.Palette {
	p := color.Palette{primary, accent}
	for _, pair := range [][2]color.RGBA{
		{white, primary}, {primaryTint, primary}, {yellow, primary}, {primaryDark, primary}, {warm, primaryDark},
	} {
		const steps = 49 // 5 pairs of 49, with the two above: 247 colours
		fg, bg := pair[0], pair[1]
		for i := 1; i <= steps; i++ {
			mix := func(a, b uint8) uint8 { return uint8((int(a)*i + int(b)*(steps-i) + steps/2) / steps) }
			p = append(p, color.RGBA{mix(fg.R, bg.R), mix(fg.G, bg.G), mix(fg.B, bg.B), 0xff})
		}
	}
	return p
})

// inPalette is img in the nearest colours of p.
func inPalette(img *image.RGBA, p color.Palette) *image.Paletted {
	out := image.NewPaletted(img.Bounds(), p)
	index := map[color.RGBA]uint8{}
	var last color.RGBA
	lastIndex := uint8(p.Index(last))
	w := img.Bounds().Dx()
	for y := range img.Bounds().Dy() {
		row := img.Pix[y*img.Stride : y*img.Stride+4*w]
		for x := range w {
			c := color.RGBA{row[4*x], row[4*x+1], row[4*x+2], row[4*x+3]}
			if c != last {
				i, ok := index[c]
				if !ok {
					i = uint8(p.Index(c))
					index[c] = i
				}
				last, lastIndex = c, i
			}
			out.Pix[y*out.Stride+x] = lastIndex
		}
	}
	return out
}

// paint draws lo on a new image.
func paint(lo Layout, fs faces) *image.RGBA {
	f := lo.Format
	img := image.NewRGBA(image.Rect(0, 0, f.Width, f.Height))
	draw.Draw(img, img.Bounds(), image.NewUniform(primary), image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(0, f.Height-f.strip, f.Width, f.Height), image.NewUniform(accent), image.Point{}, draw.Src)
	drawMark(img, lo.Mark, primaryDark)
	drawLines(img, lo.Lines, fs)
	return img
}

func drawLines(img draw.Image, lines []Line, fs faces) {
	for _, l := range lines {
		d := font.Drawer{Dst: img, Src: image.NewUniform(colours[l.Role]), Face: fs.get(l.weight, l.Size),
			Dot: fixed.P(l.Dot.X, l.Dot.Y)}
		d.DrawString(l.Text)
	}
}

// encode is img as a PNG.
func encode(img image.Image, what string) ([]byte, error) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("sharecard: encode %s: %w", what, err)
	}
	return buf.Bytes(), nil
}

// drawMark draws the campaign's mark in r: the favicon's heart
// (static/img/favicon.svg), in the warm accent on a rounded square of
// ground.
func drawMark(dst draw.Image, r image.Rectangle, ground color.Color) {
	z := vector.NewRasterizer(r.Dx(), r.Dy())
	s := float32(r.Dx()) / 32 // the favicon's box is 32 wide
	roundedRect(z, 32*s, 32*s, 6*s)
	z.Draw(dst, r, image.NewUniform(ground), image.Point{})

	z.Reset(r.Dx(), r.Dy())
	p := func(x, y float64) (float32, float32) { return float32(x) * s, float32(y) * s }
	// M16 25 s-8-4.6-8-10.2 A4.3 4.3 0 0 1 16 12 a4.3 4.3 0 0 1 8 2.8
	// C24 20.4 16 25 16 25z
	z.MoveTo(p(16, 25))
	x1, y1 := p(16, 25)
	x2, y2 := p(8, 20.4)
	x3, y3 := p(8, 14.8)
	z.CubeTo(x1, y1, x2, y2, x3, y3)
	arc(z, s, 8, 14.8, 16, 12, 4.3)
	arc(z, s, 16, 12, 24, 14.8, 4.3)
	x1, y1 = p(24, 20.4)
	x2, y2 = p(16, 25)
	z.CubeTo(x1, y1, x2, y2, x2, y2)
	z.ClosePath()
	z.Draw(dst, r, image.NewUniform(warm), image.Point{})
}

// roundedRect adds a w by h rectangle with corners of radius rad.
func roundedRect(z *vector.Rasterizer, w, h, rad float32) {
	k := rad * 0.5523 // a quarter circle's control points, as a cubic
	z.MoveTo(rad, 0)
	z.LineTo(w-rad, 0)
	z.CubeTo(w-rad+k, 0, w, rad-k, w, rad)
	z.LineTo(w, h-rad)
	z.CubeTo(w, h-rad+k, w-rad+k, h, w-rad, h)
	z.LineTo(rad, h)
	z.CubeTo(rad-k, h, 0, h-rad+k, 0, h-rad)
	z.LineTo(0, rad)
	z.CubeTo(0, rad-k, rad-k, 0, rad, 0)
	z.ClosePath()
}

// arc adds the SVG arc of radius r from (x1, y1) to (x2, y2), the small
// one, drawn clockwise on screen (large-arc 0, sweep 1), as cubics, in
// the favicon's units scaled by s.
func arc(z *vector.Rasterizer, s float32, x1, y1, x2, y2, r float64) {
	// The centre (SVG 1.1, appendix F.6.5, without rotation).
	hx, hy := (x1-x2)/2, (y1-y2)/2
	d2 := hx*hx + hy*hy
	r = max(r, math.Sqrt(d2))
	coef := math.Sqrt(max(0, (r*r-d2)/d2))
	cx, cy := coef*hy+(x1+x2)/2, -coef*hx+(y1+y2)/2
	from := math.Atan2(y1-cy, x1-cx)
	sweep := math.Atan2(y2-cy, x2-cx) - from
	if sweep < 0 {
		sweep += 2 * math.Pi
	}
	n := int(math.Ceil(sweep / (math.Pi / 2)))
	step := sweep / float64(n)
	k := 4.0 / 3 * math.Tan(step/4)
	for i := range n {
		a, b := from+float64(i)*step, from+float64(i+1)*step
		c1x, c1y := cx+r*(math.Cos(a)-k*math.Sin(a)), cy+r*(math.Sin(a)+k*math.Cos(a))
		c2x, c2y := cx+r*(math.Cos(b)+k*math.Sin(b)), cy+r*(math.Sin(b)-k*math.Cos(b))
		ex, ey := cx+r*math.Cos(b), cy+r*math.Sin(b)
		z.CubeTo(float32(c1x)*s, float32(c1y)*s, float32(c2x)*s, float32(c2y)*s, float32(ex)*s, float32(ey)*s)
	}
}
