package upload

import (
	"archive/zip"
	"bytes"
	"errors"
	"testing"
)

func zipOf(t *testing.T, names ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("x"))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSniff(t *testing.T) {
	pngBytes := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	for _, tc := range []struct {
		name string
		data []byte
		want string
		err  error
	}{
		{"report.pdf", []byte("%PDF-1.7\n..."), ".pdf", nil},
		{"report.pdf", []byte("<!DOCTYPE html><html><script>alert(1)</script>"), "", ErrUnsupported},
		{"logo.png", pngBytes, ".png", nil},
		{"logo.pdf", pngBytes, ".png", nil}, // the bytes decide, not the name
		{"photo.jpg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF"), ".jpg", nil},
		{"brief.docx", zipOf(t, "[Content_Types].xml", "word/document.xml"), ".docx", nil},
		{"sheet.xlsx", zipOf(t, "[Content_Types].xml", "xl/workbook.xml"), ".xlsx", nil},
		{"deck.pptx", zipOf(t, "[Content_Types].xml", "ppt/presentation.xml"), ".pptx", nil},
		{"archive.docx", zipOf(t, "evil.exe"), "", ErrUnsupported},
		{"old.xls", append(append([]byte{}, oleMagic...), 0, 0), ".xls", nil},
		{"image.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>`), "", ErrUnsupported},
		{"empty.pdf", nil, "", ErrEmpty},
		{"big.pdf", make([]byte, MaxSize+1), "", ErrTooLarge},
	} {
		k, err := Sniff(tc.name, tc.data)
		if !errors.Is(err, tc.err) || k.Ext != tc.want {
			t.Errorf("Sniff(%s) = %q, %v; want %q, %v", tc.name, k.Ext, err, tc.want, tc.err)
		}
	}
}

func TestFileName(t *testing.T) {
	for in, want := range map[string]string{
		"Call to Action (EN).PDF":   "Call-to-Action-EN.pdf",
		`C:\Users\x\report.pdf`:     "report.pdf",
		"../../etc/passwd":          "passwd.pdf",
		"....":                      "file.pdf",
		"informe-ñandú_2018.v2.pdf": "informe-and-_2018.v2.pdf",
	} {
		if got := FileName(in, pdf); got != want {
			t.Errorf("FileName(%q) = %q, want %q", in, got, want)
		}
	}
}
