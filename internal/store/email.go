package store

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
)

// Email states.
const (
	EmailQueued = "queued"
	EmailSent   = "sent"
	EmailFailed = "failed"
)

// Email is one message in the outbox: queued, sent or failed for good.
type Email struct {
	ID      int64
	Kind    string // what it is for: "signatory-confirm", ...
	To      string
	ToName  string
	Subject string
	Body    string // plain text
	Headers map[string]string
	// Secrets are what the send step signs to fill in the placeholders
	// (SecretPlaceholder) that Body and Headers hold where a link's secret
	// goes: the outbox never holds a working link.
	Secrets     []LinkSecret
	SignatoryID *int64
	Status      string
	SentVia     string // "smtp", or "log" without an SMTP server
	Attempts    int
	LastError   string
	CreatedAt   time.Time
	SentAt      *time.Time
}

const emailColumns = `id, kind, to_address, to_name, subject, body, headers, link_secrets, signatory_id, status, sent_via,
	attempts, last_error, created_at, sent_at`

// QueueEmail adds e to the outbox and returns its id. Call it in the same
// transaction as what caused the email, with the job that sends it.
func (s *Store) QueueEmail(ctx context.Context, e Email) (int64, error) {
	if e.Headers == nil {
		e.Headers = map[string]string{}
	}
	if e.Secrets == nil {
		e.Secrets = []LinkSecret{}
	}
	var id int64
	err := s.db.QueryRow(ctx, `
		INSERT INTO emails (kind, to_address, to_name, subject, body, headers, link_secrets, signatory_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		e.Kind, e.To, e.ToName, e.Subject, e.Body, e.Headers, e.Secrets, e.SignatoryID).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: queue %s email: %w", e.Kind, err)
	}
	return id, nil
}

// Email returns one email from the outbox.
func (s *Store) Email(ctx context.Context, id int64) (Email, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+emailColumns+` FROM emails WHERE id = $1`, id)
	return exactlyOne(rows, pgx.RowToStructByPos[Email], fmt.Sprintf("email %d", id))
}

// EmailFilter selects outbox emails; zero fields select all.
type EmailFilter struct {
	Status string
	To     string // part of the address
	Before int64  // the last id of the previous page
	// SignatoryID selects the emails about one signatory; 0 for any.
	SignatoryID int64
	Limit       int // 50 when 0
}

// Emails returns outbox emails, newest first.
func (s *Store) Emails(ctx context.Context, f EmailFilter) ([]Email, error) {
	if f.Limit <= 0 {
		f.Limit = 50
	}
	rows, _ := s.db.Query(ctx, `SELECT `+emailColumns+` FROM emails
		WHERE ($1 = '' OR status = $1) AND ($2 = '' OR to_address ILIKE '%' || $2 || '%')
		AND ($3::bigint = 0 OR id < $3) AND ($5::bigint = 0 OR signatory_id = $5)
		ORDER BY id DESC LIMIT $4`, f.Status, escapeLike(f.To), f.Before, f.Limit, f.SignatoryID)
	return allRows(rows, pgx.RowToStructByPos[Email], "emails")
}

// EmailCounts returns how many outbox emails are in each state.
func (s *Store) EmailCounts(ctx context.Context) (map[string]int, error) {
	rows, _ := s.db.Query(ctx, `SELECT status, count(*)::int FROM emails GROUP BY status`)
	counts := map[string]int{}
	var status string
	var n int
	if _, err := pgx.ForEachRow(rows, []any{&status, &n}, func() error { counts[status] = n; return nil }); err != nil {
		return nil, fmt.Errorf("store: email counts: %w", err)
	}
	return counts, nil
}

// MarkEmailSent records a delivery.
func (s *Store) MarkEmailSent(ctx context.Context, id int64, via string) error {
	_, err := s.db.Exec(ctx, `UPDATE emails SET status = 'sent', sent_via = $2, sent_at = now(), attempts = attempts + 1, last_error = ''
		WHERE id = $1`, id, via)
	if err != nil {
		return fmt.Errorf("store: mark email %d sent: %w", id, err)
	}
	return nil
}

// MarkEmailAttempt records a failed delivery attempt; final marks the
// email failed for good.
func (s *Store) MarkEmailAttempt(ctx context.Context, id int64, sendErr error, final bool) error {
	status := EmailQueued
	if final {
		status = EmailFailed
	}
	msg := sendErr.Error()
	if len(msg) > 1000 {
		msg = msg[:1000]
	}
	_, err := s.db.Exec(ctx, `UPDATE emails SET attempts = attempts + 1, last_error = $2, status = $3 WHERE id = $1 AND status <> 'sent'`, id, msg, status)
	if err != nil {
		return fmt.Errorf("store: mark email %d attempt: %w", id, err)
	}
	return nil
}

// LinkSecret is the secret part of a link in an email, as the outbox keeps
// it: not the secret itself but what makes it, the message that the site
// key named Key signs (see package links). The send step signs it; anyone
// reading the outbox sees a placeholder. The message is not secret (an
// id, or a random nonce): without the key it proves nothing.
type LinkSecret struct {
	Key     string `json:"key"`
	Message string `json:"message"`
}

// SecretPlaceholder is what stands in a queued email for its secret i.
// Text a visitor wrote into the email (a name) could hold one too; it is
// then filled with a secret of this same email, for its own recipient, so
// nothing leaks.
func SecretPlaceholder(i int) string { return "{{link-secret " + strconv.Itoa(i) + "}}" }

var secretPlaceholder = regexp.MustCompile(`\{\{link-secret (\d+)\}\}`)

// SecretMask is how staff see a link's secret in the outbox.
const SecretMask = "••••••••"

// MaskSecrets is text from a queued email as staff may read it: each
// secret's placeholder shown as SecretMask.
func MaskSecrets(text string) string {
	return secretPlaceholder.ReplaceAllLiteralString(text, SecretMask)
}

// FillPlaceholders replaces each placeholder in text with the value of
// the secret it stands for (values[i] for SecretPlaceholder(i)); one
// naming no value stays as it is.
func FillPlaceholders(text string, values []string) string {
	return secretPlaceholder.ReplaceAllStringFunc(text, func(p string) string {
		i, err := strconv.Atoi(secretPlaceholder.FindStringSubmatch(p)[1])
		if err != nil || i >= len(values) {
			return p
		}
		return values[i]
	})
}
