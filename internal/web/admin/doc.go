// Package admin serves the staff area, one file per area: signing in and
// out (with the lockout notice), the dashboard and password change, staff
// accounts and the audit log, the outbox, signatories, subscribers,
// mailings and the media library. Who may open what is decided by the
// routes (RequireStaff, RequireAdmin), not here.
package admin
