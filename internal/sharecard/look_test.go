package sharecard

import (
	"os"
	"testing"

	"github.com/sswalliance/advocacy/internal/i18n"
)

func TestLook(t *testing.T) {
	for _, l := range i18n.Langs {
		os.WriteFile("/tmp/fx/supporter-"+string(l)+".svg", SupporterSVG(l), 0o644)
		b, err := SupporterPNG(l)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile("/tmp/fx/supporter-"+string(l)+".png", b, 0o644)
		os.WriteFile("/tmp/fx/count-"+string(l)+".svg", Count(l, 1234), 0o644)
	}
}
