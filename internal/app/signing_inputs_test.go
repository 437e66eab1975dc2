package app

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
)

// hugePNGHeader is a PNG whose header claims w x h pixels, with almost no
// data: decoding it would need w*h*4 bytes of memory.
func hugePNGHeader(w, h uint32) []byte { return pngHeaderOfDepth(w, h, 8) }

// pngHeaderOfDepth is hugePNGHeader with depth bits per channel.
func pngHeaderOfDepth(w, h uint32, depth byte) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = depth, 6 // RGBA
	chunk("IHDR", ihdr)
	chunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})
	chunk("IEND", nil)
	return b.Bytes()
}

// TestSignEachBadInputGetsItsMessage sends the sign form with each kind of
// bad input: each gets its own message beside its field, the other fields
// are kept, and nothing is saved.
func TestSignEachBadInputGetsItsMessage(t *testing.T) {
	s := newSignSite(t)
	stamp := s.stamp(t)
	good := testPNG(t, 300, 150)
	big := make([]byte, 6<<20)
	copy(big, good)
	for _, tc := range []struct {
		name     string
		field    string // the field given value
		value    string
		logoName string
		logo     []byte
		problem  string // the field with the message
		message  string // part of it
	}{
		{"missing name", "name", "", "logo.png", good, "name", "Enter your organisation's name"},
		{"bad email", "contact_email", "someone@", "logo.png", good, "contact_email", "Enter an email address in the right form"},
		{"bad website", "website", "http://", "logo.png", good, "website", "Enter the website as an address"},
		{"no logo", "", "", "", nil, "logo", "Choose your organisation's logo"},
		{"svg", "", "", "logo.svg", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), "logo", "export the logo as a PNG"},
		{"text named .png", "", "", "logo.png", []byte("this is not an image, just words"), "logo", "not a PNG, JPEG, WebP or GIF"},
		{"truncated png", "", "", "logo.png", good[:len(good)/2], "logo", "could not be read"},
		{"6 MB file", "", "", "logo.png", big, "logo", "larger than 5 MB"},
		{"30000x30000 png", "", "", "logo.png", hugePNGHeader(30000, 30000), "logo", "over 25 megapixels"},
		// A few hundred bytes that would decode to 200 MB.
		{"5000x5000 16-bit png", "", "", "logo.png", pngHeaderOfDepth(5000, 5000, 16), "logo", "too much memory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fields := signFields(stamp)
			if tc.field != "" {
				fields.Set(tc.field, tc.value)
			}
			start := time.Now()
			res := s.post(t, "/call-to-action/sign", "198.51.100.7", fields, tc.logoName, tc.logo)
			took := time.Since(start)
			if res.StatusCode != http.StatusBadRequest {
				t.Fatalf("status %s, want 400", res.Status)
			}
			doc := parse(t, res)
			got := doc.Find("#sign-" + tc.problem + "-error").Text()
			if !strings.Contains(got, tc.message) {
				t.Errorf("message beside %s: %q, want it to say %q", tc.problem, got, tc.message)
			}
			if n := doc.Find(`[data-testid=field-error]`).Length(); n != 1 {
				t.Errorf("%d messages, want only the one", n)
			}
			for id, want := range map[string]string{"#sign-role": fields.Get("role"), "#sign-contact_name": fields.Get("contact_name")} {
				if v := doc.Find(id).AttrOr("value", ""); v != want {
					t.Errorf("%s not kept: %q", id, v)
				}
			}
			if tc.field != "name" && doc.Find("#sign-name").AttrOr("value", "") != fields.Get("name") {
				t.Error("the name was not kept")
			}
			if (strings.HasPrefix(tc.name, "5000") || strings.HasPrefix(tc.name, "30000")) && took > 100*time.Millisecond {
				t.Errorf("the huge image took %s to refuse: was it decoded?", took)
			}
			if n := s.count(t, "true"); n != 0 {
				t.Fatalf("%d signatories saved", n)
			}
		})
	}
}

func TestLogPathHidesLinkSecrets(t *testing.T) {
	for in, want := range map[string]string{
		"/call-to-action/confirm/abc_DEF-123":   "/call-to-action/confirm/[secret]",
		"/es/call-to-action/sign/change/tok":    "/es/call-to-action/sign/change/[secret]",
		"/call-to-action/withdraw/42/sigsigsig": "/call-to-action/withdraw/42/[secret]",
		"/call-to-action/sign":                  "/call-to-action/sign",
		"/call-to-action/sign/check-email":      "/call-to-action/sign/check-email",
	} {
		if got := web.LogPath(in); got != want {
			t.Errorf("web.LogPath(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestOnlyApprovedLogosArePublic: the site hosts no image nobody
// approved; a form shows its own logo at a signed, uncached address.
func TestOnlyApprovedLogosArePublic(t *testing.T) {
	s := newSignSite(t)
	ctx := context.Background()
	pending := s.addSignatory(t, "Pending Org", "https://pending.example", "KE", "ngo", true, store.StatusAwaitingReview)
	approved := s.addSignatory(t, "Approved Org", "https://approved.example", "KE", "ngo", true, store.StatusApproved)
	shaOf := func(id int64) string {
		sig, err := s.app.store.Signatory(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return sig.LogoSHA
	}
	if res := s.get(t, "/logos/"+shaOf(pending)+".png"); res.StatusCode != http.StatusNotFound {
		t.Errorf("a logo awaiting review is public: %s", res.Status)
	}
	res := s.get(t, "/logos/"+shaOf(approved)+".png")
	if res.StatusCode != http.StatusOK || res.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" || res.Header.Get("Content-Type") != "image/png" {
		t.Errorf("approved logo: %s, %q", res.Status, res.Header.Get("Cache-Control"))
	}
	preview := s.app.public.LogoPreview(ctx, shaOf(pending))
	if res := s.get(t, preview); res.StatusCode != http.StatusOK || res.Header.Get("Cache-Control") != "private, no-store" {
		t.Errorf("signed preview: %s, %q", res.Status, res.Header.Get("Cache-Control"))
	}
	if res := s.get(t, strings.Replace(preview, "?k=", "?k=x", 1)); res.StatusCode != http.StatusNotFound {
		t.Errorf("a preview with a forged signature: %s", res.Status)
	}
	if res := s.get(t, "/admin/logos/"+shaOf(pending)+".png"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the staff copy without signing in: %s", res.Status)
	}
}

// TestSignFarTooLargeUploadKeepsTheFields: a file so large the body is cut
// off still gets the file's message, with what was typed before it kept.
func TestSignFarTooLargeUploadKeepsTheFields(t *testing.T) {
	s := newSignSite(t)
	fields := signFields(s.stamp(t))
	res := s.post(t, "/call-to-action/sign", "198.51.100.9", fields, "photo.png", make([]byte, 30<<20))
	if res.StatusCode != http.StatusBadRequest {
		t.Fatalf("status %s, want 400", res.Status)
	}
	doc := parse(t, res)
	if got := doc.Find("#sign-logo-error").Text(); !strings.Contains(got, "larger than 5 MB") {
		t.Errorf("logo message %q", got)
	}
	for _, f := range []string{"name", "website", "contact_name", "contact_email", "role"} {
		// The website comes back completed (https:// added); the rest as typed.
		if got := doc.Find("#sign-"+f).AttrOr("value", ""); !strings.HasSuffix(got, fields.Get(f)) || got == "" {
			t.Errorf("%s not kept: %q", f, got)
		}
	}
	if n := s.count(t, "true"); n != 0 {
		t.Fatalf("%d signatories saved", n)
	}
}
