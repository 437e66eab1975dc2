package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Audit actions on mailings (object kind "mailing", key its id).
const (
	ActionMailingCreate     = "mailing-create"
	ActionMailingSave       = "mailing-save"
	ActionMailingTest       = "mailing-test"
	ActionMailingSchedule   = "mailing-schedule"
	ActionMailingUnschedule = "mailing-unschedule"
	ActionMailingSend       = "mailing-send"
)

// MailingSummary is one mailing in the staff list, with how its sending
// went and, for a daily email, the edition whose day it is about.
type MailingSummary struct {
	Mailing
	Recipients, Sent, Failed int
	// Year and TimeZone are those of the edition that has the mailing's
	// day; 0 and "" for an update, or a day no edition has any more.
	Year     int
	TimeZone string
}

// mailingEditionJoin finds the edition whose schedule has a mailing's
// day.
const mailingEditionJoin = `
	LEFT JOIN LATERAL (
		SELECT e.year, e.time_zone FROM sswweek_days d JOIN sswweek_editions e ON e.year = d.year
		WHERE d.day = m.day_date ORDER BY e.year LIMIT 1
	) ed ON true`

// Mailings lists up to limit mailings, those still to send first (by
// send time), then the rest, newest first.
func (s *Store) Mailings(ctx context.Context, limit int) ([]MailingSummary, error) {
	rows, _ := s.db.Query(ctx, `
		SELECT m.id, m.kind, m.day_date, m.subject_en, m.body_en, m.subject_es, m.body_es, m.status, m.send_at,
			m.created_by, m.created_at, m.updated_at, m.started_at, m.finished_at,
			coalesce(c.recipients, 0), coalesce(c.sent, 0), coalesce(c.failed, 0),
			coalesce(ed.year, 0), coalesce(ed.time_zone, '')
		FROM mailings m
		LEFT JOIN LATERAL (
			SELECT count(*)::int AS recipients,
				(count(*) FILTER (WHERE status = 'sent'))::int AS sent,
				(count(*) FILTER (WHERE status = 'failed'))::int AS failed
			FROM deliveries WHERE mailing_id = m.id
		) c ON true`+mailingEditionJoin+`
		ORDER BY m.status IN ('draft', 'scheduled', 'sending') DESC,
			CASE WHEN m.status IN ('draft', 'scheduled', 'sending') THEN m.send_at END ASC NULLS LAST,
			coalesce(m.send_at, m.created_at) DESC, m.id DESC
		LIMIT $1`, limit)
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (MailingSummary, error) {
		var m MailingSummary
		err := row.Scan(&m.ID, &m.Kind, &m.DayDate, &m.SubjectEN, &m.BodyEN, &m.SubjectES, &m.BodyES, &m.Status, &m.SendAt,
			&m.CreatedBy, &m.CreatedAt, &m.UpdatedAt, &m.StartedAt, &m.FinishedAt,
			&m.Recipients, &m.Sent, &m.Failed, &m.Year, &m.TimeZone)
		return m, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: mailings: %w", err)
	}
	return list, nil
}

// MailingEdition is the edition a mailing belongs to and the IANA zone
// its send time is given in: for a daily email, its day's edition and
// that edition's zone; for an update (it goes to everyone, wherever they
// are) or a day no edition has any more, 0 and "UTC".
func (s *Store) MailingEdition(ctx context.Context, m Mailing) (year int, zone string, err error) {
	if m.Kind != "daily" || m.DayDate == nil {
		return 0, "UTC", nil
	}
	err = s.db.QueryRow(ctx, `
		SELECT e.year, e.time_zone FROM sswweek_days d JOIN sswweek_editions e ON e.year = d.year
		WHERE d.day = $1 ORDER BY e.year LIMIT 1`, *m.DayDate).Scan(&year, &zone)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, "UTC", nil
	}
	if err != nil {
		return 0, "", fmt.Errorf("store: edition of mailing %d: %w", m.ID, err)
	}
	return year, zone, nil
}

// EditionDrafts is an edition with days, and how many of those days
// already have a daily email (in any state).
type EditionDrafts struct {
	Year    int
	EndsOn  time.Time
	Days    int
	Drafted int
}

// EditionsToDraft lists every edition with at least one day in its
// schedule, newest first, with how many days have a daily email.
func (s *Store) EditionsToDraft(ctx context.Context) ([]EditionDrafts, error) {
	rows, _ := s.db.Query(ctx, `
		SELECT e.year, e.ends_on, count(*)::int,
			(count(*) FILTER (WHERE EXISTS (SELECT 1 FROM mailings m WHERE m.kind = 'daily' AND m.day_date = d.day)))::int
		FROM sswweek_editions e JOIN sswweek_days d ON d.year = e.year
		GROUP BY e.year ORDER BY e.year DESC`)
	return allRows(rows, pgx.RowToStructByPos[EditionDrafts], "editions to draft")
}

// LockEditionDrafts holds, until the transaction ends, the right to write
// an edition's daily drafts, so two staff pressing the button at once do
// not both write them. It returns ErrNotFound when there is no such
// edition. Call it inside InTx.
func (s *Store) LockEditionDrafts(ctx context.Context, year int) error {
	var y int
	err := s.db.QueryRow(ctx, `SELECT year FROM sswweek_editions WHERE year = $1 FOR UPDATE`, year).Scan(&y)
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("store: edition %d: %w", year, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("store: lock edition %d: %w", year, err)
	}
	return nil
}

// DailyMailingDays returns the days, among days, that already have a
// daily email (in any state), keyed by their date ("2006-01-02").
func (s *Store) DailyMailingDays(ctx context.Context, days []time.Time) (map[string]bool, error) {
	rows, _ := s.db.Query(ctx, `SELECT DISTINCT day_date FROM mailings WHERE kind = 'daily' AND day_date = ANY($1::date[])`, days)
	have, err := pgx.CollectRows(rows, pgx.RowTo[time.Time])
	if err != nil {
		return nil, fmt.Errorf("store: daily mailing days: %w", err)
	}
	out := make(map[string]bool, len(have))
	for _, d := range have {
		out[d.Format(time.DateOnly)] = true
	}
	return out, nil
}

// MailingContent is what staff edit of a mailing.
type MailingContent struct {
	SubjectEN, BodyEN string
	SubjectES, BodyES string
	SendAt            *time.Time
}

// UpdateMailing saves a draft or scheduled mailing's content and send
// time. ErrStateChanged: it has started sending (or is gone from the
// editable states) meanwhile; ErrNotFound: there is no such mailing.
func (s *Store) UpdateMailing(ctx context.Context, id int64, c MailingContent) error {
	return s.mailingTransition(ctx, id, "update", `
		UPDATE mailings SET subject_en = $2, body_en = $3, subject_es = $4, body_es = $5, send_at = $6, updated_at = now()
		WHERE id = $1 AND status IN ('draft', 'scheduled')
			AND (status = 'draft' OR $6::timestamptz IS NOT NULL)`,
		id, c.SubjectEN, c.BodyEN, c.SubjectES, c.BodyES, c.SendAt)
}

// ScheduleMailing sets a draft (or an already scheduled mailing) to be
// sent at at; the sender's chore starts it then.
func (s *Store) ScheduleMailing(ctx context.Context, id int64, at time.Time) error {
	return s.mailingTransition(ctx, id, "schedule", `
		UPDATE mailings SET status = 'scheduled', send_at = $2, updated_at = now()
		WHERE id = $1 AND status IN ('draft', 'scheduled')`, id, at)
}

// UnscheduleMailing takes a scheduled mailing back to a draft, keeping its
// send time as a suggestion.
func (s *Store) UnscheduleMailing(ctx context.Context, id int64) error {
	return s.mailingTransition(ctx, id, "unschedule", `
		UPDATE mailings SET status = 'draft', updated_at = now()
		WHERE id = $1 AND status = 'scheduled'`, id)
}

// mailingTransition runs an UPDATE of one mailing guarded by its state,
// telling a mailing that is gone from one in another state.
func (s *Store) mailingTransition(ctx context.Context, id int64, what, sql string, args ...any) error {
	tag, err := s.db.Exec(ctx, sql, args...)
	if err != nil {
		return fmt.Errorf("store: %s mailing %d: %w", what, id, err)
	}
	if tag.RowsAffected() == 1 {
		return nil
	}
	var exists bool
	if err := s.db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM mailings WHERE id = $1)`, id).Scan(&exists); err != nil {
		return fmt.Errorf("store: %s mailing %d: %w", what, id, err)
	}
	if !exists {
		return fmt.Errorf("store: %s mailing %d: %w", what, id, ErrNotFound)
	}
	return fmt.Errorf("store: %s mailing %d: %w", what, id, ErrStateChanged)
}

// FailedDelivery is a recipient a mailing could not be delivered to.
type FailedDelivery struct {
	SubscriberID int64
	Email, Name  string
	Attempts     int
	LastError    string
}

// FailedDeliveries lists up to limit of a mailing's failed deliveries,
// by address.
func (s *Store) FailedDeliveries(ctx context.Context, id int64, limit int) ([]FailedDelivery, error) {
	rows, _ := s.db.Query(ctx, `
		SELECT d.subscriber_id, s.email, s.name, d.attempts, d.last_error
		FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
		WHERE d.mailing_id = $1 AND d.status = 'failed'
		ORDER BY s.email LIMIT $2`, id, limit)
	return allRows(rows, pgx.RowToStructByPos[FailedDelivery], fmt.Sprintf("failed deliveries of mailing %d", id))
}

// MailingAudience counts the active subscribers a mailing of kind would
// go to now, for the confirmation before sending.
func (s *Store) MailingAudience(ctx context.Context, kind string) (int, error) {
	var n int
	err := s.db.QueryRow(ctx, `SELECT count(*)::int FROM subscribers
		WHERE status = 'active' AND CASE WHEN $1 = 'daily' THEN daily ELSE updates END`, kind).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: audience of %s mailings: %w", kind, err)
	}
	return n, nil
}
