package store

import (
	"context"
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// Audit actions: what the audit log records, one name per kind of event.
const (
	ActionSignIn            = "sign-in"
	ActionSignInFailed      = "sign-in-failed"
	ActionLockout           = "lockout"
	ActionSignOut           = "sign-out"
	ActionPasswordChange    = "password-change"
	ActionUserAdd           = "user-add"
	ActionUserUpdate        = "user-update"
	ActionUserDisable       = "user-disable"
	ActionUserEnable        = "user-enable"
	ActionUserResetPassword = "user-reset-password"
	ActionContentDraft      = "content-draft"
	ActionContentPublish    = "content-publish"
	ActionContentSchedule   = "content-schedule"
	// ActionContentScheduleFailed is a scheduled publish refused when due.
	ActionContentScheduleFailed = "content-schedule-failed"
	ActionContentRestore        = "content-restore"
	ActionContentDelete         = "content-delete"
	ActionContentMove           = "content-move"
	ActionContentCreate         = "content-create"
	ActionRedirectAdd           = "redirect-add"
	ActionRedirectDelete        = "redirect-delete"
)

// AuditEvent is one line of the audit log: who did what, when, from where,
// to which object.
type AuditEvent struct {
	ID int64
	At time.Time // zero when recording: now
	// ActorID is the account that acted; nil for a visitor (a failed
	// sign-in) or an account since deleted.
	ActorID *int64
	// Actor names the actor as it was then: the account's name, or for a
	// failed sign-in the email that was typed.
	Actor  string
	Action string // one of the Action constants
	IP     string
	// ObjectKind and ObjectKey say what was acted on (a content kind and
	// key, "user" and an id); ObjectLabel is its title at the time, so the
	// line still reads after the object is renamed or deleted.
	ObjectKind, ObjectKey, ObjectLabel string
	Detail                             string
}

// Actor is who did something, as the audit log records it: a staff
// account, or someone acting without one (a visitor, a contact by an
// emailed link, the system's timed work). Every service that writes an
// audit line takes one.
type Actor struct {
	ID   *int64 // the staff account; nil otherwise
	Name string
	IP   string
}

// Event is an audit line of action by a on an object, ready for Audit.
func (a Actor) Event(action, objectKind, objectKey, objectLabel, detail string) AuditEvent {
	return AuditEvent{Action: action, ActorID: a.ID, Actor: a.Name, IP: a.IP,
		ObjectKind: objectKind, ObjectKey: objectKey, ObjectLabel: objectLabel, Detail: detail}
}

// Audit records e in the audit log.
func (s *Store) Audit(ctx context.Context, e AuditEvent) error {
	var at *time.Time
	if !e.At.IsZero() {
		at = &e.At
	}
	_, err := s.db.Exec(ctx, `
		INSERT INTO audit_log (at, actor_id, actor, action, ip, object_kind, object_key, object_label, detail)
		VALUES (coalesce($1, now()), $2, $3, $4, $5, $6, $7, $8, $9)`,
		at, e.ActorID, e.Actor, e.Action, e.IP, e.ObjectKind, e.ObjectKey, e.ObjectLabel, e.Detail)
	if err != nil {
		return fmt.Errorf("store: audit %s by %q: %w", e.Action, e.Actor, err)
	}
	return nil
}

// AuditFilter selects lines of the audit log. Zero fields select everything.
type AuditFilter struct {
	Action     string // exactly
	Actor      string // part of the actor's name, any letter case
	ObjectKind string // exactly
	From, To   time.Time
	// Before is the ID of the last line of the previous page: the page
	// starts after it. 0 is the newest line.
	Before int64
	// Limit is the page size: 50 when 0, at most 200.
	Limit int
}

// Page sizes of AuditLog.
const (
	DefaultAuditLimit = 50
	MaxAuditLimit     = 200
)

// AuditLog returns the lines that f selects, newest first. From is
// inclusive and To exclusive: for the days from d1 to d2, pass d1 and the
// day after d2. The next page is AuditLog with Before set to the last ID.
func (s *Store) AuditLog(ctx context.Context, f AuditFilter) ([]AuditEvent, error) {
	var where []string
	args := pgx.NamedArgs{}
	add := func(cond, name string, v any) {
		where = append(where, cond)
		args[name] = v
	}
	if f.Action != "" {
		add(`action = @action`, "action", f.Action)
	}
	if f.Actor != "" {
		// strpos, not LIKE, so % and _ in what was typed match themselves.
		add(`strpos(lower(actor), lower(@actor)) > 0`, "actor", f.Actor)
	}
	if f.ObjectKind != "" {
		add(`object_kind = @kind`, "kind", f.ObjectKind)
	}
	if !f.From.IsZero() {
		add(`at >= @from`, "from", f.From)
	}
	if !f.To.IsZero() {
		add(`at < @to`, "to", f.To)
	}
	if f.Before > 0 {
		add(`id < @before`, "before", f.Before)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = DefaultAuditLimit
	}
	args["limit"] = min(limit, MaxAuditLimit)
	sql := `SELECT id, at, actor_id, actor, action, ip, object_kind, object_key, object_label, detail FROM audit_log`
	if len(where) > 0 {
		sql += ` WHERE ` + strings.Join(where, ` AND `)
	}
	// By id, not at: the id is the page cursor, and it follows insertion.
	sql += ` ORDER BY id DESC LIMIT @limit`
	rows, err := s.db.Query(ctx, sql, args)
	if err != nil {
		return nil, fmt.Errorf("store: audit log: %w", err)
	}
	events, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (AuditEvent, error) {
		var e AuditEvent
		err := row.Scan(&e.ID, &e.At, &e.ActorID, &e.Actor, &e.Action, &e.IP, &e.ObjectKind, &e.ObjectKey, &e.ObjectLabel, &e.Detail)
		return e, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: audit log: %w", err)
	}
	return events, nil
}

// AuditActions returns every action the log holds, in alphabetical order,
// for the log's filter.
func (s *Store) AuditActions(ctx context.Context) ([]string, error) {
	rows, err := s.db.Query(ctx, `SELECT DISTINCT action FROM audit_log ORDER BY action`)
	if err != nil {
		return nil, fmt.Errorf("store: audit actions: %w", err)
	}
	return allRows(rows, pgx.RowTo[string], "audit actions")
}

// Audit actions on signatories of the Call to Action.
const (
	ActionSignatorySubmit         = "signatory-submit"
	ActionSignatoryConfirm        = "signatory-confirm"
	ActionSignatoryApprove        = "signatory-approve"
	ActionSignatoryReject         = "signatory-reject"
	ActionSignatoryRequestChanges = "signatory-request-changes"
	ActionSignatoryResubmit       = "signatory-resubmit"
	ActionSignatoryWithdraw       = "signatory-withdraw"
	ActionSignatoryHide           = "signatory-hide"
	ActionSignatoryUnhide         = "signatory-unhide"
	ActionSignatoryEdit           = "signatory-edit"
	ActionSignatoryAdd            = "signatory-add"
	ActionSignatoryErase          = "signatory-erase"
	ActionSignatoryExpire         = "signatory-expire"
)

// ErasedLabel stands where an erased person's email address or address
// was in a kept row (the audit log's actor of a failed sign-in).
const ErasedLabel = "[erased]"

// forgetPerson removes what the site keeps about a person outside the row
// being erased, in the same transaction as the erasure: the addresses
// their own actions on objectKind objectKey were recorded from (blanked
// in the audit log, and forgotten by the form and sign-in rate limits),
// their email addresses wherever the sign-in throttle or a failed sign-in
// kept them, and the send jobs of their erased emails (emailIDs), whose
// errors quote the mail server's answer and so the address. Lines by
// staff keep their addresses: those are the staff member's, not the
// person's.
func (s *Store) forgetPerson(ctx context.Context, objectKind, objectKey string, emails []string, emailIDs []int64) error {
	for i, e := range emails {
		emails[i] = strings.ToLower(e)
	}
	emails = slices.DeleteFunc(emails, func(e string) bool { return e == "" })
	rows, _ := s.db.Query(ctx, `
		UPDATE audit_log a SET ip = '' FROM audit_log old
		WHERE a.id = old.id AND a.object_kind = $1 AND a.object_key = $2 AND a.actor_id IS NULL AND a.ip <> ''
		RETURNING old.ip`, objectKind, objectKey)
	recorded, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return fmt.Errorf("store: forget %s %s: audit addresses: %w", objectKind, objectKey, err)
	}
	// ips are the addresses as recorded; addrs adds the /64 that the
	// sign-in throttle counts an IPv6 address under.
	var ips, addrs []string
	for _, ip := range recorded {
		a, err := netip.ParseAddr(ip)
		if err != nil || slices.Contains(ips, a.String()) {
			continue
		}
		ips = append(ips, a.String())
		addrs = append(addrs, a.String())
		if a = a.Unmap(); a.Is6() {
			p, _ := a.Prefix(64)
			if n := p.Addr().String(); !slices.Contains(addrs, n) {
				addrs = append(addrs, n)
			}
		}
	}
	if len(ips) == 0 && len(emails) == 0 && len(emailIDs) == 0 {
		return nil
	}
	steps := []struct {
		what, sql string
		arg       any
	}{
		// Failed sign-ins with the person's address typed as the email.
		{"audit actors", `UPDATE audit_log SET actor = '` + ErasedLabel + `', ip = '' WHERE actor_id IS NULL AND lower(actor) = ANY($1)`, emails},
		// An IPv6 visitor is counted by its /64, which contains it.
		{"form posts", `DELETE FROM form_posts WHERE ip >>= ANY($1::inet[])`, ips},
		{"sign-in failures by email", `DELETE FROM login_failures WHERE lower(email) = ANY($1)`, emails},
		{"sign-in failures by address", `DELETE FROM login_failures WHERE ip = ANY($1)`, addrs},
		{"sign-in locks by email", `DELETE FROM login_locks WHERE lower(email) = ANY($1)`, emails},
		// Kept under the address as typed or without its +tag.
		{"confirmation sends", `DELETE FROM confirmation_sends WHERE address = ANY($1)`, withUntagged(emails)},
		{"sign-in locks by address", `DELETE FROM login_locks WHERE ip = ANY($1)`, addrs},
		// A job running now is left to finish (its email is gone, so it
		// sends nothing); only its errors go.
		{"send jobs", `DELETE FROM river_job WHERE kind = 'send_email' AND (args->>'email_id')::bigint = ANY($1) AND state <> 'running'`, emailIDs},
		{"send job errors", `UPDATE river_job SET errors = NULL WHERE kind = 'send_email' AND (args->>'email_id')::bigint = ANY($1)`, emailIDs},
	}
	for _, step := range steps {
		if _, err := s.db.Exec(ctx, step.sql, step.arg); err != nil {
			return fmt.Errorf("store: forget %s %s: %s: %w", objectKind, objectKey, step.what, err)
		}
	}
	return nil
}

// withUntagged returns emails and, for those with a +tag, the address
// without it (cap+1@example.org: cap@example.org).
func withUntagged(emails []string) []string {
	out := slices.Clone(emails)
	for _, e := range emails {
		local, domain, ok := strings.Cut(e, "@")
		if base, _, tagged := strings.Cut(local, "+"); ok && tagged {
			if u := base + "@" + domain; !slices.Contains(out, u) {
				out = append(out, u)
			}
		}
	}
	return out
}
