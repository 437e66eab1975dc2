package content

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/sswalliance/advocacy/internal/i18n"
)

func init() { builtin = append(builtin, EditionKind, DayKind, EventKind) }

// editionFields are the form of EditionKind; a variable of its own so the kind's
// functions can read it without referring to the kind itself.
var editionFields = []Field{
	{Name: "year", Label: "Year", Hint: "The year the week takes place, such as 2024. It is also the page's address: /sswweek/2024.", Type: Number, Required: true},
	{Name: "ordinal", Label: "Which week is it?", Hint: "Counting from the first week in 2014: 5 for the fifth week (2018).", Type: Number, Required: true},
	{Name: "starts_on", Label: "First day", Hint: "For example 2018-09-24. When only the month is known, give the month's first day.", Type: Date, Required: true},
	{Name: "ends_on", Label: "Last day", Hint: "For example 2018-09-28. When only the month is known, give the month's last day.", Type: Date, Required: true},
	{Name: "date_precision", Label: "How exact are the dates?", Hint: "Choose “Month only” when the exact days are not on record: the site then shows just the month, such as “April 2014”.", Type: Select, Required: true,
		Options: sswOptions(Option{Value: "day", Label: "Exact days"}, Option{Value: "month", Label: "Month only"})},
	{Name: "time_zone", Label: "Time zone", Hint: "Where the organisers are, as a time zone name such as America/New_York or Africa/Nairobi. Event times are typed and shown in this zone.", Type: Text, Required: true, MaxLen: 64},
	{Name: "hashtag", Label: "Hashtag", Hint: "For example #SSWWeek.", Type: Text, MaxLen: 100},
	{Name: "theme", Label: "Theme", Hint: "The week's theme, shown as its heading.", Type: Text, Translated: true, Required: true, MaxLen: 300},
	{Name: "summary", Label: "Summary", Hint: "Two or three sentences for the list of editions and the top of the page.", Type: Textarea, Translated: true, MaxLen: 1500},
	{Name: "body", Label: "About the week", Hint: "The rest of the page's introduction, before the schedule.", Type: Markdown, Translated: true},
	shareField("the week"),
}

var editionTexts = texts(`INSERT INTO sswweek_edition_texts (year, lang, theme, summary, body, share)`, editionFields)

// EditionKind is one year's Social Service Workforce Week: its dates, theme
// and the text of its page. Its key is the year. Days and events belong to
// it and follow it (through the foreign keys) when its year changes.
var EditionKind = &Kind{
	Name: "edition", Label: "SSWWeek edition", Plural: "SSWWeek editions",
	Intro:  "Each year's Social Service Workforce Week, with its own page under /sswweek. Its days and events are edited on the edition's page.",
	Fields: editionFields,
	Title:  func(d Doc) string { return sswJoin(d["year"], ": ", d["theme.en"]) },
	List: func(ctx context.Context, db DB, _ string) ([]Entry, error) {
		rows, _ := db.Query(ctx, `
			SELECT e.year, t.theme, e.starts_on, e.ends_on, e.date_precision
			FROM sswweek_editions e JOIN sswweek_edition_texts t ON t.year = e.year AND t.lang = 'en'
			ORDER BY e.year DESC`)
		entries, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (Entry, error) {
			var (
				year             int
				theme, precision string
				startsOn, endsOn time.Time
			)
			if err := row.Scan(&year, &theme, &startsOn, &endsOn, &precision); err != nil {
				return Entry{}, err
			}
			note := i18n.EN.DateRange(startsOn, endsOn)
			if precision == "month" {
				note = i18n.EN.Month(startsOn)
			}
			y := strconv.Itoa(year)
			return Entry{Key: y, Title: y + ": " + theme, Note: note}, nil
		})
		if err != nil {
			return nil, fmt.Errorf("content: list editions: %w", err)
		}
		return entries, nil
	},
	Load: func(ctx context.Context, db DB, key string) (Doc, error) {
		year, err := strconv.Atoi(key)
		if err != nil {
			return nil, ErrNotFound
		}
		var (
			ordinal                  int
			startsOn, endsOn         time.Time
			precision, zone, hashtag string
		)
		err = db.QueryRow(ctx, `SELECT ordinal, starts_on, ends_on, date_precision, time_zone, hashtag
			FROM sswweek_editions WHERE year = $1`, year).Scan(&ordinal, &startsOn, &endsOn, &precision, &zone, &hashtag)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil, ErrNotFound
		}
		if err != nil {
			return nil, fmt.Errorf("content: load edition %d: %w", year, err)
		}
		d := Doc{
			"year": key, "ordinal": strconv.Itoa(ordinal),
			"starts_on": startsOn.Format(DateLayout), "ends_on": endsOn.Format(DateLayout),
			"date_precision": precision, "time_zone": zone, "hashtag": hashtag,
		}
		if err := editionTexts.load(ctx, db, year, d); err != nil {
			return nil, fmt.Errorf("content: load edition %d: %w", year, err)
		}
		return d, nil
	},
	Save: func(ctx context.Context, db DB, key string, d Doc) (string, error) {
		year, err := strconv.Atoi(d["year"])
		if err != nil {
			return "", fmt.Errorf("content: save edition %q: year: %w", key, err)
		}
		ordinal, err := strconv.Atoi(d["ordinal"])
		if err != nil {
			return "", fmt.Errorf("content: save edition %d: ordinal: %w", year, err)
		}
		startsOn, err1 := time.Parse(DateLayout, d["starts_on"])
		endsOn, err2 := time.Parse(DateLayout, d["ends_on"])
		if err := errors.Join(err1, err2); err != nil {
			return "", fmt.Errorf("content: save edition %d: dates: %w", year, err)
		}
		args := pgx.NamedArgs{
			"year": year, "ordinal": ordinal, "starts": startsOn, "ends": endsOn,
			"precision": d["date_precision"], "zone": d["time_zone"], "hashtag": d["hashtag"], "key": key,
		}
		if key == "" {
			_, err = db.Exec(ctx, `
				INSERT INTO sswweek_editions (year, ordinal, starts_on, ends_on, date_precision, time_zone, hashtag)
				VALUES (@year, @ordinal, @starts, @ends, @precision, @zone, @hashtag)`, args)
		} else {
			// A new year renames the edition: its texts, days, events and
			// blog posts follow through ON UPDATE CASCADE.
			var tag pgconn.CommandTag
			tag, err = db.Exec(ctx, `
				UPDATE sswweek_editions SET year = @year, ordinal = @ordinal, starts_on = @starts, ends_on = @ends,
					date_precision = @precision, time_zone = @zone, hashtag = @hashtag
				WHERE year::text = @key`, args)
			if err == nil && tag.RowsAffected() == 0 {
				err = ErrNotFound
			}
		}
		if err != nil {
			return "", fmt.Errorf("content: save edition %d: %w", year, err)
		}
		// A language without a theme loses its row: the page falls back to English.
		if err := editionTexts.save(ctx, db, year, d); err != nil {
			return "", fmt.Errorf("content: save edition %d: %w", year, err)
		}
		return strconv.Itoa(year), nil
	},
	Delete: func(ctx context.Context, db DB, key string) error {
		// Days, events and texts go with it; blog posts stay, unlinked.
		tag, err := db.Exec(ctx, `DELETE FROM sswweek_editions WHERE year::text = $1`, key)
		if err != nil {
			return fmt.Errorf("content: delete edition %s: %w", key, err)
		}
		if tag.RowsAffected() == 0 {
			return ErrNotFound
		}
		return nil
	},
	Check: checkEdition,
	PublicPath: func(key string, d Doc) string {
		if d["year"] != "" {
			key = d["year"]
		}
		if key == "" {
			return ""
		}
		return "/sswweek/" + key
	},
	New: func(string) Doc {
		return Doc{"date_precision": "day", "time_zone": "America/New_York", "hashtag": "#SSWWeek"}
	},
}

// checkEdition keeps an edition's dates inside its year and its year and
// ordinal its own.
func checkEdition(ctx context.Context, db DB, key string, d Doc) map[string]string {
	problems := map[string]string{}
	year, yearErr := strconv.Atoi(d["year"])
	if yearErr == nil && (year < 2000 || year > 2100) {
		problems["year"] = "Give a year between 2000 and 2100."
	}
	startsOn, startErr := time.Parse(DateLayout, d["starts_on"])
	endsOn, endErr := time.Parse(DateLayout, d["ends_on"])
	if startErr == nil && endErr == nil && endsOn.Before(startsOn) {
		problems["ends_on"] = "The last day comes before the first day. Check both dates."
	}
	if yearErr == nil && startErr == nil && startsOn.Year() != year {
		problems["starts_on"] = fmt.Sprintf("The week must start in %d, the edition's year.", year)
	}
	if ordinal, err := strconv.Atoi(d["ordinal"]); err == nil && ordinal < 1 {
		problems["ordinal"] = "Give a number from 1 up: 1 for the first week (2014)."
	}
	if zone := d["time_zone"]; zone != "" {
		if _, err := time.LoadLocation(zone); err != nil || zone == "Local" {
			problems["time_zone"] = "This is not a time zone name the site knows. Use a name such as America/New_York, Europe/London or Africa/Nairobi, spelt exactly."
		}
	}
	if h := d["hashtag"]; h != "" && !sswHashtag(h) {
		problems["hashtag"] = "Write one hashtag starting with #, without spaces, such as #SSWWeek."
	}
	if yearErr == nil {
		var taken bool
		err := db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM sswweek_editions WHERE year = $1 AND year::text <> $2)`, year, key).Scan(&taken)
		switch {
		case err != nil:
			problems["year"] = sswCheckFailed
		case taken:
			problems["year"] = fmt.Sprintf("There is already an edition for %d. Choose a different year, or edit that edition instead.", year)
		}
	}
	if ordinal, err := strconv.Atoi(d["ordinal"]); err == nil {
		var other int
		err := db.QueryRow(ctx, `SELECT year FROM sswweek_editions WHERE ordinal = $1 AND year::text <> $2`, ordinal, key).Scan(&other)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
		case err != nil:
			problems["ordinal"] = sswCheckFailed
		default:
			problems["ordinal"] = fmt.Sprintf("The %d edition is already number %d. Check which week this is.", other, ordinal)
		}
	}
	checkShare(problems, d)
	sswSpanishComplete(problems, d, "theme", "theme", "summary", "body", "share")
	return problems
}

// dayFields are the form of DayKind; a variable of its own so the kind's
// functions can read it without referring to the kind itself.
var dayFields = []Field{
	{Name: "number", Label: "Day number", Hint: "1 for the first day of the week, up to 7.", Type: Number, Required: true},
	{Name: "day", Label: "Date", Hint: "For example 2018-09-25.", Type: Date, Required: true},
	{Name: "topic", Label: "Topic", Hint: "The day's topic, shown as its heading.", Type: Text, Translated: true, Required: true, MaxLen: 300},
	{Name: "body", Label: "About the day", Type: Markdown, Translated: true},
	{Name: "resources", Label: "Suggested resources", Hint: "Resources from the library to read that day, one per line, in the order to show them. Write the end of the resource's address: for /resources/mapping-the-workforce write mapping-the-workforce (pasting the whole address works too).", Type: Lines, MaxLen: 5000},
	shareField("the day"),
}

var dayTexts = texts(`INSERT INTO sswweek_day_texts (day_id, lang, topic, body, share)`, dayFields)

// DayKind is one day of an edition's schedule: its topic, text and the
// library resources suggested for it. Its key is the day's id; days are
// listed by their number.
var DayKind = &Kind{
	Name: "day", Label: "Day", Plural: "Days",
	Intro:  "The days of an SSWWeek edition, each with its topic and suggested reading, shown on the edition's page.",
	Parent: "edition", ParentField: "edition",
	Fields: dayFields,
	Title:  func(d Doc) string { return sswJoin(sswDayLabel(d["number"]), ": ", d["topic.en"]) },
	List: func(ctx context.Context, db DB, parent string) ([]Entry, error) {
		rows, _ := db.Query(ctx, `
			SELECT d.id, d.number, d.day, t.topic
			FROM sswweek_days d JOIN sswweek_day_texts t ON t.day_id = d.id AND t.lang = 'en'
			WHERE d.year::text = $1
			ORDER BY d.number`, parent)
		entries, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (Entry, error) {
			var (
				id     int64
				number int
				day    time.Time
				topic  string
			)
			if err := row.Scan(&id, &number, &day, &topic); err != nil {
				return Entry{}, err
			}
			return Entry{
				Key:   strconv.FormatInt(id, 10),
				Title: sswDayLabel(strconv.Itoa(number)) + ": " + topic,
				Note:  i18n.EN.Date(day),
			}, nil
		})
		if err != nil {
			return nil, fmt.Errorf("content: list days of edition %s: %w", parent, err)
		}
		return entries, nil
	},
	Load: func(ctx context.Context, db DB, key string) (Doc, error) {
		id, err := strconv.ParseInt(key, 10, 64)
		if err != nil {
			return nil, ErrNotFound
		}
		var (
			year, number int
			day          time.Time
		)
		err = db.QueryRow(ctx, `SELECT year, number, day FROM sswweek_days WHERE id = $1`, id).Scan(&year, &number, &day)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil, ErrNotFound
		}
		if err != nil {
			return nil, fmt.Errorf("content: load day %d: %w", id, err)
		}
		d := Doc{"edition": strconv.Itoa(year), "number": strconv.Itoa(number), "day": day.Format(DateLayout)}
		if err := dayTexts.load(ctx, db, id, d); err != nil {
			return nil, fmt.Errorf("content: load day %d: %w", id, err)
		}
		rows, _ := db.Query(ctx, `
			SELECT r.slug FROM sswweek_day_resources dr JOIN resources r ON r.id = dr.resource_id
			WHERE dr.day_id = $1 ORDER BY dr.position`, id)
		slugs, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return nil, fmt.Errorf("content: load resources of day %d: %w", id, err)
		}
		d["resources"] = strings.Join(slugs, "\n")
		return d, nil
	},
	Save: func(ctx context.Context, db DB, key string, d Doc) (string, error) {
		number, err1 := strconv.Atoi(d["number"])
		day, err2 := time.Parse(DateLayout, d["day"])
		if err := errors.Join(err1, err2); err != nil {
			return "", fmt.Errorf("content: save day %q: %w", key, err)
		}
		var id int64
		if key == "" {
			err := db.QueryRow(ctx, `INSERT INTO sswweek_days (year, number, day) VALUES ($1::int, $2, $3) RETURNING id`,
				d["edition"], number, day).Scan(&id)
			if err != nil {
				return "", fmt.Errorf("content: new day %d of edition %s: %w", number, d["edition"], err)
			}
		} else {
			var err error
			if id, err = strconv.ParseInt(key, 10, 64); err != nil {
				return "", ErrNotFound
			}
			tag, err := db.Exec(ctx, `UPDATE sswweek_days SET number = $2, day = $3 WHERE id = $1`, id, number, day)
			if err == nil && tag.RowsAffected() == 0 {
				err = ErrNotFound
			}
			if err != nil {
				return "", fmt.Errorf("content: save day %d: %w", id, err)
			}
		}
		// A language without a topic loses its row: the day shows in English.
		if err := dayTexts.save(ctx, db, id, d); err != nil {
			return "", fmt.Errorf("content: save day %d: %w", id, err)
		}
		if _, err := db.Exec(ctx, `DELETE FROM sswweek_day_resources WHERE day_id = $1`, id); err != nil {
			return "", fmt.Errorf("content: save resources of day %d: %w", id, err)
		}
		for i, slug := range sswUnique(dayResourceSlugs(d["resources"])) {
			tag, err := db.Exec(ctx, `
				INSERT INTO sswweek_day_resources (day_id, resource_id, position)
				SELECT $1, id, $3 FROM resources WHERE slug = $2`, id, slug, i+1)
			if err == nil && tag.RowsAffected() == 0 {
				err = fmt.Errorf("no resource %q: %w", slug, ErrNotFound)
			}
			if err != nil {
				return "", fmt.Errorf("content: save resources of day %d: %w", id, err)
			}
		}
		return strconv.FormatInt(id, 10), nil
	},
	Delete: func(ctx context.Context, db DB, key string) error {
		// Its events and blog posts stay with the edition, no longer tied
		// to a day (ON DELETE SET NULL).
		tag, err := db.Exec(ctx, `DELETE FROM sswweek_days WHERE id::text = $1`, key)
		if err != nil {
			return fmt.Errorf("content: delete day %s: %w", key, err)
		}
		if tag.RowsAffected() == 0 {
			return ErrNotFound
		}
		return nil
	},
	Check:      checkEditionDay,
	PublicPath: editionPath,
	New:        func(parent string) Doc { return Doc{"edition": parent} },
}

// checkEditionDay keeps a day's number its own within the edition, its
// date inside the week, and its resources real.
func checkEditionDay(ctx context.Context, db DB, key string, d Doc) map[string]string {
	problems := map[string]string{}
	if number, err := strconv.Atoi(d["number"]); err == nil {
		if number < 1 || number > 7 {
			problems["number"] = "Give a day number from 1 to 7."
		} else {
			var taken bool
			err := db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM sswweek_days WHERE year::text = $1 AND number = $2 AND id::text <> $3)`,
				d["edition"], number, key).Scan(&taken)
			switch {
			case err != nil:
				problems["number"] = sswCheckFailed
			case taken:
				problems["number"] = fmt.Sprintf("This edition already has a Day %d. Choose a different number.", number)
			}
		}
	}
	if day, err := time.Parse(DateLayout, d["day"]); err == nil {
		var startsOn, endsOn time.Time
		err := db.QueryRow(ctx, `SELECT starts_on, ends_on FROM sswweek_editions WHERE year::text = $1`, d["edition"]).Scan(&startsOn, &endsOn)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			problems["day"] = "This day's edition no longer exists."
		case err != nil:
			problems["day"] = sswCheckFailed
		case day.Before(startsOn) || day.After(endsOn):
			problems["day"] = fmt.Sprintf("The date must fall within the week: %s to %s.",
				i18n.EN.Date(startsOn), i18n.EN.Date(endsOn))
		}
	}
	if msg := checkDayResources(ctx, db, dayResourceSlugs(d["resources"])); msg != "" {
		problems["resources"] = msg
	}
	checkShare(problems, d)
	sswSpanishComplete(problems, d, "topic", "topic", "body", "share")
	return problems
}

// checkDayResources explains what is wrong with a day's list of resource
// slugs: repeats, and slugs no resource has. "" when all is well.
func checkDayResources(ctx context.Context, db DB, slugs []string) string {
	if len(slugs) == 0 {
		return ""
	}
	var repeated []string
	for i, s := range slugs {
		if slices.Index(slugs, s) < i && !slices.Contains(repeated, s) {
			repeated = append(repeated, s)
		}
	}
	rows, _ := db.Query(ctx, `SELECT slug FROM resources WHERE slug = ANY($1)`, slugs)
	known, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return sswCheckFailed
	}
	var missing []string
	for _, s := range sswUnique(slugs) {
		if !slices.Contains(known, s) {
			missing = append(missing, s)
		}
	}
	switch {
	case len(missing) == 1:
		return fmt.Sprintf("The library has no resource at /resources/%s. Check the address on the resource's page.", missing[0])
	case len(missing) > 1:
		return fmt.Sprintf("The library has no resources at these addresses: %s. Check each address on the resource's page.", strings.Join(missing, ", "))
	case len(repeated) > 0:
		return fmt.Sprintf("%s is listed more than once. Keep one line for each resource.", strings.Join(repeated, ", "))
	}
	return ""
}

// dayResourceSlugs reads a day's resources field: one resource per line, as
// its slug or as its address pasted from the browser.
func dayResourceSlugs(s string) []string {
	var slugs []string
	for _, line := range sswLines(s) {
		if i := strings.LastIndex(line, "/resources/"); i >= 0 {
			line = line[i+len("/resources/"):]
		}
		line, _, _ = strings.Cut(line, "?")
		line, _, _ = strings.Cut(line, "#")
		if line = strings.Trim(line, "/ "); line != "" {
			slugs = append(slugs, line)
		}
	}
	return slugs
}

// EventKind is a webinar or social media chat held during an edition, with
// a chat's numbered questions. Its key is the event's id. Times are typed in
// the edition's time zone and stored in UTC.
var EventKind = &Kind{
	Name: "event", Label: "Event", Plural: "Events",
	Intro:  "The webinars and social media chats of an SSWWeek edition, shown in time order on the edition's page.",
	Parent: "edition", ParentField: "edition",
	Fields: []Field{
		{Name: "kind", Label: "Kind of event", Type: Select, Required: true,
			Options: sswOptions(Option{Value: "webinar", Label: "Webinar"}, Option{Value: "chat", Label: "Social media chat"})},
		{Name: "day", Label: "Day of the week", Hint: "The day whose topic the event belongs to, if any.", Type: Select, Options: editionDayOptions},
		{Name: "starts_at", Label: "Starts at", Hint: "Date and time in the edition's time zone (set on the edition, usually America/New_York), 24-hour clock: 2018-09-25T09:00 for 9 am.", Type: DateTime, Required: true},
		{Name: "ends_at", Label: "Ends at", Hint: "In the edition's time zone, like the start. Leave empty when the end time is not known.", Type: DateTime},
		{Name: "hosts", Label: "Hosts", Hint: "Organisations or accounts hosting it, separated by commas: @SSWAlliance, @MtotoNews. Accounts starting with @ link to their X profile.", Type: Text, MaxLen: 500},
		{Name: "hashtag", Label: "Hashtag", Hint: "For a chat, the hashtag to follow, such as #SSWWeek.", Type: Text, MaxLen: 100},
		{Name: "url", Label: "Link", Hint: "Where to register, join or watch the recording: a full address starting with https://.", Type: URL, MaxLen: 1000},
		{Name: "title", Label: "Title", Type: Text, Translated: true, Required: true, MaxLen: 300},
		{Name: "description", Label: "Description", Type: Markdown, Translated: true},
		{Name: "questions", Label: "Chat questions", Hint: "For a chat only: one question per line, in the order they are asked. They are numbered Q1, Q2… for you, so do not type the numbers.", Type: Lines, Translated: true},
	},
	Title: func(d Doc) string { return d["title.en"] },
	List: func(ctx context.Context, db DB, parent string) ([]Entry, error) {
		rows, _ := db.Query(ctx, `
			SELECT v.id, t.title, v.kind, v.starts_at, e.time_zone
			FROM sswweek_events v
			JOIN sswweek_editions e ON e.year = v.year
			JOIN sswweek_event_texts t ON t.event_id = v.id AND t.lang = 'en'
			WHERE v.year::text = $1
			ORDER BY v.starts_at, v.id`, parent)
		entries, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (Entry, error) {
			var (
				id                int64
				title, kind, zone string
				startsAt          time.Time
			)
			if err := row.Scan(&id, &title, &kind, &startsAt, &zone); err != nil {
				return Entry{}, err
			}
			if loc, err := time.LoadLocation(zone); err == nil {
				startsAt = startsAt.In(loc)
			}
			label := "Webinar"
			if kind == "chat" {
				label = "Chat"
			}
			return Entry{
				Key:   strconv.FormatInt(id, 10),
				Title: title,
				Note:  label + ", " + i18n.EN.Date(startsAt) + " " + i18n.EN.Time(startsAt) + " " + startsAt.Format("MST"),
			}, nil
		})
		if err != nil {
			return nil, fmt.Errorf("content: list events of edition %s: %w", parent, err)
		}
		return entries, nil
	},
	Load: func(ctx context.Context, db DB, key string) (Doc, error) {
		id, err := strconv.ParseInt(key, 10, 64)
		if err != nil {
			return nil, ErrNotFound
		}
		var (
			year                            int
			day                             *int
			kind, hosts, hashtag, url, zone string
			startsAt                        time.Time
			endsAt                          *time.Time
		)
		err = db.QueryRow(ctx, `
			SELECT v.year, d.number, v.kind, v.starts_at, v.ends_at, v.hosts, v.hashtag, v.url, e.time_zone
			FROM sswweek_events v
			JOIN sswweek_editions e ON e.year = v.year
			LEFT JOIN sswweek_days d ON d.id = v.day_id
			WHERE v.id = $1`, id).Scan(&year, &day, &kind, &startsAt, &endsAt, &hosts, &hashtag, &url, &zone)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil, ErrNotFound
		}
		if err != nil {
			return nil, fmt.Errorf("content: load event %d: %w", id, err)
		}
		loc, err := time.LoadLocation(zone)
		if err != nil {
			return nil, fmt.Errorf("content: load event %d: time zone of edition %d: %w", id, year, err)
		}
		d := Doc{
			"edition": strconv.Itoa(year), "kind": kind, "day": "",
			"starts_at": startsAt.In(loc).Format(DateTimeLayout), "ends_at": "",
			"hosts": hosts, "hashtag": hashtag, "url": url,
		}
		if day != nil {
			d["day"] = strconv.Itoa(*day)
		}
		if endsAt != nil {
			d["ends_at"] = endsAt.In(loc).Format(DateTimeLayout)
		}
		rows, _ := db.Query(ctx, `SELECT lang, title, description FROM sswweek_event_texts WHERE event_id = $1`, id)
		var lang, title, description string
		_, err = pgx.ForEachRow(rows, []any{&lang, &title, &description}, func() error {
			l := i18n.Lang(lang)
			d[Key("title", l)], d[Key("description", l)] = title, description
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("content: load event %d: %w", id, err)
		}
		rows, _ = db.Query(ctx, `SELECT lang, question FROM sswweek_chat_questions WHERE event_id = $1 ORDER BY lang, number`, id)
		var question string
		questions := map[i18n.Lang][]string{}
		_, err = pgx.ForEachRow(rows, []any{&lang, &question}, func() error {
			l := i18n.Lang(lang)
			questions[l] = append(questions[l], question)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("content: load questions of event %d: %w", id, err)
		}
		// Questions are one field per language, always present in English
		// and, like the other Spanish fields, only when there are some.
		d[Key("questions", i18n.EN)] = ""
		for l, qs := range questions {
			d[Key("questions", l)] = strings.Join(qs, "\n")
		}
		return d, nil
	},
	Save: func(ctx context.Context, db DB, key string, d Doc) (string, error) {
		year := d["edition"]
		var id int64
		if key != "" {
			var err error
			if id, err = strconv.ParseInt(key, 10, 64); err != nil {
				return "", ErrNotFound
			}
			// The event stays in its edition whatever the doc says.
			err = db.QueryRow(ctx, `SELECT year::text FROM sswweek_events WHERE id = $1`, id).Scan(&year)
			if errors.Is(err, pgx.ErrNoRows) {
				return "", ErrNotFound
			}
			if err != nil {
				return "", fmt.Errorf("content: save event %d: %w", id, err)
			}
		}
		loc, err := editionZone(ctx, db, year)
		if err != nil {
			return "", fmt.Errorf("content: save event %q: %w", key, err)
		}
		startsAt, err := time.ParseInLocation(DateTimeLayout, d["starts_at"], loc)
		if err != nil {
			return "", fmt.Errorf("content: save event %q: start: %w", key, err)
		}
		var endsAt *time.Time
		if d["ends_at"] != "" {
			t, err := time.ParseInLocation(DateTimeLayout, d["ends_at"], loc)
			if err != nil {
				return "", fmt.Errorf("content: save event %q: end: %w", key, err)
			}
			endsAt = &t
		}
		var dayID *int64
		if d["day"] != "" {
			dayID = new(int64)
			err := db.QueryRow(ctx, `SELECT id FROM sswweek_days WHERE year::text = $1 AND number::text = $2`, year, d["day"]).Scan(dayID)
			if errors.Is(err, pgx.ErrNoRows) {
				err = fmt.Errorf("edition %s has no day %s: %w", year, d["day"], ErrNotFound)
			}
			if err != nil {
				return "", fmt.Errorf("content: save event %q: %w", key, err)
			}
		}
		args := pgx.NamedArgs{
			"id": id, "year": year, "day": dayID, "kind": d["kind"], "starts": startsAt.UTC(), "ends": endsAt,
			"hosts": d["hosts"], "hashtag": d["hashtag"], "url": d["url"],
		}
		if key == "" {
			err = db.QueryRow(ctx, `
				INSERT INTO sswweek_events (year, day_id, kind, starts_at, ends_at, hosts, hashtag, url)
				VALUES (@year::int, @day, @kind, @starts, @ends, @hosts, @hashtag, @url)
				RETURNING id`, args).Scan(&id)
		} else {
			_, err = db.Exec(ctx, `
				UPDATE sswweek_events SET day_id = @day, kind = @kind, starts_at = @starts, ends_at = @ends,
					hosts = @hosts, hashtag = @hashtag, url = @url
				WHERE id = @id`, args)
		}
		if err != nil {
			return "", fmt.Errorf("content: save event %q of edition %s: %w", key, year, err)
		}
		for _, l := range i18n.Langs {
			if l != i18n.EN && d[Key("title", l)] == "" {
				// No translation: the event shows in English.
				if _, err := db.Exec(ctx, `DELETE FROM sswweek_event_texts WHERE event_id = $1 AND lang = $2`, id, string(l)); err != nil {
					return "", fmt.Errorf("content: save event %d/%s: %w", id, l, err)
				}
			} else {
				_, err := db.Exec(ctx, `
					INSERT INTO sswweek_event_texts (event_id, lang, title, description) VALUES ($1, $2, $3, $4)
					ON CONFLICT (event_id, lang) DO UPDATE SET title = EXCLUDED.title, description = EXCLUDED.description`,
					id, string(l), d[Key("title", l)], d[Key("description", l)])
				if err != nil {
					return "", fmt.Errorf("content: save event %d/%s: %w", id, l, err)
				}
			}
			// Questions are kept per language as given: the public page
			// falls back to English question by question.
			if _, err := db.Exec(ctx, `DELETE FROM sswweek_chat_questions WHERE event_id = $1 AND lang = $2`, id, string(l)); err != nil {
				return "", fmt.Errorf("content: save questions of event %d/%s: %w", id, l, err)
			}
			for i, q := range sswLines(d[Key("questions", l)]) {
				_, err := db.Exec(ctx, `INSERT INTO sswweek_chat_questions (event_id, number, lang, question) VALUES ($1, $2, $3, $4)`,
					id, i+1, string(l), q)
				if err != nil {
					return "", fmt.Errorf("content: save question %d of event %d/%s: %w", i+1, id, l, err)
				}
			}
		}
		return strconv.FormatInt(id, 10), nil
	},
	Delete: func(ctx context.Context, db DB, key string) error {
		tag, err := db.Exec(ctx, `DELETE FROM sswweek_events WHERE id::text = $1`, key)
		if err != nil {
			return fmt.Errorf("content: delete event %s: %w", key, err)
		}
		if tag.RowsAffected() == 0 {
			return ErrNotFound
		}
		return nil
	},
	Check:      checkEditionEvent,
	PublicPath: editionPath,
	New:        func(parent string) Doc { return Doc{"edition": parent, "kind": "webinar"} },
}

// checkEditionEvent keeps an event's times real in its edition's zone, its
// end after its start, and its questions to chats, the same in both
// languages.
func checkEditionEvent(ctx context.Context, db DB, _ string, d Doc) map[string]string {
	problems := map[string]string{}
	loc, err := editionZone(ctx, db, d["edition"])
	if err != nil {
		problems["starts_at"] = "The edition's time zone could not be read, so the times cannot be checked. Check the time zone on the edition."
	} else {
		// An empty start is the required-field check's to report.
		startsAt, startProblem := eventLocalTime(d["starts_at"], loc)
		if startProblem != "" && d["starts_at"] != "" {
			problems["starts_at"] = startProblem
		}
		if d["ends_at"] != "" {
			endsAt, endProblem := eventLocalTime(d["ends_at"], loc)
			switch {
			case endProblem != "":
				problems["ends_at"] = endProblem
			case startProblem == "" && !endsAt.After(startsAt):
				problems["ends_at"] = "The event must end after it starts. Check both times, or leave the end empty."
			}
		}
	}
	if h := d["hashtag"]; h != "" && !sswHashtag(h) {
		problems["hashtag"] = "Write one hashtag starting with #, without spaces, such as #SSWWeek."
	}
	en := sswLines(d[Key("questions", i18n.EN)])
	es := sswLines(d[Key("questions", i18n.ES)])
	switch {
	case d["kind"] != "chat" && (len(en) > 0 || len(es) > 0):
		problems[Key("questions", i18n.EN)] = "Only chats have questions. Choose “Social media chat” as the kind of event, or remove the questions."
	case len(es) > 0 && len(es) != len(en):
		problems[Key("questions", i18n.ES)] = fmt.Sprintf("There are %d English questions and %d Spanish ones. Give them all in Spanish, in the same order, or leave the Spanish questions empty.", len(en), len(es))
	}
	sswSpanishComplete(problems, d, "title", "title", "description", "questions")
	return problems
}

// eventLocalTime parses a form's date and time in loc. It refuses, with a
// message for staff, a clock time that never happens there (skipped when
// the clocks go forward).
func eventLocalTime(s string, loc *time.Location) (time.Time, string) {
	t, err := time.ParseInLocation(DateTimeLayout, s, loc)
	if err != nil {
		return time.Time{}, "Enter a real date and time, like 2018-09-25T09:00."
	}
	if t.Format(DateTimeLayout) != s {
		return time.Time{}, fmt.Sprintf("This time does not exist in %s: the clocks go forward then. Choose another time.", loc)
	}
	return t, ""
}

// editionDayOptions offers the days of the event's edition, by number, and
// no day at all.
func editionDayOptions(ctx context.Context, db DB, d Doc) ([]Option, error) {
	options := []Option{{Value: "", Label: "No particular day"}}
	rows, _ := db.Query(ctx, `
		SELECT d.number::text, 'Day ' || d.number || ': ' || t.topic
		FROM sswweek_days d JOIN sswweek_day_texts t ON t.day_id = d.id AND t.lang = 'en'
		WHERE d.year::text = $1
		ORDER BY d.number`, d["edition"])
	days, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Option])
	if err != nil {
		return nil, fmt.Errorf("content: days of edition %s: %w", d["edition"], err)
	}
	return append(options, days...), nil
}

// editionZone is the time zone the edition of year gives its times in.
func editionZone(ctx context.Context, db DB, year string) (*time.Location, error) {
	var zone string
	err := db.QueryRow(ctx, `SELECT time_zone FROM sswweek_editions WHERE year::text = $1`, year).Scan(&zone)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("edition %s: %w", year, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("time zone of edition %s: %w", year, err)
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return nil, fmt.Errorf("time zone of edition %s: %w", year, err)
	}
	return loc, nil
}

// editionPath is the public page of a day's or event's edition.
func editionPath(_ string, d Doc) string {
	if d["edition"] == "" {
		return ""
	}
	return "/sswweek/" + d["edition"]
}

// sswSpanishComplete reports, under the Spanish version of required, a
// Spanish text given without the required Spanish field: without it there
// is no Spanish version, so the text would be lost.
func sswSpanishComplete(problems map[string]string, d Doc, required string, fields ...string) {
	if d[Key(required, i18n.ES)] != "" {
		return
	}
	for _, f := range fields {
		if strings.TrimSpace(d[Key(f, i18n.ES)]) != "" {
			problems[Key(required, i18n.ES)] = "Fill this in too, or clear the other Spanish fields: without it there is no Spanish version, and Spanish visitors see the English one."
			return
		}
	}
}

// sswCheckFailed is shown when a check could not reach the database.
const sswCheckFailed = "This could not be checked just now. Please try again."

// sswOptions returns Options for a choice that does not depend on the
// database.
func sswOptions(options ...Option) func(context.Context, DB, Doc) ([]Option, error) {
	return func(context.Context, DB, Doc) ([]Option, error) { return options, nil }
}

// sswLines splits a Lines value into its non-empty lines, trimmed.
func sswLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// sswUnique returns s without repeats, in first-seen order.
func sswUnique(s []string) []string {
	var out []string
	for _, v := range s {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// sswHashtag reports whether s is a single hashtag: "#" and no spaces.
func sswHashtag(s string) bool {
	return len(s) > 1 && s[0] == '#' && !strings.ContainsAny(s[1:], " \t#")
}

// sswDayLabel names a day by its number: "Day 3".
func sswDayLabel(number string) string {
	if number == "" {
		return ""
	}
	return "Day " + number
}

// sswJoin joins prefix and s with sep, leaving out whichever is empty.
func sswJoin(prefix, sep, s string) string {
	switch {
	case prefix == "":
		return s
	case s == "":
		return prefix
	}
	return prefix + sep + s
}
