package admin

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/sswalliance/advocacy/internal/newsletter"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/admin"
)

// mailingListSize is how many mailings the list shows: a few years of
// SSWWeeks and updates.
const mailingListSize = 200

// mailingFormLimit bounds a mailing form's body: two long messages.
const mailingFormLimit = 256 << 10

// datetimeLocal is the value format of an <input type="datetime-local">.
const datetimeLocal = "2006-01-02T15:04"

func (a *Handlers) MailingList(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	list, err := a.store.Mailings(ctx, mailingListSize+1)
	if err != nil {
		return err
	}
	v := admin.MailingsView{}
	if len(list) > mailingListSize {
		list, v.More = list[:mailingListSize], true
	}
	zones := map[string]*time.Location{}
	for _, m := range list {
		name := m.TimeZone
		if m.Kind != "daily" || name == "" {
			name = "UTC"
		}
		if _, ok := zones[name]; !ok {
			zones[name] = loadZone(name)
		}
		v.Rows = append(v.Rows, admin.MailingRow{MailingSummary: m, Zone: zones[name]})
	}
	editions, err := a.store.EditionsToDraft(ctx)
	if err != nil {
		return err
	}
	for _, e := range editions {
		if e.Drafted < e.Days {
			v.Editions = append(v.Editions, e)
		}
	}
	return a.Render(w, r, http.StatusOK, admin.Mailings(a.Frame(r, "Mailings"), v))
}

// loadZone is the IANA zone name, or UTC when the system does not know
// it (an edition's zone is checked when it is written; this only keeps a
// typo from breaking the list).
func loadZone(name string) *time.Location {
	z, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	return z
}

// MailingDrafts creates the daily drafts of an edition's days that have
// none.
func (a *Handlers) MailingDrafts(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if !a.ReadStaffForm(w, r, mailingFormLimit, "saved") {
		return nil
	}
	year, err := strconv.Atoi(r.PostForm.Get("year"))
	if err != nil {
		return fmt.Errorf("web: drafts for edition %q: %w", r.PostForm.Get("year"), store.ErrNotFound)
	}
	u := web.Staff(r)
	drafts, err := newsletter.DailyDrafts(ctx, a.pool, a.cfg.BaseURL, year, &u.ID)
	if err != nil {
		return err
	}
	for _, m := range drafts {
		a.Audit(r, store.AuditEvent{Action: store.ActionMailingCreate, ObjectKind: "mailing",
			ObjectKey: strconv.FormatInt(m.ID, 10), ObjectLabel: m.SubjectEN,
			Detail: fmt.Sprintf("daily draft for SSWWeek %d, %s", year, m.DayDate.Format(time.DateOnly))})
	}
	if len(drafts) == 0 {
		a.FlashError(r, fmt.Sprintf("Every day of SSWWeek %d already has a daily email, so none was created.", year))
	} else {
		a.Flash(r, fmt.Sprintf("Created %s for SSWWeek %d, each proposed for 08:00 on its day in the edition’s time zone. Check, edit and schedule each one.",
			plural(len(drafts), "1 daily draft", "%d daily drafts"), year))
	}
	return web.SeeOther(w, r, "/admin/mailings")
}

func mailingTitle(m store.Mailing) string {
	if m.SubjectEN == "" {
		return "Mailing " + strconv.FormatInt(m.ID, 10)
	}
	return m.SubjectEN
}

// mailingFromPath returns the mailing named by the {id} in the path.
func (a *Handlers) mailingFromPath(r *http.Request) (store.Mailing, error) {
	return rowFromPath(r, "mailing", a.store.Mailing)
}
