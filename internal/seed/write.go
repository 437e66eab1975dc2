package seed

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sswalliance/advocacy/internal/calendar"
	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/upload"
)

// writer writes the demo content the way the editor publishes it: each
// item as a content.Doc through its kind's Save, starting from the kind's
// New, so the live tables have one writer and one set of defaults.
//
// It calls Save, not content.Create and Publish: the seed is not an edit.
// A seeded item gets its editing history the first time staff touch it,
// as the "Original" revision ("As it was before anyone edited it here"),
// exactly as content that was there before the editor existed; a Create
// and Publish would credit nobody with a "Created" draft and a publish for
// every demo item, and take several statements more each.
type writer struct {
	ctx context.Context
	tx  *store.Store
	db  content.DB
	// days names each seeded SSWWeek day's key (its id) by year and number,
	// for the blog posts written for a day.
	days map[[2]int]string
}

func newWriter(ctx context.Context, tx *store.Store) *writer {
	return &writer{ctx: ctx, tx: tx, db: tx.Conn(), days: map[[2]int]string{}}
}

// create adds a new item of kind k (under parent) with the fields of d
// over the kind's starting values, and returns its key.
func (w *writer) create(k *content.Kind, parent string, d content.Doc) (string, error) {
	doc := k.New(parent)
	maps.Copy(doc, d)
	key, err := k.Save(w.ctx, w.db, "", doc)
	if err != nil {
		return "", fmt.Errorf("seed: %s %q: %w", k.Name, k.Title(doc), err)
	}
	return key, nil
}

// each writes items in order with write, stopping at the first error: the
// loop every part of the demo content writes its items with.
func each[T any](items []T, write func(T) error) error {
	for _, it := range items {
		if err := write(it); err != nil {
			return err
		}
	}
	return nil
}

// upload stores a file as the editor stores an upload: checked, named and
// typed by upload.Sniff. It returns the file's id as a File field holds it.
func (w *writer) upload(name string, data []byte) (string, error) {
	kind, err := upload.Sniff(name, data)
	if err != nil {
		return "", fmt.Errorf("seed: file %s: %w", name, err)
	}
	id, err := w.tx.CreateFile(w.ctx, upload.FileName(name, kind), kind.ContentType, data)
	if err != nil {
		return "", fmt.Errorf("seed: %w", err)
	}
	return strconv.FormatInt(id, 10), nil
}

// translated sets field's value in each language of texts.
func translated[T any](d content.Doc, texts []T, lang func(T) i18n.Lang, fields map[string]func(T) string) content.Doc {
	for _, t := range texts {
		for name, value := range fields {
			d[content.Key(name, lang(t))] = value(t)
		}
	}
	return d
}

// pages writes the stored pages, all languages of a page as one item, and
// then each page's cards in order.
func (w *writer) pages(pages []store.Page) error {
	var slugs []string
	bySlug := map[string][]store.Page{}
	for _, p := range pages {
		if _, seen := bySlug[p.Slug]; !seen {
			slugs = append(slugs, p.Slug)
		}
		bySlug[p.Slug] = append(bySlug[p.Slug], p)
	}
	for _, slug := range slugs {
		d := translated(content.Doc{}, bySlug[slug], func(p store.Page) i18n.Lang { return i18n.Lang(p.Lang) },
			map[string]func(store.Page) string{
				"title":       func(p store.Page) string { return p.Title },
				"description": func(p store.Page) string { return p.Description },
				"intro":       func(p store.Page) string { return p.Intro },
				"body":        func(p store.Page) string { return p.Body },
			})
		if _, err := content.PageKind.Save(w.ctx, w.db, slug, d); err != nil {
			return fmt.Errorf("seed: page %s: %w", slug, err)
		}
	}
	for _, slug := range slugs {
		cards := map[i18n.Lang][]store.Section{}
		for _, p := range bySlug[slug] {
			cards[i18n.Lang(p.Lang)] = p.Sections
		}
		for i, en := range cards[i18n.EN] {
			d := content.Doc{"link_path": en.LinkPath}
			for l, secs := range cards {
				if i < len(secs) {
					d[content.Key("heading", l)], d[content.Key("body", l)], d[content.Key("link_label", l)] =
						secs[i].Heading, secs[i].Body, secs[i].LinkLabel
				}
			}
			if _, err := w.create(content.SectionKind, slug, d); err != nil {
				return err
			}
		}
	}
	return nil
}

func (w *writer) audience(a demoAudience) error {
	d := translated(content.Doc{"slug": a.slug}, a.texts, func(t audienceText) i18n.Lang { return t.Lang },
		map[string]func(audienceText) string{
			"name":    func(t audienceText) string { return t.Name },
			"summary": func(t audienceText) string { return t.Summary },
		})
	slug, err := w.create(content.AudienceKind, "", d)
	if err != nil {
		return err
	}
	for _, texts := range a.messages {
		d := translated(content.Doc{}, texts, func(t keyMessageText) i18n.Lang { return t.Lang },
			map[string]func(keyMessageText) string{
				"headline": func(t keyMessageText) string { return t.Headline },
				"points":   func(t keyMessageText) string { return t.Points },
				"sources":  func(t keyMessageText) string { return t.Sources },
			})
		if _, err := w.create(content.KeyMessageKind, slug, d); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) resourceType(t demoResourceType) error {
	d := content.Doc{"slug": t.slug, "toolkit": ""}
	if t.toolkit {
		d["toolkit"] = "true"
	}
	_, err := w.create(content.ResourceTypeKind, "", translated(d, t.texts, func(t resourceTypeText) i18n.Lang { return t.Lang },
		map[string]func(resourceTypeText) string{
			"name":        func(t resourceTypeText) string { return t.Name },
			"plural":      func(t resourceTypeText) string { return t.Plural },
			"description": func(t resourceTypeText) string { return t.Description },
		}))
	return err
}

func (w *writer) resource(r demoResource) error {
	d := content.Doc{
		"slug": r.slug, "type": r.typ, "year": strconv.Itoa(r.year), "month": "", "organisation": r.org,
		"topics": strings.Join(r.topics, "\n"),
	}
	if r.month != 0 {
		d["month"] = strconv.Itoa(r.month)
	}
	var links []string
	for _, l := range r.links {
		links = append(links, l.URL+" "+l.Label)
	}
	d["links"] = strings.Join(links, "\n")
	slug, err := w.create(content.ResourceKind, "", translated(d, r.texts, func(t resourceText) i18n.Lang { return t.Lang },
		map[string]func(resourceText) string{
			"title":   func(t resourceText) string { return t.Title },
			"summary": func(t resourceText) string { return t.Summary },
			"body":    func(t resourceText) string { return t.Body },
		}))
	if err != nil {
		return err
	}
	for _, f := range r.files {
		id, err := w.upload(f.name, f.pdf(r))
		if err != nil {
			return err
		}
		if _, err := w.create(content.ResourceFileKind, slug, content.Doc{"file": id, "lang": f.lang, "label": f.label}); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) edition(e edition) error {
	d := content.Doc{
		"year": strconv.Itoa(e.Year), "ordinal": strconv.Itoa(e.Ordinal),
		"starts_on": e.StartsOn.Format(content.DateLayout), "ends_on": e.EndsOn.Format(content.DateLayout),
	}
	// Left empty, the edition's starting values (content.EditionKind.New) apply.
	for name, v := range map[string]string{"date_precision": e.DatePrecision, "time_zone": e.TimeZone, "hashtag": e.Hashtag} {
		if v != "" {
			d[name] = v
		}
	}
	_, err := w.create(content.EditionKind, "", translated(d, e.Texts, func(t editionText) i18n.Lang { return t.Lang },
		map[string]func(editionText) string{
			"theme":   func(t editionText) string { return t.Theme },
			"summary": func(t editionText) string { return t.Summary },
			"body":    func(t editionText) string { return t.Body },
			"share":   func(t editionText) string { return t.Share },
		}))
	return err
}

func (w *writer) editionDay(day editionDay) error {
	d := content.Doc{
		"number": strconv.Itoa(day.Number), "day": day.Day.Format(content.DateLayout),
		"resources": strings.Join(day.ResourceSlugs, "\n"),
	}
	key, err := w.create(content.DayKind, strconv.Itoa(day.Year), translated(d, day.Texts, func(t dayText) i18n.Lang { return t.Lang },
		map[string]func(dayText) string{
			"topic": func(t dayText) string { return t.Topic },
			"body":  func(t dayText) string { return t.Body },
			"share": func(t dayText) string { return t.Share },
		}))
	if err != nil {
		return fmt.Errorf("seed: SSWWeek %d day %d (the 2018 days link to resources seeded by loadResources): %w", day.Year, day.Number, err)
	}
	w.days[[2]int{day.Year, day.Number}] = key
	return nil
}

// editionEvent writes an event, its times given in UTC: the editor takes
// them in the edition's zone.
func (w *writer) editionEvent(e editionEvent, zone *time.Location) error {
	d := content.Doc{
		"kind": e.Kind, "day": "", "starts_at": e.StartsAt.In(zone).Format(content.DateTimeLayout), "ends_at": "",
		"hosts": e.Hosts, "hashtag": e.Hashtag, "url": e.URL,
	}
	if e.DayNumber != 0 {
		d["day"] = strconv.Itoa(e.DayNumber)
	}
	if !e.EndsAt.IsZero() {
		d["ends_at"] = e.EndsAt.In(zone).Format(content.DateTimeLayout)
	}
	questions := slices.Clone(e.Questions)
	slices.SortStableFunc(questions, func(a, b store.ChatQuestion) int { return a.Number - b.Number })
	lines := map[i18n.Lang][]string{}
	for _, q := range questions {
		lines[i18n.Lang(q.Lang)] = append(lines[i18n.Lang(q.Lang)], q.Question)
	}
	for l, qs := range lines {
		d[content.Key("questions", l)] = strings.Join(qs, "\n")
	}
	_, err := w.create(content.EventKind, strconv.Itoa(e.Year), translated(d, e.Texts, func(t eventText) i18n.Lang { return t.Lang },
		map[string]func(eventText) string{
			"title":       func(t eventText) string { return t.Title },
			"description": func(t eventText) string { return t.Description },
		}))
	return err
}

func (w *writer) blogPost(p blogPost) error {
	d := content.Doc{
		"slug": p.Slug, "author": p.Author, "published_at": p.PublishedAt.UTC().Format(content.DateTimeLayout),
		"year": "", "day": "",
	}
	if p.Year != 0 {
		d["year"] = strconv.Itoa(p.Year)
	}
	if p.DayNumber != 0 {
		key, ok := w.days[[2]int{p.Year, p.DayNumber}]
		if !ok {
			return fmt.Errorf("seed: blog post %s: no day %d in edition %d", p.Slug, p.DayNumber, p.Year)
		}
		d["day"] = key
	}
	_, err := w.create(content.BlogPostKind, "", translated(d, p.Texts, func(t blogPostText) i18n.Lang { return t.Lang },
		map[string]func(blogPostText) string{
			"title":   func(t blogPostText) string { return t.Title },
			"summary": func(t blogPostText) string { return t.Summary },
			"body":    func(t blogPostText) string { return t.Body },
		}))
	return err
}

func (w *writer) calendarEvent(e calendarEvent) error {
	r := e.Rule
	d := content.Doc{
		"slug": e.Slug, "kind": e.Kind, "rule": string(r.Kind), "url": e.URL,
		"month": "", "day": "", "weekday": "", "nth": "", "duration_days": strconv.Itoa(max(r.Days, 1)),
		"starts_on": "", "ends_on": "", "first_year": "",
	}
	switch r.Kind {
	case calendar.Fixed:
		d["month"], d["day"] = strconv.Itoa(int(r.Month)), strconv.Itoa(r.Day)
	case calendar.NthWeekday:
		d["month"], d["weekday"], d["nth"] = strconv.Itoa(int(r.Month)), strconv.Itoa(int(r.Weekday)), strconv.Itoa(r.Nth)
	case calendar.Once:
		d["starts_on"], d["ends_on"] = r.StartsOn.Format(time.DateOnly), r.EndsOn.Format(time.DateOnly)
	}
	if r.FirstYear != 0 {
		d["first_year"] = strconv.Itoa(r.FirstYear)
	}
	themes := map[i18n.Lang][]string{}
	for _, t := range e.Themes {
		themes[t.Lang] = append(themes[t.Lang], strconv.Itoa(t.Year)+": "+t.Theme)
	}
	for l, lines := range themes {
		d[content.Key("themes", l)] = strings.Join(lines, "\n")
	}
	_, err := w.create(content.CalendarEventKind, "", translated(d, e.Texts, func(t calendarText) i18n.Lang { return t.Lang },
		map[string]func(calendarText) string{
			"title":       func(t calendarText) string { return t.Title },
			"description": func(t calendarText) string { return t.Description },
			"actions":     func(t calendarText) string { return t.Actions },
		}))
	return err
}

// The demo content's own shapes: an item's texts, one per language given.

type audienceText struct {
	Lang          i18n.Lang
	Name, Summary string
}

type keyMessageText struct {
	Lang                      i18n.Lang
	Headline, Points, Sources string
}

type resourceTypeText struct {
	Lang                      i18n.Lang
	Name, Plural, Description string
}

type resourceText struct {
	Lang                 i18n.Lang
	Title, Summary, Body string // Body in Markdown
}

type resourceLink struct{ URL, Label string }

type edition struct {
	Year, Ordinal    int
	StartsOn, EndsOn time.Time
	DatePrecision    string // "": the editor's default
	TimeZone         string // "": the editor's default
	Hashtag          string // "": the editor's default
	Texts            []editionText
}

type editionText struct {
	Lang                 i18n.Lang
	Theme, Summary, Body string
	Share                string // ready-to-post messages, one per line
}

type editionDay struct {
	Year, Number  int
	Day           time.Time
	ResourceSlugs []string // library resources to read that day, in order
	Texts         []dayText
}

type dayText struct {
	Lang        i18n.Lang
	Topic, Body string
	Share       string // ready-to-post messages, one per line
}

type editionEvent struct {
	Year      int
	DayNumber int // 0: not tied to a day
	Kind      string
	StartsAt  time.Time
	EndsAt    time.Time // zero when unknown
	Hosts     string
	Hashtag   string
	URL       string
	Texts     []eventText
	Questions []chatQuestion // each number once per language
}

type eventText struct {
	Lang               i18n.Lang
	Title, Description string
}

type chatQuestion = store.ChatQuestion

type blogPost struct {
	Slug, Author string
	PublishedAt  time.Time
	Year         int // 0: not written for an edition
	DayNumber    int // 0: not written for a day of the edition
	Texts        []blogPostText
}

type blogPostText struct {
	Lang                 i18n.Lang
	Title, Summary, Body string
}

type calendarEvent struct {
	Slug, Kind string
	Rule       calendar.Rule
	URL        string
	Texts      []calendarText
	Themes     []calendarTheme
}

type calendarText struct {
	Lang                        i18n.Lang
	Title, Description, Actions string
}

type calendarTheme struct {
	Year  int
	Lang  i18n.Lang
	Theme string
}
