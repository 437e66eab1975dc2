package content_test

import (
	"context"
	"strings"
	"testing"

	"github.com/sswalliance/advocacy/internal/content"
)

// An image code that names no image at all (mistyped, or a number too
// large) was dropped from the page without a word: it gets the same
// message beside the text as a code of an image no longer in the library.
func TestAMistypedImageCodeInATextIsSaidBesideTheField(t *testing.T) {
	pool := seeded(t)
	ctx := context.Background()
	for _, body := range []string{
		"![](media:99999999999999999999)",
		"![](media:abc)",
		"![](media:0)",
		"![](media:-3)",
		"Before ![](media:) after",
	} {
		d := content.Doc{"path": "/about/codes", "title.en": "Codes", "body.en": body}
		problems, err := content.Validate(ctx, pool, content.CustomPageKind, "", d)
		if err != nil {
			t.Fatal(err)
		}
		if msg := problems["body.en"]; !strings.Contains(msg, "media library") {
			t.Errorf("body %q: the message beside the text is %q", body, msg)
		}
	}
	d := content.Doc{"path": "/about/codes", "title.en": "Codes", "body.en": "A `![](media:abc)` in code shows no image, and is fine."}
	if problems, err := content.Validate(ctx, pool, content.CustomPageKind, "", d); err != nil || problems["body.en"] != "" {
		t.Errorf("an image code inside code: %v %v", problems, err)
	}
}
