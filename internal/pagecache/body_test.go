package pagecache

import (
	"bytes"
	"compress/gzip"
	"io"
	"os/exec"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

func decode(t *testing.T, enc int, b []byte) []byte {
	t.Helper()
	var r io.Reader
	switch enc {
	case identity:
		return b
	case gzipped:
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		zr.Multistream(false)
		r = zr
	case brotlied:
		r = brotli.NewReader(bytes.NewReader(b))
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("encoding %d: %v", enc, err)
	}
	return out
}

// Every encoding of a body decodes to the page with its markers replaced,
// whatever the sizes of head and tail (stored blocks and uncompressed
// meta-blocks have a 64 KiB limit each).
func TestBodiesDecodeToThePageWithItsPartsReplaced(t *testing.T) {
	const marker = "MARKER0123456789"
	big := strings.Repeat("<p>Social service workers protect children.</p>\n", 3000) // 150 KB
	noise := make([]byte, 70000)
	for i := range noise {
		noise[i] = byte('a' + (i*7919)%26)
	}
	cases := map[string]string{
		"no marker":         big,
		"marker at the end": big + `<input name="started" value="` + marker + `"></body></html>`,
		"marker first":      marker + big,
		"two markers":       "<html>" + marker + big + marker + "</html>",
		"empty head":        marker,
		"long tail":         "<html>" + marker + string(noise) + string(noise) + "</html>",
		"empty page":        "",
		"marker-like text":  big + "MARKER012345678" + marker,
	}
	for name, page := range cases {
		for _, part := range []string{"", "1764650000000.abcDEF_-", strings.Repeat("x", 200)} {
			b, err := newBody([]byte(page), marker)
			if err != nil {
				t.Fatal(err)
			}
			want := strings.ReplaceAll(page, marker, part)
			for enc := range encodings {
				got := decode(t, enc, b.appendTo(nil, enc, marker, part))
				if string(got) != want {
					t.Errorf("%s, part %q, encoding %d: decoded %d bytes, want %d", name, part, enc, len(got), len(want))
				}
			}
		}
	}
}

// The reference decoders agree: gzip(1) and brotli(1), as a browser's
// would, read the spliced streams to their end with no complaint.
func TestBodiesDecodeWithTheReferenceTools(t *testing.T) {
	const marker = "MARKER0123456789"
	page := strings.Repeat("<p>Child and youth care workers.</p>\n", 500) + `<input value="` + marker + `"></body>`
	b, err := newBody([]byte(page), marker)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.ReplaceAll(page, marker, "1764650000000.stamp")
	for enc, tool := range map[int][]string{gzipped: {"gzip", "-dc"}, brotlied: {"brotli", "-dc"}} {
		path, err := exec.LookPath(tool[0])
		if err != nil {
			t.Fatalf("%s is needed for this test (Debian package %s)", tool[0], tool[0])
		}
		cmd := exec.Command(path, tool[1:]...)
		cmd.Stdin = bytes.NewReader(b.appendTo(nil, enc, marker, "1764650000000.stamp"))
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil || stderr.Len() > 0 {
			t.Fatalf("%s: %v %s", tool[0], err, stderr.String())
		}
		if string(out) != want {
			t.Errorf("%s decoded %d bytes, want %d", tool[0], len(out), len(want))
		}
	}
}

// Nearly all of a page with its stamp at the end goes out compressed.
func TestTheHeadIsCompressed(t *testing.T) {
	const marker = "MARKER0123456789"
	page := strings.Repeat("<p>Community workers support families.</p>\n", 1000) + marker + "\"></body></html>"
	b, err := newBody([]byte(page), marker)
	if err != nil {
		t.Fatal(err)
	}
	for enc := gzipped; enc < encodings; enc++ {
		if n := len(b.appendTo(nil, enc, marker, "stamp")); n > len(page)/10 {
			t.Errorf("encoding %d: %d bytes for a page of %d", enc, n, len(page))
		}
	}
}
