package app

import (
	"context"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
)

// calendarNow is the fixed clock of the calendar tests: early 2026, before
// World Social Work Day.
var calendarNow = time.Date(2026, 2, 1, 12, 0, 0, 0, time.UTC)

// calendarApp is the seeded app at calendarNow, with an SSWWeek edition and
// its webinar in the coming months (inserted here, so the test does not
// depend on which editions the demo content holds).
func calendarApp(t *testing.T) http.Handler {
	t.Helper()
	app, pool := seededApp(t)
	app.site.Now = func() time.Time { return calendarNow }
	_, err := pool.Exec(context.Background(), `
		DELETE FROM sswweek_editions WHERE year = 2026 OR ordinal = 13;
		INSERT INTO sswweek_editions (year, ordinal, starts_on, ends_on, time_zone)
			VALUES (2026, 13, '2026-10-19', '2026-10-23', 'America/New_York');
		INSERT INTO sswweek_edition_texts (year, lang, theme, summary) VALUES
			(2026, 'en', 'Workers who stay: retention and wellbeing', 'Five days on keeping experienced workers in post.');
		INSERT INTO sswweek_events (year, kind, starts_at, ends_at, hosts)
			VALUES (2026, 'webinar', '2026-10-21 12:00Z', '2026-10-21 13:00Z', '@SSWAlliance');
		INSERT INTO sswweek_event_texts (event_id, lang, title, description)
			SELECT id, 'en', 'Webinar: supervision that keeps workers', 'A panel on *supportive* supervision.'
			FROM sswweek_events WHERE year = 2026;
		INSERT INTO sswweek_event_texts (event_id, lang, title, description)
			SELECT id, 'es', 'Seminario web: una supervisión que retiene al personal', 'Un panel sobre la supervisión.'
			FROM sswweek_events WHERE year = 2026;`)
	if err != nil {
		t.Fatal(err)
	}
	return app.Handler()
}

// calendarEntry finds the entry with id in doc.
func calendarEntry(t *testing.T, doc *goquery.Document, id string) *goquery.Selection {
	t.Helper()
	s := doc.Find(`[data-testid=calendar-entry][id="` + id + `"]`)
	if s.Length() != 1 {
		t.Fatalf("entry #%s: found %d", id, s.Length())
	}
	return s
}

func calendarText(s *goquery.Selection) string { return strings.Join(strings.Fields(s.Text()), " ") }

func TestCalendarComingUpAndRecently(t *testing.T) {
	h := calendarApp(t)
	res := get(t, h, "GET", "/events", nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /events = %d", res.StatusCode)
	}
	doc := parse(t, res)
	if got := doc.Find(`[data-testid=page-title]`).Text(); got != "Advocacy calendar" {
		t.Errorf("h1 = %q", got)
	}
	if doc.Find("h1").Length() != 1 {
		t.Error("want exactly one h1")
	}
	coming := doc.Find(`[data-testid=coming-up]`)
	wswd := coming.Find(`#world-social-work-day-2026-03-17`)
	if wswd.Length() != 1 {
		t.Fatal("World Social Work Day 2026 is not under Coming up")
	}
	if got := calendarText(wswd.Find(`[data-testid=calendar-date]`)); got != "Tuesday 17 March 2026" {
		t.Errorf("date %q", got)
	}
	if got := wswd.Find(`time`).AttrOr("datetime", ""); got != "2026-03-17" {
		t.Errorf("datetime %q", got)
	}
	if got := calendarText(wswd.Find(`[data-testid=calendar-theme]`)); got != "Theme 2026: Harambee" {
		t.Errorf("theme %q", got)
	}
	if got := calendarText(wswd.Find(`[data-testid=calendar-kind]`)); got != "Observance" {
		t.Errorf("kind %q", got)
	}
	if wswd.Find(`[data-testid=calendar-actions] li`).Length() < 2 {
		t.Error("suggested actions not rendered from Markdown")
	}
	if wswd.Find(`a[href="https://www.ifsw.org/"]`).Length() != 1 {
		t.Error("no link to more about the day")
	}

	// Coming up: soonest first, nothing over, nothing beyond twelve months.
	var starts []string
	coming.Find(`[data-testid=calendar-entry] time`).Each(func(_ int, s *goquery.Selection) {
		starts = append(starts, s.AttrOr("datetime", "")[:10])
	})
	if !slices.IsSorted(starts) || len(starts) < 10 {
		t.Errorf("coming up not soonest first, or too few: %v", starts)
	}
	if starts[0] < "2026-02-01" || starts[len(starts)-1] >= "2027-02-01" {
		t.Errorf("coming up outside the next twelve months: %v", starts)
	}
	if starts[len(starts)-1] != "2026-12-10" {
		t.Errorf("last coming up is %s, want Human Rights Day 2026-12-10", starts[len(starts)-1])
	}
	// The week with dates that vary says so, and shows its range.
	cycw := calendarEntry(t, doc, "child-and-youth-care-worker-week-2026-05-04")
	if got := calendarText(cycw.Find(`[data-testid=calendar-date]`)); got != "4–10 May 2026" {
		t.Errorf("CYCW week %q", got)
	}
	if !strings.Contains(calendarText(cycw.Find(`[data-testid=calendar-summary]`)), "choose their own dates") {
		t.Error("CYCW week does not say its dates vary")
	}

	// SSWWeek and its webinar, in the edition's zone with the zone named.
	edition := calendarEntry(t, doc, "sswweek-2026")
	if got := calendarText(edition.Find(`[data-testid=calendar-date]`)); got != "19–23 October 2026" {
		t.Errorf("SSWWeek dates %q", got)
	}
	if got := calendarText(edition.Find(`[data-testid=calendar-theme]`)); got != "Theme 2026: Workers who stay: retention and wellbeing" {
		t.Errorf("SSWWeek theme %q", got)
	}
	if edition.Find(`a[href="/sswweek/2026"]`).Length() != 1 {
		t.Error("SSWWeek entry does not link to its edition")
	}
	webinar := calendarEntry(t, doc, "sswweek-webinar-2026-10-21-1200")
	if got := calendarText(webinar.Find(`[data-testid=calendar-date]`)); got != "Wednesday 21 October 2026, 8:00 am–9:00 am EDT" {
		t.Errorf("webinar time %q", got)
	}
	if got := webinar.Find(`time`).AttrOr("datetime", ""); got != "2026-10-21T12:00:00Z" {
		t.Errorf("webinar datetime %q", got)
	}
	if !strings.Contains(webinar.Text(), "America/New_York") || webinar.Find(`.cal-details em`).Length() != 1 {
		t.Errorf("webinar zone or description missing: %q", calendarText(webinar))
	}

	// Recently: the past twelve months, newest first.
	var past []string
	doc.Find(`[data-testid=recently] [data-testid=calendar-entry] time`).Each(func(_ int, s *goquery.Selection) {
		past = append(past, s.AttrOr("datetime", ""))
	})
	if len(past) < 5 || past[0] != "2025-12-10" || !slices.IsSortedFunc(past, func(a, b string) int { return strings.Compare(b, a) }) {
		t.Errorf("recently: %v", past)
	}
	if past[len(past)-1] < "2025-02-01" {
		t.Errorf("recently reaches back over a year: %v", past)
	}
	if doc.Find(`[data-testid=recently] #world-social-work-day-2025-03-18`).Length() != 1 {
		t.Error("WSWD 2025 is not under Recently")
	}

	// Ids are unique; the feed and the years are offered.
	seen := map[string]bool{}
	doc.Find(`[id]`).Each(func(_ int, s *goquery.Selection) {
		id := s.AttrOr("id", "")
		if seen[id] {
			t.Errorf("duplicate id %q", id)
		}
		seen[id] = true
	})
	if got := doc.Find(`[data-testid=calendar-download]`).AttrOr("href", ""); got != "/events.ics" {
		t.Errorf("download link %q", got)
	}
	if got := doc.Find(`[data-testid=calendar-webcal]`).AttrOr("href", ""); got != "webcal://localhost:8080/events.ics" {
		t.Errorf("subscribe link %q", got)
	}
	var years []string
	doc.Find(`[data-testid=calendar-years] a`).Each(func(_ int, s *goquery.Selection) { years = append(years, s.Text()) })
	if len(years) == 0 || years[0] != "2014" || years[len(years)-1] != "2027" || !slices.Contains(years, "2021") {
		t.Errorf("years %v", years)
	}
	// Untranslated parts would be English; this page is English throughout.
	if doc.Find(`[data-testid=fallback-note]`).Length() != 0 || doc.Find(`main [lang]`).Length() != 0 {
		t.Error("English page marks content as another language")
	}
}

func TestCalendarInSpanish(t *testing.T) {
	h := calendarApp(t)
	doc := parse(t, get(t, h, "GET", "/es/events", nil))
	if got := doc.Find(`[data-testid=page-title]`).Text(); got != "Calendario de incidencia" {
		t.Errorf("h1 = %q", got)
	}
	wswd := doc.Find(`[data-testid=coming-up] #world-social-work-day-2026-03-17`)
	if got := calendarText(wswd.Find(`[data-testid=calendar-date]`)); got != "martes 17 de marzo de 2026" {
		t.Errorf("date %q", got)
	}
	if got := calendarText(wswd.Find(`[data-testid=calendar-title]`)); got != "Día Mundial del Trabajo Social" {
		t.Errorf("title %q", got)
	}
	if got := calendarText(wswd.Find(`[data-testid=calendar-theme]`)); got != "Lema 2026: Harambee" {
		t.Errorf("theme %q", got)
	}
	if got := calendarText(wswd.Find(`[data-testid=calendar-kind]`)); got != "Día conmemorativo" {
		t.Errorf("kind %q", got)
	}
	if wswd.Find(`[lang]`).Length() != 0 {
		t.Error("translated entry marked as another language")
	}
	// An untranslated observance is shown in English, marked, with a note.
	labour := calendarEntry(t, doc, "world-day-against-child-labour-2026-06-12")
	if got := labour.Find(`[data-testid=calendar-title]`); got.AttrOr("lang", "") != "en" || calendarText(got) != "World Day Against Child Labour" {
		t.Errorf("untranslated title %q lang=%q", calendarText(got), got.AttrOr("lang", ""))
	}
	if got := calendarText(labour.Find(`[data-testid=calendar-kind]`)); got != "Día de la ONU" {
		t.Errorf("the interface stays Spanish: kind %q", got)
	}
	if got := doc.Find(`[data-testid=fallback-note]`).Text(); !strings.HasPrefix(got, "Algunas partes") {
		t.Errorf("fallback note %q", got)
	}
	// The 2025 theme has no Spanish wording: English, marked.
	doc = parse(t, get(t, h, "GET", "/es/events?year=2025", nil))
	theme := doc.Find(`#world-social-work-day-2025-03-18 [data-testid=calendar-theme] span[lang=en]`)
	if calendarText(theme) != "Strengthening Intergenerational Solidarity for Enduring Wellbeing" {
		t.Errorf("untranslated 2025 theme %q", calendarText(theme))
	}
	webinar := calendarEntry(t, parse(t, get(t, h, "GET", "/es/events", nil)), "sswweek-webinar-2026-10-21-1200")
	if got := calendarText(webinar.Find(`[data-testid=calendar-date]`)); got != "miércoles 21 de octubre de 2026, 08:00–09:00 EDT" {
		t.Errorf("webinar time in Spanish %q", got)
	}
}

func TestCalendarYear(t *testing.T) {
	h := calendarApp(t)
	res := get(t, h, "GET", "/events?year=2021", nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	doc := parse(t, res)
	wswd := calendarEntry(t, doc, "world-social-work-day-2021-03-16")
	if got := calendarText(wswd.Find(`[data-testid=calendar-date]`)); got != "Tuesday 16 March 2021" {
		t.Errorf("date %q", got)
	}
	if got := calendarText(wswd.Find(`[data-testid=calendar-theme]`)); got != "Theme 2021: Ubuntu: I Am Because We Are" {
		t.Errorf("theme %q", got)
	}
	if wswd.ParentsFiltered(`[data-testid=calendar-in-year]`).Length() != 1 {
		t.Error("entry not in the year's list")
	}
	var starts []string
	doc.Find(`[data-testid=calendar-in-year] time`).Each(func(_ int, s *goquery.Selection) {
		starts = append(starts, s.AttrOr("datetime", ""))
	})
	if len(starts) < 9 || !slices.IsSorted(starts) || starts[0] < "2021" || starts[len(starts)-1] > "2021-12-31" {
		t.Errorf("2021 entries %v", starts)
	}
	if got := doc.Find(`[data-testid=page-title]`).Text(); got != "Advocacy calendar 2021" {
		t.Errorf("h1 %q", got)
	}
	if got := doc.Find("title").Text(); !strings.HasPrefix(got, "Advocacy calendar 2021 |") {
		t.Errorf("title %q", got)
	}
	if doc.Find(`nav.breadcrumbs a[href="/events"]`).Length() != 1 {
		t.Error("no breadcrumb back to the calendar")
	}
	if got := doc.Find(`[data-testid=calendar-years] a[aria-current=page]`).Text(); got != "2021" {
		t.Errorf("current year link %q", got)
	}
	if got := doc.Find(`link[rel=canonical]`).AttrOr("href", ""); got != "http://localhost:8080/events?year=2021" {
		t.Errorf("canonical %q", got)
	}
	if got := doc.Find(`[data-testid=lang-switch] a`).AttrOr("href", ""); got != "/es/events?year=2021" {
		t.Errorf("language switch %q", got)
	}
	if doc.Find(`[data-testid=calendar-problem]`).Length() != 0 {
		t.Error("a good year shows a problem")
	}
	// Descriptions differ between the views.
	desc := doc.Find(`meta[name=description]`).AttrOr("content", "")
	if !strings.Contains(desc, "2021") {
		t.Errorf("description %q", desc)
	}

	// 2018: the Alliance symposium where the Call to Action was launched.
	doc = parse(t, get(t, h, "GET", "/events?year=2018", nil))
	sym := calendarEntry(t, doc, "alliance-symposium-2018-2018-05-08")
	if got := calendarText(sym.Find(`[data-testid=calendar-kind]`)); got != "Alliance event" {
		t.Errorf("symposium kind %q", got)
	}
}

func TestCalendarBadYear(t *testing.T) {
	h := calendarApp(t)
	tests := []struct {
		path   string
		status int
		want   string
	}{
		{"/events?year=abc", http.StatusBadRequest, "“abc” is not a year"},
		{"/events?year=20211", http.StatusBadRequest, "“20211” is not a year"},
		{"/events?year=-202", http.StatusBadRequest, "“-202” is not a year"},
		{"/events?year=%2B202", http.StatusBadRequest, "“+202” is not a year"},
		{"/events?year=" + strings.Repeat("9", 100), http.StatusBadRequest, "“99999999999999999999…” is not a year"},
		{"/es/events?year=abc", http.StatusBadRequest, "«abc» no es un año"},
		{"/events?year=1850", http.StatusNotFound, "Choose a year from 2014 to 2027"},
		{"/es/events?year=2999", http.StatusNotFound, "Elija un año entre 2014 y 2027"},
	}
	for _, tt := range tests {
		res := get(t, h, "GET", tt.path, nil)
		if res.StatusCode != tt.status {
			t.Errorf("%s: status %d, want %d", tt.path, res.StatusCode, tt.status)
		}
		doc := parse(t, res)
		if got := calendarText(doc.Find(`[data-testid=calendar-problem]`)); !strings.Contains(got, tt.want) {
			t.Errorf("%s: problem %q, want %q", tt.path, got, tt.want)
		}
		if doc.Find(`meta[name=robots][content=noindex]`).Length() != 1 {
			t.Errorf("%s: a bad address is indexable", tt.path)
		}
		// The page still works: the years to choose from and what is coming up.
		if doc.Find(`[data-testid=calendar-years] a`).Length() == 0 || doc.Find(`[data-testid=coming-up] [data-testid=calendar-entry]`).Length() == 0 {
			t.Errorf("%s: the calendar is missing", tt.path)
		}
	}
	// An empty year is no year: the usual page.
	if res := get(t, h, "GET", "/events?year=", nil); res.StatusCode != http.StatusOK {
		t.Errorf("empty year: %d", res.StatusCode)
	}
}

// icsLine is one unfolded content line: name;params:value (RFC 5545 3.1).
var icsLine = regexp.MustCompile(`^([A-Z][A-Z0-9-]*)((?:;[A-Z][A-Z0-9-]*=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*):(.*)$`)

// icsEvent is a VEVENT's properties, by name with parameters ("DTSTART;VALUE=DATE").
type icsEvent map[string]string

// parseICS checks a feed strictly and returns its calendar properties and
// events: CRLF only, no physical line over 75 octets or splitting a UTF-8
// character, every line a well-formed content line, components properly
// nested, TEXT values escaped, and the properties RFC 5545 requires.
func parseICS(t *testing.T, body string) (map[string]string, []icsEvent) {
	t.Helper()
	if !strings.HasSuffix(body, "\r\n") {
		t.Fatal("feed does not end with CRLF")
	}
	if strings.Contains(strings.ReplaceAll(body, "\r\n", ""), "\n") || strings.Contains(strings.ReplaceAll(body, "\r\n", ""), "\r") {
		t.Fatal("bare LF or CR in the feed: every line must end in CRLF")
	}
	for i, l := range strings.Split(strings.TrimSuffix(body, "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("physical line %d is %d octets", i+1, len(l))
		}
		if !utf8.ValidString(l) {
			t.Errorf("physical line %d splits a UTF-8 character", i+1)
		}
		if l == "" {
			t.Errorf("physical line %d is empty", i+1)
		}
	}
	cal := map[string]string{}
	var events []icsEvent
	var stack []string
	var cur icsEvent
	textProps := map[string]bool{"SUMMARY": true, "DESCRIPTION": true, "X-WR-CALNAME": true, "NAME": true, "PRODID": true, "UID": true}
	badEscape := regexp.MustCompile(`\\[^\\;,nN]|\\$`)
	for _, l := range strings.Split(strings.TrimSuffix(strings.ReplaceAll(body, "\r\n ", ""), "\r\n"), "\r\n") {
		m := icsLine.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("not a content line: %q", l)
		}
		name, params, value := m[1], m[2], m[3]
		switch name {
		case "BEGIN":
			stack = append(stack, value)
			if value == "VEVENT" {
				cur = icsEvent{}
			}
			continue
		case "END":
			if len(stack) == 0 || stack[len(stack)-1] != value {
				t.Fatalf("END:%s does not close %v", value, stack)
			}
			stack = stack[:len(stack)-1]
			if value == "VEVENT" {
				events = append(events, cur)
				cur = nil
			}
			continue
		}
		if textProps[name] {
			if badEscape.MatchString(value) {
				t.Errorf("%s has a bad escape: %q", name, value)
			}
			unescaped := strings.NewReplacer(`\\`, "", `\;`, "", `\,`, "").Replace(value)
			if name != "CATEGORIES" && strings.ContainsAny(unescaped, ";,") {
				t.Errorf("%s has an unescaped ; or ,: %q", name, value)
			}
		}
		key := name + params
		if cur != nil {
			if _, dup := cur[key]; dup {
				t.Errorf("property %s twice in one event", key)
			}
			cur[key] = value
		} else {
			cal[key] = value
		}
	}
	if len(stack) != 0 {
		t.Fatalf("unclosed components %v", stack)
	}
	for _, p := range []string{"VERSION", "PRODID", "CALSCALE", "METHOD", "X-WR-CALNAME"} {
		if cal[p] == "" {
			t.Errorf("calendar has no %s", p)
		}
	}
	uids := map[string]bool{}
	for _, e := range events {
		for _, p := range []string{"UID", "DTSTAMP", "SUMMARY", "URL"} {
			if e[p] == "" {
				t.Errorf("event %v has no %s", e, p)
			}
		}
		if uids[e["UID"]] {
			t.Errorf("UID %s twice", e["UID"])
		}
		uids[e["UID"]] = true
		if !regexp.MustCompile(`^\d{8}T\d{6}Z$`).MatchString(e["DTSTAMP"]) {
			t.Errorf("DTSTAMP not in UTC: %q", e["DTSTAMP"])
		}
		if start, ok := e["DTSTART;VALUE=DATE"]; ok {
			end := e["DTEND;VALUE=DATE"]
			s, err1 := time.Parse("20060102", start)
			en, err2 := time.Parse("20060102", end)
			if err1 != nil || err2 != nil || !en.After(s) {
				t.Errorf("all-day event %s: DTSTART %q DTEND %q (DTEND must be after, exclusive)", e["UID"], start, end)
			}
		} else if !regexp.MustCompile(`^\d{8}T\d{6}Z$`).MatchString(e["DTSTART"]) {
			t.Errorf("event %s: DTSTART %q is neither a date nor UTC", e["UID"], e["DTSTART"])
		}
	}
	return cal, events
}

func TestCalendarFeed(t *testing.T) {
	h := calendarApp(t)
	res := get(t, h, "GET", "/events.ics", nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	if got := res.Header.Get("Content-Type"); got != "text/calendar; charset=utf-8" {
		t.Errorf("Content-Type %q", got)
	}
	if got := res.Header.Get("Content-Disposition"); got != `inline; filename="advocacy-calendar.ics"` {
		t.Errorf("Content-Disposition %q", got)
	}
	body, _ := io.ReadAll(res.Body)
	cal, events := parseICS(t, string(body))
	if cal["VERSION"] != "2.0" || cal["CALSCALE"] != "GREGORIAN" || cal["METHOD"] != "PUBLISH" || cal["X-WR-CALNAME"] != "Social service workforce advocacy calendar" {
		t.Errorf("calendar properties %v", cal)
	}
	byUID := map[string]icsEvent{}
	var wswd []string
	for _, e := range events {
		byUID[e["UID"]] = e
		if strings.HasPrefix(e["UID"], "world-social-work-day-") {
			wswd = append(wswd, e["DTSTART;VALUE=DATE"])
		}
	}
	// From a year back to two years ahead.
	if strings.Join(wswd, " ") != "20250318 20260317 20270316" {
		t.Errorf("World Social Work Days in the feed: %v", wswd)
	}
	e := byUID["world-social-work-day-2026-03-17@localhost"]
	if e == nil {
		t.Fatal("no WSWD 2026 event with a stable UID")
	}
	if e["DTSTART;VALUE=DATE"] != "20260317" || e["DTEND;VALUE=DATE"] != "20260318" {
		t.Errorf("one-day event: %q to %q, want DTEND the next day", e["DTSTART;VALUE=DATE"], e["DTEND;VALUE=DATE"])
	}
	if e["SUMMARY"] != "World Social Work Day" || !strings.HasPrefix(e["DESCRIPTION"], `Theme 2026: Harambee\n\nSocial workers around the world`) {
		t.Errorf("WSWD text: %q / %q", e["SUMMARY"], e["DESCRIPTION"])
	}
	if !strings.Contains(e["DESCRIPTION"], "[key messages](http://localhost:8080/key-messages)") {
		t.Errorf("links to the site are not absolute: %q", e["DESCRIPTION"])
	}
	if e["URL"] != "http://localhost:8080/events?year=2026#world-social-work-day-2026-03-17" {
		t.Errorf("URL %q", e["URL"])
	}
	if e["DTSTAMP"] != "20260201T120000Z" {
		t.Errorf("DTSTAMP %q", e["DTSTAMP"])
	}
	week := byUID["child-and-youth-care-worker-week-2026-05-04@localhost"]
	if week["DTSTART;VALUE=DATE"] != "20260504" || week["DTEND;VALUE=DATE"] != "20260511" {
		t.Errorf("week: %q to %q, want 20260504 to 20260511 (exclusive)", week["DTSTART;VALUE=DATE"], week["DTEND;VALUE=DATE"])
	}
	if !strings.Contains(week["DESCRIPTION"], `residential homes\, schools\, clinics`) {
		t.Errorf("commas not escaped: %q", week["DESCRIPTION"])
	}
	ed := byUID["sswweek-2026@localhost"]
	if ed["DTSTART;VALUE=DATE"] != "20261019" || ed["DTEND;VALUE=DATE"] != "20261024" {
		t.Errorf("SSWWeek 2026: %v", ed)
	}
	// A webinar's UID is by its id, the same as in its own file: a change
	// of time moves it rather than adding another.
	var webinarID string
	for uid := range byUID {
		if strings.HasPrefix(uid, "sswweek-event-") {
			webinarID = uid
		}
	}
	wb := byUID[webinarID]
	if wb["DTSTART"] != "20261021T120000Z" || wb["DTEND"] != "20261021T130000Z" {
		t.Errorf("webinar: %v", wb)
	}
	// Every event's page anchor exists on the page it links to.
	for _, e := range events {
		if !strings.HasPrefix(e["URL"], "http://localhost:8080/events?year=") {
			t.Errorf("URL %q", e["URL"])
		}
	}
	doc := parse(t, get(t, h, "GET", "/events?year=2027", nil))
	if doc.Find(`#world-social-work-day-2027-03-16`).Length() != 1 {
		t.Error("the feed's 2027 link has no anchor on the page")
	}

	// The Spanish feed.
	res = get(t, h, "GET", "/es/events.ics", nil)
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "text/calendar; charset=utf-8" {
		t.Fatalf("Spanish feed: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	body, _ = io.ReadAll(res.Body)
	cal, events = parseICS(t, string(body))
	if cal["X-WR-CALNAME"] != "Calendario de incidencia por la fuerza laboral del servicio social" {
		t.Errorf("Spanish name %q", cal["X-WR-CALNAME"])
	}
	found := false
	for _, e := range events {
		if e["UID"] == "world-social-work-day-2026-03-17@localhost" {
			found = true
			if e["SUMMARY"] != "Día Mundial del Trabajo Social" || e["URL"] != "http://localhost:8080/es/events?year=2026#world-social-work-day-2026-03-17" {
				t.Errorf("Spanish WSWD: %v", e)
			}
		}
	}
	if !found {
		t.Error("no WSWD 2026 in the Spanish feed")
	}
}

func TestCalendarURLs(t *testing.T) {
	app, _ := seededApp(t)
	urls, err := app.public.CalendarURLs(context.Background())
	if err != nil || len(urls) != 1 || urls[0] != "/events" {
		t.Errorf("calendarURLs = %v, %v", urls, err)
	}
	h := app.Handler()
	for _, u := range urls {
		if res := get(t, h, "GET", u, nil); res.StatusCode != http.StatusOK {
			t.Errorf("%s = %d", u, res.StatusCode)
		}
	}
}
