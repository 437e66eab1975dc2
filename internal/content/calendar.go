package content

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sswalliance/advocacy/internal/calendar"
	"github.com/sswalliance/advocacy/internal/i18n"
)

func init() { builtin = append(builtin, CalendarEventKind) }

// CalendarEventKind is an observance or event on the advocacy calendar,
// with the rule that dates it and its theme for each year. Its key is its
// slug.
var CalendarEventKind = &Kind{
	Name: "calendar-event", Label: "Calendar event", Plural: "Calendar events",
	Intro: "The observances, UN days and events on the advocacy calendar and in its feed. Yearly ones come back every year by themselves; Social Service Workforce Week and its webinars are added from their own pages. Spanish fields left empty show the English text.",
	Fields: []Field{
		{Name: "title", Label: "Name", Type: Text, Translated: true, Required: true, MaxLen: 200},
		{Name: "slug", Label: "Short name", Type: Slug, Required: true, MaxLen: 100,
			Hint: "Lowercase words joined by hyphens, such as world-social-work-day, used in links to the event on the calendar. Avoid changing it once published: calendar apps that subscribed to the feed would then show the event twice."},
		{Name: "kind", Label: "Type", Type: Select, Required: true, Options: calendarChoices(calendarKindOptions),
			Hint: "The label the calendar shows next to the name."},
		{Name: "rule", Label: "Schedule", Type: Select, Required: true, Options: calendarChoices(calendarRuleOptions),
			Hint: "Same date every year: fill in the month and day. A weekday of a month: fill in the month, the weekday and which one. Once: fill in the first and last day."},
		{Name: "month", Label: "Month", Type: Select, Options: calendarChoices(calendarMonthOptions()),
			Hint: "For yearly events: the month it falls in."},
		{Name: "day", Label: "Day of the month", Type: Number,
			Hint: "For the same date every year: the day, such as 10 for 10 December."},
		{Name: "weekday", Label: "Weekday", Type: Select, Options: calendarChoices(calendarWeekdayOptions()),
			Hint: "For a weekday of a month: the day of the week, such as Tuesday."},
		{Name: "nth", Label: "Which one in the month", Type: Select, Options: calendarChoices(calendarNthOptions),
			Hint: "For a weekday of a month: Third for the third Tuesday of March, Last for the last Monday of May."},
		{Name: "duration_days", Label: "Length in days", Type: Number,
			Hint: "For yearly events: how many days it lasts each year, 1 to 31, such as 7 for a week. Empty means one day."},
		{Name: "starts_on", Label: "First day", Type: Date,
			Hint: "For an event that happens once: the date it starts, such as 2018-05-07."},
		{Name: "ends_on", Label: "Last day", Type: Date,
			Hint: "For an event that happens once: the date it ends; the same as the first day for a one-day event."},
		{Name: "first_year", Label: "First year", Type: Number,
			Hint: "For yearly events: the first year it was held, such as 2002, so that calendars of earlier years leave it out. Leave empty if that does not matter."},
		{Name: "url", Label: "Web page", Type: URL,
			Hint: "Optional: a page with more about it, starting with https://, such as https://www.ifsw.org/."},
		{Name: "description", Label: "What it is", Type: Textarea, Translated: true, MaxLen: 1000,
			Hint: "One to three sentences, plain text."},
		{Name: "actions", Label: "What advocates can do", Type: Markdown, Translated: true,
			Hint: "Ideas for action, best as a short list: one line per idea, each starting with “- ”."},
		{Name: "themes", Label: "Theme of each year", Type: Lines, Translated: true,
			Hint: "One year per line, the year first and then a colon, such as “2021: Ubuntu: I Am Because We Are”. A year without a theme in this language shows the English one."},
	},
	Title: func(d Doc) string { return d["title.en"] },
	List: func(ctx context.Context, db DB, _ string) ([]Entry, error) {
		rows, _ := db.Query(ctx, `
			SELECT e.slug, t.title, e.rule, e.month, e.day, e.weekday, e.nth, e.duration_days, e.starts_on, e.ends_on
			FROM calendar_events e JOIN calendar_event_texts t ON t.event_id = e.id AND t.lang = 'en'
			ORDER BY lower(t.title), e.id`)
		entries, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (Entry, error) {
			var (
				e Entry
				c calendarColumns
			)
			err := row.Scan(&e.Key, &e.Title, &c.rule, &c.month, &c.day, &c.weekday, &c.nth, &c.days, &c.startsOn, &c.endsOn)
			e.Note = ruleInWords(c.Rule())
			return e, err
		})
		if err != nil {
			return nil, fmt.Errorf("content: list calendar events: %w", err)
		}
		return entries, nil
	},
	Load: loadCalendarEvent,
	Save: saveCalendarEvent,
	Delete: func(ctx context.Context, db DB, key string) error {
		// Texts and themes go with the event (ON DELETE CASCADE).
		if _, err := db.Exec(ctx, `DELETE FROM calendar_events WHERE slug = $1`, key); err != nil {
			return fmt.Errorf("content: delete calendar event %s: %w", key, err)
		}
		return nil
	},
	Check:      checkCalendarEvent,
	PublicPath: func(string, Doc) string { return "/events" },
	New: func(string) Doc {
		return Doc{"kind": "observance", "rule": string(calendar.Fixed), "duration_days": "1"}
	},
}

var calendarKindOptions = []Option{
	{Value: "observance", Label: "Observance (a day or week the sector marks)"},
	{Value: "un-day", Label: "UN day (an international day of the United Nations)"},
	{Value: "alliance", Label: "Alliance event"},
	{Value: "webinar", Label: "Webinar"},
	{Value: "conference", Label: "Conference"},
}

var calendarRuleOptions = []Option{
	{Value: string(calendar.Fixed), Label: "Same date every year"},
	{Value: string(calendar.NthWeekday), Label: "A weekday of a month every year"},
	{Value: string(calendar.Once), Label: "Once"},
}

func calendarMonthOptions() []Option {
	var opts []Option
	for m := time.January; m <= time.December; m++ {
		opts = append(opts, Option{Value: strconv.Itoa(int(m)), Label: m.String()})
	}
	return opts
}

func calendarWeekdayOptions() []Option {
	var opts []Option
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		opts = append(opts, Option{Value: strconv.Itoa(int(wd)), Label: wd.String()})
	}
	return opts
}

// calendarNthOptions are the values of calendar_events.nth; -1 is the
// last. The form adds the choice of none, which yearly rules on a fixed
// date and one-off events use.
var calendarNthOptions = []Option{
	{Value: "1", Label: "First"}, {Value: "2", Label: "Second"}, {Value: "3", Label: "Third"},
	{Value: "4", Label: "Fourth"}, {Value: "5", Label: "Fifth"}, {Value: strconv.Itoa(calendar.Last), Label: "Last"},
}

// calendarChoices serves a fixed list of choices as a field's Options.
func calendarChoices(opts []Option) func(context.Context, DB, Doc) ([]Option, error) {
	return func(context.Context, DB, Doc) ([]Option, error) { return opts, nil }
}

// calendarColumns are the date columns of a calendar_events row as
// scanned, NULLs and all.
type calendarColumns struct {
	rule                                string
	month, day, weekday, nth, firstYear *int64
	days                                int
	startsOn, endsOn                    *time.Time
}

// Rule is the row's rule as the calendar package reads it.
func (c calendarColumns) Rule() calendar.Rule {
	r := calendar.Rule{Kind: calendar.RuleKind(c.rule), Days: c.days}
	num := func(p *int64) int {
		if p == nil {
			return 0
		}
		return int(*p)
	}
	r.Month, r.Day, r.Weekday, r.Nth, r.FirstYear = time.Month(num(c.month)), num(c.day), time.Weekday(num(c.weekday)), num(c.nth), num(c.firstYear)
	if c.startsOn != nil && c.endsOn != nil {
		r.StartsOn, r.EndsOn = calendar.DayOf(*c.startsOn), calendar.DayOf(*c.endsOn)
	}
	return r
}

// ruleInWords says when a rule happens, for the list of events: "Every
// year, third Tuesday of March".
func ruleInWords(r calendar.Rule) string {
	var s string
	switch r.Kind {
	case calendar.Fixed:
		s = fmt.Sprintf("Every year, %d %s", r.Day, r.Month)
	case calendar.NthWeekday:
		which := "last"
		if r.Nth >= 1 && r.Nth <= 5 {
			which = strings.ToLower(calendarNthOptions[r.Nth-1].Label) // "1" is first in the list
		}
		s = fmt.Sprintf("Every year, %s %s of %s", which, r.Weekday, r.Month)
	case calendar.Once:
		return "Once, " + i18n.EN.DateRange(r.StartsOn, r.EndsOn)
	default:
		return string(r.Kind)
	}
	if r.Days > 1 {
		s += fmt.Sprintf(", for %d days", r.Days)
	}
	return s
}

// calendarRuleFields are the doc fields each rule uses. Load fills only
// these, and Save stores only these (the others become NULL), so switching
// an event from one rule to another leaves nothing stale behind.
var calendarRuleFields = map[calendar.RuleKind][]string{
	calendar.Fixed:      {"month", "day", "duration_days", "first_year"},
	calendar.NthWeekday: {"month", "weekday", "nth", "duration_days", "first_year"},
	calendar.Once:       {"starts_on", "ends_on"},
}

func loadCalendarEvent(ctx context.Context, db DB, key string) (Doc, error) {
	var (
		id              int64
		slug, kind, url string
		c               calendarColumns
	)
	err := db.QueryRow(ctx, `
		SELECT id, slug, kind, rule, month, day, weekday, nth, duration_days, starts_on, ends_on, first_year, url
		FROM calendar_events WHERE slug = $1`, key).
		Scan(&id, &slug, &kind, &c.rule, &c.month, &c.day, &c.weekday, &c.nth, &c.days, &c.startsOn, &c.endsOn, &c.firstYear, &url)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("content: load calendar event %s: %w", key, err)
	}
	// Every date field is present, "" where the rule does not use it.
	d := Doc{"slug": slug, "kind": kind, "rule": c.rule, "url": url}
	for _, f := range []string{"month", "day", "weekday", "nth", "duration_days", "starts_on", "ends_on", "first_year"} {
		d[f] = ""
	}
	date := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.Format(time.DateOnly)
	}
	all := map[string]string{
		"month": nullIntText(c.month), "day": nullIntText(c.day), "weekday": nullIntText(c.weekday),
		"nth": nullIntText(c.nth), "duration_days": strconv.Itoa(c.days), "first_year": nullIntText(c.firstYear),
		"starts_on": date(c.startsOn), "ends_on": date(c.endsOn),
	}
	for _, f := range calendarRuleFields[calendar.RuleKind(c.rule)] {
		d[f] = all[f]
	}

	rows, _ := db.Query(ctx, `SELECT lang, title, description, actions FROM calendar_event_texts WHERE event_id = $1`, id)
	var lang, title, description, actions string
	_, err = pgx.ForEachRow(rows, []any{&lang, &title, &description, &actions}, func() error {
		l := i18n.Lang(lang)
		d[Key("title", l)], d[Key("description", l)], d[Key("actions", l)] = title, description, actions
		d[Key("themes", l)] = "" // filled below; present wherever the language's texts are
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("content: load calendar event %s: %w", key, err)
	}

	rows, _ = db.Query(ctx, `SELECT lang, year, theme FROM calendar_event_themes WHERE event_id = $1 ORDER BY lang, year`, id)
	themes := map[i18n.Lang][]string{}
	var (
		year  int
		theme string
	)
	_, err = pgx.ForEachRow(rows, []any{&lang, &year, &theme}, func() error {
		l := i18n.Lang(lang)
		themes[l] = append(themes[l], strconv.Itoa(year)+": "+theme)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("content: load calendar event %s: themes: %w", key, err)
	}
	for l, lines := range themes {
		d[Key("themes", l)] = strings.Join(lines, "\n")
	}
	return d, nil
}

func saveCalendarEvent(ctx context.Context, db DB, key string, d Doc) (string, error) {
	slug := d["slug"]
	r, err := calendarRuleOf(d)
	if err != nil {
		return "", fmt.Errorf("content: save calendar event %s: %w", slug, err)
	}
	themes := map[i18n.Lang]map[int]string{}
	for _, l := range i18n.Langs {
		t, problem := parseThemes(d[Key("themes", l)])
		if problem != "" {
			return "", fmt.Errorf("content: save calendar event %s: %s themes: %s", slug, l, problem)
		}
		themes[l] = t
	}

	args := pgx.NamedArgs{
		"key": key, "slug": slug, "kind": d["kind"], "rule": string(r.Kind), "url": d["url"],
		"month": nil, "day": nil, "weekday": nil, "nth": nil,
		"days": max(r.Days, 1), "starts_on": nil, "ends_on": nil, "first_year": nil,
	}
	switch r.Kind {
	case calendar.Fixed:
		args["month"], args["day"] = int(r.Month), r.Day
	case calendar.NthWeekday:
		args["month"], args["weekday"], args["nth"] = int(r.Month), int(r.Weekday), r.Nth
	case calendar.Once:
		args["starts_on"], args["ends_on"] = r.StartsOn.Format(time.DateOnly), r.EndsOn.Format(time.DateOnly)
	}
	if r.FirstYear != 0 {
		args["first_year"] = r.FirstYear
	}
	var id int64
	if key == "" {
		err = db.QueryRow(ctx, `
			INSERT INTO calendar_events (slug, kind, rule, month, day, weekday, nth, duration_days, starts_on, ends_on, first_year, url)
			VALUES (@slug, @kind, @rule, @month, @day, @weekday, @nth, @days, @starts_on, @ends_on, @first_year, @url)
			RETURNING id`, args).Scan(&id)
	} else {
		err = db.QueryRow(ctx, `
			UPDATE calendar_events SET slug = @slug, kind = @kind, rule = @rule, month = @month, day = @day,
				weekday = @weekday, nth = @nth, duration_days = @days, starts_on = @starts_on,
				ends_on = @ends_on, first_year = @first_year, url = @url
			WHERE slug = @key RETURNING id`, args).Scan(&id)
		if errors.Is(err, pgx.ErrNoRows) {
			err = ErrNotFound
		}
	}
	if err != nil {
		return "", fmt.Errorf("content: save calendar event %s: %w", slug, err)
	}

	for _, l := range i18n.Langs {
		if l != i18n.EN && d[Key("title", l)] == "" {
			// No translation: the event falls back to English.
			if _, err := db.Exec(ctx, `DELETE FROM calendar_event_texts WHERE event_id = $1 AND lang = $2`, id, string(l)); err != nil {
				return "", fmt.Errorf("content: save calendar event %s/%s: %w", l, slug, err)
			}
			continue
		}
		_, err := db.Exec(ctx, `
			INSERT INTO calendar_event_texts (event_id, lang, title, description, actions) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (event_id, lang) DO UPDATE SET title = EXCLUDED.title,
				description = EXCLUDED.description, actions = EXCLUDED.actions`,
			id, string(l), d[Key("title", l)], d[Key("description", l)], d[Key("actions", l)])
		if err != nil {
			return "", fmt.Errorf("content: save calendar event %s/%s: %w", l, slug, err)
		}
	}

	// A year's theme falls back to English on its own, so each language's
	// themes are kept whether or not that language has the other texts.
	if _, err := db.Exec(ctx, `DELETE FROM calendar_event_themes WHERE event_id = $1`, id); err != nil {
		return "", fmt.Errorf("content: save calendar event %s: themes: %w", slug, err)
	}
	for _, l := range i18n.Langs {
		for year, theme := range themes[l] {
			_, err := db.Exec(ctx, `INSERT INTO calendar_event_themes (event_id, year, lang, theme) VALUES ($1, $2, $3, $4)`,
				id, year, string(l), theme)
			if err != nil {
				return "", fmt.Errorf("content: save calendar event %s: theme %d (%s): %w", slug, year, l, err)
			}
		}
	}
	return slug, nil
}

// calendarRuleOf reads the rule from d's date fields, using only the fields
// of d's rule, and validates it.
func calendarRuleOf(d Doc) (calendar.Rule, error) {
	r := calendar.Rule{Kind: calendar.RuleKind(d["rule"])}
	var err error
	num := func(f string) int {
		if d[f] == "" || err != nil {
			return 0
		}
		n, e := strconv.Atoi(strings.TrimSpace(d[f]))
		if e != nil {
			err = fmt.Errorf("%s: %w", f, e)
		}
		return n
	}
	date := func(f string) time.Time {
		if err != nil {
			return time.Time{}
		}
		t, e := time.Parse(time.DateOnly, d[f])
		if e != nil {
			err = fmt.Errorf("%s: %w", f, e)
		}
		return t
	}
	switch r.Kind {
	case calendar.Fixed:
		r.Month, r.Day = time.Month(num("month")), num("day")
	case calendar.NthWeekday:
		r.Month, r.Weekday, r.Nth = time.Month(num("month")), time.Weekday(num("weekday")), num("nth")
	case calendar.Once:
		r.StartsOn, r.EndsOn = date("starts_on"), date("ends_on")
	}
	if r.Kind != calendar.Once {
		r.Days, r.FirstYear = num("duration_days"), num("first_year")
	}
	if err != nil {
		return r, err
	}
	return r, r.Validate()
}

// parseThemes reads a Lines field of themes, "2021: Ubuntu: I Am Because
// We Are" one year per line, skipping blank lines. problem says, for staff,
// what is wrong with the first bad line.
func parseThemes(text string) (themes map[int]string, problem string) {
	themes = map[int]string{}
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		y, theme, ok := strings.Cut(line, ":")
		y, theme = strings.TrimSpace(y), strings.TrimSpace(theme)
		year, err := strconv.Atoi(y)
		switch {
		case !ok || err != nil || len(y) != 4:
			return nil, fmt.Sprintf("Line %d does not start with a year and a colon. Write it like “2021: Ubuntu: I Am Because We Are”.", i+1)
		case theme == "":
			return nil, fmt.Sprintf("Line %d has no theme after %d:. Add the theme, or remove the line.", i+1, year)
		case themes[year] != "":
			return nil, fmt.Sprintf("%d has two themes (line %d). Keep one line per year.", year, i+1)
		}
		themes[year] = theme
	}
	return themes, ""
}

func checkCalendarEvent(ctx context.Context, db DB, key string, d Doc) map[string]string {
	problems := map[string]string{}
	var taken bool
	if err := db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM calendar_events WHERE slug = $1 AND slug <> $2)`,
		d["slug"], key).Scan(&taken); err != nil {
		problems["slug"] = checkUnavailable
	} else if taken {
		problems["slug"] = "Another calendar event already uses this short name. Choose a different one."
	}

	// The table's CHECK constraints, per rule, each on the field to fix.
	need := func(f, message string) bool {
		if strings.TrimSpace(d[f]) == "" {
			problems[f] = message
			return false
		}
		return true
	}
	number := func(f string, lo, hi int, message string) (int, bool) {
		n, err := strconv.Atoi(strings.TrimSpace(d[f]))
		if err != nil || n < lo || n > hi {
			problems[f] = message
			return 0, false
		}
		return n, true
	}
	rule := calendar.RuleKind(d["rule"])
	switch rule {
	case calendar.Fixed, calendar.NthWeekday:
		month, monthOK := 0, need("month", "Choose the month it falls in.")
		if monthOK {
			month, monthOK = number("month", 1, 12, "Choose a month from the list.")
		}
		if rule == calendar.Fixed {
			if need("day", "Write the day of the month, such as 10.") {
				if day, ok := number("day", 1, 31, "Write a day of the month from 1 to 31."); ok && monthOK {
					// February counts 29 days: the 29th then shows in leap years only.
					if most := calendar.Day(2024, time.Month(month)+1, 0).Day(); day > most {
						problems["day"] = fmt.Sprintf("%s has only %d days.", time.Month(month), most)
					}
				}
			}
		} else {
			if need("weekday", "Choose the day of the week.") {
				number("weekday", 0, 6, "Choose a day of the week from the list.")
			}
			if need("nth", "Choose which one in the month: first, second, third, fourth, fifth or last.") {
				if n, ok := number("nth", calendar.Last, 5, "Choose which one in the month from the list."); ok && n == 0 {
					problems["nth"] = "Choose which one in the month from the list."
				}
			}
		}
		if d["duration_days"] != "" {
			number("duration_days", 1, 31, "Write a number of days from 1 to 31, or leave it empty for one day.")
		}
		if d["first_year"] != "" {
			number("first_year", 1900, 2100, "Write the year in four digits, such as 2002, or leave it empty.")
		}
	case calendar.Once:
		starts, okStart := time.Time{}, need("starts_on", "Write the date it starts, such as 2018-05-07.")
		ends, okEnd := time.Time{}, need("ends_on", "Write the date it ends: the same as the first day for a one-day event.")
		var err error
		if okStart {
			if starts, err = time.Parse(time.DateOnly, d["starts_on"]); err != nil {
				problems["starts_on"], okStart = "Write the date as year-month-day, such as 2018-05-07.", false
			}
		}
		if okEnd {
			if ends, err = time.Parse(time.DateOnly, d["ends_on"]); err != nil {
				problems["ends_on"], okEnd = "Write the date as year-month-day, such as 2018-05-09.", false
			}
		}
		if okStart && okEnd && ends.Before(starts) {
			problems["ends_on"] = "The last day is before the first day."
		}
	default:
		problems["rule"] = "Choose when it happens."
	}

	for _, l := range i18n.Langs {
		if _, problem := parseThemes(d[Key("themes", l)]); problem != "" {
			problems[Key("themes", l)] = problem
		}
	}
	for k, v := range untitledTranslations(d, "title", "description", "actions") {
		problems[k] = v
	}
	return problems
}
