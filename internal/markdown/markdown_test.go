package markdown

import (
	"strings"
	"testing"
)

func TestHTML(t *testing.T) {
	tests := []struct {
		name, in     string
		want, reject []string
	}{
		{"list and emphasis", "- one **bold**\n- two", []string{"<ul>", "<li>one <strong>bold</strong></li>"}, nil},
		{"link", "[UNICEF](https://www.unicef.org/)", []string{`<a href="https://www.unicef.org/"`}, nil},
		{"raw script dropped", "hi <script>alert(1)</script>", []string{"hi"}, []string{"<script", "alert(1)</script>"}},
		{"event handler dropped", `<img src=x onerror="alert(1)">`, nil, []string{"onerror"}},
		{"javascript link dropped", "[x](javascript:alert(1))", nil, []string{"javascript:"}},
		{"empty", "  \n", nil, []string{"<p>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := HTML(tt.in)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("HTML(%q) = %q, want it to contain %q", tt.in, got, w)
				}
			}
			for _, r := range tt.reject {
				if strings.Contains(got, r) {
					t.Errorf("HTML(%q) = %q, must not contain %q", tt.in, got, r)
				}
			}
		})
	}
}

func BenchmarkRender(b *testing.B) {
	src := strings.Repeat("- A point about **the workforce**, with [a source](https://example.org/report).\n", 10)
	for b.Loop() {
		render(src)
	}
}

func BenchmarkHTMLCached(b *testing.B) {
	src := strings.Repeat("- A point about **the workforce**, with [a source](https://example.org/report).\n", 10)
	HTML(src)
	for b.Loop() {
		HTML(src)
	}
}

func TestCacheIsBounded(t *testing.T) {
	defer func(n int) { cacheBytes = n }(cacheBytes)
	cacheBytes = 4096
	for i := range 100 {
		HTML(strings.Repeat("word ", 40) + strings.Repeat("x", i))
	}
	cache.RLock()
	n := cache.bytes
	cache.RUnlock()
	if n > cacheBytes {
		t.Fatalf("cache holds %d bytes, limit %d", n, cacheBytes)
	}
	if got, want := HTML("*a*"), "<p><em>a</em></p>\n"; got != want {
		t.Fatalf("HTML = %q, want %q", got, want)
	}
}
