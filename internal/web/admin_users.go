package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/go-chi/chi/v5"

	"github.com/sswalliance/advocacy/internal/auth"
	"github.com/sswalliance/advocacy/internal/signing"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/templates/admin"
)

// userRoutes are the pages where admins manage staff accounts (the router
// puts them behind requireAdmin).
func (a *App) userRoutes(r chi.Router) {
	r.Get("/users", a.handle(a.userList))
	r.Get("/users/new", a.handle(a.userNew))
	r.Post("/users/new", a.handle(a.userCreate))
	r.Get("/users/{id}", a.handle(a.userEdit))
	r.Post("/users/{id}", a.handle(a.userUpdate))
	r.Post("/users/{id}/disable", a.handle(a.userDisable))
	r.Post("/users/{id}/enable", a.handle(a.userEnable))
	r.Post("/users/{id}/reset-password", a.handle(a.userResetPassword))
}

// Limits of a staff account's fields, in characters.
const (
	maxStaffName  = 200
	maxStaffEmail = 254 // the longest address SMTP carries
)

// userFormLimit bounds the body of the account forms: a few short fields.
const userFormLimit = 16 << 10

// errLastAdmin refuses a change that would leave no active administrator.
var errLastAdmin = errors.New("web: the last active administrator")

func (a *App) userList(w http.ResponseWriter, r *http.Request) error {
	users, err := a.store.Users(r.Context())
	if err != nil {
		return err
	}
	v := admin.UsersView{Users: users, Self: staff(r).ID}
	return a.render(w, r, http.StatusOK, admin.UserList(a.frame(r, "Staff accounts"), v))
}

func (a *App) userNew(w http.ResponseWriter, r *http.Request) error {
	v := admin.UserForm{Role: string(auth.RoleEditor)}
	return a.render(w, r, http.StatusOK, admin.UserNew(a.frame(r, "Add a staff member"), v))
}

func (a *App) userCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if !a.parseUserForm(w, r) {
		return nil
	}
	v := admin.UserForm{
		Name:  strings.TrimSpace(r.PostForm.Get("name")),
		Email: strings.TrimSpace(r.PostForm.Get("email")),
		Role:  r.PostForm.Get("role"),
	}
	v.NameProblem = staffNameProblem(v.Name)
	v.EmailProblem = staffEmailProblem(v.Email)
	v.RoleProblem = staffRoleProblem(v.Role)
	invalid := func() error {
		v.Problems = userProblems(v)
		return a.render(w, r, http.StatusUnprocessableEntity, admin.UserNew(a.frame(r, "Add a staff member"), v))
	}
	if v.NameProblem != "" || v.EmailProblem != "" || v.RoleProblem != "" {
		return invalid()
	}

	password := auth.GeneratePassword()
	hash, err := auth.Hash(password)
	if errors.Is(err, auth.ErrBusy) {
		return a.passwordsBusy(w, r)
	} else if err != nil {
		return err
	}
	u, err := a.store.CreateUser(ctx, v.Email, v.Name, v.Role, hash)
	if errors.Is(err, store.ErrDuplicateEmail) {
		v.EmailProblem = "Another staff account already uses this email address. Open that account from the list instead, or use a different address."
		return invalid()
	}
	if err != nil {
		return err
	}
	a.audit(r, userEvent(store.ActionUserAdd, u, fmt.Sprintf("%s, %s", u.Email, roleName(u.Role))))
	a.flash(r, fmt.Sprintf("Account created. Give %s this password: %s — it will not be shown again. They sign in with %s.", u.Name, password, u.Email))
	http.Redirect(w, r, string(admin.UserURL(u.ID)), http.StatusSeeOther)
	return nil
}

func (a *App) userEdit(w http.ResponseWriter, r *http.Request) error {
	u, err := a.userFromPath(r)
	if err != nil {
		return err
	}
	v := userFormOf(u, staff(r))
	return a.render(w, r, http.StatusOK, admin.UserEdit(a.frame(r, u.Name), v))
}

func (a *App) userUpdate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u, err := a.userFromPath(r)
	if err != nil {
		return err
	}
	if !a.parseUserForm(w, r) {
		return nil
	}
	me := staff(r)
	v := userFormOf(u, me)
	v.Name, v.Role = strings.TrimSpace(r.PostForm.Get("name")), r.PostForm.Get("role")
	v.NameProblem = staffNameProblem(v.Name)
	v.RoleProblem = staffRoleProblem(v.Role)
	if v.RoleProblem == "" && u.ID == me.ID && v.Role != string(auth.RoleAdmin) {
		v.RoleProblem = "You cannot make yourself an editor. Another administrator can change your role if that is needed."
	}
	invalid := func() error {
		v.Problems = userProblems(v)
		return a.render(w, r, http.StatusUnprocessableEntity, admin.UserEdit(a.frame(r, u.Name), v))
	}
	if v.NameProblem != "" || v.RoleProblem != "" {
		return invalid()
	}
	if v.Name == u.Name && v.Role == u.Role {
		a.flash(r, "Nothing was changed.")
		http.Redirect(w, r, string(admin.UserURL(u.ID)), http.StatusSeeOther)
		return nil
	}

	err = a.store.InTx(ctx, func(tx *store.Store) error {
		if v.Role != string(auth.RoleAdmin) {
			if err := refuseLastAdmin(ctx, tx, u.ID); err != nil {
				return err
			}
		}
		return tx.UpdateUser(ctx, u.ID, v.Name, v.Role)
	})
	if errors.Is(err, errLastAdmin) {
		v.RoleProblem = u.Name + " is the last active administrator. Make someone else an administrator first, so that someone can still manage accounts."
		return invalid()
	}
	if err != nil {
		return err
	}
	var changes []string
	if v.Name != u.Name {
		changes = append(changes, fmt.Sprintf("name %q to %q", u.Name, v.Name))
	}
	if v.Role != u.Role {
		changes = append(changes, fmt.Sprintf("role %s to %s", roleName(u.Role), roleName(v.Role)))
	}
	u.Name = v.Name
	a.audit(r, userEvent(store.ActionUserUpdate, u, strings.Join(changes, "; ")))
	a.flash(r, "Changes to "+u.Name+"’s account saved.")
	http.Redirect(w, r, string(admin.UserURL(u.ID)), http.StatusSeeOther)
	return nil
}

func (a *App) userDisable(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u, err := a.userFromPath(r)
	if err != nil {
		return err
	}
	back := string(admin.UserURL(u.ID))
	if u.ID == staff(r).ID {
		a.flashError(r, "You cannot disable your own account. Another administrator can do it if that is needed.")
		http.Redirect(w, r, back, http.StatusSeeOther)
		return nil
	}
	err = a.store.InTx(ctx, func(tx *store.Store) error {
		if err := refuseLastAdmin(ctx, tx, u.ID); err != nil {
			return err
		}
		if err := tx.SetUserDisabled(ctx, u.ID, true); err != nil {
			return err
		}
		// requireStaff ends a disabled member's session only when they next
		// use it. Marking the password as changed (to the same hash) means
		// a session left unused until the account is enabled again stays
		// ended too.
		return tx.SetPassword(ctx, u.ID, u.PasswordHash)
	})
	if errors.Is(err, errLastAdmin) {
		a.flashError(r, u.Name+" is the last active administrator and cannot be disabled. Make someone else an administrator first.")
		http.Redirect(w, r, back, http.StatusSeeOther)
		return nil
	}
	if err != nil {
		return err
	}
	a.audit(r, userEvent(store.ActionUserDisable, u, ""))
	a.flash(r, u.Name+"’s account is disabled. They are signed out and cannot sign in until it is enabled again.")
	http.Redirect(w, r, back, http.StatusSeeOther)
	return nil
}

func (a *App) userEnable(w http.ResponseWriter, r *http.Request) error {
	u, err := a.userFromPath(r)
	if err != nil {
		return err
	}
	if err := a.store.SetUserDisabled(r.Context(), u.ID, false); err != nil {
		return err
	}
	a.audit(r, userEvent(store.ActionUserEnable, u, ""))
	a.flash(r, u.Name+"’s account is enabled. They can sign in again with their password.")
	http.Redirect(w, r, string(admin.UserURL(u.ID)), http.StatusSeeOther)
	return nil
}

func (a *App) userResetPassword(w http.ResponseWriter, r *http.Request) error {
	u, err := a.userFromPath(r)
	if err != nil {
		return err
	}
	back := string(admin.UserURL(u.ID))
	if u.ID == staff(r).ID {
		// Resetting here would sign the admin out; the password page keeps
		// their session and asks for the current password first.
		a.flashError(r, "To change your own password, use Change your password, under your name at the top of the page.")
		http.Redirect(w, r, back, http.StatusSeeOther)
		return nil
	}
	password := auth.GeneratePassword()
	hash, err := auth.Hash(password)
	if errors.Is(err, auth.ErrBusy) {
		return a.passwordsBusy(w, r)
	} else if err != nil {
		return err
	}
	// The change of password_changed_at ends every session of theirs.
	if err := a.store.SetPassword(r.Context(), u.ID, hash); err != nil {
		return err
	}
	a.audit(r, userEvent(store.ActionUserResetPassword, u, ""))
	msg := fmt.Sprintf("Password reset. Give %s this new password: %s — it will not be shown again. They have been signed out everywhere.", u.Name, password)
	if u.Disabled {
		msg += " Their account is still disabled: enable it when they should be able to sign in."
	}
	a.flash(r, msg)
	http.Redirect(w, r, back, http.StatusSeeOther)
	return nil
}

// userFromPath returns the account named by the {id} in the path.
func (a *App) userFromPath(r *http.Request) (store.User, error) {
	id, ok := rowID(chi.URLParam(r, "id"))
	if !ok {
		return store.User{}, fmt.Errorf("web: staff account %q: %w", chi.URLParam(r, "id"), store.ErrNotFound)
	}
	return a.store.User(r.Context(), id)
}

// parseUserForm reads an account form. When it cannot, it answers the
// request itself and returns false.
func (a *App) parseUserForm(w http.ResponseWriter, r *http.Request) bool {
	r.Body = http.MaxBytesReader(w, r.Body, userFormLimit)
	if err := r.ParseForm(); err != nil {
		a.renderAdminError(w, r, http.StatusBadRequest, "The form could not be read, so nothing was saved. Go back and try again.")
		return false
	}
	return true
}

// refuseLastAdmin returns errLastAdmin when taking away account id's
// administrator rights (demoting or disabling it) would leave no active
// administrator. Call
// it inside InTx, before the change: the count locks the administrators'
// rows, so two admins acting on each other at once cannot both pass.
func refuseLastAdmin(ctx context.Context, tx *store.Store, id int64) error {
	admins, err := tx.CountActiveAdmins(ctx)
	if err != nil {
		return err
	}
	// Read after the lock, so the role and state are the current ones.
	u, err := tx.User(ctx, id)
	if err != nil {
		return err
	}
	if u.Role == string(auth.RoleAdmin) && !u.Disabled && admins <= 1 {
		return errLastAdmin
	}
	return nil
}

// userFormOf is the edit form of u as saved, for the signed-in member me.
func userFormOf(u, me store.User) admin.UserForm {
	return admin.UserForm{ID: u.ID, Name: u.Name, Email: u.Email, Role: u.Role,
		Disabled: u.Disabled, Self: u.ID == me.ID, Created: u.CreatedAt}
}

// userEvent is an audit line about account u.
func userEvent(action string, u store.User, detail string) store.AuditEvent {
	return store.AuditEvent{Action: action, ObjectKind: "user", ObjectKey: strconv.FormatInt(u.ID, 10),
		ObjectLabel: u.Name, Detail: detail}
}

// userProblems lists v's problems in the order of its fields, for the
// error summary.
func userProblems(v admin.UserForm) []admin.Problem {
	var out []admin.Problem
	for _, p := range []admin.Problem{{ID: "name", Message: v.NameProblem}, {ID: "email", Message: v.EmailProblem}, {ID: "role", Message: v.RoleProblem}} {
		if p.Message != "" {
			out = append(out, p)
		}
	}
	return out
}

func staffNameProblem(name string) string {
	switch {
	case name == "":
		return "Enter the staff member’s name."
	case !typable(name):
		return "The name has a character that cannot be typed (or is not text). Type it again."
	case utf8.RuneCountInString(name) > maxStaffName:
		return fmt.Sprintf("The name must be at most %d characters long.", maxStaffName)
	}
	return ""
}

// staffEmailProblem checks what the database checks (one @, something on
// each side, no spaces), so a bad address gets a message, not an error.
func staffEmailProblem(email string) string {
	local, domain, ok := strings.Cut(email, "@")
	switch {
	case email == "":
		return "Enter the email address they will sign in with."
	case !ok || local == "" || domain == "" || strings.Contains(domain, "@") || strings.ContainsFunc(email, unicode.IsSpace) || !typable(email):
		return "Enter an email address in the form name@example.org."
	case utf8.RuneCountInString(email) > maxStaffEmail:
		return fmt.Sprintf("The email address must be at most %d characters long.", maxStaffEmail)
	}
	return ""
}

func staffRoleProblem(role string) string {
	if !auth.Role(role).Valid() {
		return "Choose whether they are an editor or an administrator."
	}
	return ""
}

// roleName is a role in words, for audit details.
func roleName(role string) string {
	if role == string(auth.RoleAdmin) {
		return "administrator"
	}
	return role
}

// auditPageSize is how many lines a page of the audit log shows.
const auditPageSize = store.DefaultAuditLimit

// auditDate is how the filter's dates are written (an HTML date input's
// value).
const auditDate = "2006-01-02"

func (a *App) auditLog(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	form := admin.AuditFilterForm{Action: q.Get("action"), Actor: strings.TrimSpace(q.Get("actor")),
		Kind: q.Get("kind"), From: strings.TrimSpace(q.Get("from")), To: strings.TrimSpace(q.Get("to"))}
	v := admin.AuditView{Filter: form, Kinds: a.auditKinds()}
	actions, err := a.store.AuditActions(ctx)
	if err != nil {
		return err
	}
	v.Actions = actions

	// Plus one line, to know whether there is an older page.
	f := store.AuditFilter{Action: form.Action, Actor: form.Actor, ObjectKind: form.Kind, Limit: auditPageSize + 1}
	var to time.Time
	f.From, v.FromProblem = parseAuditDate(form.From, "start")
	to, v.ToProblem = parseAuditDate(form.To, "end")
	if !to.IsZero() {
		f.To = to.AddDate(0, 0, 1) // the day itself is included
		if !f.From.IsZero() && to.Before(f.From) {
			v.ToProblem = "The end date must be the same as or after the start date."
		}
	}
	// A date input cannot show text that is not a date (only a URL typed by
	// hand has one): the message beside the field says what was wrong.
	if v.FromProblem != "" {
		v.Filter.From = ""
	}
	if to.IsZero() {
		v.Filter.To = ""
	}
	for _, p := range []admin.Problem{{ID: "from", Message: v.FromProblem}, {ID: "to", Message: v.ToProblem}} {
		if p.Message != "" {
			v.Problems = append(v.Problems, p)
		}
	}
	if len(v.Problems) > 0 {
		return a.render(w, r, http.StatusUnprocessableEntity, admin.AuditLog(a.frame(r, "Audit log"), v))
	}

	// A bad cursor (typed by hand) is the newest page.
	f.Before, _ = rowID(q.Get("before"))
	events, err := a.store.AuditLog(ctx, f)
	if err != nil {
		return err
	}
	if len(events) > auditPageSize {
		events = events[:auditPageSize]
		v.OlderURL = auditURL(form, events[len(events)-1].ID)
	}
	if f.Before > 0 {
		v.NewestURL = auditURL(form, 0)
	}
	for _, e := range events {
		v.Rows = append(v.Rows, admin.AuditRow{AuditEvent: e, ObjectURL: a.auditObjectURL(e)})
	}
	return a.render(w, r, http.StatusOK, admin.AuditLog(a.frame(r, "Audit log"), v))
}

// parseAuditDate reads a filter date, as midnight UTC (the log's times are
// shown in UTC); which is "start" or "end", for the message.
func parseAuditDate(s, which string) (time.Time, string) {
	if s == "" {
		return time.Time{}, ""
	}
	d, err := time.ParseInLocation(auditDate, s, time.UTC)
	if err != nil {
		return time.Time{}, fmt.Sprintf("Enter the %s date as year-month-day, for example 2026-03-17.", which)
	}
	return d, ""
}

// auditURL is the audit log with the filters of form, from the line after
// before (0: the newest).
func auditURL(form admin.AuditFilterForm, before int64) string {
	q := url.Values{}
	for k, v := range map[string]string{"action": form.Action, "actor": form.Actor, "kind": form.Kind, "from": form.From, "to": form.To} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if before > 0 {
		q.Set("before", strconv.FormatInt(before, 10))
	}
	if len(q) == 0 {
		return "/admin/audit"
	}
	return "/admin/audit?" + q.Encode()
}

// auditKinds are the kinds of object the log can be filtered by: staff
// accounts and every kind of content.
func (a *App) auditKinds() []admin.AuditKind {
	kinds := []admin.AuditKind{{Name: "user", Label: "Staff accounts"}, {Name: "signatory", Label: "Signatories"}, {Name: "subscriber", Label: "Subscribers"}, {Name: "mailing", Label: "Mailings"}}
	for _, k := range a.kinds.Kinds() {
		kinds = append(kinds, admin.AuditKind{Name: k.Name, Label: k.Plural})
	}
	return kinds
}

// auditObjectURL is the admin page of what e acted on, or "" when there is
// none: no object, a deleted item, or a key that names no page.
func (a *App) auditObjectURL(e store.AuditEvent) string {
	if e.ObjectKey == "" || e.Action == store.ActionContentDelete {
		return ""
	}
	if e.ObjectKind == "user" {
		// A key that is not an id (a password change records the email)
		// names no page.
		if id, err := strconv.ParseInt(e.ObjectKey, 10, 64); err == nil {
			return string(admin.UserURL(id))
		}
		return ""
	}
	if e.ObjectKind == "mailing" {
		if id, err := strconv.ParseInt(e.ObjectKey, 10, 64); err == nil {
			return string(admin.MailingURL(id))
		}
		return ""
	}
	if e.ObjectKind == "signatory" {
		// Expired and erased-and-deleted submissions are gone.
		id, err := strconv.ParseInt(e.ObjectKey, 10, 64)
		if err != nil || e.Action == store.ActionSignatoryExpire || e.Detail == signing.EraseDeleted {
			return ""
		}
		return string(admin.SignatoryURL(id))
	}
	if k, ok := a.kinds.Kind(e.ObjectKind); ok {
		return "/admin/content/" + k.Name + "/" + url.PathEscape(e.ObjectKey)
	}
	return ""
}
