// Package media turns an image staff upload to the media library into the
// renditions the site serves: each width the page layouts ask for, in WebP
// and in a format every browser reads, plus a 1200x630 crop for link
// previews. It checks and decodes through package logo, so the media
// library and the signing form share one set of limits and one pool of
// decode slots.
//
// WebP is encoded with github.com/gen2brain/webp (libwebp compiled to
// WebAssembly and run by wazero, so no cgo and no system library): neither
// the standard library nor golang.org/x/image can encode WebP, and it is
// the only maintained pure-Go-build encoder the module proxy offers.
package media

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"slices"

	"github.com/gen2brain/webp"
	"golang.org/x/image/draw"

	"github.com/sswalliance/advocacy/internal/logo"
	"github.com/sswalliance/advocacy/internal/store"
)

// Widths are the widths renditions are made at, never wider than the
// original: what srcset offers from a phone to a wide screen.
var Widths = []int{320, 640, 960, 1280, 1920}

// Share image size: what link previews (Open Graph) show.
const (
	ShareWidth  = 1200
	ShareHeight = 630
)

// Limits are logo's: see package logo.
const (
	MaxBytes  = logo.MaxBytes
	MaxPixels = logo.MaxPixels
)

// Errors of Process, each a sentence to show beside the file field.
var (
	ErrEmpty         = errors.New("no file was received: choose the image file again")
	ErrTooLarge      = fmt.Errorf("the file is larger than %d MB: export a smaller version (about 2000 pixels wide is plenty) and try again", MaxBytes>>20)
	ErrSVG           = errors.New("SVG images cannot be accepted: export a PNG or JPEG from your design tool and upload that")
	ErrNotImage      = errors.New("the file is not a PNG, JPEG, GIF or WebP image: save it in one of those formats and try again")
	ErrCorrupt       = errors.New("the image could not be read and may be damaged or cut short: open it in an image editor, save it again and upload that")
	ErrTooManyPixels = fmt.Errorf("the image has more than %d million pixels: resize it to about 2000 pixels wide and try again", MaxPixels/1_000_000)
	ErrTooSmall      = fmt.Errorf("the image is less than %d pixels wide or high: upload a larger version", logo.MinSide)
	ErrTooDeep       = errors.New("the image takes too much memory to read for its size and colour depth: save it with 8 bits per channel, or make it smaller, and try again")
	ErrBusy          = errors.New("too many images are being processed just now: send the form again in a moment")
)

// errorsOf maps package logo's refusals to this package's wording.
var errorsOf = []struct{ from, to error }{
	{logo.ErrEmpty, ErrEmpty}, {logo.ErrTooLarge, ErrTooLarge}, {logo.ErrSVG, ErrSVG},
	{logo.ErrNotImage, ErrNotImage}, {logo.ErrCorrupt, ErrCorrupt}, {logo.ErrTooManyPixels, ErrTooManyPixels},
	{logo.ErrTooSmall, ErrTooSmall}, {logo.ErrTooDeep, ErrTooDeep}, {logo.ErrBusy, ErrBusy},
}

// Result is an accepted image and its renditions.
type Result struct {
	ContentType   string // of the original
	Width, Height int    // as shown: after its EXIF orientation
	Original      []byte // the bytes as uploaded, kept for staff
	Renditions    []store.NewMediaRendition
}

// Quality settings. WebP at 78 and JPEG at 82 look alike at a glance and
// the WebP is about a third smaller; method 2 encodes several times faster
// than libwebp's default 4 for a file a few per cent larger.
const (
	webpQuality = 78
	webpMethod  = 2
	jpegQuality = 82
)

// Process checks data, decodes it within one of the shared decode slots,
// applies its EXIF orientation and makes every rendition. Metadata never
// reaches a rendition: each is encoded from pixels.
func Process(ctx context.Context, data []byte) (Result, error) {
	d, release, err := logo.Decode(ctx, data)
	if err != nil {
		for _, e := range errorsOf {
			if errors.Is(err, e.from) {
				return Result{}, fmt.Errorf("%w (%v)", e.to, err)
			}
		}
		return Result{}, err
	}
	defer release()
	m := d.Image
	b := m.Bounds()
	if d.ContentType == "image/jpeg" {
		if o := jpegOrientation(data); o > 1 {
			// Turned once scaled to the widest rendition, not at full
			// size: a full-size copy would double the memory the decode
			// slot budgets for.
			if o >= 5 {
				b = image.Rect(0, 0, b.Dy(), b.Dx())
			}
			m = orient(shrink(m, o, b.Dx(), b.Dy()), o)
		}
	}
	res := Result{ContentType: d.ContentType, Width: b.Dx(), Height: b.Dy(), Original: data}

	fallback := fallbackType(d.ContentType, m)
	// Widest first, each scaled from the one before: one pass over the
	// full-size image rather than one per width (a 12-megapixel photo took
	// five times as long), with no visible loss at these ratios.
	ws := widthsFor(b.Dx())
	src, shareSrc := m, m
	for i := len(ws) - 1; i >= 0; i-- {
		if err := ctx.Err(); err != nil {
			return Result{}, fmt.Errorf("%w (%v)", ErrBusy, err)
		}
		w := ws[i]
		h := max(1, int((int64(b.Dy())*int64(w)*2+int64(b.Dx()))/(int64(b.Dx())*2)))
		scaled := scale(src, w, h)
		src = scaled
		if w >= ShareWidth {
			shareSrc = scaled
		}
		for _, ct := range []string{"image/webp", fallback} {
			r, err := encode(scaled, ct)
			if err != nil {
				return Result{}, err
			}
			r.Width, r.Height = w, h
			res.Renditions = append(res.Renditions, r)
		}
	}
	share, err := encode(cover(shareSrc, ShareWidth, ShareHeight), "image/jpeg")
	if err != nil {
		return Result{}, err
	}
	share.Width, share.Height, share.Crop = ShareWidth, ShareHeight, true
	slices.Reverse(res.Renditions) // narrowest first
	res.Renditions = append(res.Renditions, share)
	return res, nil
}

// widthsFor returns the rendition widths for an image w pixels wide: every
// one of Widths below w, and w itself when no wider one is offered.
func widthsFor(w int) []int {
	var ws []int
	for _, x := range Widths {
		if x < w {
			ws = append(ws, x)
		}
	}
	if len(ws) < len(Widths) {
		ws = append(ws, w)
	}
	return ws
}

// fallbackType is the format besides WebP: the original's, where every
// browser reads it, else PNG for an image with transparency or JPEG.
func fallbackType(original string, m image.Image) string {
	switch original {
	case "image/jpeg", "image/png":
		return original
	}
	if o, ok := m.(interface{ Opaque() bool }); ok && o.Opaque() {
		return "image/jpeg"
	}
	return "image/png"
}

func encode(m image.Image, contentType string) (store.NewMediaRendition, error) {
	var buf bytes.Buffer
	var err error
	switch contentType {
	case "image/webp":
		err = webp.Encode(&buf, m, webp.Options{Quality: webpQuality, Method: webpMethod})
	case "image/jpeg":
		err = jpeg.Encode(&buf, m, &jpeg.Options{Quality: jpegQuality})
	case "image/png":
		err = (&png.Encoder{CompressionLevel: png.DefaultCompression}).Encode(&buf, m)
	default:
		err = fmt.Errorf("no encoder for %s", contentType)
	}
	if err != nil {
		return store.NewMediaRendition{}, fmt.Errorf("media: encode %s: %w", contentType, err)
	}
	sum := sha256.Sum256(buf.Bytes())
	return store.NewMediaRendition{ContentType: contentType, Hash: hex.EncodeToString(sum[:]), Data: buf.Bytes()}, nil
}

// shrink returns m, which orientation o shows w x h, scaled so that it
// shows no wider than the widest rendition, at the height Process gives
// that rendition (m itself when it is not wider).
func shrink(m image.Image, o, w, h int) image.Image {
	widest := Widths[len(Widths)-1]
	if w <= widest {
		return m
	}
	sh := max(1, int((int64(h)*int64(widest)*2+int64(w))/(int64(w)*2)))
	if o >= 5 {
		return scale(m, sh, widest)
	}
	return scale(m, widest, sh)
}

// scale returns m at w x h (m itself when it is that size).
func scale(m image.Image, w, h int) image.Image {
	b := m.Bounds()
	if b.Dx() == w && b.Dy() == h {
		return m
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.CatmullRom.Scale(dst, dst.Bounds(), m, b, draw.Src, nil)
	return dst
}

// cover scales m to cover w x h and crops the middle.
func cover(m image.Image, w, h int) image.Image {
	b := m.Bounds()
	src := b
	// Crop the source to the target's aspect ratio, centred.
	if int64(b.Dx())*int64(h) > int64(b.Dy())*int64(w) {
		cw := int(int64(b.Dy()) * int64(w) / int64(h))
		x := b.Min.X + (b.Dx()-cw)/2
		src = image.Rect(x, b.Min.Y, x+cw, b.Max.Y)
	} else {
		ch := int(int64(b.Dx()) * int64(h) / int64(w))
		y := b.Min.Y + (b.Dy()-ch)/2
		src = image.Rect(b.Min.X, y, b.Max.X, y+ch)
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	// JPEG has no transparency: what is transparent shows white.
	draw.Draw(dst, dst.Bounds(), image.White, image.Point{}, draw.Src)
	draw.CatmullRom.Scale(dst, dst.Bounds(), m, src, draw.Over, nil)
	return dst
}
