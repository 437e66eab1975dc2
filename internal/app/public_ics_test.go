package app

import (
	"context"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
)

// icsComponent is one BEGIN/END block of an iCalendar object: its
// properties (by name with parameters, "DTSTART;TZID=America/New_York")
// in order, and the components inside it.
type icsComponent struct {
	Name  string
	Props [][2]string
	Subs  []*icsComponent
}

// Prop is the value of the property named exactly key (with its
// parameters), and whether it is there.
func (c *icsComponent) Prop(key string) (string, bool) {
	for _, p := range c.Props {
		if p[0] == key {
			return p[1], true
		}
	}
	return "", false
}

// Named is the first property whose name, before any parameter, is name.
func (c *icsComponent) Named(name string) (key, value string, ok bool) {
	for _, p := range c.Props {
		if n, _, _ := strings.Cut(p[0], ";"); n == name {
			return p[0], p[1], true
		}
	}
	return "", "", false
}

func (c *icsComponent) subs(name string) []*icsComponent {
	var out []*icsComponent
	for _, s := range c.Subs {
		if s.Name == name {
			out = append(out, s)
		}
	}
	return out
}

// parseEventFile parses a single-event iCalendar file strictly (RFC 5545):
// CRLF line ends only, physical lines of at most 75 octets that never
// split a UTF-8 character, unfolding, every logical line a content line,
// BEGIN/END properly nested in exactly one VCALENDAR, TEXT values
// escaped, no property twice in a component, and exactly one VEVENT with
// the properties this site promises: UID, DTSTAMP (UTC), DTSTART,
// SUMMARY, DESCRIPTION and URL; every TZID used has its VTIMEZONE.
func parseEventFile(t *testing.T, body string) (cal, event *icsComponent) {
	t.Helper()
	if !strings.HasSuffix(body, "\r\n") {
		t.Fatal("file does not end with CRLF")
	}
	if bare := strings.ReplaceAll(body, "\r\n", ""); strings.ContainsAny(bare, "\r\n") {
		t.Fatal("bare CR or LF: every line must end in CRLF")
	}
	for i, l := range strings.Split(strings.TrimSuffix(body, "\r\n"), "\r\n") {
		if len(l) > 75 || !utf8.ValidString(l) || l == "" {
			t.Errorf("physical line %d: %d octets, valid UTF-8 %v: %q", i+1, len(l), utf8.ValidString(l), l)
		}
	}
	unfolded := strings.ReplaceAll(strings.ReplaceAll(body, "\r\n ", ""), "\r\n\t", "")
	textProps := map[string]bool{"SUMMARY": true, "DESCRIPTION": true, "LOCATION": true, "PRODID": true, "UID": true, "TZNAME": true}
	badEscape := regexp.MustCompile(`\\[^\\;,nN]|\\$`)
	var root icsComponent
	stack := []*icsComponent{&root}
	for _, l := range strings.Split(strings.TrimSuffix(unfolded, "\r\n"), "\r\n") {
		m := icsLine.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("not a content line: %q", l)
		}
		name, params, value := m[1], m[2], m[3]
		top := stack[len(stack)-1]
		switch name {
		case "BEGIN":
			c := &icsComponent{Name: value}
			top.Subs = append(top.Subs, c)
			stack = append(stack, c)
			continue
		case "END":
			if len(stack) < 2 || top.Name != value {
				t.Fatalf("END:%s closes %s", value, top.Name)
			}
			stack = stack[:len(stack)-1]
			continue
		}
		if len(stack) < 2 {
			t.Fatalf("property outside any component: %q", l)
		}
		if textProps[name] {
			if badEscape.MatchString(value) {
				t.Errorf("%s has a bad escape: %q", name, value)
			}
			if strings.ContainsAny(strings.NewReplacer(`\\`, "", `\;`, "", `\,`, "").Replace(value), ";,") {
				t.Errorf("%s has an unescaped ; or ,: %q", name, value)
			}
		}
		if _, dup := top.Prop(name + params); dup {
			t.Errorf("%s twice in %s", name+params, top.Name)
		}
		top.Props = append(top.Props, [2]string{name + params, value})
	}
	if len(stack) != 1 {
		t.Fatalf("unclosed %s", stack[len(stack)-1].Name)
	}
	if len(root.Subs) != 1 || root.Subs[0].Name != "VCALENDAR" {
		t.Fatalf("want exactly one VCALENDAR, got %d components", len(root.Subs))
	}
	cal = root.Subs[0]
	for _, p := range []string{"VERSION", "PRODID"} {
		if v, _ := cal.Prop(p); v == "" {
			t.Errorf("calendar has no %s", p)
		}
	}
	if v, _ := cal.Prop("VERSION"); v != "2.0" {
		t.Errorf("VERSION %q", v)
	}
	events := cal.subs("VEVENT")
	if len(events) != 1 {
		t.Fatalf("want exactly one VEVENT, got %d", len(events))
	}
	event = events[0]
	for _, p := range []string{"UID", "DTSTAMP", "SUMMARY", "DESCRIPTION", "URL"} {
		if v, _ := event.Prop(p); v == "" {
			t.Errorf("event has no %s", p)
		}
	}
	if v, _ := event.Prop("DTSTAMP"); !regexp.MustCompile(`^\d{8}T\d{6}Z$`).MatchString(v) {
		t.Errorf("DTSTAMP %q is not UTC", v)
	}
	if _, _, ok := event.Named("DTSTART"); !ok {
		t.Error("event has no DTSTART")
	}
	// Every TZID used has exactly one VTIMEZONE, with observances.
	for _, p := range event.Props {
		_, params, _ := strings.Cut(p[0], ";")
		for param := range strings.SplitSeq(params, ";") {
			if tzid, ok := strings.CutPrefix(param, "TZID="); ok {
				n := 0
				for _, z := range cal.subs("VTIMEZONE") {
					if id, _ := z.Prop("TZID"); id == tzid {
						n++
						if len(z.subs("STANDARD"))+len(z.subs("DAYLIGHT")) == 0 {
							t.Errorf("VTIMEZONE %s has no STANDARD or DAYLIGHT", tzid)
						}
					}
				}
				if n != 1 {
					t.Errorf("TZID %s has %d VTIMEZONEs, want 1", tzid, n)
				}
			}
		}
	}
	return cal, event
}

// icsOffset reads a UTC-OFFSET (+HHMM or +HHMMSS) as seconds.
func icsOffset(t *testing.T, s string) int {
	t.Helper()
	if !regexp.MustCompile(`^[+-]\d{4}(\d{2})?$`).MatchString(s) || strings.TrimLeft(s, "-0") == "" {
		t.Fatalf("bad UTC-OFFSET %q", s)
	}
	h, _ := strconv.Atoi(s[1:3])
	m, _ := strconv.Atoi(s[3:5])
	sec := 0
	if len(s) == 7 {
		sec, _ = strconv.Atoi(s[5:7])
	}
	n := h*3600 + m*60 + sec
	if s[0] == '-' {
		n = -n
	}
	return n
}

// icsInstant is the instant a DATE-TIME property names (key, value as
// parsed), reading a TZID through the file's own VTIMEZONE, as a
// calendar app would: the observance in force at that local time (the
// first, where the local time happens twice).
func icsInstant(t *testing.T, cal *icsComponent, key, value string) time.Time {
	t.Helper()
	if v, ok := strings.CutSuffix(value, "Z"); ok && !strings.Contains(key, "TZID") {
		at, err := time.Parse("20060102T150405", v)
		if err != nil {
			t.Fatalf("%s:%s: %v", key, value, err)
		}
		return at
	}
	_, tzid, ok := strings.Cut(key, ";TZID=")
	if !ok {
		t.Fatalf("%s:%s is a floating time: no zone", key, value)
	}
	wall, err := time.Parse("20060102T150405", value)
	if err != nil {
		t.Fatalf("%s:%s: %v", key, value, err)
	}
	type onset struct {
		at time.Time
		to int
	}
	var onsets []onset
	for _, z := range cal.subs("VTIMEZONE") {
		if id, _ := z.Prop("TZID"); id != tzid {
			continue
		}
		for _, o := range append(z.subs("STANDARD"), z.subs("DAYLIGHT")...) {
			start, _ := o.Prop("DTSTART")
			from, _ := o.Prop("TZOFFSETFROM")
			to, _ := o.Prop("TZOFFSETTO")
			local, err := time.Parse("20060102T150405", start)
			if err != nil {
				t.Fatalf("observance DTSTART %q: %v", start, err)
			}
			onsets = append(onsets, onset{local.Add(-time.Duration(icsOffset(t, from)) * time.Second), icsOffset(t, to)})
		}
	}
	slices.SortFunc(onsets, func(a, b onset) int { return a.at.Compare(b.at) })
	for i, o := range onsets {
		at := wall.Add(-time.Duration(o.to) * time.Second)
		if !at.Before(o.at) && (i+1 == len(onsets) || at.Before(onsets[i+1].at)) {
			return at
		}
	}
	t.Fatalf("%s:%s falls in no observance of its VTIMEZONE", key, value)
	return time.Time{}
}

// icsFile fetches path and checks it is served as a calendar download.
func icsFile(t *testing.T, h http.Handler, path, filename string) (cal, event *icsComponent) {
	t.Helper()
	res := get(t, h, "GET", path, nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %d", path, res.StatusCode)
	}
	if got := res.Header.Get("Content-Type"); got != "text/calendar; charset=utf-8" {
		t.Errorf("%s: Content-Type %q", path, got)
	}
	if got := res.Header.Get("Content-Disposition"); got != `attachment; filename="`+filename+`"` {
		t.Errorf("%s: Content-Disposition %q, want attachment %s", path, got, filename)
	}
	if res.Header.Get("Set-Cookie") != "" {
		t.Errorf("%s sets a cookie", path)
	}
	body, _ := io.ReadAll(res.Body)
	return parseEventFile(t, string(body))
}

// unescapeText reads an escaped TEXT value back.
func unescapeText(s string) string {
	return strings.NewReplacer(`\\`, `\`, `\;`, ";", `\,`, ",", `\n`, "\n", `\N`, "\n").Replace(s)
}

func TestEachEventDownloadsAsOneVEventAtTheRightInstant(t *testing.T) {
	app, pool := seededApp(t)
	app.site.Now = func() time.Time { return calendarNow }
	h := app.Handler()
	id := func(year int, kind string) int64 {
		t.Helper()
		var id int64
		if err := pool.QueryRow(context.Background(),
			`SELECT id FROM sswweek_events WHERE year = $1 AND kind = $2 ORDER BY starts_at LIMIT 1`, year, kind).Scan(&id); err != nil {
			t.Fatal(err)
		}
		return id
	}
	chat, webinar := id(2018, "chat"), id(2018, "webinar")
	chatPath := "/sswweek/2018/event-" + strconv.FormatInt(chat, 10) + ".ics"
	webinarPath := "/sswweek/2018/event-" + strconv.FormatInt(webinar, 10) + ".ics"

	type want struct {
		path, filename string
		uid, summary   string
		start          string // the instant (RFC 3339) or the date (VALUE=DATE)
		end            string // likewise; "" for no DTEND
		tzid           string // the zone the times are written in, or ""
		url            string
		location       string
		describes      []string // in DESCRIPTION, unescaped
	}
	tests := []want{
		{
			path: chatPath, filename: "sswweek-2018-chat-" + strconv.FormatInt(chat, 10) + ".ics",
			uid:     "sswweek-event-" + strconv.FormatInt(chat, 10) + "@localhost",
			summary: "Twitter chat: a stronger workforce to protect children and reach the SDGs",
			start:   "2018-09-25T13:00:00Z", end: "2018-09-25T14:00:00Z", tzid: "America/New_York",
			url:      "http://localhost:8080/sswweek/2018#event-" + strconv.FormatInt(chat, 10),
			location: "X (Twitter), #SSWWeek",
			describes: []string{"An hour of questions and answers", "Hosted by @SSWAlliance, @MtotoNews",
				"Follow and take part with #SSWWeek.", "The questions:\nQ1. #SSWWeek is a chance", "\nQ6. ",
				"Times: New York time (America/New_York).", "Details: http://localhost:8080/sswweek/2018#event-"},
		},
		{
			path: webinarPath, filename: "sswweek-2018-webinar-" + strconv.FormatInt(webinar, 10) + ".ics",
			uid:     "sswweek-event-" + strconv.FormatInt(webinar, 10) + "@localhost",
			summary: "Webinar: ending violence against children needs a strong social service workforce",
			// Only the start is on record: no DTEND.
			start: "2018-09-27T13:00:00Z", tzid: "America/New_York",
			url:       "http://localhost:8080/sswweek/2018#event-" + strconv.FormatInt(webinar, 10),
			describes: []string{"Speakers from the three host organisations", "Hosted by Global Social Service Workforce Alliance, UNICEF"},
		},
		{
			path: "/sswweek/2018.ics", filename: "sswweek-2018.ics", uid: "sswweek-2018@localhost",
			summary: "Social Service Workforce Week 2018", start: "20180924", end: "20180929",
			url:       "http://localhost:8080/sswweek/2018",
			describes: []string{"Theme: Putting the Call to Action into practice", "Details: http://localhost:8080/sswweek/2018"},
		},
		{
			path: "/events/world-social-work-day-2026-03-17.ics", filename: "world-social-work-day-2026-03-17.ics",
			uid: "world-social-work-day-2026-03-17@localhost", summary: "World Social Work Day",
			start: "20260317", end: "20260318",
			url:       "http://localhost:8080/events?year=2026#world-social-work-day-2026-03-17",
			describes: []string{"Theme 2026: Harambee", "[key messages](http://localhost:8080/key-messages)", "More about it: https://www.ifsw.org/"},
		},
		{
			// A one-off Alliance event, years back (the calendar shows 2018).
			path: "/events/alliance-symposium-2018-2018-05-08.ics", filename: "alliance-symposium-2018-2018-05-08.ics",
			uid: "alliance-symposium-2018-2018-05-08@localhost", summary: "Fifth Alliance symposium: launch of the Call to Action",
			start: "20180508", end: "20180509",
			url:       "http://localhost:8080/events?year=2018#alliance-symposium-2018-2018-05-08",
			describes: []string{"[Call to Action](http://localhost:8080/call-to-action)"},
		},
		{
			// A week whose dates follow a rule, over several days.
			path: "/events/child-and-youth-care-worker-week-2026-05-04.ics", filename: "child-and-youth-care-worker-week-2026-05-04.ics",
			uid: "child-and-youth-care-worker-week-2026-05-04@localhost", start: "20260504", end: "20260511",
			url: "http://localhost:8080/events?year=2026#child-and-youth-care-worker-week-2026-05-04",
		},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			cal, ev := icsFile(t, h, tt.path, tt.filename)
			if got, _ := ev.Prop("UID"); got != tt.uid {
				t.Errorf("UID %q, want %q", got, tt.uid)
			}
			if got, _ := ev.Prop("SUMMARY"); tt.summary != "" && unescapeText(got) != tt.summary {
				t.Errorf("SUMMARY %q", got)
			}
			if got, _ := ev.Prop("URL"); got != tt.url {
				t.Errorf("URL %q, want %q", got, tt.url)
			}
			if got, _ := ev.Prop("DTSTAMP"); got != "20260201T120000Z" {
				t.Errorf("DTSTAMP %q", got)
			}
			desc, _ := ev.Prop("DESCRIPTION")
			for _, s := range tt.describes {
				if !strings.Contains(unescapeText(desc), s) {
					t.Errorf("DESCRIPTION lacks %q: %q", s, unescapeText(desc))
				}
			}
			if got, _ := ev.Prop("LOCATION"); unescapeText(got) != tt.location {
				t.Errorf("LOCATION %q, want %q", got, tt.location)
			}
			startKey, startValue, _ := ev.Named("DTSTART")
			endKey, endValue, hasEnd := ev.Named("DTEND")
			if hasEnd != (tt.end != "") {
				t.Errorf("DTEND %q, want %q", endValue, tt.end)
			}
			if tt.tzid == "" {
				// All day: dates, DTEND the day after the last (exclusive).
				if startKey != "DTSTART;VALUE=DATE" || startValue != tt.start || endKey != "DTEND;VALUE=DATE" || endValue != tt.end {
					t.Errorf("%s:%s to %s:%s, want dates %s to %s", startKey, startValue, endKey, endValue, tt.start, tt.end)
				}
				if len(cal.subs("VTIMEZONE")) != 0 {
					t.Error("an all-day event needs no VTIMEZONE")
				}
				return
			}
			if startKey != "DTSTART;TZID="+tt.tzid {
				t.Errorf("DTSTART %s: want the organiser's zone %s", startKey, tt.tzid)
			}
			if got := icsInstant(t, cal, startKey, startValue).Format(time.RFC3339); got != tt.start {
				t.Errorf("DTSTART %s:%s is %s, want %s", startKey, startValue, got, tt.start)
			}
			if hasEnd {
				if got := icsInstant(t, cal, endKey, endValue).Format(time.RFC3339); got != tt.end {
					t.Errorf("DTEND %s:%s is %s, want %s", endKey, endValue, got, tt.end)
				}
			}
		})
	}

	// The chat in Spanish: Spanish text, the Spanish page, the same UID.
	cal, ev := icsFile(t, h, "/es"+chatPath, "sswweek-2018-chat-"+strconv.FormatInt(chat, 10)+".ics")
	if got, _ := ev.Prop("SUMMARY"); !strings.HasPrefix(unescapeText(got), "Conversación en Twitter: una fuerza laboral") {
		t.Errorf("Spanish SUMMARY %q", got)
	}
	if got, _ := ev.Prop("URL"); got != "http://localhost:8080/es/sswweek/2018#event-"+strconv.FormatInt(chat, 10) {
		t.Errorf("Spanish URL %q", got)
	}
	if desc, _ := ev.Prop("DESCRIPTION"); !strings.Contains(unescapeText(desc), "Horario: hora de Nueva York (America/New_York).") ||
		!strings.Contains(unescapeText(desc), "Las preguntas:\nP1. ") {
		t.Errorf("Spanish DESCRIPTION %q", unescapeText(desc))
	}
	if got, _ := ev.Prop("UID"); got != "sswweek-event-"+strconv.FormatInt(chat, 10)+"@localhost" {
		t.Errorf("Spanish UID %q", got)
	}
	if got, _ := cal.Prop("PRODID"); !strings.HasSuffix(got, "//ES") {
		t.Errorf("Spanish PRODID %q", got)
	}
	_, ev = icsFile(t, h, "/es/events/world-social-work-day-2026-03-17.ics", "world-social-work-day-2026-03-17.ics")
	if got, _ := ev.Prop("SUMMARY"); got != "Día Mundial del Trabajo Social" {
		t.Errorf("Spanish observance %q", got)
	}
	if desc, _ := ev.Prop("DESCRIPTION"); !strings.HasPrefix(unescapeText(desc), "Lema 2026: Harambee") {
		t.Errorf("Spanish observance DESCRIPTION %q", desc)
	}
	_, ev = icsFile(t, h, "/es/sswweek/2018.ics", "sswweek-2018.ics")
	if got, _ := ev.Prop("SUMMARY"); got != "Semana de la Fuerza Laboral del Servicio Social 2018" {
		t.Errorf("Spanish edition %q", got)
	}
}

// A webinar with a link to join: the link is its LOCATION and in its
// text, and the whole-calendar feed gives it the same UID.
func TestAWebinarsFileCarriesTheLinkToJoinAndTheFeedsUID(t *testing.T) {
	app, pool := seededApp(t)
	app.site.Now = func() time.Time { return calendarNow }
	var id int64
	err := pool.QueryRow(context.Background(), `
		WITH ev AS (
			INSERT INTO sswweek_events (year, kind, starts_at, ends_at, url)
			VALUES (2018, 'webinar', '2018-09-26 14:30Z', '2018-09-26 15:45Z', 'https://meet.example.org/j/123?pwd=a,b;c')
			RETURNING id)
		INSERT INTO sswweek_event_texts (event_id, lang, title) SELECT id, 'en', 'Webinar: supervision, support; retention' FROM ev
		RETURNING event_id`).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	h := app.Handler()
	path := "/sswweek/2018/event-" + strconv.FormatInt(id, 10) + ".ics"
	cal, ev := icsFile(t, h, path, "sswweek-2018-webinar-"+strconv.FormatInt(id, 10)+".ics")
	if got, _ := ev.Prop("LOCATION"); unescapeText(got) != "https://meet.example.org/j/123?pwd=a,b;c" {
		t.Errorf("LOCATION %q", got)
	}
	if desc, _ := ev.Prop("DESCRIPTION"); !strings.Contains(unescapeText(desc), "Join: https://meet.example.org/j/123?pwd=a,b;c") {
		t.Errorf("DESCRIPTION %q", desc)
	}
	if got, _ := ev.Prop("SUMMARY"); got != `Webinar: supervision\, support\; retention` {
		t.Errorf("SUMMARY %q", got)
	}
	k, v, _ := ev.Named("DTSTART")
	if k != "DTSTART;TZID=America/New_York" || v != "20180926T103000" || !icsInstant(t, cal, k, v).Equal(time.Date(2018, 9, 26, 14, 30, 0, 0, time.UTC)) {
		t.Errorf("DTSTART %s:%s", k, v)
	}
	k, v, _ = ev.Named("DTEND")
	if v != "20180926T114500" || !icsInstant(t, cal, k, v).Equal(time.Date(2018, 9, 26, 15, 45, 0, 0, time.UTC)) {
		t.Errorf("DTEND %s:%s", k, v)
	}
	// The VTIMEZONE covers 2018 as New York kept it.
	var onsets []string
	for _, z := range cal.subs("VTIMEZONE") {
		for _, o := range z.Subs {
			s, _ := o.Prop("DTSTART")
			to, _ := o.Prop("TZOFFSETTO")
			onsets = append(onsets, o.Name+" "+s+" "+to)
		}
	}
	if want := []string{"STANDARD 20171105T020000 -0500", "DAYLIGHT 20180311T020000 -0400", "STANDARD 20181104T020000 -0500"}; !slices.Equal(onsets, want) {
		t.Errorf("VTIMEZONE %v, want %v", onsets, want)
	}
}

func TestUnknownOrMalformedEventFilesAreNotFound(t *testing.T) {
	app, pool := seededApp(t)
	app.site.Now = func() time.Time { return calendarNow }
	h := app.Handler()
	var webinar2022 int64
	if err := pool.QueryRow(context.Background(), `SELECT id FROM sswweek_events WHERE year = 2022`).Scan(&webinar2022); err != nil {
		t.Fatal(err)
	}
	huge := strings.Repeat("9", 40)
	for _, path := range []string{
		"/sswweek/2013.ics",  // no such edition (the first was in 2014)
		"/sswweek/2014.ics",  // only the month is known: no days to add
		"/sswweek/1999.ics",  // outside the editions' years
		"/sswweek/02018.ics", // not how a year is written
		"/sswweek/" + huge + ".ics",
		"/sswweek/-2018.ics",
		"/es/sswweek/2999.ics",
		"/sswweek/2018/event-0.ics",
		"/sswweek/2018/event-.ics",
		"/sswweek/2018/event-abc.ics",
		"/sswweek/2018/event-" + huge + ".ics",
		"/sswweek/2018/event-9223372036854775807.ics",
		"/sswweek/2018/event-" + strconv.FormatInt(webinar2022, 10) + ".ics", // another edition's event
		"/sswweek/2017/event-1.ics",
		"/events/world-social-work-day-2026-03-18.ics",   // not a day it falls on
		"/events/world-social-work-day-2026-02-30.ics",   // no such date
		"/events/world-social-work-day-2026-3-17.ics",    // not how a date is written
		"/events/world-social-work-day-2099-03-17.ics",   // beyond what the calendar shows
		"/events/world-social-work-day-1990-03-20.ics",   // before it
		"/events/no-such-day-2026-03-17.ics",             // no such event
		"/events/alliance-symposium-2018-2019-05-08.ics", // a one-off, another year
		"/events/sswweek-2018.ics",                       // an edition has its own address
		"/events/2026-03-17.ics",
		"/events/-2026-03-17.ics",
		"/events/.ics",
		"/events/x.ics",
		"/events/world-social-work-day-" + huge + ".ics",
		"/events/" + strings.Repeat("a-", 300) + "2026-03-17.ics",
		"/es/events/world-social-work-day-2026-03-18.ics",
	} {
		res := get(t, h, "GET", path, nil)
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, res.StatusCode)
		}
	}
	// Bytes that are not text are refused before any handler (400).
	for _, path := range []string{"/events/%FF%FE-2026-03-17.ics", "/sswweek/2018/event-%00.ics", "/sswweek/%C3%28.ics"} {
		if res := get(t, h, "GET", path, nil); res.StatusCode != http.StatusBadRequest {
			t.Errorf("GET %s = %d, want 400", path, res.StatusCode)
		}
	}
}

// addToCalendarLinks is the "Add to calendar" links in s by href.
func addToCalendarLinks(s *goquery.Selection) map[string]string {
	out := map[string]string{}
	s.Find(`a[data-testid=add-to-calendar]`).Each(func(_ int, a *goquery.Selection) {
		out[a.AttrOr("href", "")] = strings.Join(strings.Fields(a.Text()), " ")
	})
	return out
}

func TestEveryEventListedHasItsAddToCalendarLink(t *testing.T) {
	app, pool := seededApp(t)
	app.site.Now = func() time.Time { return calendarNow }
	h := app.Handler()
	var chat int64
	if err := pool.QueryRow(context.Background(), `SELECT id FROM sswweek_events WHERE year = 2018 AND kind = 'chat'`).Scan(&chat); err != nil {
		t.Fatal(err)
	}
	chatPath := "/sswweek/2018/event-" + strconv.FormatInt(chat, 10) + ".ics"

	// The edition's page: the week and each webinar and chat.
	doc := parse(t, get(t, h, "GET", "/sswweek/2018", nil))
	if got := addToCalendarLinks(doc.Find(`.page-head`)); got["/sswweek/2018.ics"] != "Add to calendar: Social Service Workforce Week 2018, 24–28 September 2018" {
		t.Errorf("the week's link: %v", got)
	}
	doc.Find(`[data-testid=event]`).Each(func(_ int, card *goquery.Selection) {
		links := addToCalendarLinks(card)
		id := strings.TrimPrefix(card.AttrOr("id", ""), "event-")
		name := links["/sswweek/2018/event-"+id+".ics"]
		title := strings.Join(strings.Fields(card.Find(`[data-testid=event-title]`).Text()), " ")
		if len(links) != 1 || !strings.HasPrefix(name, "Add to calendar: "+title+", ") {
			t.Errorf("event %s: links %v, want one naming %q", id, links, title)
		}
	})
	if got := addToCalendarLinks(doc.Find(`#event-` + strconv.FormatInt(chat, 10))); got[chatPath] !=
		"Add to calendar: Twitter chat: a stronger workforce to protect children and reach the SDGs, Tuesday 25 September 2018, 9:00–10:00 am EDT" {
		t.Errorf("chat's link: %v", got)
	}
	// Every link downloads a file.
	for href := range addToCalendarLinks(doc.Selection) {
		if res := get(t, h, "GET", href, nil); res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "text/calendar; charset=utf-8" {
			t.Errorf("%s = %d %s", href, res.StatusCode, res.Header.Get("Content-Type"))
		}
	}

	// In Spanish, the Spanish files.
	doc = parse(t, get(t, h, "GET", "/es/sswweek/2018", nil))
	es := addToCalendarLinks(doc.Selection)
	if !strings.HasPrefix(es["/es"+chatPath], "Añadir al calendario: Conversación en Twitter") || es["/es/sswweek/2018.ics"] == "" {
		t.Errorf("Spanish links %v", es)
	}

	// The calendar: every entry with days has its own file.
	doc = parse(t, get(t, h, "GET", "/events", nil))
	entries := doc.Find(`[data-testid=calendar-entry]`)
	if entries.Length() < 10 {
		t.Fatalf("only %d entries", entries.Length())
	}
	entries.Each(func(_ int, e *goquery.Selection) {
		links := addToCalendarLinks(e)
		title := strings.Join(strings.Fields(e.Find(`[data-testid=calendar-title]`).Text()), " ")
		if len(links) != 1 {
			t.Errorf("entry %s: %d links", e.AttrOr("id", ""), len(links))
		}
		for href, name := range links {
			if e.AttrOr("data-kind", "") != "sswweek" && e.AttrOr("data-kind", "") != "webinar" && href != "/events/"+e.AttrOr("id", "")+".ics" {
				t.Errorf("entry %s links %s", e.AttrOr("id", ""), href)
			}
			if !strings.HasPrefix(name, "Add to calendar: "+title+", ") {
				t.Errorf("entry %s: accessible name %q does not say which", e.AttrOr("id", ""), name)
			}
		}
	})
	wswd := addToCalendarLinks(doc.Find(`#world-social-work-day-2026-03-17`))
	if wswd["/events/world-social-work-day-2026-03-17.ics"] != "Add to calendar: World Social Work Day, Tuesday 17 March 2026" {
		t.Errorf("WSWD link %v", wswd)
	}
	// The same day a year apart: two links, two names.
	if last := addToCalendarLinks(doc.Find(`#world-social-work-day-2025-03-18`)); last["/events/world-social-work-day-2025-03-18.ics"] != "Add to calendar: World Social Work Day, Tuesday 18 March 2025" {
		t.Errorf("WSWD 2025 link %v", last)
	}
	for href := range addToCalendarLinks(doc.Selection) {
		if res := get(t, h, "GET", href, nil); res.StatusCode != http.StatusOK {
			t.Errorf("%s = %d", href, res.StatusCode)
		}
	}
	// A year's page, and an edition only the month of which is known.
	doc = parse(t, get(t, h, "GET", "/events?year=2014", nil))
	if doc.Find(`#sswweek-2014`).Length() != 1 || len(addToCalendarLinks(doc.Find(`#sswweek-2014`))) != 0 {
		t.Error("the 2014 week, of which only the month is known, offers a file or is missing")
	}
	if sym := doc.Find(`[data-kind=alliance]`); sym.Length() != 1 || len(addToCalendarLinks(sym)) != 1 {
		t.Error("the 2014 symposium has no link")
	}
	es = addToCalendarLinks(parse(t, get(t, h, "GET", "/es/events", nil)).Selection)
	if es["/es/events/world-social-work-day-2026-03-17.ics"] != "Añadir al calendario: Día Mundial del Trabajo Social, martes 17 de marzo de 2026" {
		t.Errorf("Spanish calendar link: %q", es["/es/events/world-social-work-day-2026-03-17.ics"])
	}

	// The home page's coming dates, and the editions' list.
	home := addToCalendarLinks(parse(t, get(t, h, "GET", "/", nil)).Find(`[data-testid=upcoming]`))
	if home["/events/world-social-work-day-2026-03-17.ics"] == "" {
		t.Errorf("home page's coming dates: %v", home)
	}
	// Inside an entry shown in English on a Spanish page, the link says it
	// is Spanish.
	foreign := 0
	parse(t, get(t, h, "GET", "/es/sswweek", nil)).Find(`[data-testid=edition][lang=en] a[data-testid=add-to-calendar]`).Each(func(_ int, a *goquery.Selection) {
		foreign++
		if a.AttrOr("lang", "") != "es" || !strings.HasPrefix(strings.Join(strings.Fields(a.Text()), " "), "Añadir al calendario: ") {
			t.Errorf("link in an English edition card: lang %q, %q", a.AttrOr("lang", ""), a.Text())
		}
	})
	if foreign == 0 {
		t.Error("no English-only edition with a link on /es/sswweek: the check saw nothing")
	}
	archive := parse(t, get(t, h, "GET", "/sswweek", nil))
	if addToCalendarLinks(archive.Find(`[data-testid=edition][data-year="2018"]`))["/sswweek/2018.ics"] == "" ||
		len(addToCalendarLinks(archive.Find(`[data-testid=edition][data-year="2014"]`))) != 0 {
		t.Error("the editions' list: 2018 wants a link, 2014 (month only) none")
	}
}
