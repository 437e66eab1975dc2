package media

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gen2brain/webp"
	xwebp "golang.org/x/image/webp"
)

// quadrants is a w x h image whose four quarters are red (top left),
// green (top right), blue (bottom left) and white (bottom right).
func quadrants(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{220, 20, 20, 255}
			switch {
			case x >= w/2 && y < h/2:
				c = color.RGBA{20, 220, 20, 255}
			case x < w/2 && y >= h/2:
				c = color.RGBA{20, 20, 220, 255}
			case x >= w/2 && y >= h/2:
				c = color.RGBA{250, 250, 250, 255}
			}
			m.SetRGBA(x, y, c)
		}
	}
	return m
}

func name(c color.Color) string {
	r, g, b, _ := c.RGBA()
	r, g, b = r>>8, g>>8, b>>8
	switch {
	case r > 200 && g > 200 && b > 200:
		return "white"
	case r > 150 && g < 100 && b < 100:
		return "red"
	case g > 150 && r < 100 && b < 100:
		return "green"
	case b > 150 && r < 100 && g < 100:
		return "blue"
	}
	return "?"
}

// Every EXIF orientation turns the picture as the specification shows it:
// the quarter seen at each corner after the turn.
func TestEveryEXIFOrientationIsShownTheRightWayUp(t *testing.T) {
	// Small, and wider than the widest rendition either way (turned once
	// scaled).
	for _, size := range [][2]int{{96, 64}, {2400, 2000}} {
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, quadrants(size[0], size[1]), &jpeg.Options{Quality: 95}); err != nil {
			t.Fatal(err)
		}
		checkOrientations(t, buf.Bytes(), size[0], size[1])
	}
}

func checkOrientations(t *testing.T, data []byte, rw, rh int) {
	t.Helper()
	// Top left, top right, bottom left, bottom right as shown.
	want := map[uint16][4]string{
		1: {"red", "green", "blue", "white"},
		2: {"green", "red", "white", "blue"},
		3: {"white", "blue", "green", "red"},
		4: {"blue", "white", "red", "green"},
		5: {"red", "blue", "green", "white"},
		6: {"blue", "red", "white", "green"},
		7: {"white", "green", "blue", "red"},
		8: {"green", "white", "red", "blue"},
	}
	for o := uint16(1); o <= 8; o++ {
		res, err := Process(context.Background(), withOrientation(data, o))
		if err != nil {
			t.Fatal(err)
		}
		w, h := rw, rh
		if o >= 5 {
			w, h = rh, rw
		}
		if res.Width != w || res.Height != h {
			t.Errorf("orientation %d: %dx%d, want %dx%d", o, res.Width, res.Height, w, h)
		}
		for _, r := range res.Renditions {
			if r.Crop {
				continue
			}
			var m image.Image
			if r.ContentType == "image/webp" {
				m, err = xwebp.Decode(bytes.NewReader(r.Data))
			} else {
				m, err = jpeg.Decode(bytes.NewReader(r.Data))
			}
			if err != nil {
				t.Fatal(err)
			}
			b := m.Bounds()
			got := [4]string{name(m.At(b.Dx()/4, b.Dy()/4)), name(m.At(b.Dx()*3/4, b.Dy()/4)),
				name(m.At(b.Dx()/4, b.Dy()*3/4)), name(m.At(b.Dx()*3/4, b.Dy()*3/4))}
			if got != want[o] {
				t.Errorf("orientation %d, %s: corners %v, want %v", o, r.ContentType, got, want[o])
			}
		}
	}
}

// Transparency survives in the fallback format (PNG, not JPEG) and in the
// WebP; an animated GIF gives its first frame; long thin and tiny images
// get renditions of the size they claim.
func TestOddImagesGetRenditionsTheyClaim(t *testing.T) {
	transparent := image.NewNRGBA(image.Rect(0, 0, 400, 300))
	for y := 0; y < 300; y++ {
		for x := 0; x < 200; x++ {
			transparent.SetNRGBA(x, y, color.NRGBA{200, 0, 0, 255})
		}
	}
	var pngT bytes.Buffer
	png.Encode(&pngT, transparent)

	pal := color.Palette{color.Transparent, color.RGBA{200, 0, 0, 255}, color.RGBA{0, 0, 200, 255}}
	f1 := image.NewPaletted(image.Rect(0, 0, 100, 80), pal)
	f2 := image.NewPaletted(image.Rect(0, 0, 100, 80), pal)
	for i := range f1.Pix {
		f1.Pix[i], f2.Pix[i] = 1, 2
	}
	f1.Pix[0] = 0 // one transparent pixel
	var anim bytes.Buffer
	gif.EncodeAll(&anim, &gif.GIF{Image: []*image.Paletted{f1, f2}, Delay: []int{10, 10}})

	var webpT, webpLossy bytes.Buffer
	if err := webp.Encode(&webpT, transparent, webp.Options{Lossless: true}); err != nil {
		t.Fatal(err)
	}
	if err := webp.Encode(&webpLossy, transparent, webp.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}

	thin := func(w, h int) []byte {
		var b bytes.Buffer
		png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h)))
		return b.Bytes()
	}
	cases := []struct {
		name     string
		data     []byte
		fallback string
		w, h     int
	}{
		{"transparent PNG", pngT.Bytes(), "image/png", 400, 300},
		{"transparent lossless WebP", webpT.Bytes(), "image/png", 400, 300},
		{"transparent lossy WebP", webpLossy.Bytes(), "image/png", 400, 300},
		{"animated GIF", anim.Bytes(), "image/png", 100, 80},
		{"16x10000", thin(16, 10000), "image/png", 16, 10000},
		{"10000x16", thin(10000, 16), "image/png", 10000, 16},
		{"16x16", thin(16, 16), "image/png", 16, 16},
	}
	for _, c := range cases {
		res, err := Process(context.Background(), c.data)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if res.Width != c.w || res.Height != c.h {
			t.Errorf("%s: %dx%d", c.name, res.Width, res.Height)
		}
		fallbacks := 0
		for _, r := range res.Renditions {
			if r.ContentType == c.fallback && !r.Crop {
				fallbacks++
			}
			var m image.Image
			switch r.ContentType {
			case "image/webp":
				m, err = xwebp.Decode(bytes.NewReader(r.Data))
			case "image/png":
				m, err = png.Decode(bytes.NewReader(r.Data))
			case "image/jpeg":
				m, err = jpeg.Decode(bytes.NewReader(r.Data))
				if !r.Crop {
					t.Errorf("%s: a JPEG fallback", c.name)
				}
			}
			if err != nil {
				t.Fatalf("%s %s: %v", c.name, r.ContentType, err)
			}
			if b := m.Bounds(); b.Dx() != r.Width || b.Dy() != r.Height || r.Width < 1 || r.Height < 1 {
				t.Errorf("%s %s claims %dx%d, is %v", c.name, r.ContentType, r.Width, r.Height, b)
			}
			if strings.HasPrefix(c.name, "transparent") && !r.Crop {
				if _, _, _, a := m.At(r.Width*3/4, r.Height/2).RGBA(); a != 0 {
					t.Errorf("%s %s %d: the transparent half is opaque (%d)", c.name, r.ContentType, r.Width, a)
				}
			}
		}
		if fallbacks == 0 {
			t.Errorf("%s: no %s fallback", c.name, c.fallback)
		}
	}
	if _, err := Process(context.Background(), thin(1, 10000)); err == nil {
		t.Error("a 1x10000 image was accepted")
	}
}

// Nearly the largest image accepted, turned by its EXIF orientation,
// finishes well within the server's write timeout (60 s), on a loaded
// machine too.
func TestANearlyLargestTurnedImageIsProcessedInBoundedTime(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, quadrants(4000, 3000), &jpeg.Options{Quality: 80}); err != nil { // 12 MP
		t.Fatal(err)
	}
	// Against the same photo unturned, so that the race detector slows
	// both alike: turning may not cost much more. The processor time this
	// process spends is compared, not the time on the clock, which other
	// processes on a busy machine stretch unevenly (one run took 14 s
	// unturned and 25 s turned while another suite ran).
	took := func(data []byte) time.Duration {
		start := cpuTime(t)
		if _, err := Process(context.Background(), data); err != nil {
			t.Fatal(err)
		}
		return cpuTime(t) - start
	}
	plain := took(buf.Bytes())
	start := time.Now()
	turned := took(withOrientation(buf.Bytes(), 6))
	if wall := time.Since(start); wall > 45*time.Second {
		t.Errorf("turning a 12 MP image took %v, too near the server's write timeout", wall)
	}
	t.Logf("12 MP image: %v of processor time unturned, %v turned", plain, turned)
	if turned > plain*3/2+time.Second {
		t.Errorf("turning a 12 MP image took %v of processor time, against %v unturned", turned, plain)
	}
}

// cpuTime is the processor time this process has used, in user and
// kernel mode, on every thread.
func cpuTime(t *testing.T) time.Duration {
	t.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// Turning a photo by its EXIF orientation costs no more memory than the
// photo unturned: it is turned once scaled to the widest rendition, not
// at full size (a 25-megapixel photo took another 100 MB, outside the
// decode budget of package logo).
func TestTurningALargePhotoTakesLittleMoreMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, quadrants(4800, 4800), &jpeg.Options{Quality: 70}); err != nil {
		t.Fatal(err)
	}
	alloc := func(data []byte) uint64 {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		if _, err := Process(context.Background(), data); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	plain, turned := alloc(buf.Bytes()), alloc(withOrientation(buf.Bytes(), 6))
	t.Logf("allocated: %d MB unturned, %d MB turned", plain>>20, turned>>20)
	if turned > plain+30<<20 {
		t.Errorf("turning took %d MB more", (turned-plain)>>20)
	}
}
