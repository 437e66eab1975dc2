package sharecard_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"strings"
	"testing"

	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/sharecard"
)

var formats = []sharecard.Format{sharecard.Wide, sharecard.Square}

// typical is a card as the site draws one.
var typical = sharecard.Card{
	Site:   "Social Service Workforce Advocacy",
	Kicker: "SSWWeek 2018 · 5th edition",
	Title:  "Investing in the social service workforce to achieve the Sustainable Development Goals",
	Theme:  "Social Service Workforce Week, 2–6 April 2018",
	Tag:    "#SSWWeek",
	Host:   "advocacy.example.org",
}

// huge is every text far longer than any card holds.
func huge() sharecard.Card {
	words := strings.Repeat("Fortalecimiento de la fuerza laboral del servicio social en América Latina, ¿cómo? ", 40)
	return sharecard.Card{
		Site:   strings.Repeat("Incidencia por la Fuerza Laboral ", 10),
		Kicker: strings.Repeat("SSWWeek 2018 · Día 3 · 4 de abril de 2018 ", 8),
		Title:  words,
		Theme:  words,
		Tag:    strings.Repeat("#SSWWeek", 30),
		Host:   strings.Repeat("advocacy.example.org", 10),
	}
}

// cards are the texts every layout test sets: typical, huge, one endless
// word, accents at every size, an empty one, and what the fonts lack.
func cards() map[string]sharecard.Card {
	word := strings.Repeat("Ñandú", 80)
	return map[string]sharecard.Card{
		"typical":    typical,
		"huge":       huge(),
		"long word":  {Kicker: word, Title: word, Theme: word, Tag: word, Host: word, Site: word},
		"accents":    {Site: "ÁÉÍÓÚ", Kicker: "ÑÜ¿¡", Title: "¿ÁÉÍÓÚ Ñ gjpqy Ç?", Theme: "ÁÉÍÓÚ gjpqy", Tag: "#Ñ", Host: "ñ.example"},
		"empty":      {},
		"title only": {Title: "Call to Action"},
		"no glyphs":  {Title: "🙂🙂🙂", Theme: "\u200b\x07", Kicker: "\u4e2d\u6587"},
	}
}

func TestEveryCardIsAPNGOfExactlyItsFormatsSize(t *testing.T) {
	for _, f := range formats {
		for name, c := range cards() {
			b, err := sharecard.Draw(context.Background(), c, f)
			if err != nil {
				t.Fatalf("%s %s: %v", f.Name, name, err)
			}
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("%s %s: not a PNG: %v", f.Name, name, err)
			}
			if got := img.Bounds(); got != image.Rect(0, 0, f.Width, f.Height) {
				t.Errorf("%s %s: %v, want %dx%d", f.Name, name, got, f.Width, f.Height)
			}
		}
	}
	if sharecard.Wide.Width != 1200 || sharecard.Wide.Height != 630 || sharecard.Square.Width != 1080 || sharecard.Square.Height != 1080 {
		t.Errorf("formats %+v, %+v: want 1200x630 and 1080x1080", sharecard.Wide, sharecard.Square)
	}
}

// checkInside fails t unless every line of lo is inside the margins and
// the parts of the card do not overlap.
func checkInside(t *testing.T, what string, lo sharecard.Layout) {
	t.Helper()
	safe := lo.Format.Safe()
	if !lo.Mark.In(safe) {
		t.Errorf("%s: the mark %v is outside %v", what, lo.Mark, safe)
	}
	for i, l := range lo.Lines {
		if l.Text == "" || l.Ink.Empty() {
			t.Errorf("%s: line %d (%s) is empty: %q %v", what, i, l.Role, l.Text, l.Ink)
		}
		if !l.Ink.In(safe) {
			t.Errorf("%s: %s line %q at %v is outside the margins %v", what, l.Role, l.Text, l.Ink, safe)
		}
		if l.Role == sharecard.RoleSite && l.Ink.Overlaps(lo.Mark) {
			t.Errorf("%s: the site's name %v overlaps the mark %v", what, l.Ink, lo.Mark)
		}
		for _, o := range lo.Lines[i+1:] {
			if o.Role != l.Role && o.Ink.Overlaps(l.Ink) {
				t.Errorf("%s: %s %q %v overlaps %s %q %v", what, l.Role, l.Text, l.Ink, o.Role, o.Text, o.Ink)
			}
		}
	}
	// Top to bottom: header, kicker, title, theme, footer.
	order := map[sharecard.Role]int{sharecard.RoleSite: 0, sharecard.RoleKicker: 1, sharecard.RoleTitle: 2,
		sharecard.RoleTheme: 3, sharecard.RoleTag: 4, sharecard.RoleHost: 4}
	for i, l := range lo.Lines {
		for _, o := range lo.Lines[i+1:] {
			if order[l.Role] < order[o.Role] && l.Ink.Max.Y > o.Ink.Min.Y || order[l.Role] > order[o.Role] && o.Ink.Max.Y > l.Ink.Min.Y {
				t.Errorf("%s: %s %v and %s %v are out of order", what, l.Role, l.Ink, o.Role, o.Ink)
			}
		}
	}
}

func TestTextStaysInsideTheMarginsWhateverItsLength(t *testing.T) {
	for _, f := range formats {
		for name, c := range cards() {
			lo := sharecard.Lay(c, f)
			checkInside(t, f.Name+" "+name, lo)
		}
		lo := sharecard.Lay(huge(), f)
		if !lo.Shortened {
			t.Errorf("%s: the huge card is not said to be shortened", f.Name)
		}
		for _, l := range lo.Lines {
			if l.Role == sharecard.RoleTitle || l.Role == sharecard.RoleTheme {
				continue
			}
			if !strings.HasSuffix(l.Text, "…") {
				t.Errorf("%s: the huge %s line %q does not end in an ellipsis", f.Name, l.Role, l.Text)
			}
		}
		if title := lines(lo, sharecard.RoleTitle); len(title) == 0 || !strings.HasSuffix(title[len(title)-1], "…") {
			t.Errorf("%s: the huge title is %q, want lines ending in an ellipsis", f.Name, title)
		}
		if lo := sharecard.Lay(typical, f); lo.Shortened {
			t.Errorf("%s: the typical card was shortened: %+v", f.Name, lo.Lines)
		}
	}
}

// TestNothingIsDrawnInTheMargins draws the cards and reads their pixels:
// outside the margins there is only the ground and the strip at the foot.
func TestNothingIsDrawnInTheMargins(t *testing.T) {
	ground := color.RGBA{0x0b, 0x55, 0x63, 0xff}
	strip := color.RGBA{0xa3, 0x42, 0x0b, 0xff}
	for _, f := range formats {
		for name, c := range cards() {
			b, err := sharecard.Draw(context.Background(), c, f)
			if err != nil {
				t.Fatal(err)
			}
			decoded, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			img := image.NewRGBA(decoded.Bounds())
			draw.Draw(img, img.Bounds(), decoded, image.Point{}, draw.Src)
			safe := f.Safe()
			stripTop := f.Height
			for y := f.Height - 1; y >= 0 && img.RGBAAt(0, y) == strip; y-- {
				stripTop = y
			}
			if stripTop == f.Height || stripTop < safe.Max.Y {
				t.Fatalf("%s %s: the strip starts at %d (the margin ends at %d)", f.Name, name, stripTop, safe.Max.Y)
			}
			bad := 0
			for y := range f.Height {
				for x := range f.Width {
					if image.Pt(x, y).In(safe) {
						continue
					}
					want := ground
					if y >= stripTop {
						want = strip
					}
					if got := img.RGBAAt(x, y); got != want {
						if bad++; bad <= 3 {
							t.Errorf("%s %s: pixel (%d, %d) in the margin is %v, want %v", f.Name, name, x, y, got, want)
						}
					}
				}
			}
		}
	}
}

func lines(lo sharecard.Layout, role sharecard.Role) []string {
	var out []string
	for _, l := range lo.Lines {
		if l.Role == role {
			out = append(out, l.Text)
		}
	}
	return out
}

func TestLongTitlesWrapOnWordsAndAreSetSmaller(t *testing.T) {
	for _, f := range formats {
		short := sharecard.Lay(sharecard.Card{Title: "Call to Action"}, f)
		long := sharecard.Lay(typical, f)
		longer := sharecard.Lay(sharecard.Card{Title: strings.Repeat(typical.Title+" ", 2), Theme: typical.Theme}, f)
		size := func(lo sharecard.Layout) float64 {
			for _, l := range lo.Lines {
				if l.Role == sharecard.RoleTitle {
					return l.Size
				}
			}
			t.Fatalf("%s: no title in %+v", f.Name, lo.Lines)
			return 0
		}
		if !(size(short) >= size(long) && size(long) > size(longer)) {
			t.Errorf("%s: title sizes %v, %v, %v: want smaller for longer titles", f.Name, size(short), size(long), size(longer))
		}
		// Every line break falls between words: the lines are the words.
		got := lines(long, sharecard.RoleTitle)
		if len(got) < 2 || strings.Join(got, " ") != typical.Title {
			t.Errorf("%s: title set as %q, want its words in order over lines", f.Name, got)
		}
	}
}

func TestWhatTheFontsCannotDrawIsLeftOut(t *testing.T) {
	lo := sharecard.Lay(sharecard.Card{Title: "Hello 🙂 world\x07", Theme: "año  \n niño"}, sharecard.Wide)
	if got := lines(lo, sharecard.RoleTitle); len(got) != 1 || got[0] != "Hello world" {
		t.Errorf("title %q, want [Hello world]", got)
	}
	if got := lines(lo, sharecard.RoleTheme); len(got) != 1 || got[0] != "año niño" {
		t.Errorf("theme %q, want [año niño]", got)
	}
}

func TestAltSaysWhatTheCardSaysAsSentences(t *testing.T) {
	c := sharecard.Card{Kicker: "SSWWeek 2018 · Day 1", Title: "Why invest?", Theme: "A week of ideas", Tag: "#SSWWeek"}
	if got, want := c.Alt(), "SSWWeek 2018 · Day 1. Why invest? A week of ideas."; got != want {
		t.Errorf("Alt() = %q, want %q", got, want)
	}
}

// checkSVG fails t unless b is a well-formed SVG image with a title and
// nothing fetched or run: no external reference, style sheet, script or
// embedded document.
func checkSVG(t *testing.T, what string, b []byte) (title string) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: not well-formed XML: %v\n%s", what, err, b)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 1 {
				if e.Name.Local != "svg" || e.Name.Space != "http://www.w3.org/2000/svg" {
					t.Errorf("%s: root %v, want svg in the SVG namespace", what, e.Name)
				}
				if attr(e, "role") != "img" || attr(e, "width") == "" || attr(e, "height") == "" || attr(e, "viewBox") == "" {
					t.Errorf("%s: root %v: want role=img, a width, height and viewBox", what, e.Attr)
				}
			}
			switch e.Name.Local {
			case "script", "style", "image", "foreignObject", "use", "a", "font-face":
				t.Errorf("%s: has a %s element", what, e.Name.Local)
			case "title":
				var s string
				if err := d.DecodeElement(&s, &e); err != nil {
					t.Fatal(err)
				}
				depth--
				title = s
			}
			for _, a := range e.Attr {
				if a.Name.Local == "href" || a.Name.Local == "style" || strings.HasPrefix(a.Name.Local, "on") ||
					strings.Contains(a.Value, "url(") && !strings.Contains(a.Value, "url(#") {
					t.Errorf("%s: attribute %s=%q refers outside or styles inline", what, a.Name.Local, a.Value)
				}
			}
		case xml.EndElement:
			depth--
		}
	}
	if title == "" {
		t.Errorf("%s: no <title>", what)
	}
	return title
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func TestSupporterBadgesAreSelfContainedImagesInEachLanguage(t *testing.T) {
	titles := map[string]bool{}
	for _, l := range i18n.Langs {
		svg := sharecard.SupporterSVG(l)
		title := checkSVG(t, "supporter badge "+string(l), svg)
		if title != l.T("cards.supporter.title") {
			t.Errorf("%s: title %q", l, title)
		}
		titles[title] = true
		b, err := sharecard.SupporterPNG(l)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(b))
		if err != nil || cfg.Width != 2*sharecard.SupporterWidth || cfg.Height != 2*sharecard.SupporterHeight {
			t.Errorf("%s: PNG %+v, %v: want %dx%d", l, cfg, err, 2*sharecard.SupporterWidth, 2*sharecard.SupporterHeight)
		}
		if again, _ := sharecard.SupporterPNG(l); !bytes.Equal(again, b) {
			t.Errorf("%s: the PNG badge changed between two calls", l)
		}
	}
	if len(titles) != len(i18n.Langs) {
		t.Errorf("titles %v: want one per language", titles)
	}
}

func TestCountBadgeSaysTheCountInEachLanguage(t *testing.T) {
	for _, tc := range []struct {
		l    i18n.Lang
		n    int
		want string
	}{
		{i18n.EN, 0, "0 organisations support the Call to Action"},
		{i18n.EN, 1, "1 organisation supports the Call to Action"},
		{i18n.EN, 12345, "12345 organisations support the Call to Action"},
		{i18n.ES, 1, "1 organización apoya el Llamado a la acción"},
		{i18n.ES, 37, "37 organizaciones apoyan el Llamado a la acción"},
	} {
		b := sharecard.Count(tc.l, tc.n)
		if got := checkSVG(t, "count badge", b); got != tc.want {
			t.Errorf("Count(%s, %d) title %q, want %q", tc.l, tc.n, got, tc.want)
		}
	}
}

func BenchmarkDrawWideCard(b *testing.B) {
	for b.Loop() {
		if _, err := sharecard.Draw(context.Background(), typical, sharecard.Wide); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDrawSquareCard(b *testing.B) {
	for b.Loop() {
		if _, err := sharecard.Draw(context.Background(), typical, sharecard.Square); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLayHugeCard(b *testing.B) {
	c := huge()
	for b.Loop() {
		sharecard.Lay(c, sharecard.Wide)
	}
}
