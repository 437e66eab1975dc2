package public

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/sswalliance/advocacy/internal/calendar"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/public"
)

// The "Add to calendar" downloads: one iCalendar file (RFC 5545) per
// event, each one VCALENDAR holding exactly one VEVENT, in the path's
// language. A yearly observance's file is one occurrence, the one listed
// beside the link, not a rule: each year has its own theme and page, and
// a single dated event is what every calendar app imports the same way
// (RRULEs with a fifth weekday or 29 February do not). The UIDs are those
// of the whole-calendar feed, so a calendar holding both keeps one copy.

// editionEventUID is the UID of an SSWWeek event: by its id, so that a
// change of time moves the event in calendars rather than adding one.
func editionEventUID(id int64, host string) string {
	return "sswweek-event-" + strconv.FormatInt(id, 10) + "@" + host
}

func calendarProdID(l i18n.Lang) string {
	return "-//Global Social Service Workforce Alliance//Advocacy calendar//" + strings.ToUpper(string(l))
}

// EditionFile serves /sswweek/{year}.ics: the week as one all-day event.
// An edition of which only the month is known has no file (no days to
// put in a calendar), as in the feed.
func (a *Handlers) EditionFile(w http.ResponseWriter, r *http.Request) error {
	ctx, l := r.Context(), web.Lang(r)
	year, err := editionYear(r)
	if err != nil {
		return err
	}
	ed, err := a.store.Edition(ctx, year, l)
	if err != nil {
		return err
	}
	if ed.MonthOnly() {
		return fmt.Errorf("edition %d has no days: %w", year, store.ErrNotFound)
	}
	base, y := a.cfg.BaseURL.String(), strconv.Itoa(year)
	page := base + l.Path("/sswweek/"+y)
	var desc []string
	desc = append(desc, l.T("sswweek.theme")+": "+ed.Theme)
	if s := strings.TrimSpace(ed.Summary); s != "" {
		desc = append(desc, s)
	}
	if ed.Hashtag != "" {
		desc = append(desc, strings.ReplaceAll(l.T("ics.hashtag"), "{hashtag}", ed.Hashtag))
	}
	desc = append(desc, strings.ReplaceAll(l.T("ics.details"), "{url}", page))
	return a.serveEventFile(w, l, "sswweek-"+y+".ics", calendar.Event{
		UID:    "sswweek-" + y + "@" + a.cfg.BaseURL.Hostname(),
		Stamp:  a.now(),
		AllDay: true, Start: calendar.DayOf(ed.StartsOn), End: calendar.DayOf(ed.EndsOn),
		Summary:     strings.ReplaceAll(l.T("calendar.sswweek_title"), "{year}", y),
		Description: strings.Join(desc, "\n\n"),
		URL:         page,
		Categories:  []string{l.T("calendar.kind.sswweek")},
	})
}

// EditionEventFile serves /sswweek/{year}/event-{id}.ics: a webinar or
// chat at its time, in the edition's zone, with the link to join.
func (a *Handlers) EditionEventFile(w http.ResponseWriter, r *http.Request) error {
	ctx, l := r.Context(), web.Lang(r)
	year, err := editionYear(r)
	if err != nil {
		return err
	}
	id, ok := web.RowID(chi.URLParam(r, "id"))
	if !ok {
		return fmt.Errorf("edition event %q: %w", chi.URLParam(r, "id"), store.ErrNotFound)
	}
	ed, err := a.store.Edition(ctx, year, l)
	if err != nil {
		return err
	}
	events, err := a.store.EditionEvents(ctx, year, l)
	if err != nil {
		return err
	}
	var ev *store.EditionEvent
	for i := range events {
		if events[i].ID == id {
			ev = &events[i]
		}
	}
	if ev == nil {
		return fmt.Errorf("event %d of edition %d: %w", id, year, store.ErrNotFound)
	}
	zone, err := time.LoadLocation(ed.TimeZone)
	if err != nil {
		return fmt.Errorf("edition %d: time zone: %w", year, err)
	}

	base := a.cfg.BaseURL.String()
	page := base + l.Path("/sswweek/"+strconv.Itoa(year)) + "#event-" + strconv.FormatInt(id, 10)
	var desc []string
	if s := strings.TrimSpace(ev.Description); s != "" {
		desc = append(desc, strings.ReplaceAll(s, "](/", "]("+base+"/"))
	}
	if ev.Hosts != "" {
		desc = append(desc, strings.ReplaceAll(l.T("calendar.hosts"), "{hosts}", ev.Hosts))
	}
	hashtag := ev.Hashtag
	if hashtag == "" && ev.Kind == "chat" {
		hashtag = ed.Hashtag
	}
	if hashtag != "" {
		desc = append(desc, strings.ReplaceAll(l.T("ics.hashtag"), "{hashtag}", hashtag))
	}
	if len(ev.Questions) > 0 {
		qs := []string{l.T("ics.questions") + ":"}
		for _, q := range ev.Questions {
			qs = append(qs, strings.ReplaceAll(l.T("ics.question"), "{n}", strconv.Itoa(q.Number))+" "+q.Question)
		}
		desc = append(desc, strings.Join(qs, "\n"))
	}
	if ev.URL != "" {
		desc = append(desc, strings.ReplaceAll(l.T("ics.join"), "{url}", ev.URL))
	}
	desc = append(desc,
		strings.NewReplacer("{zone}", public.SSWWeekZoneCity(l, zone), "{tz}", zone.String()).Replace(l.T("ics.zone")),
		strings.ReplaceAll(l.T("ics.details"), "{url}", page))

	// Where to be: the link to join, else (a chat) the network and its
	// hashtag.
	location := ev.URL
	if location == "" && ev.Kind == "chat" && hashtag != "" {
		location = strings.ReplaceAll(l.T("ics.chat_location"), "{hashtag}", hashtag)
	}
	return a.serveEventFile(w, l, "sswweek-"+strconv.Itoa(year)+"-"+ev.Kind+"-"+strconv.FormatInt(id, 10)+".ics", calendar.Event{
		UID:   editionEventUID(id, a.cfg.BaseURL.Hostname()),
		Stamp: a.now(),
		Start: ev.StartsAt, End: ev.EndsAt, Zone: zone,
		Summary:     ev.Title,
		Description: strings.Join(desc, "\n\n"),
		URL:         page,
		Location:    location,
		Categories:  []string{l.T("sswweek.kind." + ev.Kind)},
	})
}

// CalendarEntryFile serves /events/{entry}.ics, where entry is an
// occurrence's anchor on /events: the event's slug and the day it starts
// (world-social-work-day-2026-03-17). Only occurrences the calendar can
// show have a file: from the year before its first year (an occurrence
// running into the first year is listed there) to two years ahead (the
// feed's reach), so the addresses are bounded.
func (a *Handlers) CalendarEntryFile(w http.ResponseWriter, r *http.Request) error {
	ctx, l := r.Context(), web.Lang(r)
	key := chi.URLParam(r, "entry")
	notFound := fmt.Errorf("calendar entry %q: %w", key, store.ErrNotFound)
	const dateLen = len("-2006-01-02")
	if len(key) <= dateLen || len(key) > 200 || key[len(key)-dateLen] != '-' {
		return notFound
	}
	day, err := time.Parse(time.DateOnly, key[len(key)-dateLen+1:])
	if err != nil {
		return notFound
	}
	first, err := a.store.CalendarFirstYear(ctx)
	if err != nil {
		return err
	}
	today := a.calendarToday()
	lo := today.Year() - 1
	if first != 0 && first < lo {
		lo = first
	}
	if day.Before(calendar.Day(lo-1, 1, 1)) || day.After(today.AddDate(2, 0, 0)) {
		return notFound
	}
	entries, err := a.calendarEntries(ctx, l, day, day)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.File == public.CalendarEntryFilePath(key) && e.Start.Equal(day) {
			return a.serveEventFile(w, l, key+".ics", a.calendarEvent(l, e, a.now()))
		}
	}
	return notFound
}

// calendarEvent is an entry of the calendar as a VEVENT, the same in the
// feed and in the entry's own file. Its times are in UTC: the feed spans
// years and zones, and a webinar's own file (EditionEventFile) is the one
// in its organiser's zone.
func (a *Handlers) calendarEvent(l i18n.Lang, e public.CalendarEntry, stamp time.Time) calendar.Event {
	base := a.cfg.BaseURL.String()
	uid := e.UID
	if uid == "" {
		uid = e.Anchor
	}
	page := base + l.Path("/events") + "?year=" + strconv.Itoa(e.Start.Year()) + "#" + e.Anchor
	ev := calendar.Event{
		UID:        uid + "@" + a.cfg.BaseURL.Hostname(),
		Stamp:      stamp,
		AllDay:     !e.Timed,
		Start:      e.Start,
		End:        e.End,
		Summary:    e.Title,
		URL:        page,
		Categories: []string{l.T("calendar.kind." + e.Kind)},
	}
	link := ""
	switch {
	case e.URL != "" && e.Timed:
		// A webinar's link is where to join it.
		ev.Location = e.URL
		link = strings.ReplaceAll(l.T("ics.join"), "{url}", e.URL)
	case e.URL != "":
		link = strings.ReplaceAll(l.T("ics.more"), "{url}", e.URL)
	}
	ev.Description = joinParagraphs(calendarFeedText(l, e, base), link, strings.ReplaceAll(l.T("ics.details"), "{url}", page))
	return ev
}

// joinParagraphs joins the non-empty texts with a blank line.
func joinParagraphs(texts ...string) string {
	var out []string
	for _, t := range texts {
		if t != "" {
			out = append(out, t)
		}
	}
	return strings.Join(out, "\n\n")
}

// serveEventFile writes one event as its own calendar file, to download.
func (a *Handlers) serveEventFile(w http.ResponseWriter, l i18n.Lang, name string, e calendar.Event) error {
	e.Stamp = e.Stamp.UTC().Truncate(time.Second)
	var buf bytes.Buffer
	if _, err := (calendar.Feed{ProdID: calendarProdID(l), Events: []calendar.Event{e}}).WriteTo(&buf); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "text/calendar; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	_, err := w.Write(buf.Bytes())
	return err
}
