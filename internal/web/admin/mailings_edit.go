package admin

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5"

	"github.com/sswalliance/advocacy/internal/form"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/newsletter"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/admin"
)

func (a *Handlers) MailingNew(w http.ResponseWriter, r *http.Request) error {
	v, err := a.mailingView(r, store.Mailing{Kind: "update"})
	if err != nil {
		return err
	}
	return a.Render(w, r, http.StatusOK, admin.Mailing(a.Frame(r, "New update"), v))
}

func (a *Handlers) MailingShow(w http.ResponseWriter, r *http.Request) error {
	m, err := a.mailingFromPath(r)
	if err != nil {
		return err
	}
	v, err := a.mailingView(r, m)
	if err != nil {
		return err
	}
	return a.Render(w, r, http.StatusOK, admin.Mailing(a.Frame(r, mailingTitle(m)), v))
}

// mailingView is m's page as stored: its form filled in, or how its
// sending went.
func (a *Handlers) mailingView(r *http.Request, m store.Mailing) (admin.MailingForm, error) {
	ctx := r.Context()
	v := admin.MailingForm{ID: m.ID, Kind: m.Kind, Status: m.Status, DayDate: m.DayDate, Stored: m,
		SubjectEN: m.SubjectEN, BodyEN: m.BodyEN, SubjectES: m.SubjectES, BodyES: m.BodyES,
		StaffEmail: web.Staff(r).Email, FieldProblems: map[string]string{}}
	year, zone, err := a.store.MailingEdition(ctx, m)
	if err != nil {
		return v, err
	}
	v.Year, v.Zone = year, loadZone(zone)
	if m.SendAt != nil {
		v.SendAt = m.SendAt.In(v.Zone).Format(datetimeLocal)
	}
	if m.ID != 0 && !v.Editable() {
		if v.Counts, err = a.store.DeliveryCounts(ctx, m.ID); err != nil {
			return v, err
		}
		if v.Failed, err = a.store.FailedDeliveries(ctx, m.ID, 500); err != nil {
			return v, err
		}
	}
	return v, nil
}

// notEditable sends staff back to a mailing that has started sending
// (perhaps while they were editing it), saying nothing was changed.
func (a *Handlers) notEditable(w http.ResponseWriter, r *http.Request, id int64) {
	a.FlashError(r, "This mailing has started sending, so it can no longer be changed. Nothing was saved.")
	http.Redirect(w, r, string(admin.MailingURL(id)), http.StatusSeeOther)
}

// MailingSave saves a new or existing mailing from its form, then does
// what the button pressed asks: preview, send a test, schedule, or go on
// to confirm sending now.
func (a *Handlers) MailingSave(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	m := store.Mailing{Kind: "update"}
	if chi.URLParam(r, "id") != "" {
		var err error
		if m, err = a.mailingFromPath(r); err != nil {
			return err
		}
	}
	if !a.ReadStaffForm(w, r, mailingFormLimit, "saved") {
		return nil
	}
	v, err := a.mailingView(r, m)
	if err != nil {
		return err
	}
	if m.ID != 0 && !v.Editable() {
		a.notEditable(w, r, m.ID)
		return nil
	}
	posted := r.PostForm
	action := posted.Get("action")
	v.SubjectEN, v.BodyEN = strings.TrimSpace(posted.Get("subject_en")), mailingBody(posted.Get("body_en"))
	v.SubjectES, v.BodyES = strings.TrimSpace(posted.Get("subject_es")), mailingBody(posted.Get("body_es"))
	v.SendAt = strings.TrimSpace(posted.Get("send_at"))
	content := store.MailingContent{SubjectEN: v.SubjectEN, BodyEN: v.BodyEN, SubjectES: v.SubjectES, BodyES: v.BodyES}
	var problems form.Problems
	content.SendAt, problems = checkMailing(v, action, a.now())
	if !problems.OK() {
		v.FieldProblems, v.Problems = problems, web.Summary(problems, mailingFields...)
		return a.Render(w, r, http.StatusUnprocessableEntity, admin.Mailing(a.Frame(r, "There is a problem: "+mailingTitle(m)), v))
	}

	if m.ID == 0 {
		u := web.Staff(r)
		m = store.Mailing{Kind: "update", SubjectEN: content.SubjectEN, BodyEN: content.BodyEN,
			SubjectES: content.SubjectES, BodyES: content.BodyES, SendAt: content.SendAt, CreatedBy: &u.ID}
		if m.ID, err = a.store.CreateMailing(ctx, m); err != nil {
			return err
		}
		m.Status = "draft"
		a.Audit(r, store.AuditEvent{Action: store.ActionMailingCreate, ObjectKind: "mailing",
			ObjectKey: strconv.FormatInt(m.ID, 10), ObjectLabel: m.SubjectEN, Detail: "update"})
	} else {
		err := a.store.UpdateMailing(ctx, m.ID, content)
		if errors.Is(err, store.ErrStateChanged) {
			a.notEditable(w, r, m.ID)
			return nil
		}
		if err != nil {
			return err
		}
		m.SubjectEN, m.BodyEN, m.SubjectES, m.BodyES, m.SendAt = content.SubjectEN, content.BodyEN, content.SubjectES, content.BodyES, content.SendAt
		if action != "schedule" && action != "test-en" && action != "test-es" {
			a.Audit(r, store.AuditEvent{Action: store.ActionMailingSave, ObjectKind: "mailing",
				ObjectKey: strconv.FormatInt(m.ID, 10), ObjectLabel: m.SubjectEN})
		}
	}
	back := string(admin.MailingURL(m.ID))

	switch action {
	case "preview":
		v, err := a.mailingView(r, m)
		if err != nil {
			return err
		}
		v.Previews = a.mailingPreviews(m)
		return a.Render(w, r, http.StatusOK, admin.Mailing(a.Frame(r, "Preview: "+mailingTitle(m)), v))
	case "test-en", "test-es":
		l := i18n.Lang(strings.TrimPrefix(action, "test-"))
		if err := a.sendMailingTest(ctx, r, m, l); err != nil {
			return err
		}
		a.Flash(r, fmt.Sprintf("Saved. A test in %s is on its way to you at %s.", mailingLangNames[l], web.Staff(r).Email))
	case "schedule":
		err := a.store.ScheduleMailing(ctx, m.ID, *content.SendAt)
		if errors.Is(err, store.ErrStateChanged) {
			a.notEditable(w, r, m.ID)
			return nil
		}
		if err != nil {
			return err
		}
		a.Audit(r, store.AuditEvent{Action: store.ActionMailingSchedule, ObjectKind: "mailing",
			ObjectKey: strconv.FormatInt(m.ID, 10), ObjectLabel: m.SubjectEN,
			Detail: "for " + content.SendAt.UTC().Format(time.RFC3339)})
		a.Flash(r, "Scheduled for "+admin.MailingLocalTime(*content.SendAt, v.Zone)+". It goes out then unless you cancel the schedule.")
	case "send":
		return web.SeeOther(w, r, back+"/send")
	default:
		if m.Status == "scheduled" {
			a.Flash(r, "Changes saved. It is still scheduled for "+admin.MailingLocalTime(*content.SendAt, v.Zone)+".")
		} else {
			a.Flash(r, "Draft saved. Nothing is sent until you schedule it or send it now.")
		}
	}
	return web.SeeOther(w, r, back)
}

// mailingBody is a message as typed, with the browser's line ends made
// plain and trailing blank space dropped.
func mailingBody(s string) string {
	return strings.TrimRight(strings.ReplaceAll(s, "\r\n", "\n"), " \t\n")
}

// mailingFields are the mailing form's fields in the order they are on
// the page, for the error summary.
var mailingFields = []string{"subject_en", "body_en", "subject_es", "body_es", "send_at"}

// checkMailing checks v's fields for action, returning the send time (nil
// when none was given) and the problems.
func checkMailing(v admin.MailingForm, action string, now time.Time) (*time.Time, form.Problems) {
	problems := form.Problems{}
	add := problems.Add
	complete := action != "save" // preview, tests, scheduling and sending need the whole English email
	if v.SubjectEN == "" {
		add("subject_en", "Enter the subject of the English email.")
	}
	if v.BodyEN == "" && complete {
		add("body_en", "Enter the English message.")
	}
	switch {
	case v.SubjectES != "" && v.BodyES == "":
		add("body_es", "Enter the Spanish message, or clear the Spanish subject so that Spanish subscribers get the English email.")
	case v.SubjectES == "" && v.BodyES != "":
		add("subject_es", "Enter the subject of the Spanish email, or clear the Spanish message so that Spanish subscribers get the English email.")
	}
	for _, f := range []struct {
		id, what string
		value    string
		max      int
	}{
		{"subject_en", "The English subject", v.SubjectEN, admin.MaxMailingSubject},
		{"body_en", "The English message", v.BodyEN, admin.MaxMailingBody},
		{"subject_es", "The Spanish subject", v.SubjectES, admin.MaxMailingSubject},
		{"body_es", "The Spanish message", v.BodyES, admin.MaxMailingBody},
	} {
		if n := utf8.RuneCountInString(f.value); n > f.max {
			add(f.id, fmt.Sprintf("%s must be at most %d characters long; it has %d.", f.what, f.max, n))
		}
	}
	if strings.ContainsAny(v.SubjectEN+v.SubjectES, "\r\n") {
		add("subject_en", "A subject must be on one line.")
	}

	var at *time.Time
	if v.SendAt != "" {
		t, err := time.ParseInLocation(datetimeLocal, v.SendAt, v.Zone)
		if err != nil {
			t, err = time.ParseInLocation("2006-01-02T15:04:05", v.SendAt, v.Zone)
		}
		if err != nil {
			add("send_at", "Enter the send time as a date and a time, for example 2026-09-21 08:00.")
		} else {
			at = &t
		}
	}
	if (action == "schedule" || v.Status == "scheduled") && problems["send_at"] == "" {
		switch {
		case at == nil && v.Status == "scheduled":
			add("send_at", "Enter when to send it: it is scheduled. To keep it as a draft, cancel the schedule first.")
		case at == nil:
			add("send_at", "Enter when to send it, to schedule it.")
		case !at.After(now):
			add("send_at", "The send time has passed. Enter a time in the future, or use Send now.")
		}
	}
	return at, problems
}

// mailingLangNames name the languages for staff, in English.
var mailingLangNames = map[i18n.Lang]string{i18n.EN: "English", i18n.ES: "Spanish"}

// mailingPreviews is m as subscribers reading each language get it.
func (a *Handlers) mailingPreviews(m store.Mailing) []admin.MailingPreview {
	var out []admin.MailingPreview
	for _, l := range []i18n.Lang{i18n.EN, i18n.ES} {
		subject, text := newsletter.Letter(m, string(l), a.samplePreferencesURL(l))
		fallback := l == i18n.ES && m.SubjectES == ""
		textLang := l
		if fallback {
			textLang = i18n.EN
		}
		out = append(out, admin.MailingPreview{Lang: string(l), TextLang: string(textLang), Label: mailingLangNames[l],
			Subject: subject, Body: EmailBody(text, a.cfg.BaseURL), Fallback: fallback})
	}
	return out
}

// samplePreferencesURL stands in for a subscriber's own link to their
// preferences in previews and tests: staff are not subscribers.
func (a *Handlers) samplePreferencesURL(l i18n.Lang) string {
	return a.cfg.BaseURL.JoinPath(l.Path("/sswweek/subscription/0/sample")).String()
}

// sendMailingTest queues m in l to the signed-in staff member, marked as
// a test.
func (a *Handlers) sendMailingTest(ctx context.Context, r *http.Request, m store.Mailing, l i18n.Lang) error {
	u := web.Staff(r)
	subject, text := newsletter.Letter(m, string(l), a.samplePreferencesURL(l))
	err := pgx.BeginFunc(ctx, a.pool, func(tx pgx.Tx) error {
		_, err := a.jobs.QueueEmail(ctx, tx, store.Email{Kind: "mailing-test", To: u.Email, ToName: u.Name,
			Subject: "[Test] " + subject, Body: text})
		return err
	})
	if err != nil {
		return err
	}
	a.Audit(r, store.AuditEvent{Action: store.ActionMailingTest, ObjectKind: "mailing",
		ObjectKey: strconv.FormatInt(m.ID, 10), ObjectLabel: m.SubjectEN, Detail: "in " + mailingLangNames[l] + ", to " + u.Email})
	return nil
}
