package seed

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// checkPDF checks the structure a PDF reader relies on: the header, the
// trailer, and an xref table whose every offset points at its object.
func checkPDF(t *testing.T, name string, pdf []byte) (pages int) {
	t.Helper()
	if !bytes.HasPrefix(pdf, []byte("%PDF-1.4\n")) {
		t.Errorf("%s: does not start with %%PDF-1.4", name)
	}
	if !bytes.HasSuffix(bytes.TrimRight(pdf, "\r\n"), []byte("%%EOF")) {
		t.Errorf("%s: does not end with %%%%EOF", name)
	}
	m := regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`).FindSubmatch(pdf)
	if m == nil {
		t.Fatalf("%s: no startxref", name)
	}
	xref, _ := strconv.Atoi(string(m[1]))
	if !bytes.HasPrefix(pdf[xref:], []byte("xref\n0 ")) {
		t.Fatalf("%s: startxref %d does not point at the xref table", name, xref)
	}
	var count int
	rest := pdf[xref+len("xref\n"):]
	if _, err := fmt.Sscanf(string(rest), "0 %d\n", &count); err != nil {
		t.Fatalf("%s: xref header: %v", name, err)
	}
	rest = rest[bytes.IndexByte(rest, '\n')+1:]
	if string(rest[:20]) != "0000000000 65535 f \n" {
		t.Errorf("%s: first xref entry %q", name, rest[:20])
	}
	for n := 1; n < count; n++ {
		entry := string(rest[20*n : 20*n+20]) // entries are exactly 20 bytes
		if !strings.HasSuffix(entry, " 00000 n \n") {
			t.Fatalf("%s: xref entry %d is %q", name, n, entry)
		}
		off, _ := strconv.Atoi(entry[:10])
		if want := fmt.Sprintf("%d 0 obj\n", n); !bytes.HasPrefix(pdf[off:], []byte(want)) {
			t.Errorf("%s: xref entry %d points at %q, want %q", name, n, pdf[off:off+12], want)
		}
	}
	if !bytes.Contains(pdf, []byte(fmt.Sprintf("trailer\n<< /Size %d /Root 1 0 R", count))) {
		t.Errorf("%s: trailer does not give /Size %d", name, count)
	}
	// Every stream's /Length is the length of its data.
	for _, s := range regexp.MustCompile(`(?s)<< /Length (\d+) >>\nstream\n(.*?)\nendstream`).FindAllSubmatch(pdf, -1) {
		if n, _ := strconv.Atoi(string(s[1])); n != len(s[2]) {
			t.Errorf("%s: stream /Length %d, data %d bytes", name, n, len(s[2]))
		}
	}
	return bytes.Count(pdf, []byte("/Type /Page /Parent"))
}

func TestPDFDocument(t *testing.T) {
	pdf := pdfDocument("A title with (brackets) and a back\\slash", "Global Social Service Workforce Alliance, 2018",
		"First paragraph.", "Segundo párrafo: niñas, niños y ¿familias? — «fin».")
	if pages := checkPDF(t, "short", pdf); pages != 1 {
		t.Errorf("short document has %d pages", pages)
	}
	for _, want := range []string{
		`(A title with \(brackets\) and a back\\slash) Tj`,
		`(Segundo p\341rrafo: ni\361as, ni\361os y \277familias? \227 \253fin\273.) Tj`,
		"/BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding",
	} {
		if !bytes.Contains(pdf, []byte(want)) {
			t.Errorf("PDF lacks %q", want)
		}
	}
	for i, c := range pdf[16:] { // after the binary marker line
		if c >= 0x80 {
			t.Fatalf("non-ASCII byte %#x at %d: text must be escaped", c, i+16)
		}
	}

	long := strings.Repeat("Social service workers protect children and support families. ", 30)
	pdf = pdfDocument("Long", "", long, long, long, long)
	if pages := checkPDF(t, "long", pdf); pages < 2 {
		t.Errorf("long document has %d pages, want it broken over several", pages)
	}
}

func TestWrap(t *testing.T) {
	lines := wrap("one two three four five six", 9)
	if got := strings.Join(lines, "|"); got != "one two|three|four five|six" {
		t.Errorf("wrap = %q", got)
	}
	for _, l := range wrap(strings.Repeat("ñandú ", 40), bodyColumn) {
		if n := len([]rune(l)); n > bodyColumn {
			t.Errorf("line of %d characters", n)
		}
	}
}

// TestSeedPDFs checks every demo document: valid, small, and saying what
// it is.
func TestSeedPDFs(t *testing.T) {
	n := 0
	for _, r := range demoResources() {
		for _, f := range r.files {
			n++
			pdf := f.pdf(r)
			checkPDF(t, f.name, pdf)
			if len(pdf) >= 10*1024 {
				t.Errorf("%s is %d bytes, want well under 10 KB", f.name, len(pdf))
			}
		}
	}
	if n < 14 {
		t.Errorf("%d demo files, want at least one per resource", n)
	}
}
