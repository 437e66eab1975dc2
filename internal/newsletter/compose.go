package newsletter

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/store"
)

// DailySendHour is the local hour, in the edition's time zone, at which a
// daily email is first proposed to go: early enough to be read that day.
const DailySendHour = 8

// DailyDrafts writes a draft daily email, in English and Spanish, for each
// day of the edition of year that has none yet, and returns those it
// wrote. A day that already has one (in any state, edited or not) is left
// alone, so running it twice writes nothing the second time. Links are
// absolute, on base. by is the staff member who asked (nil: none).
func DailyDrafts(ctx context.Context, pool *pgxpool.Pool, base *url.URL, year int, by *int64) ([]store.Mailing, error) {
	var created []store.Mailing
	err := store.New(pool).InTx(ctx, func(st *store.Store) error {
		created = nil
		if err := st.LockEditionDrafts(ctx, year); err != nil {
			return err
		}
		week := map[i18n.Lang]weekText{}
		for _, l := range []i18n.Lang{i18n.EN, i18n.ES} {
			w, err := loadWeek(ctx, st, year, l)
			if err != nil {
				return err
			}
			week[l] = w
		}
		zone, err := time.LoadLocation(week[i18n.EN].edition.TimeZone)
		if err != nil {
			return fmt.Errorf("newsletter: time zone of edition %d: %w", year, err)
		}
		dates := make([]time.Time, len(week[i18n.EN].days))
		for i, d := range week[i18n.EN].days {
			dates[i] = d.Day
		}
		have, err := st.DailyMailingDays(ctx, dates)
		if err != nil {
			return err
		}
		for i, d := range week[i18n.EN].days {
			if have[d.Day.Format(time.DateOnly)] {
				continue
			}
			day := d.Day
			at := DailySendTime(day, zone)
			m := store.Mailing{Kind: "daily", DayDate: &day, SendAt: &at, CreatedBy: by}
			m.SubjectEN, m.BodyEN = dailyEmail(base, i18n.EN, week[i18n.EN], d)
			// Spanish only where the day's topic is translated: otherwise
			// Spanish subscribers get the English email rather than a
			// Spanish frame around English text.
			if es := week[i18n.ES]; i < len(es.days) && es.days[i].Number == d.Number && es.days[i].Lang == string(i18n.ES) {
				m.SubjectES, m.BodyES = dailyEmail(base, i18n.ES, es, es.days[i])
			}
			id, err := st.CreateMailing(ctx, m)
			if err != nil {
				return err
			}
			m.ID, m.Status = id, "draft"
			created = append(created, m)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("newsletter: daily drafts for %d: %w", year, err)
	}
	return created, nil
}

// DailySendTime is when a daily email about day is proposed to go:
// DailySendHour on that day in the edition's zone.
func DailySendTime(day time.Time, zone *time.Location) time.Time {
	y, m, d := day.Date()
	return time.Date(y, m, d, DailySendHour, 0, 0, 0, zone)
}

// weekText is an edition as one language reads it.
type weekText struct {
	edition store.Edition
	days    []store.EditionDay
	posts   []store.BlogPost
}

func loadWeek(ctx context.Context, st *store.Store, year int, l i18n.Lang) (weekText, error) {
	var w weekText
	var err error
	if w.edition, err = st.Edition(ctx, year, l); err != nil {
		return w, err
	}
	if w.days, err = st.EditionDays(ctx, year, l); err != nil {
		return w, err
	}
	if w.posts, err = st.EditionBlogPosts(ctx, year, l); err != nil {
		return w, err
	}
	return w, nil
}

// dailyEmail writes the subject and plain-text body of the daily email
// about day d, in l.
func dailyEmail(base *url.URL, l i18n.Lang, w weekText, d store.EditionDay) (subject, body string) {
	link := func(path string) string { return base.JoinPath(l.Path(path)).String() }
	year := strconv.Itoa(w.edition.Year)
	var b strings.Builder
	if l == i18n.ES {
		subject = "SSWWeek " + year + ", día " + strconv.Itoa(d.Number) + ": " + d.Topic
		fmt.Fprintf(&b, "Día %d de la Semana de la Fuerza Laboral del Servicio Social %s, %s.\n", d.Number, year, l.LongDate(d.Day))
		if w.edition.Theme != "" {
			fmt.Fprintf(&b, "Tema de la semana: %s\n", w.edition.Theme)
		}
		fmt.Fprintf(&b, "\nTema de hoy: %s\n", d.Topic)
	} else {
		subject = "SSWWeek " + year + ", day " + strconv.Itoa(d.Number) + ": " + d.Topic
		fmt.Fprintf(&b, "Day %d of Social Service Workforce Week %s, %s.\n", d.Number, year, l.LongDate(d.Day))
		if w.edition.Theme != "" {
			fmt.Fprintf(&b, "This year's theme: %s\n", w.edition.Theme)
		}
		fmt.Fprintf(&b, "\nToday's topic: %s\n", d.Topic)
	}
	if text := strings.TrimSpace(d.Body); text != "" {
		b.WriteString("\n" + text + "\n")
	}

	var posts []store.BlogPost
	for _, p := range w.posts {
		if p.DayNumber == d.Number {
			posts = append(posts, p)
		}
	}
	if len(posts) > 0 {
		b.WriteString("\n" + map[i18n.Lang]string{i18n.EN: "Read today", i18n.ES: "Para leer hoy"}[l] + ":\n")
		for _, p := range posts {
			fmt.Fprintf(&b, "\n- %s\n  %s\n", p.Title, link("/blog/"+p.Slug))
		}
	}
	if len(d.Resources) > 0 {
		b.WriteString("\n" + map[i18n.Lang]string{i18n.EN: "Resources for today", i18n.ES: "Recursos para hoy"}[l] + ":\n")
		for _, r := range d.Resources {
			fmt.Fprintf(&b, "\n- %s\n  %s\n", r.Title, link("/resources/"+r.Slug))
		}
	}
	week := link("/sswweek/"+year) + "#day-" + strconv.Itoa(d.Number)
	if l == i18n.ES {
		fmt.Fprintf(&b, "\nEl programa de toda la semana: %s\n", week)
		if w.edition.Hashtag != "" {
			fmt.Fprintf(&b, "Súmese en las redes con %s.\n", w.edition.Hashtag)
		}
	} else {
		fmt.Fprintf(&b, "\nThe whole week's programme: %s\n", week)
		if w.edition.Hashtag != "" {
			fmt.Fprintf(&b, "Join in online with %s.\n", w.edition.Hashtag)
		}
	}
	return subject, b.String()
}

// Letter is m as a subscriber reading lang gets it: its subject, and its
// body with the footer every list email ends with (prefs is the link to
// their preferences page). Spanish readers get the English text when m
// has no Spanish subject.
func Letter(m store.Mailing, lang, prefs string) (subject, text string) {
	subject, body := m.SubjectEN, m.BodyEN
	footer := "You get this because you signed up for it. Change what you receive, or unsubscribe: "
	if lang == string(i18n.ES) && m.SubjectES != "" {
		subject, body = m.SubjectES, m.BodyES
		footer = "Recibe este mensaje porque se suscribió. Cambie lo que recibe o cancele la suscripción: "
	}
	return subject, strings.TrimRight(body, "\n") + "\n\n--\n" + footer + prefs + "\n"
}
