package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Mailing is an email to a list of subscribers, in each language.
type Mailing struct {
	ID                   int64
	Kind                 string // "daily" (SSWWeek daily email) or "update"
	DayDate              *time.Time
	SubjectEN, BodyEN    string
	SubjectES, BodyES    string
	Status               string // draft, scheduled, sending, sent, cancelled
	SendAt               *time.Time
	CreatedBy            *int64
	CreatedAt, UpdatedAt time.Time
	StartedAt            *time.Time
	FinishedAt           *time.Time
}

const mailingColumns = `id, kind, day_date, subject_en, body_en, subject_es, body_es, status, send_at,
	created_by, created_at, updated_at, started_at, finished_at`

// CreateMailing stores m (as a draft unless it says otherwise) and returns
// its id.
func (s *Store) CreateMailing(ctx context.Context, m Mailing) (int64, error) {
	if m.Status == "" {
		m.Status = "draft"
	}
	var id int64
	err := s.db.QueryRow(ctx, `
		INSERT INTO mailings (kind, day_date, subject_en, body_en, subject_es, body_es, status, send_at, created_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		m.Kind, m.DayDate, m.SubjectEN, m.BodyEN, m.SubjectES, m.BodyES, m.Status, m.SendAt, m.CreatedBy).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: create mailing: %w", err)
	}
	return id, nil
}

// Mailing returns one mailing.
func (s *Store) Mailing(ctx context.Context, id int64) (Mailing, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+mailingColumns+` FROM mailings WHERE id = $1`, id)
	return exactlyOne(rows, pgx.RowToStructByPos[Mailing], fmt.Sprintf("mailing %d", id))
}

// DueMailings returns the ids of scheduled mailings whose time has come,
// locked until the transaction ends.
func (s *Store) DueMailings(ctx context.Context, now time.Time) ([]int64, error) {
	rows, _ := s.db.Query(ctx, `SELECT id FROM mailings WHERE status = 'scheduled' AND send_at <= $1
		ORDER BY send_at FOR UPDATE SKIP LOCKED`, now)
	return allRows(rows, pgx.RowTo[int64], "due mailings")
}

// StartMailing marks a mailing as sending and writes one queued delivery
// per active subscriber of its list, returning how many.
func (s *Store) StartMailing(ctx context.Context, id int64) (int64, error) {
	var kind string
	err := s.db.QueryRow(ctx, `UPDATE mailings SET status = 'sending', started_at = now(), updated_at = now(), send_at = coalesce(send_at, now())
		WHERE id = $1 AND status IN ('draft', 'scheduled') RETURNING kind`, id).Scan(&kind)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, ErrStateChanged
	}
	if err != nil {
		return 0, fmt.Errorf("store: start mailing %d: %w", id, err)
	}
	tag, err := s.db.Exec(ctx, `
		INSERT INTO deliveries (mailing_id, subscriber_id)
		SELECT $1, id FROM subscribers
		WHERE status = 'active' AND CASE WHEN $2 = 'daily' THEN daily ELSE updates END
		ON CONFLICT DO NOTHING`, id, kind)
	if err != nil {
		return 0, fmt.Errorf("store: deliveries of mailing %d: %w", id, err)
	}
	return tag.RowsAffected(), nil
}

// Delivery is one recipient of a mailing, claimed for sending.
type Delivery struct {
	MailingID, SubscriberID int64
	Email, Name, Lang       string
	Attempts                int // including this one
}

// ClaimDelivery takes the next queued delivery of a mailing that is due,
// marking it 'sending' (commit before sending). ok is false when none is
// due. A delivery whose subscriber has left since is skipped.
func (s *Store) ClaimDelivery(ctx context.Context, mailingID int64) (d Delivery, ok bool, err error) {
	for {
		var active bool
		err = s.db.QueryRow(ctx, `
			WITH next AS (
				SELECT subscriber_id FROM deliveries
				WHERE mailing_id = $1 AND status = 'queued' AND next_at <= now()
				ORDER BY next_at, subscriber_id LIMIT 1 FOR UPDATE SKIP LOCKED)
			UPDATE deliveries d SET status = 'sending', claimed_at = now(), attempts = d.attempts + 1
			FROM next, subscribers sub
			WHERE d.mailing_id = $1 AND d.subscriber_id = next.subscriber_id AND sub.id = d.subscriber_id
			RETURNING d.mailing_id, d.subscriber_id, sub.email, sub.name, sub.lang, d.attempts, sub.status = 'active'`,
			mailingID).Scan(&d.MailingID, &d.SubscriberID, &d.Email, &d.Name, &d.Lang, &d.Attempts, &active)
		if errors.Is(err, pgx.ErrNoRows) {
			return Delivery{}, false, nil
		}
		if err != nil {
			return Delivery{}, false, fmt.Errorf("store: claim delivery of mailing %d: %w", mailingID, err)
		}
		if active {
			return d, true, nil
		}
		if err := s.MarkDelivery(ctx, d.MailingID, d.SubscriberID, "skipped", "unsubscribed before it was sent", time.Time{}); err != nil {
			return Delivery{}, false, err
		}
	}
}

// MarkDelivery records what became of a claimed delivery: "sent",
// "failed", "skipped", or "queued" again to be retried at next.
func (s *Store) MarkDelivery(ctx context.Context, mailingID, subscriberID int64, status, errText string, next time.Time) error {
	if len(errText) > 1000 {
		errText = errText[:1000]
	}
	_, err := s.db.Exec(ctx, `
		UPDATE deliveries SET status = $3, last_error = $4,
			sent_at = CASE WHEN $3 = 'sent' THEN now() END,
			next_at = CASE WHEN $3 = 'queued' THEN $5 ELSE next_at END,
			attempts = CASE WHEN $6 THEN attempts - 1 ELSE attempts END
		WHERE mailing_id = $1 AND subscriber_id = $2 AND status = 'sending'`,
		mailingID, subscriberID, status, errText, next, status == "queued" && errText == "")
	if err != nil {
		return fmt.Errorf("store: mark delivery %d/%d %s: %w", mailingID, subscriberID, status, err)
	}
	return nil
}

// FailInterrupted marks deliveries left 'sending' since before cutoff
// (their sender stopped mid-way): each may or may not have gone, and is
// not sent again, so nobody gets a mailing twice.
func (s *Store) FailInterrupted(ctx context.Context, cutoff time.Time) (int64, error) {
	tag, err := s.db.Exec(ctx, `UPDATE deliveries SET status = 'failed',
		last_error = 'interrupted while sending: not sent again, in case it had gone'
		WHERE status = 'sending' AND claimed_at < $1`, cutoff)
	if err != nil {
		return 0, fmt.Errorf("store: fail interrupted deliveries: %w", err)
	}
	return tag.RowsAffected(), nil
}

// NextDelivery is when the next queued delivery of a mailing is due, or
// false when none is queued.
func (s *Store) NextDelivery(ctx context.Context, mailingID int64) (time.Time, bool, error) {
	var at *time.Time
	err := s.db.QueryRow(ctx, `SELECT min(next_at) FROM deliveries WHERE mailing_id = $1 AND status = 'queued'`, mailingID).Scan(&at)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("store: next delivery of mailing %d: %w", mailingID, err)
	}
	if at == nil {
		return time.Time{}, false, nil
	}
	return *at, true, nil
}

// FinishMailing marks a mailing sent once none of its deliveries is
// queued or being sent, reporting whether it did.
func (s *Store) FinishMailing(ctx context.Context, id int64) (bool, error) {
	tag, err := s.db.Exec(ctx, `UPDATE mailings SET status = 'sent', finished_at = now(), updated_at = now()
		WHERE id = $1 AND status = 'sending'
		AND NOT EXISTS (SELECT 1 FROM deliveries WHERE mailing_id = $1 AND status IN ('queued', 'sending'))`, id)
	if err != nil {
		return false, fmt.Errorf("store: finish mailing %d: %w", id, err)
	}
	return tag.RowsAffected() == 1, nil
}

// DeliveryCounts returns how many deliveries of a mailing are in each state.
func (s *Store) DeliveryCounts(ctx context.Context, id int64) (map[string]int, error) {
	rows, _ := s.db.Query(ctx, `SELECT status, count(*)::int FROM deliveries WHERE mailing_id = $1 GROUP BY status`, id)
	counts := map[string]int{}
	var status string
	var n int
	if _, err := pgx.ForEachRow(rows, []any{&status, &n}, func() error { counts[status] = n; return nil }); err != nil {
		return nil, fmt.Errorf("store: delivery counts of %d: %w", id, err)
	}
	return counts, nil
}
