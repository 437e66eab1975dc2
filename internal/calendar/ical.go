package calendar

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Feed is an iCalendar object (RFC 5545) published for subscription.
type Feed struct {
	ProdID string // "-//Organisation//Product//EN"
	Name   string // shown by calendar apps as the calendar's name
	// Refresh is how often subscribers should fetch the feed again (0 to
	// leave it to them).
	Refresh time.Duration
	Events  []Event
}

// Event is one VEVENT.
type Event struct {
	UID   string    // globally unique and stable between fetches
	Stamp time.Time // DTSTAMP: when this version was published
	// AllDay events run from the day Start to the day End, both included;
	// the feed writes DTEND as the day after, as RFC 5545 wants. Other
	// events run from the instant Start to End (zero End: no end known).
	AllDay      bool
	Start, End  time.Time
	Summary     string
	Description string
	URL         string   // absolute
	Categories  []string // free labels ("Observance")
	// Location is where it happens: for an online event, the link to join.
	Location string
	// Zone is the organiser's time zone of a timed event: its times are
	// written as local times there (TZID), with the zone's VTIMEZONE in
	// the calendar. Nil (or UTC) writes them in UTC.
	Zone *time.Location
}

// maxLine is the longest a content line may be, in octets, CRLF excluded.
const maxLine = 75

// WriteTo writes the feed: CRLF line endings, long lines folded at 75
// octets without splitting a UTF-8 character, TEXT values escaped.
func (f Feed) WriteTo(w io.Writer) (int64, error) {
	cw := &countingWriter{w: w}
	b := bufio.NewWriter(cw)
	line := func(name, value string) { writeLine(b, name+":"+value) }

	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", escapeText(f.ProdID))
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	if f.Name != "" {
		line("NAME", escapeText(f.Name)) // RFC 7986
		line("X-WR-CALNAME", escapeText(f.Name))
	}
	if f.Refresh > 0 {
		d := duration(f.Refresh)
		line("REFRESH-INTERVAL;VALUE=DURATION", d) // RFC 7986
		line("X-PUBLISHED-TTL", d)
	}
	for _, z := range zoneSpans(f.Events) {
		writeTimezone(b, z)
	}
	for _, e := range f.Events {
		line("BEGIN", "VEVENT")
		line("UID", escapeText(e.UID))
		line("DTSTAMP", utc(e.Stamp))
		if e.AllDay {
			line("DTSTART;VALUE=DATE", date(e.Start))
			end := e.End
			if end.IsZero() || end.Before(e.Start) {
				end = e.Start
			}
			line("DTEND;VALUE=DATE", date(DayOf(end).AddDate(0, 0, 1)))
			// A day to mark, not a meeting: it should not show as busy.
			line("TRANSP", "TRANSPARENT")
		} else if zoned(e) {
			writeLine(b, "DTSTART"+localTime(e.Start, e.Zone))
			if !e.End.IsZero() {
				writeLine(b, "DTEND"+localTime(e.End, e.Zone))
			}
		} else {
			line("DTSTART", utc(e.Start))
			if !e.End.IsZero() {
				line("DTEND", utc(e.End))
			}
		}
		line("SUMMARY", escapeText(e.Summary))
		if e.Description != "" {
			line("DESCRIPTION", escapeText(e.Description))
		}
		if e.Location != "" {
			line("LOCATION", escapeText(e.Location))
		}
		if len(e.Categories) > 0 {
			cats := make([]string, len(e.Categories))
			for i, c := range e.Categories {
				cats[i] = escapeText(c)
			}
			line("CATEGORIES", strings.Join(cats, ","))
		}
		if e.URL != "" {
			line("URL", stripControls(e.URL))
		}
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	err := b.Flush()
	return cw.n, err
}

// writeLine writes one content line, folded: every physical line holds at
// most 75 octets, continuation lines start with a space (which counts), and
// a fold never falls inside a UTF-8 sequence.
func writeLine(b *bufio.Writer, s string) {
	limit := maxLine
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = maxLine - 1
	}
	b.WriteString(s)
	b.WriteString("\r\n")
}

// escapeText escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon
// and comma get a backslash, line breaks become \n, and other control
// characters (not allowed in a content line) are dropped.
func escapeText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		switch {
		case r == '\\' || r == ';' || r == ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n' || r == '\r':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// stripControls keeps a URI value on one line.
func stripControls(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

func date(t time.Time) string { return t.Format("20060102") }

func utc(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// duration writes d as an RFC 5545 duration, in whole days when it is
// some, else in seconds.
func duration(d time.Duration) string {
	if d%(24*time.Hour) == 0 {
		return "P" + strconv.FormatInt(int64(d/(24*time.Hour)), 10) + "D"
	}
	return "PT" + strconv.FormatInt(int64(d/time.Second), 10) + "S"
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
