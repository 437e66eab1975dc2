package app

import (
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

func TestSSWWeekArchive(t *testing.T) {
	h := seededHandler(t)

	res := get(t, h, "GET", "/sswweek", nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /sswweek = %d", res.StatusCode)
	}
	doc := parse(t, res)
	if got := doc.Find(`[data-testid=page-title]`).Text(); got != "Social Service Workforce Week" {
		t.Errorf("h1 = %q", got)
	}
	if doc.Find(`[data-testid=intro]`).Text() == "" {
		t.Error("no introduction from the sswweek page")
	}
	var years []string
	doc.Find(`[data-testid=edition]`).Each(func(_ int, s *goquery.Selection) {
		years = append(years, s.AttrOr("data-year", ""))
	})
	if got := strings.Join(years, " "); got != "2023 2022 2021 2020 2019 2018 2017 2016 2015 2014" {
		t.Errorf("editions = %q, want the ten newest first", got)
	}
	e2018 := doc.Find(`[data-testid=edition][data-year="2018"]`)
	if got := e2018.Find(`[data-testid=edition-dates]`).Text(); got != "5th edition · 24–28 September 2018" {
		t.Errorf("2018 dates = %q", got)
	}
	if got := e2018.Find(`h3 a`).AttrOr("href", ""); got != "/sswweek/2018" {
		t.Errorf("2018 link = %q", got)
	}
	if got := e2018.Find(`[data-testid=edition-theme]`).Text(); got != "Putting the Call to Action into practice" {
		t.Errorf("2018 theme = %q", got)
	}
	// Only the month is known for the first and the tenth weeks.
	for year, want := range map[string]string{"2014": "1st edition · April 2014", "2023": "10th edition · October 2023", "2022": "9th edition · 17–21 October 2022"} {
		if got := doc.Find(`[data-testid=edition][data-year="` + year + `"] [data-testid=edition-dates]`).Text(); got != want {
			t.Errorf("%s dates = %q, want %q", year, got, want)
		}
	}
	if doc.Find(`[data-testid=fallback-note]`).Length() != 0 {
		t.Error("English page with a fallback note")
	}

	// Spanish: the introduction and some editions are translated, the
	// others are shown in English and marked so.
	doc = parse(t, get(t, h, "GET", "/es/sswweek", nil))
	if got := doc.Find(`[data-testid=page-title]`).Text(); got != "Semana de la Fuerza Laboral del Servicio Social" {
		t.Errorf("Spanish h1 = %q", got)
	}
	if got := doc.Find(`[data-testid=fallback-note]`).Text(); !strings.HasPrefix(got, "Algunas partes") {
		t.Errorf("Spanish note = %q", got)
	}
	e2018 = doc.Find(`[data-testid=edition][data-year="2018"]`)
	if got := e2018.Find(`[data-testid=edition-dates]`).Text(); got != "5.ª edición · 24 al 28 de septiembre de 2018" {
		t.Errorf("Spanish 2018 dates = %q", got)
	}
	if e2018.AttrOr("lang", "") != "" || e2018.Find(`h3 a`).AttrOr("href", "") != "/es/sswweek/2018" {
		t.Errorf("translated 2018 edition: lang %q, link %q", e2018.AttrOr("lang", ""), e2018.Find(`h3 a`).AttrOr("href", ""))
	}
	if got := doc.Find(`[data-testid=edition][data-year="2014"]`).AttrOr("lang", ""); got != "en" {
		t.Errorf("untranslated 2014 edition lang = %q, want en", got)
	}
	if got := doc.Find(`[data-testid=edition][data-year="2014"] [data-testid=edition-dates]`).Text(); got != "1.ª edición · abril de 2014" {
		t.Errorf("Spanish 2014 dates = %q", got)
	}
}

func TestSSWWeekEdition2018(t *testing.T) {
	h := seededHandler(t)

	res := get(t, h, "GET", "/sswweek/2018", nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /sswweek/2018 = %d", res.StatusCode)
	}
	doc := parse(t, res)
	if got := strings.Join(strings.Fields(doc.Find(`[data-testid=page-title]`).Text()), " "); got != "5th edition Social Service Workforce Week 2018" {
		t.Errorf("h1 = %q", got)
	}
	if got := doc.Find(`title`).Text(); !strings.HasPrefix(got, "SSWWeek 2018 (5th edition) |") {
		t.Errorf("title = %q", got)
	}
	if got := doc.Find(`[data-testid=edition-dates]`).Text(); got != "24–28 September 2018" {
		t.Errorf("dates = %q", got)
	}
	if doc.Find(`nav.breadcrumbs a[href="/sswweek"]`).Length() != 1 {
		t.Error("no breadcrumb back to the archive")
	}

	days := doc.Find(`[data-testid=day]`)
	if days.Length() != 5 {
		t.Fatalf("%d days, want 5", days.Length())
	}
	wantDates := []string{"Monday 24 September 2018", "Tuesday 25 September 2018", "Wednesday 26 September 2018", "Thursday 27 September 2018", "Friday 28 September 2018"}
	wantResources := []string{"call-to-action", "mapping-the-workforce", "workforce-strengthening-strategy", "ending-violence-against-children", "key-messages"}
	days.Each(func(i int, d *goquery.Selection) {
		if got := d.Find(`time`).Text(); got != wantDates[i] {
			t.Errorf("day %d date = %q, want %q", i+1, got, wantDates[i])
		}
		if got := d.Find(`time`).AttrOr("datetime", ""); got != "2018-09-2"+string(rune('4'+i)) {
			t.Errorf("day %d datetime = %q", i+1, got)
		}
		if d.Find(`[data-testid=day-topic]`).Text() == "" {
			t.Errorf("day %d has no topic", i+1)
		}
		if got := d.Find(`[data-testid=day-resources] a`).AttrOr("href", ""); got != "/resources/"+wantResources[i] {
			t.Errorf("day %d resource link = %q", i+1, got)
		}
		if d.Find(`[data-testid=day-resources] a`).Text() == "" {
			t.Errorf("day %d resource has no title", i+1)
		}
		if d.Find(`[data-testid=day-posts] a[href^="/blog/"]`).Length() == 0 {
			t.Errorf("day %d links to no blog post", i+1)
		}
	})
	if got := days.Eq(3).Find(`[data-testid=day-topic]`).Text(); !strings.Contains(got, "violence against children") {
		t.Errorf("day 4 topic = %q", got)
	}

	// The events, in New York time with the zone named and UTC in the
	// datetime attribute.
	chat := doc.Find(`[data-testid=event][data-kind=chat]`)
	if got := chat.Find(`[data-testid=event-time]`).Text(); got != "Tuesday 25 September 2018, 9:00–10:00 am EDT" {
		t.Errorf("chat time = %q", got)
	}
	if got := chat.Find(`[data-testid=event-time]`).AttrOr("datetime", ""); got != "2018-09-25T13:00:00Z" {
		t.Errorf("chat datetime = %q", got)
	}
	if got := chat.Find(`[data-testid=event-zone]`).Text(); got != "(New York time)" {
		t.Errorf("chat zone = %q", got)
	}
	if got := chat.Find(`[data-testid=event-hosts]`).Text(); got != "@SSWAlliance and @MtotoNews" {
		t.Errorf("chat hosts = %q", got)
	}
	if chat.Find(`[data-testid=event-hosts] a[href="https://x.com/MtotoNews"]`).Length() != 1 {
		t.Error("chat host not linked")
	}
	if got := chat.Find(`[data-testid=event-hashtag]`).Text(); got != "#SSWWeek" {
		t.Errorf("chat hashtag = %q", got)
	}
	qs := chat.Find(`ol[data-testid=chat-questions] > li`)
	if qs.Length() != 6 {
		t.Errorf("%d chat questions, want 6", qs.Length())
	}
	qs.Each(func(i int, q *goquery.Selection) {
		if q.AttrOr("value", "") != string(rune('1'+i)) || q.Text() == "" {
			t.Errorf("question %d: value %q, text %q", i+1, q.AttrOr("value", ""), q.Text())
		}
	})
	webinar := doc.Find(`[data-testid=event][data-kind=webinar]`)
	if got := webinar.Find(`[data-testid=event-time]`).Text(); got != "Thursday 27 September 2018, 9:00 am EDT" {
		t.Errorf("webinar time = %q", got)
	}
	if got := webinar.Find(`[data-testid=event-time]`).AttrOr("datetime", ""); got != "2018-09-27T13:00:00Z" {
		t.Errorf("webinar datetime = %q", got)
	}
	if got := webinar.Find(`[data-testid=event-hosts]`).Text(); !strings.Contains(got, "UNICEF") || !strings.Contains(got, "Global Partnership to End Violence Against Children") {
		t.Errorf("webinar hosts = %q", got)
	}
	// Days link to their events.
	if days.Eq(3).Find(`a[href="#`+webinar.AttrOr("id", "none")+`"]`).Length() != 1 {
		t.Error("day 4 does not link to its webinar")
	}

	// The daily emails: what they are, and the sign-up (the page's only
	// form: the footer leaves it out on SSWWeek pages).
	emails := doc.Find(`[data-testid=daily-emails]`)
	if emails.Find(`[data-testid=subscribe-form]`).Length() != 1 || doc.Find(`form`).Length() != 1 {
		t.Error("the daily emails section has no sign-up form, or the page has another")
	}
	pager := doc.Find(`[data-testid=edition-pager]`)
	if pager.Find(`a[rel=prev]`).AttrOr("href", "") != "/sswweek/2017" || pager.Find(`a[rel=next]`).AttrOr("href", "") != "/sswweek/2019" {
		t.Error("previous/next edition links")
	}
	if doc.Find(`[data-testid=fallback-note]`).Length() != 0 {
		t.Error("English page with a fallback note")
	}

	// Spanish: translated parts in Spanish, day 5 in English and marked.
	doc = parse(t, get(t, h, "GET", "/es/sswweek/2018", nil))
	if got := doc.Find(`[data-testid=fallback-note]`).Text(); !strings.HasPrefix(got, "Algunas partes") {
		t.Errorf("Spanish note = %q", got)
	}
	if got := doc.Find(`[data-testid=edition-theme]`).Text(); got != "Poner en práctica el Llamado a la acción" {
		t.Errorf("Spanish theme = %q", got)
	}
	days = doc.Find(`[data-testid=day]`)
	if got := days.Eq(0).Find(`time`).Text(); got != "lunes 24 de septiembre de 2018" {
		t.Errorf("Spanish day 1 date = %q", got)
	}
	if days.Eq(0).Find(`[data-testid=day-topic]`).AttrOr("lang", "") != "" {
		t.Error("translated day 1 marked as another language")
	}
	if got := days.Eq(4).Find(`[data-testid=day-topic]`).AttrOr("lang", ""); got != "en" {
		t.Errorf("untranslated day 5 lang = %q, want en", got)
	}
	if got := days.Eq(0).Find(`[data-testid=day-resources] a`).AttrOr("href", ""); got != "/es/resources/call-to-action" {
		t.Errorf("Spanish resource link = %q", got)
	}
	chat = doc.Find(`[data-testid=event][data-kind=chat]`)
	if got := chat.Find(`[data-testid=event-time]`).Text(); got != "martes 25 de septiembre de 2018, 09:00–10:00 EDT" {
		t.Errorf("Spanish chat time = %q", got)
	}
	if got := chat.Find(`[data-testid=event-zone]`).Text(); got != "(hora de Nueva York)" {
		t.Errorf("Spanish zone = %q", got)
	}
	if got := chat.Find(`[data-testid=event-hosts]`).Text(); got != "@SSWAlliance y @MtotoNews" {
		t.Errorf("Spanish hosts = %q", got)
	}
	if got := chat.Find(`ol[data-testid=chat-questions] > li`).First().Text(); !strings.HasPrefix(got, "#SSWWeek es una oportunidad") {
		t.Errorf("Spanish question 1 = %q", got)
	}
}

func TestSSWWeekOtherEditions(t *testing.T) {
	h := seededHandler(t)

	// 2022: no days on record, one webinar at 8–9 am EDT.
	doc := parse(t, get(t, h, "GET", "/sswweek/2022", nil))
	if doc.Find(`[data-testid=no-schedule]`).Length() != 1 {
		t.Error("2022 should say its days are not on record")
	}
	if got := doc.Find(`[data-testid=event-time]`).Text(); got != "Wednesday 19 October 2022, 8:00–9:00 am EDT" {
		t.Errorf("2022 webinar = %q", got)
	}
	// 2014: only the month; the first edition has no previous one.
	doc = parse(t, get(t, h, "GET", "/sswweek/2014", nil))
	if got := doc.Find(`[data-testid=edition-dates]`).Text(); got != "April 2014" {
		t.Errorf("2014 dates = %q", got)
	}
	if doc.Find(`[data-testid=edition-pager] a[rel=prev]`).Length() != 0 || doc.Find(`[data-testid=edition-pager] a[rel=next]`).AttrOr("href", "") != "/sswweek/2015" {
		t.Error("2014 pager")
	}
	// 2015: the three days on record.
	doc = parse(t, get(t, h, "GET", "/sswweek/2015", nil))
	if n := doc.Find(`[data-testid=day]`).Length(); n != 3 {
		t.Errorf("2015 days = %d, want 3", n)
	}
	// 2019 has no Spanish text at all: the whole page says so.
	doc = parse(t, get(t, h, "GET", "/es/sswweek/2019", nil))
	if got := doc.Find(`[data-testid=fallback-note]`).Text(); !strings.HasPrefix(got, "Esta página aún no") {
		t.Errorf("untranslated edition note = %q", got)
	}
	if n := doc.Find(`[data-testid=day]`).Length(); n != 5 {
		t.Errorf("2019 days = %d, want 5", n)
	}

	for _, path := range []string{"/sswweek/2013", "/sswweek/1999", "/sswweek/abc", "/sswweek/99999999999", "/sswweek/-2018", "/sswweek/02018", "/es/sswweek/2024", "/sswweek/2018.5"} {
		res := get(t, h, "GET", path, nil)
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("%s = %d, want 404", path, res.StatusCode)
			continue
		}
		if parse(t, res).Find(`[data-testid=page-title]`).Text() == "" {
			t.Errorf("%s: not the styled 404 page", path)
		}
	}
}

func TestSSWWeekURLs(t *testing.T) {
	app, _ := seededApp(t)
	h := app.Handler()
	urls, err := app.public.SSWWeekURLs(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"/sswweek": true, "/sswweek/2014": true, "/sswweek/2023": true, "/sswweek/2018/share": true, "/blog": true, "/blog?page=2": true, "/blog/putting-the-call-to-action-to-work": true}
	editions, posts := 0, 0
	for _, u := range urls {
		delete(want, u)
		switch {
		case strings.HasPrefix(u, "/sswweek/"):
			editions++
		case strings.HasPrefix(u, "/blog/"):
			posts++
		}
		if res := get(t, h, "GET", u, nil); res.StatusCode != http.StatusOK {
			t.Errorf("%s = %d", u, res.StatusCode)
		}
	}
	if len(want) != 0 || editions != 20 || posts < 8 {
		t.Errorf("URLs %v: missing %v, %d editions, %d posts", urls, want, editions, posts)
	}
}
