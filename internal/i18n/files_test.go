package i18n

import "testing"

func TestFileSizesReadAsPeopleWriteThem(t *testing.T) {
	for _, c := range []struct {
		lang Lang
		n    int64
		want string
	}{
		{EN, 512, "512 bytes"},
		{EN, 2048, "2 KB"},
		{EN, 2765, "2.7 KB"},
		{ES, 2765, "2,7 KB"},
		{EN, 49152, "48 KB"},
		{EN, 1258291, "1.2 MB"},
		{EN, 3 << 30, "3 GB"},
	} {
		if got := c.lang.FileSize(c.n); got != c.want {
			t.Errorf("FileSize(%s, %d) = %q, want %q", c.lang, c.n, got, c.want)
		}
	}
	if got := FileFormat("application/pdf"); got != "PDF" {
		t.Errorf("format %q", got)
	}
}
