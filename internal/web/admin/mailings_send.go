package admin

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/admin"
)

// MailingUnschedule takes a scheduled mailing back to a draft.
func (a *Handlers) MailingUnschedule(w http.ResponseWriter, r *http.Request) error {
	m, err := a.mailingFromPath(r)
	if err != nil {
		return err
	}
	back := string(admin.MailingURL(m.ID))
	err = a.store.UnscheduleMailing(r.Context(), m.ID)
	if errors.Is(err, store.ErrStateChanged) {
		a.FlashError(r, "It was not scheduled any more: it has started sending, or someone cancelled the schedule first. Nothing was changed.")
		return web.SeeOther(w, r, back)
	}
	if err != nil {
		return err
	}
	a.Audit(r, store.AuditEvent{Action: store.ActionMailingUnschedule, ObjectKind: "mailing",
		ObjectKey: strconv.FormatInt(m.ID, 10), ObjectLabel: m.SubjectEN})
	a.Flash(r, "The schedule is cancelled: it is a draft again and will not be sent.")
	return web.SeeOther(w, r, back)
}

// mailingSendView is the confirmation before sending m now, or why it
// cannot be sent.
func (a *Handlers) mailingSendView(ctx context.Context, m store.Mailing) (admin.MailingSendView, error) {
	v := admin.MailingSendView{Mailing: m}
	switch {
	case m.Status != "draft" && m.Status != "scheduled":
		v.Problem = "This mailing has already started sending, so it cannot be sent again."
	case m.SubjectEN == "" || m.BodyEN == "":
		v.Problem = "The English subject and message are needed before it can be sent. Go back and write them."
	}
	var err error
	v.Recipients, err = a.store.MailingAudience(ctx, m.Kind)
	return v, err
}

func (a *Handlers) MailingSendForm(w http.ResponseWriter, r *http.Request) error {
	m, err := a.mailingFromPath(r)
	if err != nil {
		return err
	}
	v, err := a.mailingSendView(r.Context(), m)
	if err != nil {
		return err
	}
	return a.Render(w, r, http.StatusOK, admin.MailingSend(a.Frame(r, "Send now: "+mailingTitle(m)), v))
}

// MailingSend starts sending a mailing at once, once staff confirmed.
func (a *Handlers) MailingSend(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	m, err := a.mailingFromPath(r)
	if err != nil {
		return err
	}
	back := string(admin.MailingURL(m.ID))
	v, err := a.mailingSendView(ctx, m)
	if err != nil {
		return err
	}
	if v.Problem != "" {
		a.FlashError(r, v.Problem+" Nothing was sent.")
		return web.SeeOther(w, r, back)
	}
	err = a.newsletter.SendNow(ctx, m.ID)
	if errors.Is(err, store.ErrStateChanged) {
		a.FlashError(r, "This mailing had already started sending (its scheduled time came, or someone else sent it). It is not sent twice.")
		return web.SeeOther(w, r, back)
	}
	if err != nil {
		return err
	}
	counts, err := a.store.DeliveryCounts(ctx, m.ID)
	if err != nil {
		return err
	}
	n := 0
	for _, c := range counts {
		n += c
	}
	a.Audit(r, store.AuditEvent{Action: store.ActionMailingSend, ObjectKind: "mailing",
		ObjectKey: strconv.FormatInt(m.ID, 10), ObjectLabel: m.SubjectEN, Detail: fmt.Sprintf("now, to %d subscribers", n)})
	a.Flash(r, fmt.Sprintf("Sending has started, to %s. This page shows how it goes.", plural(n, "1 subscriber", "%d subscribers")))
	return web.SeeOther(w, r, back)
}
