package media

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strconv"
	"testing"

	xwebp "golang.org/x/image/webp"
)

// photo returns a w x h JPEG: red on the left half, blue on the right, so
// a turn shows where the halves went.
func photo(t testing.TB, w, h int) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{200, 30, 30, 255}
			if x >= w/2 {
				c = color.RGBA{30, 30, 200, 255}
			}
			m.SetRGBA(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// withOrientation inserts an EXIF APP1 segment giving orientation o (and
// a camera make, metadata no rendition may keep) after the JPEG's SOI.
func withOrientation(data []byte, o uint16) []byte {
	var tiff bytes.Buffer
	tiff.WriteString("MM\x00\x2a")
	binary.Write(&tiff, binary.BigEndian, uint32(8))
	binary.Write(&tiff, binary.BigEndian, uint16(2))
	// Orientation, SHORT, count 1, value.
	binary.Write(&tiff, binary.BigEndian, []uint16{0x0112, 3})
	binary.Write(&tiff, binary.BigEndian, uint32(1))
	binary.Write(&tiff, binary.BigEndian, []uint16{o, 0})
	// Make, ASCII, count 4, inline "Cam\0".
	binary.Write(&tiff, binary.BigEndian, []uint16{0x010F, 2})
	binary.Write(&tiff, binary.BigEndian, uint32(4))
	tiff.WriteString("Cam\x00")
	binary.Write(&tiff, binary.BigEndian, uint32(0))
	seg := append([]byte("Exif\x00\x00"), tiff.Bytes()...)
	out := []byte{0xFF, 0xD8, 0xFF, 0xE1}
	out = binary.BigEndian.AppendUint16(out, uint16(len(seg)+2))
	out = append(out, seg...)
	return append(out, data[2:]...)
}

func TestProcessMakesEveryRenditionAtTheSizeItClaims(t *testing.T) {
	data := withOrientation(photo(t, 2400, 1600), 6) // shown turned 90° clockwise: 1600 wide, 2400 high
	res, err := Process(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	if res.Width != 1600 || res.Height != 2400 || res.ContentType != "image/jpeg" {
		t.Fatalf("got %dx%d %s, want 1600x2400 image/jpeg", res.Width, res.Height, res.ContentType)
	}
	want := map[string]bool{}
	for _, w := range []int{320, 640, 960, 1280, 1600} {
		for _, ct := range []string{"image/webp", "image/jpeg"} {
			want[ct+"@"+strconv.Itoa(w)] = true
		}
	}
	var share bool
	for _, r := range res.Renditions {
		sum := sha256.Sum256(r.Data)
		if hex.EncodeToString(sum[:]) != r.Hash {
			t.Errorf("rendition %dx%d %s: hash is not its bytes' SHA-256", r.Width, r.Height, r.ContentType)
		}
		var m image.Image
		var err error
		switch r.ContentType {
		case "image/webp":
			m, err = xwebp.Decode(bytes.NewReader(r.Data))
		case "image/jpeg":
			m, err = jpeg.Decode(bytes.NewReader(r.Data))
		}
		if err != nil {
			t.Fatalf("rendition %s %d: %v", r.ContentType, r.Width, err)
		}
		if b := m.Bounds(); b.Dx() != r.Width || b.Dy() != r.Height {
			t.Errorf("rendition %s claims %dx%d, is %dx%d", r.ContentType, r.Width, r.Height, b.Dx(), b.Dy())
		}
		if bytes.Contains(r.Data, []byte("Exif")) || bytes.Contains(r.Data, []byte("Cam\x00")) {
			t.Errorf("rendition %s %d keeps the EXIF metadata", r.ContentType, r.Width)
		}
		if r.Crop {
			share = true
			if r.Width != ShareWidth || r.Height != ShareHeight {
				t.Errorf("share crop is %dx%d", r.Width, r.Height)
			}
			continue
		}
		if r.Height != r.Width*3/2 {
			t.Errorf("rendition %s %dx%d lost the aspect ratio", r.ContentType, r.Width, r.Height)
		}
		delete(want, r.ContentType+"@"+strconv.Itoa(r.Width))
		// Turned clockwise: the red left half is now the top.
		top, bottom := m.At(r.Width/2, r.Height/8), m.At(r.Width/2, r.Height*7/8)
		if red(top) < 150 || red(bottom) > 100 {
			t.Errorf("rendition %s %d is not turned as its EXIF orientation says (top %v, bottom %v)", r.ContentType, r.Width, top, bottom)
		}
	}
	if len(want) > 0 || !share {
		t.Errorf("missing renditions %v (share crop: %v)", want, share)
	}
}

func red(c color.Color) uint32 { r, _, _, _ := c.RGBA(); return r >> 8 }

func TestProcessRefusesWhatIsNotAnImageItCanRead(t *testing.T) {
	good := photo(t, 400, 300)
	var big bytes.Buffer
	// A PNG header that claims 6000x6000: refused before decoding.
	png.Encode(&big, image.NewGray(image.Rect(0, 0, 6000, 6000)))
	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrEmpty},
		{"svg", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>`), ErrSVG},
		{"text", []byte("hello, this is not an image at all"), ErrNotImage},
		{"cut short", good[:len(good)/2], ErrCorrupt},
		{"too many pixels", big.Bytes(), ErrTooManyPixels},
		{"too large", append(append([]byte{}, good...), make([]byte, MaxBytes)...), ErrTooLarge},
	}
	for _, c := range cases {
		_, err := Process(context.Background(), c.data)
		if !errors.Is(err, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, err, c.want)
		}
	}
}

func TestSmallImagesAreNeverScaledUp(t *testing.T) {
	res, err := Process(context.Background(), photo(t, 500, 400))
	if err != nil {
		t.Fatal(err)
	}
	var widths []int
	for _, r := range res.Renditions {
		if r.ContentType == "image/webp" {
			widths = append(widths, r.Width)
		}
	}
	if len(widths) != 2 || widths[0] != 320 || widths[1] != 500 {
		t.Errorf("widths %v, want [320 500]", widths)
	}
}

func BenchmarkProcess(b *testing.B) {
	data := photo(b, 4000, 3000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Process(context.Background(), data); err != nil {
			b.Fatal(err)
		}
	}
}
