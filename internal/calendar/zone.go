package calendar

import (
	"bufio"
	"strconv"
	"time"
)

// A VTIMEZONE (RFC 5545 3.6.5) is written from Go's own zone data rather
// than a copy of the IANA rules: every change of offset or abbreviation
// between two instants becomes one STANDARD or DAYLIGHT observance with a
// single onset (no RRULE), which any reader can apply without knowing the
// rules that produced it. Only the span the events need is written.

// zoneSpan is the years one zone must cover: from the first instant of
// the earliest event's year to the end of the latest's.
type zoneSpan struct {
	zone     *time.Location
	from, to time.Time
}

// zoned reports whether a timed event is written in its organiser's zone
// (TZID) rather than in UTC.
func zoned(e Event) bool {
	return !e.AllDay && e.Zone != nil && e.Zone.String() != "UTC" && e.Zone != time.Local
}

// zoneSpans are the zones the events are written in, in the order first
// used, each over the years its events need.
func zoneSpans(events []Event) []zoneSpan {
	var spans []zoneSpan
	index := map[string]int{}
	for _, e := range events {
		if !zoned(e) {
			continue
		}
		last := e.Start
		if e.End.After(last) {
			last = e.End
		}
		from := time.Date(e.Start.In(e.Zone).Year(), time.January, 1, 0, 0, 0, 0, e.Zone)
		to := time.Date(last.In(e.Zone).Year()+1, time.January, 1, 0, 0, 0, 0, e.Zone)
		name := e.Zone.String()
		i, ok := index[name]
		if !ok {
			index[name] = len(spans)
			spans = append(spans, zoneSpan{zone: e.Zone, from: from, to: to})
			continue
		}
		if from.Before(spans[i].from) {
			spans[i].from = from
		}
		if to.After(spans[i].to) {
			spans[i].to = to
		}
	}
	return spans
}

// period is a stretch of time during which a zone keeps one offset and
// abbreviation.
type period struct {
	onset      time.Time // zero: since the beginning of the zone's records
	offset     int       // seconds east of UTC from onset
	fromOffset int       // seconds east of UTC before onset
	name       string
	dst        bool
}

// periods are the zone's periods that overlap [from, to).
func periods(zone *time.Location, from, to time.Time) []period {
	var out []period
	t := from.In(zone)
	for {
		name, offset := t.Zone()
		start, end := t.ZoneBounds()
		p := period{onset: start, offset: offset, fromOffset: offset, name: name, dst: t.IsDST()}
		if !start.IsZero() {
			_, p.fromOffset = start.Add(-time.Second).In(zone).Zone()
		}
		out = append(out, p)
		// A zone with no end goes on forever; a bound on the count keeps a
		// pathological zone (a change every hour) from running away.
		if end.IsZero() || !end.Before(to) || len(out) >= 64 {
			return out
		}
		t = end.In(zone)
	}
}

// writeTimezone writes the VTIMEZONE of zone over [from, to).
func writeTimezone(b *bufio.Writer, s zoneSpan) {
	line := func(name, value string) { writeLine(b, name+":"+value) }
	line("BEGIN", "VTIMEZONE")
	line("TZID", paramText(s.zone.String()))
	for _, p := range periods(s.zone, s.from, s.to) {
		kind := "STANDARD"
		if p.dst {
			kind = "DAYLIGHT"
		}
		line("BEGIN", kind)
		if p.onset.IsZero() {
			// In force as far back as the records go: any onset before
			// the events will do, and 1970 is the customary one.
			line("DTSTART", "19700101T000000")
		} else {
			// The onset in the local time of the period before it, as
			// RFC 5545 wants (02:00 for a change from 02:00 to 03:00).
			line("DTSTART", p.onset.UTC().Add(time.Duration(p.fromOffset)*time.Second).Format(localLayout))
		}
		line("TZOFFSETFROM", utcOffset(p.fromOffset))
		line("TZOFFSETTO", utcOffset(p.offset))
		if p.name != "" {
			line("TZNAME", escapeText(p.name))
		}
		line("END", kind)
	}
	line("END", "VTIMEZONE")
}

// localLayout is a DATE-TIME in local time: no Z.
const localLayout = "20060102T150405"

// localTime is the value of a DTSTART or DTEND for t in zone, with its
// parameters: ";TZID=zone:local time", or ":UTC time" for the rare instant
// whose local time the zone repeats (the hour after clocks go back), since
// RFC 5545 reads a repeated local time as its first occurrence.
func localTime(t time.Time, zone *time.Location) string {
	local := t.In(zone)
	start, _ := local.ZoneBounds()
	if !start.IsZero() {
		_, now := local.Zone()
		_, before := start.Add(-time.Second).In(zone).Zone()
		if back := time.Duration(before-now) * time.Second; back > 0 && local.Sub(start) < back {
			return ":" + utc(t)
		}
	}
	return ";TZID=" + paramText(zone.String()) + ":" + local.Format(localLayout)
}

// utcOffset is an RFC 5545 UTC-OFFSET: +HHMM, or +HHMMSS when the offset
// has seconds (historical local mean time). Zero is +0000 (-0000 is not
// allowed).
func utcOffset(seconds int) string {
	sign := "+"
	if seconds < 0 {
		sign, seconds = "-", -seconds
	}
	s := sign + two(seconds/3600) + two(seconds/60%60)
	if seconds%60 != 0 {
		s += two(seconds % 60)
	}
	return s
}

func two(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// paramText keeps a parameter value within what RFC 5545 allows unquoted
// (no control characters, DQUOTE, semicolon, colon or comma). IANA zone
// names never hold them; the check is for a name from elsewhere.
func paramText(s string) string {
	out := []rune{}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r == '"' || r == ';' || r == ':' || r == ',' {
			continue
		}
		out = append(out, r)
	}
	return string(out)
}
