package logo

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"runtime"
	"time"

	"golang.org/x/image/draw"
	"golang.org/x/image/webp"
)

const (
	// MaxBytes is the largest upload accepted.
	MaxBytes = 5 << 20
	// MaxPixels bounds width*height as read from the image header; a bigger
	// image is refused before any decoding, since decoding allocates memory
	// in proportion to it whatever the file size.
	MaxPixels = 25_000_000
	// MaxDecodeBytes bounds the memory decoding one image takes, as
	// width*height*bytes per pixel read from the header before decoding:
	// pixels alone do not bound it, since a 16-bit PNG takes twice the
	// bytes of an 8-bit one (5000x5000 at 16 bits is a 200 KB file that
	// decodes to 200 MB). It admits MaxPixels in 8-bit RGBA.
	MaxDecodeBytes = 100 << 20
	// SlotWait is the longest an upload waits for a decode slot; a queue
	// without a bound would keep every waiting upload's bytes in memory.
	SlotWait = 5 * time.Second
	// MaxWidth and MaxHeight are the box every logo is scaled to fit within;
	// smaller logos are never scaled up.
	MaxWidth  = 600
	MaxHeight = 300
	// MinSide is the smallest width or height accepted: a smaller logo
	// cannot be read on the page.
	MinSide = 16
)

// Errors returned by Process. Each says what is wrong and what to do next;
// the web layer shows a translated message chosen with errors.Is.
var (
	ErrEmpty         = errors.New("no file was received: choose your logo file and send the form again")
	ErrTooLarge      = fmt.Errorf("the logo file is larger than %d MB: export a smaller version (a PNG or JPEG of about %dx%d pixels is plenty) and try again", MaxBytes>>20, MaxWidth, MaxHeight)
	ErrSVG           = errors.New("SVG logos cannot be accepted: export a PNG from your design tool and upload that instead")
	ErrNotImage      = errors.New("the file is not a PNG, JPEG, GIF or WebP image: save your logo in one of those formats and try again")
	ErrCorrupt       = errors.New("the image could not be read and may be damaged or incomplete: open it in an image editor, save it again as PNG or JPEG and upload that")
	ErrTooManyPixels = fmt.Errorf("the image is too big, over %d million pixels: resize it to about %dx%d pixels and try again", MaxPixels/1_000_000, MaxWidth, MaxHeight)
	ErrTooSmall      = fmt.Errorf("the image is less than %d pixels wide or high, too small to be read: upload a larger version of your logo", MinSide)
	ErrTooDeep       = fmt.Errorf("the image takes too much memory to read, over %d MB for its size and colour depth: save it with 8 bits per channel, or resize it to about %dx%d pixels, and try again", MaxDecodeBytes>>20, MaxWidth, MaxHeight)
	// ErrBusy is not the upload's fault: every decode slot stayed taken
	// for SlotWait, or the request ended first. Ask to send it again soon.
	ErrBusy = errors.New("too many logos are being read just now: send the form again in a moment")
)

// Logo is an accepted logo.
type Logo struct {
	PNG           []byte // the re-encoded image: metadata and anything appended are gone
	Width, Height int    // of PNG
	SHA256        string // hex sha256 of PNG, for content-hashed URLs
	Original      []byte // the bytes as uploaded, kept for staff; shares memory with Process's argument
	OriginalType  string // "image/png", "image/jpeg", "image/gif" or "image/webp"
	OriginalExt   string // ".png", ".jpg", ".gif" or ".webp"
}

// format is an accepted image format, keyed by the name image.DecodeConfig
// reports for it.
type format struct {
	name        string
	contentType string
	ext         string
	decode      func(io.Reader) (image.Image, error)
}

// formats is the allow-list. Any other format registered with package image
// elsewhere in the binary (BMP, TIFF, ...) is refused, and each accepted
// one is decoded by its own package, not through the registry.
var formats = map[string]format{
	"png":  {"png", "image/png", ".png", png.Decode},
	"jpeg": {"jpeg", "image/jpeg", ".jpg", jpeg.Decode},
	"gif":  {"gif", "image/gif", ".gif", gif.Decode}, // gif.Decode stops after the first frame
	"webp": {"webp", "image/webp", ".webp", webp.Decode},
}

// decodeSlots bounds how many uploads are decoded, scaled and encoded at
// once: each can hold up to a few hundred MB and a full CPU for a while,
// and a burst of uploads must not exhaust the server's memory.
var decodeSlots = make(chan struct{}, runtime.GOMAXPROCS(0))

// slotWait is SlotWait; tests shorten it.
var slotWait = SlotWait

// sniffLen is how much of the start of a file is searched for an <svg tag.
const sniffLen = 8 << 10

// Process checks an upload and converts it to a PNG that fits within
// MaxWidth x MaxHeight. The type is decided from the bytes alone: callers
// have no file name or client content type to pass, because neither can
// be trusted. Every refusal is one of the package's Err values, possibly
// wrapped with detail for the logs. It waits for a decode slot at most
// SlotWait, and not after ctx ends (ErrBusy).
func Process(ctx context.Context, data []byte) (Logo, error) {
	d, release, err := Decode(ctx, data)
	if err != nil {
		return Logo{}, err
	}
	defer release()
	m := fit(d.Image)

	// Default compression, not BestCompression: on BenchmarkProcess the
	// best level made the PNG 3% smaller and the whole call 2.4 times slower.
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		return Logo{}, fmt.Errorf("logo: encode png: %w", err)
	}
	sum := sha256.Sum256(buf.Bytes())
	b := m.Bounds()
	return Logo{
		PNG:          buf.Bytes(),
		Width:        b.Dx(),
		Height:       b.Dy(),
		SHA256:       hex.EncodeToString(sum[:]),
		Original:     data,
		OriginalType: d.ContentType,
		OriginalExt:  d.Ext,
	}, nil
}

// Decoded is an image read by Decode.
type Decoded struct {
	Image       image.Image // starting at (0, 0), of the size its header gives
	ContentType string      // "image/png", "image/jpeg", "image/gif" or "image/webp"
	Ext         string      // ".png", ".jpg", ".gif" or ".webp"
}

// Decode makes every check of Process and decodes the image, holding one
// of the decode slots every upload of the site shares (logos and the
// media library) until release is called: the caller scales and encodes
// within the slot, since that too takes memory in proportion to the
// image. It waits for a slot at most SlotWait, and not after ctx ends
// (ErrBusy). Errors are the package's Err values, as for Process.
func Decode(ctx context.Context, data []byte) (d Decoded, release func(), err error) {
	cfg, f, err := inspect(data)
	if err != nil {
		return Decoded{}, nil, err
	}
	wait := time.NewTimer(slotWait)
	defer wait.Stop()
	select {
	case decodeSlots <- struct{}{}:
	case <-wait.C:
		return Decoded{}, nil, ErrBusy
	case <-ctx.Done():
		return Decoded{}, nil, fmt.Errorf("logo: waiting for a decode slot: %v: %w", ctx.Err(), ErrBusy)
	}
	release = func() { <-decodeSlots }
	m, err := decode(f, data)
	if err == nil {
		m, err = onCanvas(m, cfg.Width, cfg.Height)
	}
	if err != nil {
		release()
		return Decoded{}, nil, fmt.Errorf("logo: decode %s: %v: %w", f.name, err, ErrCorrupt)
	}
	return Decoded{Image: m, ContentType: f.contentType, Ext: f.ext}, release, nil
}

// Check makes every check of Process that needs no decoding (size, type,
// the header's dimensions and the memory decoding would take), returning
// the refusal Process would give for them, or nil. It is cheap: a form
// can tell a visitor what is wrong with a logo it does not decode yet.
func Check(data []byte) error {
	_, _, err := inspect(data)
	return err
}

// inspect reads what Process may know before decoding: the header, and
// the format that will decode the image.
func inspect(data []byte) (image.Config, format, error) {
	if len(data) == 0 {
		return image.Config{}, format{}, ErrEmpty
	}
	if len(data) > MaxBytes {
		return image.Config{}, format{}, ErrTooLarge
	}
	if looksLikeSVG(data) {
		return image.Config{}, format{}, ErrSVG
	}
	if isGzip(data) {
		// An .svgz is gzipped SVG; a peek at its start (bounded, so a
		// gzip bomb costs nothing) picks the more helpful message.
		if looksLikeSVG(gunzipStart(data)) {
			return image.Config{}, format{}, ErrSVG
		}
		return image.Config{}, format{}, ErrNotImage
	}

	cfg, name, err := image.DecodeConfig(bytes.NewReader(data))
	f, ok := formats[name]
	if !ok {
		return image.Config{}, format{}, ErrNotImage
	}
	if err != nil {
		return image.Config{}, format{}, fmt.Errorf("logo: read %s header: %v: %w", name, err, ErrCorrupt)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return image.Config{}, format{}, fmt.Errorf("logo: %s header gives %dx%d: %w", name, cfg.Width, cfg.Height, ErrCorrupt)
	}
	// In int64 so a hostile header cannot overflow the product on 32-bit.
	pixels := int64(cfg.Width) * int64(cfg.Height)
	if pixels > MaxPixels {
		return image.Config{}, format{}, ErrTooManyPixels
	}
	if cfg.Width < MinSide || cfg.Height < MinSide {
		return image.Config{}, format{}, ErrTooSmall
	}
	if need := pixels * decodeBytesPerPixel(name, cfg.ColorModel, data); need > MaxDecodeBytes {
		return image.Config{}, format{}, fmt.Errorf("logo: %dx%d %s would take %d MB to decode: %w", cfg.Width, cfg.Height, name, need>>20, ErrTooDeep)
	}
	return cfg, f, nil
}

// decodeBytesPerPixel is the most memory per pixel decoding an image of
// this format and colour model takes, counting every full-size image
// Process holds at once. A model it does not know counts as the widest.
func decodeBytesPerPixel(name string, model color.Model, data []byte) int64 {
	var n int64
	switch model {
	case color.GrayModel, color.AlphaModel:
		n = 1
	case color.Gray16Model, color.Alpha16Model:
		n = 2
	case color.YCbCrModel: // JPEG or lossy WebP: 3 at most (4:4:4)
		n = 3
	case color.NYCbCrAModel:
		n = 4
	case color.RGBAModel, color.NRGBAModel, color.CMYKModel:
		n = 4
	case color.RGBA64Model, color.NRGBA64Model:
		n = 8
	default:
		if _, ok := model.(color.Palette); ok {
			n = 1
		} else {
			n = 8
		}
	}
	switch name {
	case "gif":
		// A first frame smaller than the screen is drawn onto an NRGBA
		// canvas of the whole screen (onCanvas).
		n += 4
	case "png":
		// An interlaced PNG is decoded pass by pass into images merged
		// into the whole: up to twice the memory.
		if pngInterlaced(data) {
			n *= 2
		}
	case "jpeg":
		// A progressive JPEG keeps every component's coefficients, an
		// int32 each, until its last scan: 4 bytes a pixel a component
		// (less for subsampled chroma), besides the pixels.
		if progressive, components := jpegLayout(data); progressive {
			n += 4 * int64(components)
		}
	case "webp":
		// Lossless WebP decodes to ARGB words, then converts them.
		if model == color.NRGBAModel {
			n += 4
		}
	}
	return n
}

// jpegLayout reads a JPEG's frame header: whether it is progressive, and
// its number of components. A header it cannot find counts as the
// costliest, progressive with four components.
func jpegLayout(data []byte) (progressive bool, components int) {
	for i := 2; i+9 < len(data); {
		if data[i] != 0xFF {
			break
		}
		marker := data[i+1]
		if marker == 0xFF { // fill byte
			i++
			continue
		}
		if marker >= 0xD0 && marker <= 0xD9 { // no length: RSTn, SOI, EOI
			i += 2
			continue
		}
		// SOF0 to SOF15, but DHT (C4), JPG (C8) and DAC (CC).
		if marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC {
			progressive = marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE
			return progressive, max(1, int(data[i+9]))
		}
		i += 2 + int(binary.BigEndian.Uint16(data[i+2:i+4]))
	}
	return true, 4
}

// pngInterlaced reports whether a PNG's IHDR (which image.DecodeConfig has
// found where the format puts it) says Adam7 interlacing.
func pngInterlaced(data []byte) bool {
	// 8 bytes of signature, 4 of length, 4 of "IHDR", then width, height,
	// depth, colour type, compression, filter and interlace method.
	const at = 8 + 4 + 4 + 4 + 4 + 1 + 1 + 1 + 1
	return len(data) > at && binary.BigEndian.Uint32(data[8:12]) == 13 && string(data[12:16]) == "IHDR" && data[at] == 1
}

// decode runs the format's decoder, turning a panic into an error: the
// decoders parse hostile bytes, and a bug in one must refuse the upload
// rather than break the request.
func decode(f format, data []byte) (m image.Image, err error) {
	defer func() {
		if r := recover(); r != nil {
			m, err = nil, fmt.Errorf("decoder panic: %v", r)
		}
	}()
	return f.decode(bytes.NewReader(data))
}

// onCanvas returns m as a w x h image starting at (0, 0). A GIF's first
// frame may cover only part of the logical screen the header describes;
// the rest is transparent. An image larger than its header said is refused:
// the pixel limit was checked against the header.
func onCanvas(m image.Image, w, h int) (image.Image, error) {
	canvas := image.Rect(0, 0, w, h)
	b := m.Bounds()
	if b == canvas {
		return m, nil
	}
	if !b.In(canvas) {
		return nil, fmt.Errorf("image bounds %v outside the %dx%d in its header", b, w, h)
	}
	dst := image.NewNRGBA(canvas)
	draw.Draw(dst, b, m, b.Min, draw.Src)
	return dst, nil
}

// fit scales m down to fit within MaxWidth x MaxHeight, keeping its aspect
// ratio and transparency. A logo that already fits is returned as it is.
func fit(m image.Image) image.Image {
	b := m.Bounds()
	w, h := fitSize(b.Dx(), b.Dy())
	if w == b.Dx() && h == b.Dy() {
		return m
	}
	// RGBA rather than NRGBA: x/image/draw has fast paths only for RGBA
	// destinations, and png.Encode writes the alpha channel either way.
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.CatmullRom.Scale(dst, dst.Bounds(), m, b, draw.Src, nil)
	return dst
}

// fitSize returns the size of a w x h image scaled to fit within
// MaxWidth x MaxHeight, rounded to whole pixels and never scaled up.
func fitSize(w, h int) (int, int) {
	if w <= MaxWidth && h <= MaxHeight {
		return w, h
	}
	// Whichever side hits its limit first sets the scale; integer
	// arithmetic (round half up) keeps the result exact and repeatable.
	W, H := int64(w), int64(h)
	if W*MaxHeight >= H*MaxWidth {
		return MaxWidth, max(1, int((H*MaxWidth*2+W)/(W*2)))
	}
	return max(1, int((W*MaxHeight*2+H)/(H*2))), MaxHeight
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// looksLikeSVG reports whether data is SVG text: after an optional UTF-8
// byte order mark and whitespace it opens like XML or SVG, and an <svg tag
// appears within the first sniffLen bytes.
func looksLikeSVG(data []byte) bool {
	head := data[:min(len(data), sniffLen)]
	head = bytes.ToLower(bytes.TrimLeft(bytes.TrimPrefix(head, utf8BOM), " \t\r\n\f"))
	opens := false
	for _, p := range []string{"<?xml", "<!--", "<svg", "<!doctype"} {
		if bytes.HasPrefix(head, []byte(p)) {
			opens = true
			break
		}
	}
	return opens && bytes.Contains(head, []byte("<svg"))
}

func isGzip(data []byte) bool {
	return len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b
}

// gunzipStart returns at most sniffLen bytes from the start of gzipped data,
// or whatever could be read before an error.
func gunzipStart(data []byte) []byte {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil
	}
	head, _ := io.ReadAll(io.LimitReader(zr, sniffLen))
	return head
}
