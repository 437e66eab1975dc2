package calendar

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestFeedFormat(t *testing.T) {
	stamp := time.Date(2026, 2, 1, 9, 30, 0, 0, time.FixedZone("X", 3600))
	long := strings.Repeat("Social workers, child and youth care workers; community workers. ", 4) +
		"Niñas y niños: protección, cuidado y educación — 子どもの権利 🌍 " + strings.Repeat("é", 80)
	f := Feed{
		ProdID:  "-//Test//Calendar//EN",
		Name:    "Advocacy, calendar",
		Refresh: 24 * time.Hour,
		Events: []Event{
			{UID: "wswd-2026-03-17@example.org", Stamp: stamp, AllDay: true,
				Start: Day(2026, 3, 17), End: Day(2026, 3, 17),
				Summary: `World Social Work Day; a \ test, ok`, Description: "Line one\nLine two\r\nLine three",
				URL: "https://example.org/events?year=2026#wswd-2026-03-17", Categories: []string{"Observance", "A, B"}},
			{UID: "week@example.org", Stamp: stamp, AllDay: true,
				Start: Day(2026, 12, 28), End: Day(2026, 12, 31), Summary: "Week over the year's end", Description: long},
			{UID: "webinar@example.org", Stamp: stamp,
				Start: time.Date(2018, 9, 27, 9, 0, 0, 0, time.FixedZone("EDT", -4*3600)),
				End:   time.Date(2018, 9, 27, 10, 0, 0, 0, time.FixedZone("EDT", -4*3600)), Summary: "Webinar"},
			{UID: "no-end@example.org", Stamp: stamp, Start: time.Date(2019, 10, 22, 13, 0, 0, 0, time.UTC), Summary: "Open end"},
		},
	}
	var buf bytes.Buffer
	n, err := f.WriteTo(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if n != int64(buf.Len()) {
		t.Errorf("WriteTo reported %d bytes, wrote %d", n, buf.Len())
	}
	out := buf.String()
	if !strings.HasSuffix(out, "\r\n") || strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\n") || strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\r") {
		t.Fatal("every line must end in CRLF, with no bare CR or LF")
	}
	physical := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
	for i, l := range physical {
		if len(l) > 75 {
			t.Errorf("line %d is %d octets: %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a UTF-8 character: %q", i+1, l)
		}
	}
	// Unfold (RFC 5545 3.1) and compare the logical lines.
	unfolded := strings.ReplaceAll(out, "\r\n ", "")
	lines := strings.Split(strings.TrimSuffix(unfolded, "\r\n"), "\r\n")
	has := func(want string) {
		t.Helper()
		for _, l := range lines {
			if l == want {
				return
			}
		}
		t.Errorf("no line %q", want)
	}
	if lines[0] != "BEGIN:VCALENDAR" || lines[len(lines)-1] != "END:VCALENDAR" {
		t.Errorf("not a VCALENDAR: %q ... %q", lines[0], lines[len(lines)-1])
	}
	for _, want := range []string{
		"VERSION:2.0", "PRODID:-//Test//Calendar//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
		`X-WR-CALNAME:Advocacy\, calendar`, "REFRESH-INTERVAL;VALUE=DURATION:P1D",
		"UID:wswd-2026-03-17@example.org", "DTSTAMP:20260201T083000Z",
		"DTSTART;VALUE=DATE:20260317", "DTEND;VALUE=DATE:20260318",
		`SUMMARY:World Social Work Day\; a \\ test\, ok`,
		`DESCRIPTION:Line one\nLine two\nLine three`,
		`CATEGORIES:Observance,A\, B`,
		"URL:https://example.org/events?year=2026#wswd-2026-03-17",
		"DTSTART;VALUE=DATE:20261228", "DTEND;VALUE=DATE:20270101",
		"DTSTART:20180927T130000Z", "DTEND:20180927T140000Z",
		"DTSTART:20191022T130000Z",
		"DESCRIPTION:" + escapeText(long),
	} {
		has(want)
	}
	if strings.Count(unfolded, "BEGIN:VEVENT") != 4 || strings.Count(unfolded, "END:VEVENT") != 4 {
		t.Error("want four VEVENTs")
	}
	if strings.Count(unfolded, "DTEND") != 3 {
		t.Error("the event with no known end must have no DTEND")
	}
}

func TestFoldingNeverSplitsCharacters(t *testing.T) {
	// Every alignment of a multi-byte character against the fold points.
	for pad := range 8 {
		for _, ch := range []string{"é", "€", "🌍"} {
			value := strings.Repeat("a", pad) + strings.Repeat(ch, 60)
			var buf bytes.Buffer
			if _, err := (Feed{Events: []Event{{UID: "u", Summary: value, AllDay: true, Start: Day(2026, 1, 1)}}}).WriteTo(&buf); err != nil {
				t.Fatal(err)
			}
			for _, l := range strings.Split(buf.String(), "\r\n") {
				if len(l) > 75 || !utf8.ValidString(l) {
					t.Fatalf("pad %d %s: bad line %q (%d octets)", pad, ch, l, len(l))
				}
			}
			if !strings.Contains(strings.ReplaceAll(buf.String(), "\r\n ", ""), "SUMMARY:"+value+"\r\n") {
				t.Fatalf("pad %d %s: unfolding does not give the value back", pad, ch)
			}
		}
	}
}

func TestEscapeText(t *testing.T) {
	tests := map[string]string{
		"plain":          "plain",
		`a\b`:            `a\\b`,
		"a;b,c":          `a\;b\,c`,
		"one\ntwo":       `one\ntwo`,
		"one\r\ntwo":     `one\ntwo`,
		"bell\x07":       "bell",
		`"quoted": fine`: `"quoted": fine`,
	}
	for in, want := range tests {
		if got := escapeText(in); got != want {
			t.Errorf("escapeText(%q) = %q, want %q", in, got, want)
		}
	}
}
