package main

import (
	"strings"
	"testing"
)

// footer is the footer sign-up form as the site writes it, with a stamp.
func footer(stamp string) string {
	return `<footer><form method="post" action="/sswweek/subscribe"><input type="hidden" name="started" value="` + stamp +
		`"><input type="email" name="email" value=""><button>Sign up</button></form></footer>`
}

func TestMaskingLeavesOnlyTheStampAndNonceToDiffer(t *testing.T) {
	a := "<main>Same page</main>" + footer("1733112000123.c2lnbmVk")
	b := "<main>Same page</main>" + footer("1733112000456.b3RoZXI")
	if a == b || string(maskPerResponse([]byte(a))) != string(maskPerResponse([]byte(b))) {
		t.Errorf("pages differing only by their stamp:\n%s\n%s", maskPerResponse([]byte(a)), maskPerResponse([]byte(b)))
	}
	// Anything else still counts.
	c := "<main>Other page</main>" + footer("1733112000123.c2lnbmVk")
	if string(maskPerResponse([]byte(a))) == string(maskPerResponse([]byte(c))) {
		t.Error("masking hid a difference outside the stamp")
	}

	for name, tt := range map[string]struct{ in, want string }{
		"value before name": {`<input value="123.x" type="hidden" name="started">`, `<input value="(stamp)" type="hidden" name="started">`},
		"single quotes":     {`<INPUT type=hidden name='started' value='9.y'/>`, `<INPUT type=hidden name='started' value="(stamp)"/>`},
		"unquoted":          {`<input name=started value=9.y>`, `<input name=started value="(stamp)">`},
		"another field":     {`<input type="hidden" name="startedAt" value="9">`, `<input type="hidden" name="startedAt" value="9">`},
		"typed value":       {`<input type="email" name="email" value="a@b.c">`, `<input type="email" name="email" value="a@b.c">`},
		"nonce":             {`<style nonce="r4nd0m">p{}</style>`, `<style nonce="(nonce)">p{}</style>`},
	} {
		if got := string(maskPerResponse([]byte(tt.in))); got != tt.want {
			t.Errorf("%s: %s, want %s", name, got, tt.want)
		}
	}
}

func TestSameBytesComparesDecodedMaskedBodiesAndTheirHeaders(t *testing.T) {
	page := func(stamp string) []byte { return []byte("<!doctype html><p>Hello</p>" + footer(stamp)) }
	html := "text/html; charset=utf-8"
	site := fetched{Status: 200, ContentType: html, ContentEncoding: "gzip", Body: gzipped(t, page("1.a"))}

	if d := sameBytes(site, fetched{Status: 200, ContentType: html, ContentEncoding: "gzip", Body: gzipped(t, page("2.b"))}); d != "" {
		t.Errorf("only the stamp differs, yet: %s", d)
	}
	for name, tt := range map[string]struct {
		nginx fetched
		want  string
	}{
		"not compressed": {fetched{Status: 200, ContentType: html, Body: page("1.a")}, "Content-Encoding"},
		"another type":   {fetched{Status: 200, ContentType: "text/html", ContentEncoding: "gzip", Body: gzipped(t, page("1.a"))}, "Content-Type"},
		"another body": {fetched{Status: 200, ContentType: html, ContentEncoding: "gzip", Body: gzipped(t, []byte("<!doctype html><p>Hullo</p>"))},
			"nginx 27) from byte 19"},
		"an error":   {fetched{Status: 403, ContentType: html, ContentEncoding: "gzip", Body: gzipped(t, page("1.a"))}, "status 200, nginx 403"},
		"broken gz":  {fetched{Status: 200, ContentType: html, ContentEncoding: "gzip", Body: []byte("not gzip")}, "nginx body"},
		"brotli too": {fetched{Status: 200, ContentType: html, ContentEncoding: "br", Body: []byte("x")}, `Content-Encoding "gzip", nginx "br"`},
	} {
		if d := sameBytes(site, tt.nginx); !strings.Contains(d, tt.want) {
			t.Errorf("%s: %q, want it to say %q", name, d, tt.want)
		}
	}
}
