package seed

import (
	"bytes"
	"fmt"
	"strings"
)

// A minimal PDF 1.4 writer for the demo documents: A4 pages of Helvetica
// text (a bold title, then paragraphs), with the two standard fonts in
// WinAnsiEncoding so Spanish and French accents print. No compression, no
// images: each document is a few kilobytes and readable in a text editor.

const (
	pageWidth   = 595 // A4 in points
	pageHeight  = 842
	margin      = 64
	titleSize   = 18
	titleLead   = 23
	bodySize    = 11
	bodyLead    = 15
	titleColumn = 44 // characters per title line at 18 pt bold
	bodyColumn  = 84 // characters per body line at 11 pt
)

type pdfLine struct {
	font string // F1 regular, F2 bold
	size int
	lead int
	text string
}

// pdfDocument returns a PDF of title (with subtitle under it, if any) and
// paragraphs, broken into lines and pages.
func pdfDocument(title, subtitle string, paragraphs ...string) []byte {
	var lines []pdfLine
	for _, l := range wrap(title, titleColumn) {
		lines = append(lines, pdfLine{"F2", titleSize, titleLead, l})
	}
	if subtitle != "" {
		for _, l := range wrap(subtitle, bodyColumn) {
			lines = append(lines, pdfLine{"F2", bodySize, bodyLead, l})
		}
	}
	for _, p := range paragraphs {
		lines = append(lines, pdfLine{"F1", bodySize, bodyLead, ""})
		for _, l := range wrap(p, bodyColumn) {
			lines = append(lines, pdfLine{"F1", bodySize, bodyLead, l})
		}
	}

	// Lay the lines out top to bottom, starting a page when one is full.
	var pages [][]byte
	var content bytes.Buffer
	y := pageHeight - margin
	flush := func() {
		pages = append(pages, append([]byte(nil), content.Bytes()...))
		content.Reset()
		y = pageHeight - margin
	}
	for _, l := range lines {
		if y-l.lead < margin {
			flush()
		}
		y -= l.lead
		if l.text == "" {
			continue
		}
		fmt.Fprintf(&content, "BT /%s %d Tf %d %d Td (%s) Tj ET\n", l.font, l.size, margin, y, pdfString(l.text))
	}
	flush()

	// Objects: 1 catalog, 2 page tree, 3 and 4 fonts, 5 info, then a page
	// and its content stream for each page.
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"", // the page tree, written once the pages are numbered
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
		"<< /Title (" + pdfString(title) + ") /Producer (Social Service Workforce Advocacy) >>",
	}
	var kids []string
	for i, content := range pages {
		pageNum, contentNum := 6+2*i, 7+2*i
		kids = append(kids, fmt.Sprintf("%d 0 R", pageNum))
		objects = append(objects,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>",
				pageWidth, pageHeight, contentNum),
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		)
	}
	objects[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages))

	var out bytes.Buffer
	// The second line's high bytes tell tools the file is binary.
	out.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objects))
	for i, obj := range objects {
		offsets[i] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", i+1, obj)
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&out, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return out.Bytes()
}

// wrap breaks text into lines of at most width characters, at spaces.
func wrap(text string, width int) []string {
	var lines []string
	var line []rune
	for _, word := range strings.Fields(text) {
		w := []rune(word)
		if len(line) > 0 && len(line)+1+len(w) > width {
			lines = append(lines, string(line))
			line = line[:0]
		}
		if len(line) > 0 {
			line = append(line, ' ')
		}
		line = append(line, w...)
	}
	if len(line) > 0 {
		lines = append(lines, string(line))
	}
	return lines
}

// winAnsi maps the typographic characters outside Latin-1 that the demo
// texts use to their WinAnsiEncoding codes.
var winAnsi = map[rune]byte{
	'‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '…': 0x85, '€': 0x80,
}

// pdfString encodes s for a PDF literal string in WinAnsiEncoding: the
// delimiters ( ) and \ are escaped, and every byte outside printable ASCII
// is written as an octal escape, so the file itself stays ASCII.
func pdfString(s string) string {
	var b strings.Builder
	for _, r := range s {
		var c byte
		switch {
		case r == '(' || r == ')' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
			continue
		case r >= 0x20 && r < 0x7f:
			b.WriteRune(r)
			continue
		case r >= 0xa1 && r <= 0xff:
			c = byte(r)
		case winAnsi[r] != 0:
			c = winAnsi[r]
		case r == 0xa0 || r == '\t' || r == '\n':
			b.WriteByte(' ')
			continue
		default:
			c = '?'
		}
		fmt.Fprintf(&b, "\\%03o", c)
	}
	return b.String()
}
