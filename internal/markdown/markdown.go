package markdown

import (
	"bytes"
	"regexp"
	"strings"
	"sync"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

var (
	renderer = withMediaImages(goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify)))
	policy   = newPolicy()
)

func newPolicy() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	// Links to other sites open as ordinary links but pass no referrer
	// authority and no window handle.
	p.RequireNoFollowOnFullyQualifiedLinks(false)
	p.AddTargetBlankToFullyQualifiedLinks(false)
	p.RequireNoReferrerOnFullyQualifiedLinks(false)
	// The placeholders of library images (see media.go).
	p.AllowAttrs("data-media").Matching(regexp.MustCompile(`^[0-9]{1,18}$`)).OnElements("span")
	return p
}

// cache keeps the HTML of every text rendered so far, so each body goes
// through goldmark and bluemonday once per process rather than once per
// request. Edited text has a new key; the old entry ages out when the cache
// fills (it is then emptied: simpler than LRU, and refilling is cheap).
var cache = struct {
	sync.RWMutex
	m     map[string]string
	bytes int
}{m: map[string]string{}}

// cacheBytes bounds the memory the cache may hold (keys plus values).
var cacheBytes = 32 << 20

// HTML renders src and sanitises the result. Its output is the only string
// the templates pass to templ.Raw.
func HTML(src string) string {
	if strings.TrimSpace(src) == "" {
		return ""
	}
	cache.RLock()
	out, ok := cache.m[src]
	cache.RUnlock()
	if ok {
		return out
	}
	out = render(src)
	cache.Lock()
	if cache.bytes+len(src)+len(out) > cacheBytes {
		cache.m, cache.bytes = map[string]string{}, 0
	}
	cache.m[src] = out
	cache.bytes += len(src) + len(out)
	cache.Unlock()
	return out
}

func render(src string) string {
	var buf bytes.Buffer
	if err := renderer.Convert([]byte(src), &buf); err != nil {
		// goldmark only fails on a failing writer; a bytes.Buffer does not.
		return ""
	}
	return policy.Sanitize(buf.String())
}
