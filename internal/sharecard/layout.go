package sharecard

import (
	"image"
	"math"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
)

// Card is what a share card says, in the language it is drawn for.
type Card struct {
	// Site is the site's name, at the top beside the campaign's mark.
	Site string
	// Kicker says what the card is about, above the title, set in
	// capitals: "SSWWeek 2018 · 5th edition".
	Kicker string
	// Title is the largest text: an edition's theme, a day's topic.
	Title string
	// Theme follows the title, smaller: the dates, the edition's theme.
	Theme string
	// Tag is at the foot on the left (a hashtag, a call to act); Host at
	// the foot on the right (the site's address).
	Tag, Host string
}

// Alt is the card's text alternative: what it says, in reading order,
// as sentences.
func (c Card) Alt() string {
	parts := make([]string, 0, 3)
	for _, s := range []string{c.Kicker, c.Title, c.Theme} {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if !strings.ContainsAny(s[len(s)-1:], ".?!") && !strings.HasSuffix(s, ellipsis) {
			s += "."
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

// Format is the size of a card and the measures of its type.
type Format struct {
	Name          string
	Width, Height int

	side, top, bottom int // the margins: text and mark stay inside them
	strip             int // the accent strip along the foot, below the margin
	mark              int // the mark's side
	gap               int // between the header, the middle and the footer

	siteSize, kickerSize, themeSize, footSize float64
	titleMax, titleMin, titleStep             float64
	titleLines, themeLines                    int
}

// The two cards: the link preview's (Open Graph's 1.91:1) and the square
// one for posts that show images square.
var (
	Wide = Format{Name: "wide", Width: 1200, Height: 630,
		side: 80, top: 56, bottom: 36, strip: 14, mark: 52, gap: 34,
		siteSize: 26, kickerSize: 26, themeSize: 30, footSize: 26,
		titleMax: 72, titleMin: 40, titleStep: 4, titleLines: 3, themeLines: 3}
	Square = Format{Name: "square", Width: 1080, Height: 1080,
		side: 88, top: 80, bottom: 56, strip: 18, mark: 64, gap: 48,
		siteSize: 30, kickerSize: 32, themeSize: 38, footSize: 30,
		titleMax: 96, titleMin: 52, titleStep: 4, titleLines: 6, themeLines: 5}
)

// Safe is the part of the card that text and the mark stay inside.
func (f Format) Safe() image.Rectangle {
	return image.Rect(f.side, f.top, f.Width-f.side, f.Height-f.strip-f.bottom)
}

// Role is the part of a card a line of text belongs to.
type Role string

// The roles, top to bottom.
const (
	RoleSite   Role = "site"
	RoleKicker Role = "kicker"
	RoleTitle  Role = "title"
	RoleTheme  Role = "theme"
	RoleTag    Role = "tag"
	RoleHost   Role = "host"
)

// Line is one line of a card's text, where it is drawn.
type Line struct {
	Role Role
	Text string
	Size float64
	// Dot is the origin of the line's baseline.
	Dot image.Point
	// Ink is the box the line's glyphs cover, measured.
	Ink image.Rectangle

	weight weight
}

// Layout is a card set in a format: every line of text and the mark.
type Layout struct {
	Format Format
	Mark   image.Rectangle
	Lines  []Line
	// Shortened reports whether some text ended in an ellipsis (the
	// title had more words than its lines could hold at the smallest
	// size, or the theme more than its lines).
	Shortened bool
}

// ellipsis ends text that was cut short.
const ellipsis = "…"

// Lay sets c in f. Every line's ink is inside f.Safe().
func Lay(c Card, f Format) Layout {
	fs := faces{}
	defer fs.close()
	return lay(c, f, fs)
}

func lay(c Card, f Format, fs faces) Layout {
	safe := f.Safe()
	width := safe.Dx()
	lo := Layout{Format: f}
	add := func(role Role, w weight, size float64, text string, dot image.Point) {
		b, _ := font.BoundString(fs.get(w, size), text)
		ink := image.Rect(dot.X+b.Min.X.Floor(), dot.Y+b.Min.Y.Floor(), dot.X+b.Max.X.Ceil(), dot.Y+b.Max.Y.Ceil())
		lo.Lines = append(lo.Lines, Line{Role: role, Text: text, Size: size, Dot: dot, Ink: ink, weight: w})
	}

	// The header: the mark, and the site's name centred beside it.
	lo.Mark = image.Rect(safe.Min.X, safe.Min.Y, safe.Min.X+f.mark, safe.Min.Y+f.mark)
	siteFace := fs.get(regular, f.siteSize)
	left := lo.Mark.Max.X + f.mark/3
	if site, cut := fitLine(siteFace, settable(c.Site), safe.Max.X-left); site != "" {
		lo.Shortened = lo.Shortened || cut
		a, d := vertical(siteFace)
		add(RoleSite, regular, f.siteSize, site, image.Pt(left-leftOf(siteFace, site), lo.Mark.Min.Y+(f.mark-a-d)/2+a))
	}

	// The footer: the tag on the left, the host on the right, on one
	// baseline at the bottom margin; the host gives way to the tag.
	footFace := fs.get(regular, f.footSize)
	tagFace := fs.get(bold, f.footSize)
	fa, fd := vertical(footFace)
	base := safe.Max.Y - fd
	footTop := safe.Max.Y
	tag, cut := fitLine(tagFace, settable(c.Tag), width)
	lo.Shortened = lo.Shortened || cut
	tagWidth := 0
	if tag != "" {
		add(RoleTag, bold, f.footSize, tag, image.Pt(safe.Min.X-leftOf(tagFace, tag), base))
		tagWidth = extent(tagFace, tag) + f.gap
		footTop = base - fa
	}
	if host := settable(c.Host); host != "" && extent(footFace, host) <= width-tagWidth {
		add(RoleHost, regular, f.footSize, host, image.Pt(safe.Max.X-rightOf(footFace, host), base))
		footTop = base - fa
	}

	// The middle: the kicker, the title and the theme, as large as they
	// fit, centred between the header and the footer.
	top, bottom := lo.Mark.Max.Y+f.gap, footTop-f.gap
	m := setMiddle(c, f, fs, width, bottom-top)
	lo.Shortened = lo.Shortened || m.shortened
	y := top + (bottom-top-m.height)/2
	for i, b := range m.blocks {
		if i > 0 {
			y += b.before
		}
		face := fs.get(b.weight, b.size)
		a, d := vertical(face)
		for j, text := range b.lines {
			add(b.role, b.weight, b.size, text, image.Pt(safe.Min.X-leftOf(face, text), y+a+j*b.pitch))
		}
		y += (len(b.lines)-1)*b.pitch + a + d
	}
	return lo
}

// block is a run of lines of one role in the middle of the card.
type block struct {
	role   Role
	weight weight
	size   float64
	lines  []string
	pitch  int // from one baseline to the next
	before int // the space above it
}

// height is the block's height from its first line's ascent to its last
// line's descent.
func (b block) height(fs faces) int {
	if len(b.lines) == 0 {
		return 0
	}
	a, d := vertical(fs.get(b.weight, b.size))
	return (len(b.lines)-1)*b.pitch + a + d
}

type middle struct {
	blocks    []block
	height    int
	shortened bool
}

func (m *middle) add(b block, fs faces) {
	if len(b.lines) == 0 {
		return
	}
	if len(m.blocks) > 0 {
		m.height += b.before
	}
	m.blocks = append(m.blocks, b)
	m.height += b.height(fs)
}

// setMiddle sets the kicker, title and theme in width, at most avail
// high. The title takes the largest size at which it fits in its lines
// with the kicker and two lines of the theme; failing that the smallest,
// ending in an ellipsis. The theme then has the lines left, up to its
// most.
func setMiddle(c Card, f Format, fs faces, width, avail int) middle {
	var m middle
	kickerFace := fs.get(bold, f.kickerSize)
	kicker, cut := fitLine(kickerFace, strings.ToUpper(settable(c.Kicker)), width)
	m.shortened = cut
	m.add(block{role: RoleKicker, weight: bold, size: f.kickerSize, lines: nonEmpty(kicker)}, fs)

	themeFace := fs.get(regular, f.themeSize)
	themeText := settable(c.Theme)
	themeLines := wrap(themeFace, themeText, width, f.themeLines+1)
	theme := block{role: RoleTheme, weight: regular, size: f.themeSize, pitch: pitch(f.themeSize, 1.25),
		before: int(math.Round(f.themeSize * 0.8))}
	themeHeight := func(n int) int {
		if n = min(n, len(themeLines)); n == 0 {
			return 0
		}
		return theme.before + block{weight: regular, size: f.themeSize, pitch: theme.pitch, lines: themeLines[:n]}.height(fs)
	}

	titleText := settable(c.Title)
	var title block
	for size := f.titleMax; size >= f.titleMin; size -= f.titleStep {
		title = block{role: RoleTitle, weight: bold, size: size, pitch: pitch(size, 1.12), before: int(math.Round(size * 0.3))}
		title.lines = wrap(fs.get(bold, size), titleText, width, f.titleLines+1)
		if len(title.lines) <= f.titleLines && m.height+title.before+title.height(fs)+themeHeight(2) <= avail {
			break
		}
		title.lines = nil
	}
	if title.lines == nil && titleText != "" {
		// The smallest size, in as many lines as fit.
		size := f.titleMin
		title = block{role: RoleTitle, weight: bold, size: size, pitch: pitch(size, 1.12), before: int(math.Round(size * 0.3))}
		face := fs.get(bold, size)
		lines := wrap(face, titleText, width, f.titleLines+1)
		n := f.titleLines
		for ; n > 1; n-- {
			title.lines = lines[:min(n, len(lines))]
			if m.height+title.before+title.height(fs)+themeHeight(1) <= avail {
				break
			}
		}
		title.lines, cut = truncate(face, lines, n, width)
		m.shortened = m.shortened || cut
	}
	m.add(title, fs)

	// The theme takes the lines left.
	n := min(f.themeLines, len(themeLines))
	for n > 0 && m.height+themeHeight(n) > avail {
		n--
	}
	theme.lines, cut = truncate(themeFace, themeLines, n, width)
	m.shortened = m.shortened || cut || (n == 0 && themeText != "")
	m.add(theme, fs)
	return m
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// pitch is the distance between baselines of text of size set with
// leading (a multiple of the size).
func pitch(size, leading float64) int { return int(math.Round(size * leading)) }

// vertical is how far a face's glyphs rise above the baseline and fall
// below it, in whole pixels: the font's ascent covers its accented
// capitals (Á, Ñ) and its descent its descenders.
func vertical(f font.Face) (ascent, descent int) {
	m := f.Metrics()
	return m.Ascent.Ceil(), m.Descent.Ceil()
}

// bounds are the horizontal extremes of s set in f from the dot: the
// leftmost of the dot and its ink, the rightmost of its advance and its
// ink.
func bounds(f font.Face, s string) (lo, hi fixed.Int26_6) {
	b, adv := font.BoundString(f, s)
	return min(0, b.Min.X), max(adv, b.Max.X)
}

// extent is how wide s is set in f, ink and advance, in whole pixels.
func extent(f font.Face, s string) int {
	lo, hi := bounds(f, s)
	return hi.Ceil() - lo.Floor()
}

// leftOf is where s's ink starts relative to the dot, 0 or less (a glyph
// may reach left of it), so that a line starting at x has its dot at
// x - leftOf.
func leftOf(f font.Face, s string) int {
	lo, _ := bounds(f, s)
	return lo.Floor()
}

// rightOf is how far right of the dot s reaches, so that a line ending
// at x has its dot at x - rightOf.
func rightOf(f font.Face, s string) int {
	_, hi := bounds(f, s)
	return hi.Ceil()
}

// wrap breaks s into at most limit lines no wider than width, on spaces
// (the rest is left out); a word wider than a line by itself is broken
// where it must be. A caller that keeps n lines asks for n+1, to know
// whether there was more.
func wrap(f font.Face, s string, width, limit int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		if len(lines) >= limit {
			return lines[:limit]
		}
		if line != "" {
			if extent(f, line+" "+word) <= width {
				line += " " + word
				continue
			}
			lines = append(lines, line)
			line = ""
		}
		for extent(f, word) > width {
			head := fitRunes(f, word, width)
			lines = append(lines, head)
			word = word[len(head):]
		}
		line = word
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines[:min(len(lines), limit)]
}

// fitRunes is the longest start of s no wider than width, at least its
// first character.
func fitRunes(f font.Face, s string, width int) string {
	end := 0
	for i, r := range s {
		next := i + len(string(r))
		if end > 0 && extent(f, s[:next]) > width {
			break
		}
		end = next
	}
	return s[:end]
}

// truncate keeps the first n of lines; when some are left out the last
// kept ends in an ellipsis, words dropped until it fits in width.
func truncate(f font.Face, lines []string, n, width int) ([]string, bool) {
	if len(lines) <= n {
		return lines, false
	}
	if n <= 0 {
		return nil, true
	}
	kept := append([]string(nil), lines[:n]...)
	kept[n-1] = shorten(f, kept[n-1], width)
	return kept, true
}

// fitLine is s on one line of width, shortened with an ellipsis when it
// is wider; and whether it was.
func fitLine(f font.Face, s string, width int) (string, bool) {
	lines := wrap(f, s, width, 2)
	if len(lines) <= 1 {
		return s, false
	}
	// Shortened from the line that fits, not from all of s: each step
	// measures what is left.
	return shorten(f, lines[0], width), true
}

// shorten ends s in an ellipsis, dropping words (or, for one long word,
// characters) until it fits in width.
func shorten(f font.Face, s string, width int) string {
	for {
		s = strings.TrimRight(s, " ,;:.-–—·")
		if extent(f, s+ellipsis) <= width {
			return s + ellipsis
		}
		if i := strings.LastIndexByte(s, ' '); i > 0 {
			s = s[:i]
			continue
		}
		// One word: drop its last character.
		r := []rune(s)
		if len(r) <= 1 {
			return ellipsis
		}
		s = string(r[:len(r)-1])
	}
}
