package markdown

import (
	"fmt"
	"slices"
	"testing"
)

func TestLibraryImagesBecomeFiguresOrInlinePictures(t *testing.T) {
	src := "Before.\n\n![ignored alt](media:7)\n\nText with ![x](media:8) inline, ![](media:99) gone, ![web](https://example.org/a.png) and ![](media:7).\n"
	if got := MediaIDs(src); !slices.Equal(got, []int64{7, 8, 99}) {
		t.Errorf("MediaIDs = %v", got)
	}
	out := Expand(HTML(src), func(id int64, figure bool) string {
		if id == 99 {
			return ""
		}
		if figure {
			return fmt.Sprintf("<figure>%d</figure>", id)
		}
		return fmt.Sprintf("<picture>%d</picture>", id)
	})
	want := "<p>Before.</p>\n<figure>7</figure>\n<p>Text with <picture>8</picture> inline,  gone, <img src=\"https://example.org/a.png\" alt=\"web\"> and <picture>7</picture>.</p>\n"
	if out != want {
		t.Errorf("got\n%q\nwant\n%q", out, want)
	}
	// Raw HTML cannot forge a placeholder with anything but a number.
	if got := HTML(`<span data-media="1 onload=x">a</span>`); HasMedia(got) {
		t.Errorf("forged placeholder kept: %q", got)
	}
}
