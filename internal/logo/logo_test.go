package logo

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"os"
	"sync"
	"testing"
	"time"

	// Registered only to prove that a format other code registers with
	// package image is still refused.
	"golang.org/x/image/bmp"
)

// pngOf encodes a w x h image filled by fill.
func pngOf(t testing.TB, w, h int, fill func(x, y int) color.Color) []byte {
	t.Helper()
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			m.Set(x, y, fill(x, y))
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func solid(c color.Color) func(x, y int) color.Color {
	return func(int, int) color.Color { return c }
}

// noise gives pixels that do not compress, so files have realistic sizes.
func noise(seed uint64) func(x, y int) color.Color {
	r := rand.New(rand.NewPCG(seed, seed))
	return func(int, int) color.Color {
		return color.NRGBA{uint8(r.UintN(256)), uint8(r.UintN(256)), uint8(r.UintN(256)), 255}
	}
}

// photo is a smooth gradient, closer to a real photograph than noise.
func photo(w, h int) image.Image {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			m.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), uint8((x + y) % 256), 255})
		}
	}
	return m
}

func jpegOf(t testing.TB, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, photo(w, h), &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pngChunk returns one PNG chunk with its length and CRC.
func pngChunk(typ string, body []byte) []byte {
	out := binary.BigEndian.AppendUint32(nil, uint32(len(body)))
	out = append(out, typ...)
	out = append(out, body...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(append([]byte(typ), body...)))
}

// pngHeaderOnly is a valid PNG signature and IHDR claiming w x h, followed
// by a tiny IDAT and IEND: a decompression bomb's shape.
func pngHeaderOnly(w, h uint32) []byte {
	return pngHeaderOf(w, h, 8, 6, 0) // 8-bit RGBA, no interlace
}

// pngHeaderOf is pngHeaderOnly with the given bit depth, colour type and
// interlace method.
func pngHeaderOf(w, h uint32, depth, colourType, interlace byte) []byte {
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, depth, colourType, 0, 0, interlace) // deflate, no filter
	out := []byte("\x89PNG\r\n\x1a\n")
	out = append(out, pngChunk("IHDR", ihdr)...)
	out = append(out, pngChunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})...)
	return append(out, pngChunk("IEND", nil)...)
}

func testdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// decodePNG checks that l.PNG is a PNG whose size and hash match l.
func decodePNG(t *testing.T, l Logo) image.Image {
	t.Helper()
	m, err := png.Decode(bytes.NewReader(l.PNG))
	if err != nil {
		t.Fatalf("output is not a PNG: %v", err)
	}
	if b := m.Bounds(); b.Dx() != l.Width || b.Dy() != l.Height {
		t.Errorf("PNG is %dx%d, Logo says %dx%d", b.Dx(), b.Dy(), l.Width, l.Height)
	}
	sum := sha256.Sum256(l.PNG)
	if l.SHA256 != hex.EncodeToString(sum[:]) {
		t.Errorf("SHA256 = %s, not the hash of PNG", l.SHA256)
	}
	return m
}

func TestProcessSizes(t *testing.T) {
	for _, tc := range []struct {
		name         string
		w, h         int
		wantW, wantH int
	}{
		{"wide is scaled to the width", 1200, 400, 600, 200},
		{"tall is scaled to the height", 400, 1200, 100, 300},
		{"exactly 2:1 is scaled to both", 1200, 600, 600, 300},
		{"small is not scaled up", 300, 100, 300, 100},
		{"the box itself is kept", 600, 300, 600, 300},
		{"rounding is to the nearest pixel", 1000, 301, 600, 181}, // 180.6
		{"a banner keeps at least one pixel", 20000, 16, 600, 1},  // 16*600/20000 rounds to 0
		{"the smallest accepted", 16, 16, 16, 16},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, err := Process(context.Background(), pngOf(t, tc.w, tc.h, solid(color.NRGBA{200, 30, 30, 255})))
			if err != nil {
				t.Fatal(err)
			}
			if l.Width != tc.wantW || l.Height != tc.wantH {
				t.Errorf("%dx%d became %dx%d, want %dx%d", tc.w, tc.h, l.Width, l.Height, tc.wantW, tc.wantH)
			}
			if l.OriginalType != "image/png" || l.OriginalExt != ".png" {
				t.Errorf("original type %q %q, want image/png .png", l.OriginalType, l.OriginalExt)
			}
			decodePNG(t, l)
		})
	}
}

func TestProcessKeepsTransparency(t *testing.T) {
	// Left half transparent, right half opaque blue.
	in := pngOf(t, 1200, 400, func(x, _ int) color.Color {
		if x < 600 {
			return color.NRGBA{}
		}
		return color.NRGBA{0, 0, 255, 255}
	})
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"scaled", in},
		{"not scaled", pngOf(t, 100, 50, func(x, _ int) color.Color {
			if x < 50 {
				return color.NRGBA{}
			}
			return color.NRGBA{0, 0, 255, 255}
		})},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, err := Process(context.Background(), tc.data)
			if err != nil {
				t.Fatal(err)
			}
			m := decodePNG(t, l)
			if _, _, _, a := m.At(2, l.Height/2).RGBA(); a != 0 {
				t.Errorf("left edge alpha = %d, want 0", a)
			}
			r, g, b, a := m.At(l.Width-3, l.Height/2).RGBA()
			if a != 0xffff || b != 0xffff || r != 0 || g != 0 {
				t.Errorf("right edge = %d,%d,%d,%d, want opaque blue", r, g, b, a)
			}
		})
	}
}

func TestProcessStripsJPEGExtras(t *testing.T) {
	plain := jpegOf(t, 800, 400)
	// An APP1 segment right after SOI, shaped like EXIF with a GPS-ish
	// string, as a phone would write.
	exif := append([]byte("Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08"), []byte("GPS 51.5N 0.1W secret camera serial")...)
	app1 := append([]byte{0xFF, 0xE1}, byte((len(exif)+2)>>8), byte(len(exif)+2))
	app1 = append(app1, exif...)
	data := append(append(append([]byte{}, plain[:2]...), app1...), plain[2:]...)
	data = append(data, "<script>alert(1)</script>"...)

	l, err := Process(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	if l.OriginalType != "image/jpeg" || l.OriginalExt != ".jpg" {
		t.Errorf("original type %q %q, want image/jpeg .jpg", l.OriginalType, l.OriginalExt)
	}
	if !bytes.Equal(l.Original, data) {
		t.Error("Original is not the uploaded bytes")
	}
	decodePNG(t, l)
	if l.Width != 600 || l.Height != 300 {
		t.Errorf("800x400 became %dx%d, want 600x300", l.Width, l.Height)
	}
	iend := pngChunk("IEND", nil)
	if !bytes.HasSuffix(l.PNG, iend) || bytes.Index(l.PNG, []byte("IEND")) != len(l.PNG)-8 {
		t.Error("output has data after IEND")
	}
	for _, s := range []string{"Exif", "GPS", "script"} {
		if bytes.Contains(l.PNG, []byte(s)) {
			t.Errorf("output contains %q", s)
		}
	}
}

func TestProcessGIFFirstFrame(t *testing.T) {
	pal := color.Palette{color.Transparent, color.RGBA{255, 0, 0, 255}, color.RGBA{0, 0, 255, 255}}
	frame := func(r image.Rectangle, idx uint8) *image.Paletted {
		m := image.NewPaletted(r, pal)
		for i := range m.Pix {
			m.Pix[i] = idx
		}
		return m
	}
	encode := func(g *gif.GIF) []byte {
		var buf bytes.Buffer
		if err := gif.EncodeAll(&buf, g); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}

	t.Run("animated", func(t *testing.T) {
		full := image.Rect(0, 0, 100, 50)
		data := encode(&gif.GIF{
			Image: []*image.Paletted{frame(full, 1), frame(full, 2)}, // red, then blue
			Delay: []int{10, 10},
		})
		l, err := Process(context.Background(), data)
		if err != nil {
			t.Fatal(err)
		}
		if l.OriginalType != "image/gif" || l.OriginalExt != ".gif" {
			t.Errorf("original type %q %q, want image/gif .gif", l.OriginalType, l.OriginalExt)
		}
		m := decodePNG(t, l)
		if l.Width != 100 || l.Height != 50 {
			t.Errorf("size %dx%d, want 100x50", l.Width, l.Height)
		}
		if r, _, b, _ := m.At(50, 25).RGBA(); r != 0xffff || b != 0 {
			t.Errorf("pixel is not the first frame's red")
		}
	})

	t.Run("first frame smaller than the screen", func(t *testing.T) {
		data := encode(&gif.GIF{
			Image:  []*image.Paletted{frame(image.Rect(16, 16, 48, 48), 1)},
			Delay:  []int{0},
			Config: image.Config{ColorModel: pal, Width: 64, Height: 64},
		})
		l, err := Process(context.Background(), data)
		if err != nil {
			t.Fatal(err)
		}
		m := decodePNG(t, l)
		if l.Width != 64 || l.Height != 64 {
			t.Errorf("size %dx%d, want the 64x64 screen", l.Width, l.Height)
		}
		if _, _, _, a := m.At(2, 2).RGBA(); a != 0 {
			t.Errorf("outside the frame alpha = %d, want 0", a)
		}
		if r, _, _, a := m.At(32, 32).RGBA(); r != 0xffff || a != 0xffff {
			t.Errorf("inside the frame is not red")
		}
	})
}

func TestProcessWebP(t *testing.T) {
	for _, tc := range []struct {
		file         string
		wantW, wantH int
		transparent  bool
	}{
		{"gopher.lossless.webp", 75, 100, false},
		{"rose.lossy-alpha.webp", 399, 300, true}, // 400x301 scaled down
	} {
		t.Run(tc.file, func(t *testing.T) {
			l, err := Process(context.Background(), testdata(t, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			if l.OriginalType != "image/webp" || l.OriginalExt != ".webp" {
				t.Errorf("original type %q %q, want image/webp .webp", l.OriginalType, l.OriginalExt)
			}
			if l.Width != tc.wantW || l.Height != tc.wantH {
				t.Errorf("size %dx%d, want %dx%d", l.Width, l.Height, tc.wantW, tc.wantH)
			}
			m := decodePNG(t, l)
			if tc.transparent {
				if _, _, _, a := m.At(0, 0).RGBA(); a == 0xffff {
					t.Error("corner is opaque; the alpha channel was lost")
				}
			}
		})
	}
}

func TestProcessRefuses(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>`))
	zw.Close()
	var gzText bytes.Buffer
	zw = gzip.NewWriter(&gzText)
	zw.Write([]byte("just some text"))
	zw.Close()
	var bmpBuf bytes.Buffer
	if err := bmp.Encode(&bmpBuf, photo(64, 64)); err != nil {
		t.Fatal(err)
	}
	random := make([]byte, 6<<20)
	rand.NewChaCha8([32]byte{1}).Read(random)
	truncated := pngOf(t, 200, 200, noise(1))
	truncated = truncated[:len(truncated)/2] // header intact, cut inside IDAT

	for _, tc := range []struct {
		name string
		data []byte
		want error
	}{
		{"nil", nil, ErrEmpty},
		{"zero bytes", []byte{}, ErrEmpty},
		{"6 MB of random bytes", random, ErrTooLarge},
		{"one byte over the limit", append(pngOf(t, 32, 32, noise(2)), make([]byte, MaxBytes)...), ErrTooLarge},
		{"SVG", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), ErrSVG},
		{"SVG with XML declaration", []byte("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), ErrSVG},
		{"SVG with BOM, space and comment", []byte("\xEF\xBB\xBF \r\n\t<!-- Generator: Illustrator -->\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"x\">\n<SVG/>"), ErrSVG},
		{"SVGZ", gz.Bytes(), ErrSVG},
		{"gzipped text", gzText.Bytes(), ErrNotImage},
		{"XML that is not SVG", []byte(`<?xml version="1.0"?><html><script>alert(1)</script></html>`), ErrNotImage},
		{"text file", []byte("this is my logo, honest\n"), ErrNotImage},
		{"HTML", []byte("<!doctype html><script>alert(1)</script>"), ErrNotImage},
		{"PDF", []byte("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\n"), ErrNotImage},
		{"BMP, though registered", bmpBuf.Bytes(), ErrNotImage},
		{"TIFF", []byte("II*\x00\x08\x00\x00\x00\x00\x00"), ErrNotImage},
		{"truncated PNG", truncated, ErrCorrupt},
		{"PNG signature only", []byte("\x89PNG\r\n\x1a\n"), ErrCorrupt},
		{"JPEG cut after the header", jpegOf(t, 200, 200)[:700], ErrCorrupt},
		{"GIF header only", []byte("GIF89a\x20\x00\x20\x00\x00\x00\x00"), ErrCorrupt},
		{"30000x30000 PNG", pngHeaderOnly(30000, 30000), ErrTooManyPixels},
		{"huge GIF screen", []byte("GIF89a\xff\xff\xff\xff\x00\x00\x00;"), ErrTooManyPixels},
		{"10x10 PNG", pngOf(t, 10, 10, noise(3)), ErrTooSmall},
		{"1000x15 PNG", pngOf(t, 1000, 15, noise(4)), ErrTooSmall},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, err := Process(context.Background(), tc.data)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if l.PNG != nil || l.Original != nil {
				t.Error("a refused upload returned data")
			}
		})
	}
}

func TestProcessRefusesBombBeforeDecoding(t *testing.T) {
	data := pngHeaderOnly(30000, 30000)
	start := time.Now()
	_, err := Process(context.Background(), data)
	elapsed := time.Since(start)
	if !errors.Is(err, ErrTooManyPixels) {
		t.Fatalf("err = %v, want ErrTooManyPixels", err)
	}
	if elapsed >= 100*time.Millisecond {
		t.Errorf("took %v; the header check must come before any decoding", elapsed)
	}
}

// TestProcessRefusesDeepImagesByTheMemoryTheyTake: the pixel limit alone
// let a 5000x5000 16-bit PNG (a file of a few hundred KB) decode to
// 200 MB. What decoding would take is counted from the header, in bytes,
// and refused before any decoding; the same size in 8 bits still passes
// the check.
func TestProcessRefusesDeepImagesByTheMemoryTheyTake(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
		want error
	}{
		{"5000x5000 16-bit RGBA PNG", pngHeaderOf(5000, 5000, 16, 6, 0), ErrTooDeep},
		{"5000x5000 16-bit RGB PNG", pngHeaderOf(5000, 5000, 16, 2, 0), ErrTooDeep},
		{"5000x5000 8-bit interlaced RGBA PNG", pngHeaderOf(5000, 5000, 8, 6, 1), ErrTooDeep},
		{"5000x5000 8-bit RGBA PNG", pngHeaderOf(5000, 5000, 8, 6, 0), nil},
		{"5000x5000 16-bit grey PNG", pngHeaderOf(5000, 5000, 16, 0, 0), nil},
		{"3000x3000 16-bit RGBA PNG", pngHeaderOf(3000, 3000, 16, 6, 0), nil},
		{"4000x4000 progressive JPEG", jpegHeaderOf(t, 4000, 4000, 0xC2), ErrTooDeep},
		{"4000x4000 baseline JPEG", jpegHeaderOf(t, 4000, 4000, 0xC0), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			err := Check(tc.data)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Check: %v, want %v", err, tc.want)
			}
			if tc.want != nil {
				if _, err := Process(context.Background(), tc.data); !errors.Is(err, tc.want) {
					t.Fatalf("Process: %v, want %v", err, tc.want)
				}
			}
			if took := time.Since(start); took > 100*time.Millisecond {
				t.Errorf("took %v: the check must come before any decoding", took)
			}
		})
	}
}

// jpegHeaderOf is a real JPEG whose frame header is made to say w x h
// and marker 0xC0 (baseline) or 0xC2 (progressive).
func jpegHeaderOf(t testing.TB, w, h uint16, marker byte) []byte {
	data := jpegOf(t, 16, 16)
	for i := 2; i+9 < len(data); i += 2 + int(binary.BigEndian.Uint16(data[i+2:])) {
		if data[i+1] == 0xC0 {
			data[i+1] = marker
			binary.BigEndian.PutUint16(data[i+5:], h)
			binary.BigEndian.PutUint16(data[i+7:], w)
			return data
		}
	}
	t.Fatal("no frame header in the encoded JPEG")
	return nil
}

// TestProcessWaitsForADecodeSlotOnlySoLong: with every decode slot taken,
// an upload waits SlotWait at most, or until its request ends, and is
// then refused as busy rather than queued with its bytes held.
func TestProcessWaitsForADecodeSlotOnlySoLong(t *testing.T) {
	for range cap(decodeSlots) {
		decodeSlots <- struct{}{}
	}
	defer func() {
		for range cap(decodeSlots) {
			<-decodeSlots
		}
	}()
	defer func(w time.Duration) { slotWait = w }(slotWait)
	slotWait = 50 * time.Millisecond
	data := pngOf(t, 32, 32, noise(9))

	start := time.Now()
	if _, err := Process(context.Background(), data); !errors.Is(err, ErrBusy) {
		t.Fatalf("all slots taken: %v, want ErrBusy", err)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("waited %v for a slot, want about %v", took, slotWait)
	}

	slotWait = time.Minute
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start = time.Now()
	if _, err := Process(ctx, data); !errors.Is(err, ErrBusy) {
		t.Fatalf("request ended while waiting: %v, want ErrBusy", err)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("waited %v after the request ended", took)
	}
}

func TestErrorsAreSentences(t *testing.T) {
	for _, err := range []error{ErrEmpty, ErrTooLarge, ErrSVG, ErrNotImage, ErrCorrupt, ErrTooManyPixels, ErrTooSmall, ErrTooDeep, ErrBusy} {
		msg := err.Error()
		if len(msg) < 40 || !bytes.Contains([]byte(msg), []byte(": ")) {
			t.Errorf("%q does not say what is wrong and what to do", msg)
		}
	}
}

func TestProcessConcurrently(t *testing.T) {
	defer func(w time.Duration) { slotWait = w }(slotWait)
	slotWait = time.Minute      // the race detector makes each decode slow
	data := jpegOf(t, 700, 350) // small: the race detector slows scaling a lot
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if _, err := Process(context.Background(), data); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
}

func FuzzProcess(f *testing.F) {
	f.Add(pngOf(f, 40, 20, noise(5)))
	f.Add(pngOf(f, 700, 20, solid(color.NRGBA{1, 2, 3, 128})))
	f.Add(jpegOf(f, 64, 32))
	f.Add(pngHeaderOnly(30000, 30000))
	f.Add(pngHeaderOnly(64, 64))
	f.Add([]byte("GIF89a\x20\x00\x20\x00\x00\x00\x00"))
	f.Add([]byte(`<?xml version="1.0"?><svg/>`))
	f.Add([]byte("%PDF-1.7\n"))
	var g bytes.Buffer
	gif.Encode(&g, image.NewPaletted(image.Rect(0, 0, 20, 20), color.Palette{color.Black, color.White}), nil)
	f.Add(g.Bytes())
	f.Add(testdata(f, "gopher.lossless.webp"))
	f.Add(testdata(f, "rose.lossy-alpha.webp"))

	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := Process(context.Background(), data)
		if err != nil {
			for _, known := range []error{ErrEmpty, ErrTooLarge, ErrSVG, ErrNotImage, ErrCorrupt, ErrTooManyPixels, ErrTooSmall, ErrTooDeep} {
				if errors.Is(err, known) {
					return
				}
			}
			t.Fatalf("error is none of the package's: %v", err)
		}
		m, err := png.Decode(bytes.NewReader(l.PNG))
		if err != nil {
			t.Fatalf("accepted output is not a PNG: %v", err)
		}
		b := m.Bounds()
		if b.Dx() > MaxWidth || b.Dy() > MaxHeight || b.Dx() != l.Width || b.Dy() != l.Height {
			t.Fatalf("output %v, Logo says %dx%d", b, l.Width, l.Height)
		}
	})
}

func BenchmarkProcess(b *testing.B) {
	data := jpegOf(b, 2000, 1000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var l Logo
	for b.Loop() {
		var err error
		if l, err = Process(context.Background(), data); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(l.PNG)), "png-bytes")
}
