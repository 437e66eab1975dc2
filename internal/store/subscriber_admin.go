package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// Audit actions staff take on subscribers (object kind "subscriber").
const (
	ActionSubscriberExport = "subscriber-export"
	ActionSubscriberErase  = "subscriber-erase"
)

// SubscriberStatuses are the subscriber states, in the order staff see
// them.
var SubscriberStatuses = []string{SubscriberActive, SubscriberPending, SubscriberUnsubscribed}

// Subscriber lists, as filters name them.
const (
	ListDaily   = "daily"
	ListUpdates = "updates"
)

// SubscriberFilter selects subscribers for the staff list and its export.
// Zero fields select everything.
type SubscriberFilter struct {
	Status string // one of the Subscriber* states
	List   string // ListDaily or ListUpdates
	Lang   string // "en" or "es"
	// Query is part of the address or the name, in any letter case; % and
	// _ in it match themselves.
	Query string
	// Before is the id of the last subscriber of the previous page: the
	// page starts after it. 0 is the newest.
	Before int64
	Limit  int // 0 for no limit (the export)
}

// Subscribers returns the subscribers f selects, newest first (by id, so
// the cursor is stable while people sign up).
func (s *Store) Subscribers(ctx context.Context, f SubscriberFilter) ([]Subscriber, error) {
	where, args := subscriberWhere(f)
	sql := `SELECT ` + subscriberColumns + ` FROM subscribers WHERE ` + where + ` ORDER BY id DESC`
	if f.Limit > 0 {
		args["limit"] = f.Limit
		sql += ` LIMIT @limit`
	}
	rows, _ := s.db.Query(ctx, sql, args)
	return allRows(rows, pgx.RowToStructByPos[Subscriber], "subscribers")
}

// subscriberWhere is the condition and arguments selecting f.
func subscriberWhere(f SubscriberFilter) (string, pgx.NamedArgs) {
	where := []string{"true"}
	args := pgx.NamedArgs{}
	if f.Status != "" {
		where = append(where, `status = @status`)
		args["status"] = f.Status
	}
	switch f.List {
	case ListDaily:
		where = append(where, `daily`)
	case ListUpdates:
		where = append(where, `updates`)
	}
	if f.Lang != "" {
		where = append(where, `lang = @lang`)
		args["lang"] = f.Lang
	}
	if q := escapeLike(f.Query); q != "" {
		where = append(where, `(email ILIKE '%' || @q || '%' OR name ILIKE '%' || @q || '%')`)
		args["q"] = q
	}
	if f.Before > 0 {
		where = append(where, `id < @before`)
		args["before"] = f.Before
	}
	return strings.Join(where, " AND "), args
}

// SubscriberTally is how many subscribers are in each state.
type SubscriberTally struct {
	Active, Pending, Unsubscribed int
}

// Total is everyone in the tally.
func (t SubscriberTally) Total() int { return t.Active + t.Pending + t.Unsubscribed }

func (t *SubscriberTally) add(status string, n int) {
	switch status {
	case SubscriberActive:
		t.Active += n
	case SubscriberPending:
		t.Pending += n
	case SubscriberUnsubscribed:
		t.Unsubscribed += n
	}
}

// SubscriberCounts are the subscribers counted by state, and by state
// within each list and each language.
type SubscriberCounts struct {
	States         SubscriberTally
	Daily, Updates SubscriberTally
	Langs          map[string]SubscriberTally // by language code
}

// SubscriberCounts counts every subscriber, whatever a filter shows.
func (s *Store) SubscriberCounts(ctx context.Context) (SubscriberCounts, error) {
	c := SubscriberCounts{Langs: map[string]SubscriberTally{}}
	rows, _ := s.db.Query(ctx, `SELECT status, lang, daily, updates, count(*)::int FROM subscribers
		GROUP BY status, lang, daily, updates`)
	var status, lang string
	var daily, updates bool
	var n int
	_, err := pgx.ForEachRow(rows, []any{&status, &lang, &daily, &updates, &n}, func() error {
		c.States.add(status, n)
		if daily {
			c.Daily.add(status, n)
		}
		if updates {
			c.Updates.add(status, n)
		}
		t := c.Langs[lang]
		t.add(status, n)
		c.Langs[lang] = t
		return nil
	})
	if err != nil {
		return SubscriberCounts{}, fmt.Errorf("store: subscriber counts: %w", err)
	}
	return c, nil
}

// EmailsTo returns the outbox emails to address (any letter case), newest
// first, at most limit.
func (s *Store) EmailsTo(ctx context.Context, address string, limit int) ([]Email, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+emailColumns+` FROM emails WHERE lower(to_address) = lower($1)
		ORDER BY id DESC LIMIT $2`, address, limit)
	return allRows(rows, pgx.RowToStructByPos[Email], "emails to a subscriber")
}

// SubscriberDelivery is one mailing sent, or to be sent, to a subscriber.
type SubscriberDelivery struct {
	MailingID int64
	Kind      string // the mailing's kind: "daily" or "update"
	Subject   string // in the subscriber's language, or English if that is empty
	Status    string // queued, sending, sent, failed, skipped
	Attempts  int
	LastError string
	SentAt    *time.Time
}

// SubscriberDeliveries returns the mailings of subscriber id, newest
// first, at most limit.
func (s *Store) SubscriberDeliveries(ctx context.Context, id int64, limit int) ([]SubscriberDelivery, error) {
	rows, _ := s.db.Query(ctx, `
		SELECT m.id, m.kind, CASE WHEN sub.lang = 'es' AND m.subject_es <> '' THEN m.subject_es ELSE m.subject_en END,
			d.status, d.attempts, d.last_error, d.sent_at
		FROM deliveries d JOIN mailings m ON m.id = d.mailing_id JOIN subscribers sub ON sub.id = d.subscriber_id
		WHERE d.subscriber_id = $1 ORDER BY m.id DESC LIMIT $2`, id, limit)
	return allRows(rows, pgx.RowToStructByPos[SubscriberDelivery], fmt.Sprintf("deliveries to subscriber %d", id))
}

// SubscriberErasure says what erasing a subscriber removed.
type SubscriberErasure struct {
	Emails, Deliveries, Tokens int64
}

// EraseSubscriber deletes subscriber id and everything kept about its
// address: its confirmation tokens, its delivery records, every outbox
// email to the address with its send job, and the addresses its own
// actions were recorded from (see forgetPerson). Earlier audit lines about
// it are relabelled "subscriber #id", since their label shows part of the
// address. Call it
// inside InTx (with the audit line of the erasure) so it is all or
// nothing; it returns ErrNotFound when there is no such subscriber.
func (s *Store) EraseSubscriber(ctx context.Context, id int64) (SubscriberErasure, error) {
	var e SubscriberErasure
	// Locked first, so a sign-up or unsubscribe racing with the erasure
	// waits for it rather than writing about a row half gone.
	sub, err := s.LockSubscriber(ctx, id)
	if err != nil {
		return e, err
	}
	if e.Tokens, err = s.DeleteLinkTokens(ctx, TokenOwner{OwnerSubscriber, id}); err != nil {
		return e, fmt.Errorf("store: erase subscriber %d: %w", id, err)
	}
	steps := []struct {
		what string
		n    *int64
		sql  string
		arg  any
	}{
		{"deliveries", &e.Deliveries, `DELETE FROM deliveries WHERE subscriber_id = $1`, id},
	}
	for _, step := range steps {
		tag, err := s.db.Exec(ctx, step.sql, step.arg)
		if err != nil {
			return e, fmt.Errorf("store: erase subscriber %d: %s: %w", id, step.what, err)
		}
		*step.n = tag.RowsAffected()
	}
	rows, _ := s.db.Query(ctx, `DELETE FROM emails WHERE lower(to_address) = lower($1) RETURNING id`, sub.Email)
	emailIDs, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return e, fmt.Errorf("store: erase subscriber %d: emails: %w", id, err)
	}
	e.Emails = int64(len(emailIDs))
	if err := s.forgetPerson(ctx, "subscriber", strconv.FormatInt(id, 10), []string{sub.Email}, emailIDs); err != nil {
		return e, err
	}
	if _, err := s.db.Exec(ctx, `DELETE FROM subscribers WHERE id = $1`, id); err != nil {
		return e, fmt.Errorf("store: erase subscriber %d: %w", id, err)
	}
	if _, err := s.db.Exec(ctx, `UPDATE audit_log SET object_label = $2
		WHERE object_kind = 'subscriber' AND object_key = $1`, strconv.FormatInt(id, 10), SubscriberLabel(id)); err != nil {
		return e, fmt.Errorf("store: erase subscriber %d: audit labels: %w", id, err)
	}
	return e, nil
}

// SubscriberLabel names a subscriber without its address, for the audit
// log once it is erased.
func SubscriberLabel(id int64) string { return "subscriber #" + strconv.FormatInt(id, 10) }
