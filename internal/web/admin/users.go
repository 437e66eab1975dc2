package admin

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sswalliance/advocacy/internal/auth"
	"github.com/sswalliance/advocacy/internal/form"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/admin"
)

// Limits of a staff account's fields, in characters.
const (
	maxStaffName  = 200
	maxStaffEmail = 254 // the longest address SMTP carries
)

// userFormLimit bounds the body of the account forms: a few short fields.
const userFormLimit = 16 << 10

// ErrLastAdmin refuses a change that would leave no active administrator.
var ErrLastAdmin = errors.New("web: the last active administrator")

func (a *Handlers) UserList(w http.ResponseWriter, r *http.Request) error {
	users, err := a.store.Users(r.Context())
	if err != nil {
		return err
	}
	v := admin.UsersView{Users: users, Self: web.Staff(r).ID}
	return a.Render(w, r, http.StatusOK, admin.UserList(a.Frame(r, "Staff accounts"), v))
}

func (a *Handlers) UserNew(w http.ResponseWriter, r *http.Request) error {
	v := admin.UserForm{Role: string(auth.RoleEditor)}
	return a.Render(w, r, http.StatusOK, admin.UserNew(a.Frame(r, "Add a staff member"), v))
}

func (a *Handlers) UserCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if !a.ReadStaffForm(w, r, userFormLimit, "saved") {
		return nil
	}
	v := admin.UserForm{
		Name:  strings.TrimSpace(r.PostForm.Get("name")),
		Email: strings.TrimSpace(r.PostForm.Get("email")),
		Role:  r.PostForm.Get("role"),
	}
	problems := checkUser(v, true)
	invalid := func() error {
		showUserProblems(&v, problems)
		return a.Render(w, r, http.StatusUnprocessableEntity, admin.UserNew(a.Frame(r, "Add a staff member"), v))
	}
	if !problems.OK() {
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
		problems.Add("email", "Another staff account already uses this email address. Open that account from the list instead, or use a different address.")
		return invalid()
	}
	if err != nil {
		return err
	}
	a.Audit(r, userEvent(store.ActionUserAdd, u, fmt.Sprintf("%s, %s", u.Email, roleName(u.Role))))
	a.Flash(r, fmt.Sprintf("Account created. Give %s this password: %s — it will not be shown again. They sign in with %s.", u.Name, password, u.Email))
	return web.SeeOther(w, r, string(admin.UserURL(u.ID)))
}

func (a *Handlers) UserEdit(w http.ResponseWriter, r *http.Request) error {
	u, err := a.userFromPath(r)
	if err != nil {
		return err
	}
	v := userFormOf(u, web.Staff(r))
	return a.Render(w, r, http.StatusOK, admin.UserEdit(a.Frame(r, u.Name), v))
}

func (a *Handlers) UserUpdate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u, err := a.userFromPath(r)
	if err != nil {
		return err
	}
	if !a.ReadStaffForm(w, r, userFormLimit, "saved") {
		return nil
	}
	me := web.Staff(r)
	v := userFormOf(u, me)
	v.Name, v.Role = strings.TrimSpace(r.PostForm.Get("name")), r.PostForm.Get("role")
	problems := checkUser(v, false)
	if u.ID == me.ID && v.Role != string(auth.RoleAdmin) {
		problems.Add("role", "You cannot make yourself an editor. Another administrator can change your role if that is needed.")
	}
	invalid := func() error {
		showUserProblems(&v, problems)
		return a.Render(w, r, http.StatusUnprocessableEntity, admin.UserEdit(a.Frame(r, u.Name), v))
	}
	if !problems.OK() {
		return invalid()
	}
	if v.Name == u.Name && v.Role == u.Role {
		a.Flash(r, "Nothing was changed.")
		return web.SeeOther(w, r, string(admin.UserURL(u.ID)))
	}

	err = a.store.InTx(ctx, func(tx *store.Store) error {
		if v.Role != string(auth.RoleAdmin) {
			if err := RefuseLastAdmin(ctx, tx, u.ID); err != nil {
				return err
			}
		}
		return tx.UpdateUser(ctx, u.ID, v.Name, v.Role)
	})
	if errors.Is(err, ErrLastAdmin) {
		problems.Add("role", u.Name+" is the last active administrator. Make someone else an administrator first, so that someone can still manage accounts.")
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
	a.Audit(r, userEvent(store.ActionUserUpdate, u, strings.Join(changes, "; ")))
	a.Flash(r, "Changes to "+u.Name+"’s account saved.")
	return web.SeeOther(w, r, string(admin.UserURL(u.ID)))
}

func (a *Handlers) UserDisable(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u, err := a.userFromPath(r)
	if err != nil {
		return err
	}
	back := string(admin.UserURL(u.ID))
	if u.ID == web.Staff(r).ID {
		a.FlashError(r, "You cannot disable your own account. Another administrator can do it if that is needed.")
		return web.SeeOther(w, r, back)
	}
	err = a.store.InTx(ctx, func(tx *store.Store) error {
		if err := RefuseLastAdmin(ctx, tx, u.ID); err != nil {
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
	if errors.Is(err, ErrLastAdmin) {
		a.FlashError(r, u.Name+" is the last active administrator and cannot be disabled. Make someone else an administrator first.")
		return web.SeeOther(w, r, back)
	}
	if err != nil {
		return err
	}
	a.Audit(r, userEvent(store.ActionUserDisable, u, ""))
	a.Flash(r, u.Name+"’s account is disabled. They are signed out and cannot sign in until it is enabled again.")
	return web.SeeOther(w, r, back)
}

func (a *Handlers) UserEnable(w http.ResponseWriter, r *http.Request) error {
	u, err := a.userFromPath(r)
	if err != nil {
		return err
	}
	if err := a.store.SetUserDisabled(r.Context(), u.ID, false); err != nil {
		return err
	}
	a.Audit(r, userEvent(store.ActionUserEnable, u, ""))
	a.Flash(r, u.Name+"’s account is enabled. They can sign in again with their password.")
	return web.SeeOther(w, r, string(admin.UserURL(u.ID)))
}

func (a *Handlers) UserResetPassword(w http.ResponseWriter, r *http.Request) error {
	u, err := a.userFromPath(r)
	if err != nil {
		return err
	}
	back := string(admin.UserURL(u.ID))
	if u.ID == web.Staff(r).ID {
		// Resetting here would sign the admin out; the password page keeps
		// their session and asks for the current password first.
		a.FlashError(r, "To change your own password, use Change your password, under your name at the top of the page.")
		return web.SeeOther(w, r, back)
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
	a.Audit(r, userEvent(store.ActionUserResetPassword, u, ""))
	msg := fmt.Sprintf("Password reset. Give %s this new password: %s — it will not be shown again. They have been signed out everywhere.", u.Name, password)
	if u.Disabled {
		msg += " Their account is still disabled: enable it when they should be able to sign in."
	}
	a.Flash(r, msg)
	return web.SeeOther(w, r, back)
}

// userFromPath returns the account named by the {id} in the path.
func (a *Handlers) userFromPath(r *http.Request) (store.User, error) {
	return rowFromPath(r, "staff account", a.store.User)
}

// RefuseLastAdmin returns ErrLastAdmin when taking away account id's
// administrator rights (demoting or disabling it) would leave no active
// administrator. Call
// it inside InTx, before the change: the count locks the administrators'
// rows, so two admins acting on each other at once cannot both pass.
func RefuseLastAdmin(ctx context.Context, tx *store.Store, id int64) error {
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
		return ErrLastAdmin
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

// userFields are the account form's fields in the order they are on the
// page, for the error summary.
var userFields = []string{"name", "email", "role"}

// checkUser checks an account form; the email only on a new account (it
// cannot be changed once made).
func checkUser(v admin.UserForm, withEmail bool) form.Problems {
	p := form.Problems{}
	switch {
	case v.Name == "":
		p.Add("name", "Enter the staff member’s name.")
	case !form.Typable(v.Name):
		p.Add("name", "The name has a character that cannot be typed (or is not text). Type it again.")
	case utf8.RuneCountInString(v.Name) > maxStaffName:
		p.Add("name", fmt.Sprintf("The name must be at most %d characters long.", maxStaffName))
	}
	if withEmail {
		// What the database checks (one @, something on each side, no
		// spaces), so a bad address gets a message, not an error.
		local, domain, ok := strings.Cut(v.Email, "@")
		switch {
		case v.Email == "":
			p.Add("email", "Enter the email address they will sign in with.")
		case !ok || local == "" || domain == "" || strings.Contains(domain, "@") || strings.ContainsFunc(v.Email, unicode.IsSpace) || !form.Typable(v.Email):
			p.Add("email", "Enter an email address in the form name@example.org.")
		case utf8.RuneCountInString(v.Email) > maxStaffEmail:
			p.Add("email", fmt.Sprintf("The email address must be at most %d characters long.", maxStaffEmail))
		}
	}
	if !auth.Role(v.Role).Valid() {
		p.Add("role", "Choose whether they are an editor or an administrator.")
	}
	return p
}

// showUserProblems marks p on v's fields and in its error summary.
func showUserProblems(v *admin.UserForm, p form.Problems) {
	v.NameProblem, v.EmailProblem, v.RoleProblem = p["name"], p["email"], p["role"]
	v.Problems = web.Summary(p, userFields...)
}

// roleName is a role in words, for audit details.
func roleName(role string) string {
	if role == string(auth.RoleAdmin) {
		return "administrator"
	}
	return role
}
