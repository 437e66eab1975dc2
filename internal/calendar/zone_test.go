package calendar

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// observance is a STANDARD or DAYLIGHT component as a reader sees it.
type observance struct {
	kind     string
	onset    string // local DATE-TIME
	from, to string // UTC-OFFSET
	name     string
}

// written writes one event and returns the unfolded lines.
func written(t *testing.T, events ...Event) []string {
	t.Helper()
	var buf bytes.Buffer
	if _, err := (Feed{ProdID: "-//Test//EN", Events: events}).WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(strings.ReplaceAll(buf.String(), "\r\n ", ""), "\r\n"), "\r\n")
}

// timezones reads the VTIMEZONE components: their observances by TZID.
func timezones(t *testing.T, lines []string) map[string][]observance {
	t.Helper()
	out := map[string][]observance{}
	var tzid string
	var cur *observance
	for _, l := range lines {
		name, value, _ := strings.Cut(l, ":")
		switch {
		case l == "BEGIN:VTIMEZONE":
			tzid = "?"
		case l == "END:VTIMEZONE":
			tzid = ""
		case tzid != "" && name == "TZID":
			tzid = value
		case tzid != "" && (l == "BEGIN:STANDARD" || l == "BEGIN:DAYLIGHT"):
			cur = &observance{kind: value}
		case cur != nil && strings.HasPrefix(l, "END:"):
			out[tzid] = append(out[tzid], *cur)
			cur = nil
		case cur != nil && name == "DTSTART":
			cur.onset = value
		case cur != nil && name == "TZOFFSETFROM":
			cur.from = value
		case cur != nil && name == "TZOFFSETTO":
			cur.to = value
		case cur != nil && name == "TZNAME":
			cur.name = value
		}
	}
	return out
}

func offsetSeconds(t *testing.T, s string) int {
	t.Helper()
	if len(s) != 5 && len(s) != 7 || (s[0] != '+' && s[0] != '-') || s == "-0000" || s == "-000000" {
		t.Fatalf("bad UTC-OFFSET %q", s)
	}
	n := 0
	for i, unit := range []int{3600, 60, 1} {
		if 1+2*i >= len(s) {
			break
		}
		v, err := strconv.Atoi(s[1+2*i : 3+2*i])
		if err != nil {
			t.Fatalf("bad UTC-OFFSET %q", s)
		}
		n += v * unit
	}
	if s[0] == '-' {
		n = -n
	}
	return n
}

// resolve reads a local DATE-TIME in a zone as RFC 5545 does: the instant
// it names under the observance in force then, the earlier one when the
// local time happens twice.
func resolve(t *testing.T, obs []observance, local string) time.Time {
	t.Helper()
	wall, err := time.Parse(localLayout, local)
	if err != nil {
		t.Fatalf("local time %q: %v", local, err)
	}
	type span struct {
		onset time.Time
		to    int
	}
	var spans []span
	for _, o := range obs {
		on, err := time.Parse(localLayout, o.onset)
		if err != nil {
			t.Fatalf("onset %q: %v", o.onset, err)
		}
		spans = append(spans, span{on.Add(-time.Duration(offsetSeconds(t, o.from)) * time.Second), offsetSeconds(t, o.to)})
	}
	slices.SortFunc(spans, func(a, b span) int { return a.onset.Compare(b.onset) })
	for i, s := range spans {
		instant := wall.Add(-time.Duration(s.to) * time.Second)
		if instant.Before(s.onset) || (i+1 < len(spans) && !instant.Before(spans[i+1].onset)) {
			continue
		}
		return instant // the earliest that fits
	}
	t.Fatalf("local time %s falls in no observance of %v", local, obs)
	return time.Time{}
}

func TestVTimezoneOfNewYorkIn2018(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	lines := written(t, Event{UID: "chat", Summary: "Chat", Zone: ny,
		Start: time.Date(2018, 9, 25, 13, 0, 0, 0, time.UTC), End: time.Date(2018, 9, 25, 14, 0, 0, 0, time.UTC)})
	got := timezones(t, lines)["America/New_York"]
	want := []observance{
		{"STANDARD", "20171105T020000", "-0400", "-0500", "EST"},
		{"DAYLIGHT", "20180311T020000", "-0500", "-0400", "EDT"},
		{"STANDARD", "20181104T020000", "-0400", "-0500", "EST"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("VTIMEZONE observances\n got %v\nwant %v", got, want)
	}
	if !slices.Contains(lines, "DTSTART;TZID=America/New_York:20180925T090000") ||
		!slices.Contains(lines, "DTEND;TZID=America/New_York:20180925T100000") {
		t.Errorf("times not in the organiser's zone: %q", lines)
	}
	// The zone comes before the event that uses it, inside the calendar.
	if slices.Index(lines, "BEGIN:VTIMEZONE") > slices.Index(lines, "BEGIN:VEVENT") || slices.Index(lines, "BEGIN:VTIMEZONE") < 1 {
		t.Error("VTIMEZONE must come before the VEVENT")
	}
}

// TestZonedTimesReadBackAsTheSameInstant reads every written time back
// through the VTIMEZONE written with it, in zones of every shape: northern
// and southern summer time, half-hour and 45-minute offsets, a half-hour
// change, no summer time, and negative summer time (Dublin).
func TestZonedTimesReadBackAsTheSameInstant(t *testing.T) {
	for _, name := range []string{"America/New_York", "Australia/Sydney", "Asia/Kolkata", "Australia/Lord_Howe",
		"Pacific/Chatham", "Europe/Dublin", "Africa/Nairobi", "America/Sao_Paulo", "Europe/London"} {
		zone, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, year := range []int{2018, 2026} {
			var events []Event
			for at := time.Date(year, 1, 1, 0, 17, 0, 0, time.UTC); at.Year() == year; at = at.Add(97 * time.Minute) {
				events = append(events, Event{UID: at.String(), Summary: "x", Start: at, Zone: zone})
			}
			// The hour each side of every change, minute by minute.
			for _, p := range periods(zone, time.Date(year, 1, 1, 0, 0, 0, 0, zone), time.Date(year+1, 1, 1, 0, 0, 0, 0, zone)) {
				if p.onset.IsZero() || p.onset.Year() < year {
					continue
				}
				for m := -90; m <= 90; m += 5 {
					events = append(events, Event{UID: "c", Summary: "x", Start: p.onset.Add(time.Duration(m) * time.Minute), Zone: zone})
				}
			}
			lines := written(t, events...)
			obs := timezones(t, lines)[name]
			if len(obs) == 0 {
				t.Fatalf("%s %d: no VTIMEZONE", name, year)
			}
			i := 0
			for _, l := range lines {
				if !strings.HasPrefix(l, "DTSTART") || strings.HasPrefix(l, "DTSTART:19700101") || i >= len(events) {
					continue
				}
				if strings.Contains(l, "TZOFFSET") {
					continue
				}
				// Skip the observances' own DTSTARTs: they have no parameters.
				if !strings.HasPrefix(l, "DTSTART;TZID=") && !strings.HasSuffix(l, "Z") {
					continue
				}
				want := events[i].Start
				i++
				var got time.Time
				if local, ok := strings.CutPrefix(l, "DTSTART;TZID="+name+":"); ok {
					got = resolve(t, obs, local)
				} else {
					got, err = time.Parse("20060102T150405Z", strings.TrimPrefix(l, "DTSTART:"))
					if err != nil {
						t.Fatalf("%s: %q", name, l)
					}
				}
				if !got.Equal(want) {
					t.Errorf("%s: %q reads as %s, want %s", name, l, got.UTC(), want.UTC())
				}
			}
			if i != len(events) {
				t.Fatalf("%s %d: read %d event times of %d", name, year, i, len(events))
			}
		}
	}
}

func TestARepeatedLocalTimeIsWrittenInUTC(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	// Clocks went back at 02:00 EDT on 4 November 2018: 01:30 happened twice.
	first := time.Date(2018, 11, 4, 5, 30, 0, 0, time.UTC)  // 01:30 EDT
	second := time.Date(2018, 11, 4, 6, 30, 0, 0, time.UTC) // 01:30 EST
	if got := localTime(first, ny); got != ";TZID=America/New_York:20181104T013000" {
		t.Errorf("first 01:30: %q", got)
	}
	if got := localTime(second, ny); got != ":20181104T063000Z" {
		t.Errorf("second 01:30: %q, want UTC", got)
	}
	if got := localTime(second.Add(time.Hour), ny); got != ";TZID=America/New_York:20181104T023000" {
		t.Errorf("02:30 EST: %q", got)
	}
}

func TestZonelessEventsStayInUTC(t *testing.T) {
	lines := written(t,
		Event{UID: "a", Summary: "UTC", Start: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), Zone: time.UTC},
		Event{UID: "b", Summary: "none", Start: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)},
		Event{UID: "c", Summary: "day", AllDay: true, Start: Day(2026, 3, 1), Zone: time.UTC})
	if slices.Contains(lines, "BEGIN:VTIMEZONE") {
		t.Error("a VTIMEZONE for UTC or all-day events")
	}
	if strings.Count(strings.Join(lines, "\n"), "DTSTART:20260301T090000Z") != 2 {
		t.Errorf("UTC times: %q", lines)
	}
}

func TestOneZoneCoversEveryYearItsEventsNeed(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	lines := written(t,
		Event{UID: "a", Summary: "a", Start: time.Date(2018, 9, 25, 13, 0, 0, 0, time.UTC), Zone: ny},
		Event{UID: "b", Summary: "b", Start: time.Date(2020, 12, 31, 23, 0, 0, 0, time.UTC), End: time.Date(2021, 1, 1, 6, 0, 0, 0, time.UTC), Zone: ny})
	if n := strings.Count(strings.Join(lines, "\n"), "BEGIN:VTIMEZONE"); n != 1 {
		t.Fatalf("%d VTIMEZONEs for one zone", n)
	}
	obs := timezones(t, lines)["America/New_York"]
	// 2017's last change, then two a year for every year from the first
	// event's to the last end's (2021, where the second event ends).
	if len(obs) != 9 || obs[0].onset != "20171105T020000" || obs[8].onset != "20211107T020000" {
		t.Errorf("observances %v", obs)
	}
}

func TestUTCOffset(t *testing.T) {
	for secs, want := range map[int]string{0: "+0000", -18000: "-0500", 19800: "+0530", 45900: "+1245", -17762: "-045602", 3600: "+0100"} {
		if got := utcOffset(secs); got != want {
			t.Errorf("utcOffset(%d) = %q, want %q", secs, got, want)
		}
	}
}

func TestLocationIsEscaped(t *testing.T) {
	lines := written(t, Event{UID: "a", Summary: "a", Start: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC),
		Location: "https://example.org/join?a=1,b=2;c"})
	if !slices.Contains(lines, `LOCATION:https://example.org/join?a=1\,b=2\;c`) {
		t.Errorf("LOCATION: %q", lines)
	}
}
