package share

import (
	"net/url"
	"strings"
	"testing"
)

func TestXCountsEveryLinkAsTwentyThreeAndAddsThePageLinkToAMessageWithoutOne(t *testing.T) {
	cases := []struct {
		msg  string
		want int
	}{
		{"Hola", 4 + 24},
		{"Año", 3 + 24}, // characters, not bytes
		{"Read https://example.org/a/very/long/path/that/goes/on/and/on", 5 + 23},
		{"Two links www.example.org and http://example.com/x", len("Two links  and ") + 46},
	}
	for _, c := range cases {
		if got := XLength(c.msg); got != c.want {
			t.Errorf("XLength(%q) = %d, want %d", c.msg, got, c.want)
		}
	}
	long := strings.Repeat("a", XLimit-24)
	if XLength(long) != XLimit || XLength(long+"a") != XLimit+1 {
		t.Errorf("the limit's edge: %d and %d", XLength(long), XLength(long+"a"))
	}
}

func TestAShareLinkCarriesThePostAndThePageEscaped(t *testing.T) {
	nets := Networks("Social workers & #SSWWeek?", "https://site.example/sswweek/2018", "SSWWeek 2018")
	if len(nets) != 5 {
		t.Fatalf("%d networks", len(nets))
	}
	x, err := url.Parse(nets[0].URL)
	if err != nil {
		t.Fatal(err)
	}
	if got := x.Query().Get("text"); got != "Social workers & #SSWWeek? https://site.example/sswweek/2018" {
		t.Errorf("X text = %q", got)
	}
	mail, err := url.Parse(nets[4].URL)
	if err != nil || mail.Scheme != "mailto" {
		t.Fatalf("email link %q: %v", nets[4].URL, err)
	}
	q, err := url.ParseQuery(mail.RawQuery)
	if err != nil || q.Get("subject") != "SSWWeek 2018" || !strings.HasPrefix(q.Get("body"), "Social workers & #SSWWeek? https://") {
		t.Errorf("email query %q: %v", mail.RawQuery, err)
	}
	for _, n := range nets {
		if strings.ContainsAny(n.URL, " <>\"") {
			t.Errorf("%s link is not escaped: %q", n.Name, n.URL)
		}
	}
}

func TestMessagesAreTheFieldsNonBlankLines(t *testing.T) {
	got := Messages("  one \n\n\r\ntwo\r\n ")
	if len(got) != 2 || got[0] != "one" || got[1] != "two" {
		t.Errorf("Messages = %q", got)
	}
}

// X weighs what it counts: most scripts' characters (Latin, Greek,
// Cyrillic...) and some punctuation count 1, everything else (emoji, CJK)
// 2, an emoji sequence however many code points it takes counts 2, text
// is counted once composed (NFC), and punctuation closing a sentence after
// a link is not part of it.
func TestXCountsEmojiAndWideScriptsAsTwoAndPunctuationAfterALinkAsItself(t *testing.T) {
	page := 1 + 23 // the page's link added to a message without one
	cases := []struct {
		msg  string
		want int
	}{
		{"Gracias 👍", 8 + 2 + page},
		{"❤️", 2 + page},             // U+2764 U+FE0F: one emoji
		{"👍🏽", 2 + page},             // with a skin tone
		{"👩‍⚕️", 2 + page},           // a ZWJ sequence
		{"🇰🇪", 2 + page},             // a flag: two regional indicators
		{"1️⃣", 2 + page},            // a keycap
		{"社会", 4 + page},             // CJK
		{"e\u0301", 1 + page},        // é, decomposed: one composed
		{"a\u200bb", 3 + page},       // a zero-width space weighs 1
		{"“quoted” — ok", 13 + page}, // quotes and dashes weigh 1
		{"ok…", 2 + 2 + page},        // an ellipsis 2
		{"See https://example.org/x.", 4 + 23 + 1},
		{"(https://example.org/x), then", 1 + 23 + 7},
	}
	for _, c := range cases {
		if got := XLength(c.msg); got != c.want {
			t.Errorf("XLength(%q) = %d, want %d", c.msg, got, c.want)
		}
	}
	// 128 emoji and the page's link are X's limit; one more is over.
	if n := XLength(strings.Repeat("👍", 128)); n != XLimit {
		t.Errorf("128 emoji counted %d, want %d", n, XLimit)
	}
	if n := XLength(strings.Repeat("👍", 129)); n != XLimit+2 {
		t.Errorf("129 emoji counted %d, want %d", n, XLimit+2)
	}
}

func TestXRefusesPostsWithADirectionOverrideOrAByteOrderMark(t *testing.T) {
	for _, msg := range []string{"a\u202Eb", "\u202Aa", "\ufeffHola", "x\uffff"} {
		if _, ok := XRefused(msg); !ok {
			t.Errorf("XRefused(%q) = false", msg)
		}
	}
	for _, msg := range []string{"Hola", "العمل الاجتماعي", "a\u200bb\u200dc\u200e", "👩‍⚕️"} {
		if r, ok := XRefused(msg); ok {
			t.Errorf("XRefused(%q) = %U", msg, r)
		}
	}
}
