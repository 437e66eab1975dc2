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

// Every image the page shows must be counted as a use, or the library
// lets staff delete an image a page still shows; and an image the page
// does not show must not be counted, or it cannot be deleted for nothing.
func TestMediaIDsAreExactlyTheImagesThePageShows(t *testing.T) {
	cases := []struct {
		src  string
		want []int64
	}{
		{"![a [b] c](media:5)", []int64{5}},                   // brackets in the alt text
		{`![](media:6 "a title")`, []int64{6}},                // a title
		{"![](<media:7>)", []int64{7}},                        // an angle-bracket destination
		{"![x][r]\n\n[r]: media:8\n", []int64{8}},             // a reference
		{"![](media:+9)", []int64{9}},                         // a sign ParseInt accepts
		{`![](media\:10)`, nil},                               // an escape
		{"![](media&#58;11)", nil},                            // an entity
		{"[![](media:12)](https://example.org)", []int64{12}}, // inside a link
		{"| a |\n|---|\n| ![](media:13) |\n", []int64{13}},    // inside a table
		{"`![](media:14)`", nil},                              // code: shown as text
		{"    ![](media:15)\n", nil},                          // an indented code block
		{"![](media:0)", nil},
		{"![](media:99999999999999999999)", nil},
		{`<span data-media="16"></span>`, nil}, // raw HTML is not rendered
	}
	for _, c := range cases {
		got := MediaIDs(c.src)
		if !slices.Equal(got, c.want) {
			t.Errorf("MediaIDs(%q) = %v, want %v", c.src, got, c.want)
		}
		// What the page shows: the placeholders of its HTML.
		var shown []int64
		Expand(HTML(c.src), func(id int64, _ bool) string { shown = append(shown, id); return "" })
		if !slices.Equal(shown, c.want) {
			t.Errorf("%q shows %v, want %v", c.src, shown, c.want)
		}
	}
}
