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
