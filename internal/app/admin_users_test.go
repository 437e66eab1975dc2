package app

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/chromedp"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web/admin"
)

// staffSite is the site on a loopback port with one admin signed in.
type staffSite struct {
	app   *App
	srv   *httptest.Server
	pool  *pgxpool.Pool
	store *store.Store
	admin *http.Client
	self  store.User // the signed-in admin
}

func newStaffSite(t *testing.T) staffSite {
	t.Helper()
	app, pool := seededApp(t)
	app.throttle.Delay = 0 // wrong passwords here are on purpose; the slow-down is tested in internal/auth
	srv := httptest.NewServer(app.Handler())
	t.Cleanup(srv.Close)
	password := addStaff(t, pool, "admin@example.org", "admin")
	s := staffSite{app: app, srv: srv, pool: pool, store: store.New(pool)}
	s.admin = signIn(t, srv.URL, "admin@example.org", password)
	s.self = s.user(t, "admin@example.org")
	return s
}

func (s staffSite) user(t *testing.T, email string) store.User {
	t.Helper()
	u, err := s.store.UserByEmail(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// get fetches path with c, without following redirects.
func (s staffSite) get(t *testing.T, c *http.Client, path string) *http.Response {
	t.Helper()
	res, err := c.Get(s.srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Body.Close() })
	return res
}

// post sends a form to path as c and checks that it redirects to want,
// returning the flash on the page it redirects to.
func (s staffSite) post(t *testing.T, c *http.Client, path string, form url.Values, want string) string {
	t.Helper()
	res := postForm(t, c, s.srv.URL+path, form)
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || loc != want {
		t.Fatalf("POST %s: %s to %q, want a redirect to %q", path, res.Status, loc, want)
	}
	return strings.TrimSpace(parse(t, s.get(t, c, want)).Find("[data-testid=flash]").Text())
}

// canSignIn reports whether email and password open a session.
func (s staffSite) canSignIn(t *testing.T, email, password string) bool {
	t.Helper()
	res := postForm(t, client(t, s.srv.URL), s.srv.URL+"/admin/login", url.Values{"email": {email}, "password": {password}})
	return res.StatusCode == http.StatusSeeOther
}

// signedIn reports whether c's session still opens the dashboard.
func (s staffSite) signedIn(t *testing.T, c *http.Client) bool {
	t.Helper()
	res := s.get(t, c, "/admin")
	switch {
	case res.StatusCode == http.StatusOK:
		return true
	case res.StatusCode == http.StatusSeeOther && strings.HasPrefix(res.Header.Get("Location"), "/admin/login"):
		return false
	}
	t.Fatalf("GET /admin: %s to %q", res.Status, res.Header.Get("Location"))
	return false
}

// backdatePasswords makes every password a minute old. Sessions remember
// the time of the password they were opened with to the second, so a
// change within the same second as the last one would not end them; a real
// member's password is never that new.
func (s staffSite) backdatePasswords(t *testing.T) {
	t.Helper()
	if _, err := s.pool.Exec(context.Background(), `UPDATE users SET password_changed_at = password_changed_at - interval '1 minute'`); err != nil {
		t.Fatal(err)
	}
}

func (s staffSite) audit(t *testing.T, f store.AuditFilter) []store.AuditEvent {
	t.Helper()
	events, err := s.store.AuditLog(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	return events
}

func userPath(id int64) string { return "/admin/users/" + strconv.FormatInt(id, 10) }

var shownPassword = regexp.MustCompile(`this (?:new )?password: ([A-Za-z0-9]{20}) — it will not be shown again`)

// passwordIn returns the password a flash shows.
func passwordIn(t *testing.T, flash string) string {
	t.Helper()
	m := shownPassword.FindStringSubmatch(flash)
	if m == nil {
		t.Fatalf("no password in the flash %q", flash)
	}
	return m[1]
}

func TestUserAdminAddsEditor(t *testing.T) {
	s := newStaffSite(t)
	doc := parse(t, s.get(t, s.admin, "/admin/users/new"))
	if doc.Find(`[data-testid=user-form] input[name=role][value=editor][checked]`).Length() != 1 {
		t.Error("a new member is not an editor unless chosen otherwise")
	}
	if doc.Find(`#role-admin-hint`).Text() == "" || doc.Find(`#role[aria-describedby=role-editor-hint]`).Length() != 1 {
		t.Error("the roles have no hint saying what each can do")
	}

	res := postForm(t, s.admin, s.srv.URL+"/admin/users/new", url.Values{
		"name": {" Nomvula Dlamini "}, "email": {"nomvula@example.org"}, "role": {"editor"}})
	u := s.user(t, "nomvula@example.org")
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || loc != userPath(u.ID) {
		t.Fatalf("add: %s to %q", res.Status, loc)
	}
	if u.Name != "Nomvula Dlamini" || u.Role != "editor" || u.Disabled {
		t.Fatalf("stored %+v", u)
	}
	flash := parse(t, s.get(t, s.admin, userPath(u.ID))).Find("[data-testid=flash]").Text()
	if !strings.HasPrefix(flash, "Account created. Give Nomvula Dlamini this password: ") {
		t.Errorf("flash %q", flash)
	}
	password := passwordIn(t, flash)
	// Shown once: the next page no longer has it.
	if again := parse(t, s.get(t, s.admin, userPath(u.ID))).Find("[data-testid=flash]"); again.Length() != 0 {
		t.Errorf("password shown a second time: %q", again.Text())
	}
	if !s.canSignIn(t, "nomvula@example.org", password) {
		t.Error("the shown password does not sign in")
	}

	row := parse(t, s.get(t, s.admin, "/admin/users")).Find(`[data-testid=user-row][data-email="nomvula@example.org"]`)
	if row.Length() != 1 {
		t.Fatal("new member not in the list")
	}
	if got := row.Find("a").AttrOr("href", ""); got != userPath(u.ID) {
		t.Errorf("link %q", got)
	}
	if role, status := row.Find("[data-testid=user-role]").Text(), strings.TrimSpace(row.Find("[data-testid=user-status]").Text()); role != "Editor" || status != "Active" {
		t.Errorf("role %q, status %q", role, status)
	}

	events := s.audit(t, store.AuditFilter{Action: store.ActionUserAdd})
	if len(events) != 1 {
		t.Fatalf("%d user-add lines", len(events))
	}
	e := events[0]
	if e.ObjectKind != "user" || e.ObjectKey != strconv.FormatInt(u.ID, 10) || e.ObjectLabel != "Nomvula Dlamini" ||
		e.ActorID == nil || *e.ActorID != s.self.ID || e.IP == "" {
		t.Errorf("audit %+v", e)
	}
	if strings.Contains(e.Detail, password) {
		t.Error("the password is in the audit log")
	}
}

func TestUserFormProblems(t *testing.T) {
	s := newStaffSite(t)
	for name, tc := range map[string]struct {
		form     url.Values
		problems map[string]string // field id: part of its message
	}{
		"duplicate email in another case": {
			url.Values{"name": {"Second Admin"}, "email": {"ADMIN@Example.org"}, "role": {"admin"}},
			map[string]string{"email": "already uses this email"}},
		"nothing filled in": {
			url.Values{},
			map[string]string{"name": "Enter the staff member’s name", "email": "Enter the email", "role": "Choose whether"}},
		"bad email and unknown role": {
			url.Values{"name": {"Kept Name"}, "email": {"not an email"}, "role": {"owner"}},
			map[string]string{"email": "name@example.org", "role": "Choose whether"}},
	} {
		t.Run(name, func(t *testing.T) {
			res := postForm(t, s.admin, s.srv.URL+"/admin/users/new", tc.form)
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %s", res.Status)
			}
			doc := parse(t, res)
			if n := doc.Find("[data-testid=error-summary] li").Length(); n != len(tc.problems) {
				t.Errorf("%d problems in the summary, want %d", n, len(tc.problems))
			}
			for id, want := range tc.problems {
				msg := doc.Find("#" + id + "-error").Text()
				if !strings.Contains(msg, want) {
					t.Errorf("beside %s: %q, want %q", id, msg, want)
				}
				if doc.Find(fmt.Sprintf(`[data-testid=error-summary] a[href="#%s"]`, id)).Length() != 1 {
					t.Errorf("summary does not link to #%s", id)
				}
				if id != "role" && !strings.Contains(doc.Find("#"+id).AttrOr("aria-describedby", ""), id+"-error") {
					t.Errorf("#%s is not described by its error", id)
				}
			}
			// What was typed is kept.
			if got := doc.Find("#name").AttrOr("value", ""); got != tc.form.Get("name") {
				t.Errorf("name %q, want %q", got, tc.form.Get("name"))
			}
			if got := doc.Find("#email").AttrOr("value", ""); got != tc.form.Get("email") {
				t.Errorf("email %q, want %q", got, tc.form.Get("email"))
			}
			if r := tc.form.Get("role"); r == "admin" && doc.Find(`input[name=role][value=admin][checked]`).Length() != 1 {
				t.Error("role not kept")
			}
		})
	}
	users, err := s.store.Users(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(users) != 1 {
		t.Errorf("refused forms created accounts: %d", len(users))
	}
}

func TestUserPagesAreForAdminsOnly(t *testing.T) {
	s := newStaffSite(t)
	editor := signIn(t, s.srv.URL, "editor@example.org", addStaff(t, s.pool, "editor@example.org", "editor"))
	for _, path := range []string{"/admin/users", "/admin/users/new", userPath(s.self.ID), "/admin/audit", "/admin/audit?action=sign-in"} {
		res := s.get(t, editor, path)
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("editor GET %s: %s, want 403", path, res.Status)
		}
	}
	for path, form := range map[string]url.Values{
		"/admin/users/new":                           {"name": {"Sneaky"}, "email": {"sneaky@example.org"}, "role": {"admin"}},
		userPath(s.self.ID):                          {"name": {"Renamed"}, "role": {"editor"}},
		userPath(s.self.ID) + "/disable":             nil,
		userPath(s.self.ID) + "/reset-password":      nil,
		userPath(s.user(t, "editor@example.org").ID): {"name": {"Staff editor"}, "role": {"admin"}},
	} {
		if res := postForm(t, editor, s.srv.URL+path, form); res.StatusCode != http.StatusForbidden {
			t.Errorf("editor POST %s: %s, want 403", path, res.Status)
		}
	}
	if u := s.user(t, "admin@example.org"); u != s.self {
		t.Errorf("an editor changed the admin: %+v", u)
	}
	if u := s.user(t, "editor@example.org"); u.Role != "editor" {
		t.Error("an editor made themselves an admin")
	}
	// The navigation does not offer what an editor cannot open.
	doc := parse(t, s.get(t, editor, "/admin"))
	if doc.Find(`nav a[href="/admin/users"], nav a[href="/admin/audit"]`).Length() != 0 {
		t.Error("editor's navigation links to admin-only pages")
	}
}

func TestUserDisableEndsSessionsAtOnce(t *testing.T) {
	s := newStaffSite(t)
	password := addStaff(t, s.pool, "editor@example.org", "editor")
	s.backdatePasswords(t)
	ed := s.user(t, "editor@example.org")
	active := signIn(t, s.srv.URL, ed.Email, password)
	idle := signIn(t, s.srv.URL, ed.Email, password) // makes no request while disabled
	if !s.signedIn(t, active) {
		t.Fatal("editor not signed in")
	}

	flash := s.post(t, s.admin, userPath(ed.ID)+"/disable", nil, userPath(ed.ID))
	if !strings.Contains(flash, "account is disabled") {
		t.Errorf("flash %q", flash)
	}
	res := s.get(t, active, "/admin")
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || loc != "/admin/login?next=%2Fadmin" {
		t.Fatalf("disabled editor's next request: %s to %q", res.Status, loc)
	}
	if s.canSignIn(t, ed.Email, password) {
		t.Error("a disabled account signed in")
	}
	row := parse(t, s.get(t, s.admin, "/admin/users")).Find(`[data-testid=user-row][data-email="editor@example.org"]`)
	if got := strings.TrimSpace(row.Find("[data-testid=user-status]").Text()); got != "Disabled" {
		t.Errorf("status in the list %q", got)
	}

	flash = s.post(t, s.admin, userPath(ed.ID)+"/enable", nil, userPath(ed.ID))
	if !strings.Contains(flash, "account is enabled") {
		t.Errorf("flash %q", flash)
	}
	// Enabling does not bring back the sessions that disabling ended.
	if s.signedIn(t, idle) {
		t.Error("a session from before the account was disabled works again")
	}
	if !s.canSignIn(t, ed.Email, password) {
		t.Error("the enabled account cannot sign in with its password")
	}

	var actions []string
	for _, e := range s.audit(t, store.AuditFilter{ObjectKind: "user"}) {
		if e.ObjectKey == strconv.FormatInt(ed.ID, 10) {
			actions = append(actions, e.Action)
		}
	}
	if got := strings.Join(actions, " "); got != "user-enable user-disable" {
		t.Errorf("audit %q", got)
	}
}

func TestUserResetPassword(t *testing.T) {
	s := newStaffSite(t)
	old := addStaff(t, s.pool, "editor@example.org", "editor")
	s.backdatePasswords(t)
	ed := s.user(t, "editor@example.org")
	session := signIn(t, s.srv.URL, ed.Email, old)

	flash := s.post(t, s.admin, userPath(ed.ID)+"/reset-password", nil, userPath(ed.ID))
	if !strings.HasPrefix(flash, "Password reset. Give Staff editor this new password: ") {
		t.Errorf("flash %q", flash)
	}
	password := passwordIn(t, flash)
	if s.signedIn(t, session) {
		t.Error("the member's session survived the reset")
	}
	if s.canSignIn(t, ed.Email, old) {
		t.Error("the old password still works")
	}
	if !s.canSignIn(t, ed.Email, password) {
		t.Error("the new password does not work")
	}
	if !s.signedIn(t, s.admin) {
		t.Error("resetting someone's password signed the admin out")
	}
	events := s.audit(t, store.AuditFilter{Action: store.ActionUserResetPassword})
	if len(events) != 1 || events[0].ObjectKey != strconv.FormatInt(ed.ID, 10) || events[0].ObjectLabel != "Staff editor" {
		t.Errorf("audit %+v", events)
	}
}

func TestUserEditNameAndRole(t *testing.T) {
	s := newStaffSite(t)
	addStaff(t, s.pool, "second@example.org", "admin")
	second := s.user(t, "second@example.org")

	doc := parse(t, s.get(t, s.admin, userPath(second.ID)))
	if got := doc.Find("#name").AttrOr("value", ""); got != "Staff admin" {
		t.Errorf("name field %q", got)
	}
	if doc.Find("[data-testid=disable-user]").Length() != 1 || doc.Find("[data-testid=reset-password]").Length() != 1 {
		t.Error("no disable or reset button on another member's page")
	}

	flash := s.post(t, s.admin, userPath(second.ID), url.Values{"name": {"Thandi Mokoena"}, "role": {"editor"}}, userPath(second.ID))
	if !strings.Contains(flash, "saved") {
		t.Errorf("flash %q", flash)
	}
	if u := s.user(t, second.Email); u.Name != "Thandi Mokoena" || u.Role != "editor" {
		t.Errorf("stored %+v", u)
	}
	events := s.audit(t, store.AuditFilter{Action: store.ActionUserUpdate})
	if len(events) != 1 || events[0].ObjectLabel != "Thandi Mokoena" ||
		!strings.Contains(events[0].Detail, `"Staff admin" to "Thandi Mokoena"`) || !strings.Contains(events[0].Detail, "administrator to editor") {
		t.Errorf("audit %+v", events)
	}

	// A name left empty is refused beside the field, the role kept.
	res := postForm(t, s.admin, s.srv.URL+userPath(second.ID), url.Values{"name": {"  "}, "role": {"admin"}})
	doc = parse(t, res)
	if res.StatusCode != http.StatusUnprocessableEntity || doc.Find("#name-error").Length() != 1 ||
		doc.Find(`input[name=role][value=admin][checked]`).Length() != 1 {
		t.Errorf("empty name: %s", res.Status)
	}
	if res := s.get(t, s.admin, "/admin/users/999999"); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown member: %s", res.Status)
	}
	if res := s.get(t, s.admin, "/admin/users/abc"); res.StatusCode != http.StatusNotFound {
		t.Errorf("bad id: %s", res.Status)
	}
}

func TestUserLastAdminCannotDisableOrDemoteSelf(t *testing.T) {
	s := newStaffSite(t)
	self := userPath(s.self.ID)

	doc := parse(t, s.get(t, s.admin, self))
	if doc.Find("[data-testid=self-note]").Length() != 1 || doc.Find("[data-testid=disable-user]").Length() != 0 {
		t.Error("own page offers to disable oneself")
	}

	res := postForm(t, s.admin, s.srv.URL+self+"/disable", nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("disable self: %s", res.Status)
	}
	doc = parse(t, s.get(t, s.admin, self))
	flash := doc.Find("[data-testid=flash]")
	if !flash.HasClass("flash-error") || !strings.Contains(flash.Text(), "cannot disable your own account") {
		t.Errorf("flash %q", flash.Text())
	}

	res = postForm(t, s.admin, s.srv.URL+self, url.Values{"name": {"Still Admin"}, "role": {"editor"}})
	doc = parse(t, res)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(doc.Find("#role-error").Text(), "cannot make yourself an editor") {
		t.Errorf("demote self: %s %q", res.Status, doc.Find("#role-error").Text())
	}

	res = postForm(t, s.admin, s.srv.URL+self+"/reset-password", nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("reset own password: %s", res.Status)
	}
	if !strings.Contains(parse(t, s.get(t, s.admin, self)).Find("[data-testid=flash]").Text(), "Change your password") {
		t.Error("resetting one's own password is not sent to the password page")
	}

	if u := s.user(t, s.self.Email); u != s.self {
		t.Errorf("account changed: %+v", u)
	}
	if !s.signedIn(t, s.admin) {
		t.Error("admin signed out")
	}
	if n := len(s.audit(t, store.AuditFilter{ObjectKind: "user"})); n != 0 {
		t.Errorf("%d audit lines for refused changes", n)
	}
}

// The last-admin rule also holds when the count changes under a request:
// it is checked in the transaction that makes the change.
func TestUserRefuseLastAdmin(t *testing.T) {
	s := newStaffSite(t)
	ctx := context.Background()
	addStaff(t, s.pool, "editor@example.org", "editor")
	addStaff(t, s.pool, "second@example.org", "admin")
	second := s.user(t, "second@example.org")
	check := func(id int64) error {
		return s.store.InTx(ctx, func(tx *store.Store) error { return admin.RefuseLastAdmin(ctx, tx, id) })
	}
	if err := check(s.self.ID); err != nil {
		t.Errorf("two admins: %v", err)
	}
	if err := s.store.SetUserDisabled(ctx, second.ID, true); err != nil {
		t.Fatal(err)
	}
	if err := check(s.self.ID); !errors.Is(err, admin.ErrLastAdmin) {
		t.Errorf("one active admin: %v", err)
	}
	if err := check(second.ID); err != nil {
		t.Errorf("a disabled admin is not the last: %v", err)
	}
	if err := check(s.user(t, "editor@example.org").ID); err != nil {
		t.Errorf("an editor is not an admin: %v", err)
	}
}

// auditRows returns the action of each line of an audit log page.
func auditRows(doc *goquery.Document) []string {
	var out []string
	doc.Find("[data-testid=audit-row]").Each(func(_ int, s *goquery.Selection) {
		out = append(out, s.AttrOr("data-action", ""))
	})
	return out
}

func TestAuditLogFilters(t *testing.T) {
	s := newStaffSite(t)
	ctx := context.Background()
	res := postForm(t, s.admin, s.srv.URL+"/admin/users/new", url.Values{"name": {"Nomvula Dlamini"}, "email": {"nomvula@example.org"}, "role": {"editor"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: %s", res.Status)
	}
	nomvula := s.user(t, "nomvula@example.org")
	old := time.Date(2025, 3, 17, 12, 0, 0, 0, time.UTC)
	for _, e := range []store.AuditEvent{
		{At: old, Actor: "Archived Person", Action: store.ActionContentPublish, ObjectKind: "page", ObjectKey: "call-to-action", ObjectLabel: "Call to Action"},
		{At: old, Actor: "Archived Person", Action: store.ActionContentDelete, ObjectKind: "resource", ObjectKey: "gone", ObjectLabel: "A deleted resource"},
		{Actor: "guess@example.org", Action: store.ActionSignInFailed, IP: "192.0.2.7", Detail: "wrong email or password"},
	} {
		if err := s.store.Audit(ctx, e); err != nil {
			t.Fatal(err)
		}
	}

	doc := parse(t, s.get(t, s.admin, "/admin/audit"))
	if got := strings.Join(auditRows(doc), " "); got != "sign-in-failed content-delete content-publish user-add sign-in" {
		t.Errorf("newest first: %q", got)
	}
	var options []string
	doc.Find("#action option").Each(func(_ int, o *goquery.Selection) { options = append(options, o.AttrOr("value", "")) })
	if got := strings.Join(options, " "); got != " content-delete content-publish sign-in sign-in-failed user-add" {
		t.Errorf("action choices %q", got)
	}
	// Each line links to what it acted on, when that still has a page.
	links := map[string]string{}
	doc.Find("[data-testid=audit-row]").Each(func(_ int, r *goquery.Selection) {
		links[r.AttrOr("data-action", "")] = r.Find("[data-testid=audit-object] a").AttrOr("href", "")
	})
	want := map[string]string{"user-add": userPath(nomvula.ID), "content-publish": "/admin/content/page/call-to-action",
		"content-delete": "", "sign-in": "", "sign-in-failed": ""}
	for action, href := range want {
		if links[action] != href {
			t.Errorf("%s links to %q, want %q", action, links[action], href)
		}
	}

	for query, want := range map[string]string{
		"action=user-add":                        "user-add",
		"action=sign-in":                         "sign-in",
		"actor=archived":                         "content-delete content-publish",
		"actor=GUESS%40":                         "sign-in-failed",
		"kind=user":                              "user-add",
		"kind=page":                              "content-publish",
		"from=2025-03-17&to=2025-03-17":          "content-delete content-publish",
		"to=2025-03-16":                          "",
		"from=2025-03-18&action=content-publish": "",
		"action=user-add&actor=nobody":           "",
	} {
		t.Run(query, func(t *testing.T) {
			res := s.get(t, s.admin, "/admin/audit?"+query)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status %s", res.Status)
			}
			doc := parse(t, res)
			if got := strings.Join(auditRows(doc), " "); got != want {
				t.Errorf("rows %q, want %q", got, want)
			}
			if want == "" && doc.Find("[data-testid=no-events]").Length() != 1 {
				t.Error("no message for an empty result")
			}
			if doc.Find("[data-testid=clear-filters]").Length() != 1 {
				t.Error("no way to clear the filters")
			}
		})
	}
	// The chosen filters stay in the form.
	doc = parse(t, s.get(t, s.admin, "/admin/audit?action=user-add&actor=adm&kind=user&from=2025-01-01"))
	if doc.Find(`#action option[value=user-add][selected]`).Length() != 1 || doc.Find("#actor").AttrOr("value", "") != "adm" ||
		doc.Find(`#kind option[value=user][selected]`).Length() != 1 || doc.Find("#from").AttrOr("value", "") != "2025-01-01" {
		t.Error("filters not kept in the form")
	}

	// Dates that cannot be read, or the wrong way round, are refused beside
	// their field.
	for query, id := range map[string]string{"from=17%2F03%2F2025": "from", "to=yesterday": "to", "from=2025-03-18&to=2025-03-17": "to"} {
		res := s.get(t, s.admin, "/admin/audit?"+query)
		doc := parse(t, res)
		if res.StatusCode != http.StatusUnprocessableEntity || doc.Find("#"+id+"-error").Length() != 1 ||
			doc.Find(`[data-testid=error-summary] a[href="#`+id+`"]`).Length() != 1 {
			t.Errorf("%s: %s, no problem beside %s", query, res.Status, id)
		}
	}
}

func TestAuditLogPages(t *testing.T) {
	s := newStaffSite(t)
	ctx := context.Background()
	// One sign-in by the admin, and 120 more lines.
	for i := range 120 {
		e := store.AuditEvent{Actor: "guess@example.org", Action: store.ActionSignInFailed, Detail: "attempt " + strconv.Itoa(i)}
		if err := s.store.Audit(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	path := "/admin/audit?action=sign-in-failed"
	var pages []int
	for page := 0; path != ""; page++ {
		if page > 5 {
			t.Fatal("the Older links do not end")
		}
		doc := parse(t, s.get(t, s.admin, path))
		pages = append(pages, len(auditRows(doc)))
		if page == 0 && doc.Find("[data-testid=newest]").Length() != 0 {
			t.Error("the first page links to itself as Newest")
		}
		if page > 0 && doc.Find("[data-testid=newest]").AttrOr("href", "") != "/admin/audit?action=sign-in-failed" {
			t.Errorf("page %d: Newest %q", page, doc.Find("[data-testid=newest]").AttrOr("href", ""))
		}
		first := doc.Find("[data-testid=audit-row]").First().Find("td").Last().Text()
		if page == 1 && first != "attempt 69" {
			t.Errorf("second page starts with %q", first)
		}
		path = doc.Find("[data-testid=older]").AttrOr("href", "")
		if path != "" && !strings.Contains(path, "action=sign-in-failed") {
			t.Errorf("the Older link loses the filter: %q", path)
		}
	}
	if fmt.Sprint(pages) != "[50 50 20]" {
		t.Errorf("pages of %v lines", pages)
	}
}

// TestBrowserStaffAccounts adds a member as an admin would, in the
// browser, and checks the account and audit pages with axe, at desktop
// and phone widths.
func TestBrowserStaffAccounts(t *testing.T) {
	app, pool := seededApp(t)
	srv := httptest.NewServer(app.Handler())
	defer srv.Close()
	password := addStaff(t, pool, "admin@example.org", "admin")
	b := newBrowser(t, srv.URL)
	b.do(
		chromedp.Navigate(srv.URL+"/admin/users"),
		chromedp.WaitVisible(chromedp.CSS(`#email`)),
		chromedp.SendKeys(chromedp.CSS(`#email`), "admin@example.org"),
		chromedp.SendKeys(chromedp.CSS(`#password`), password),
		chromedp.Click(chromedp.CSS(`[data-testid=sign-in]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=users]`)),
	)
	b.checkAxe("staff list")

	// A form sent empty shows its problems; then filled in, it adds the member.
	b.do(
		chromedp.Click(chromedp.CSS(`[data-testid=new-user]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=create-user]`)),
		chromedp.Click(chromedp.CSS(`[data-testid=create-user]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=error-summary]`)),
	)
	b.checkAxe("new member form with problems")
	b.screenshot("user-new-problems")
	b.do(
		chromedp.SendKeys(chromedp.CSS(`#name`), "Nomvula Dlamini"),
		chromedp.SendKeys(chromedp.CSS(`#email`), "nomvula@example.org"),
		chromedp.Click(chromedp.CSS(`#role-admin`)),
		chromedp.Click(chromedp.CSS(`[data-testid=create-user]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=disable-user]`)),
	)
	flash := value(b, chromedp.Text(chromedp.CSS(`[data-testid=flash]`)))
	if !strings.Contains(flash, "Give Nomvula Dlamini this password") {
		t.Errorf("flash %q", flash)
	}
	b.checkAxe("member page")
	b.screenshot("user-edit")
	if u, err := store.New(pool).UserByEmail(context.Background(), "nomvula@example.org"); err != nil || u.Role != "admin" {
		t.Errorf("added %+v, %v", u, err)
	}

	b.do(chromedp.Navigate(srv.URL+"/admin/audit"), chromedp.WaitVisible(chromedp.CSS(`[data-testid=audit]`)))
	b.checkAxe("audit log")
	b.screenshot("audit")
	b.do(
		chromedp.SetValue(chromedp.CSS(`#action`), store.ActionUserAdd),
		chromedp.Click(chromedp.CSS(`[data-testid=filter]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=clear-filters]`)),
	)
	if n := value(b, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid=audit-row]').length`)); n != 1 {
		t.Errorf("%d lines after filtering by action", n)
	}
	b.do(chromedp.Navigate(srv.URL+"/admin/audit?from=someday"), chromedp.WaitVisible(chromedp.CSS(`[data-testid=error-summary]`)))
	b.checkAxe("audit log with a bad date")

	b.do(chromedp.EmulateViewport(390, 844))
	for _, path := range []string{"/admin/users", "/admin/users/new", "/admin/audit"} {
		b.do(chromedp.Navigate(srv.URL+path), chromedp.WaitVisible(chromedp.CSS(`h1`)))
		b.checkAxe(path + " at 390px")
	}
	b.screenshot("audit-390")
	b.mu.Lock()
	b.problems = slices.DeleteFunc(b.problems, func(p string) bool {
		// The refused forms answered 422 on purpose, which Chromium logs.
		return strings.Contains(p, "status of 422")
	})
	b.mu.Unlock()
	b.checkClean()
}

// TestUserFormsRefuseBytesThatAreNotTextBesideTheField: a NUL or invalid
// UTF-8 in a staff name or email, on the new-account and edit forms, was
// a 500 (Postgres 22021); it gets a message beside the field.
func TestUserFormsRefuseBytesThatAreNotTextBesideTheField(t *testing.T) {
	s := newStaffSite(t)
	users, err := s.store.Users(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	edit := fmt.Sprintf("%s/admin/users/%d", s.srv.URL, users[0].ID)
	for _, tc := range []struct {
		url, field string
		form       url.Values
	}{
		{s.srv.URL + "/admin/users/new", "name", url.Values{"name": {"N\x00"}, "email": {"new1@example.org"}, "role": {"editor"}}},
		{s.srv.URL + "/admin/users/new", "name", url.Values{"name": {"N\xff"}, "email": {"new2@example.org"}, "role": {"editor"}}},
		{s.srv.URL + "/admin/users/new", "email", url.Values{"name": {"New"}, "email": {"new\x00@example.org"}, "role": {"editor"}}},
		{edit, "name", url.Values{"name": {"N\x00"}, "role": {"admin"}}},
		{edit, "name", url.Values{"name": {"N\xc0\x80"}, "role": {"admin"}}},
	} {
		res := postForm(t, s.admin, tc.url, tc.form)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s %q: %s, want 422", tc.url, tc.form, res.Status)
			continue
		}
		want := "cannot be typed"
		if tc.field == "email" {
			want = "name@example.org"
		}
		if msg := parse(t, res).Find("#" + tc.field + "-error").Text(); !strings.Contains(msg, want) {
			t.Errorf("%s %q: beside %s %q", tc.url, tc.form, tc.field, msg)
		}
	}
}

// sendHalf posts half of the body it announces to path on srv, as c's
// signed-in member, closes its side of the connection (as a visitor who
// gives up sending does, still reading), and returns the status line.
func sendHalf(t *testing.T, srv *httptest.Server, c *http.Client, path string) string {
	t.Helper()
	u, _ := url.Parse(srv.URL)
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var cookies []string
	admin, _ := url.Parse(srv.URL + "/admin/")
	for _, ck := range c.Jar.Cookies(admin) {
		cookies = append(cookies, ck.Name+"="+ck.Value)
	}
	body := "name=Half&email=half%40example.org&role=editor"
	fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: %s\r\nOrigin: %s\r\nCookie: %s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s",
		path, u.Host, srv.URL, strings.Join(cookies, "; "), len(body)*10, body)
	conn.(*net.TCPConn).CloseWrite()
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		t.Fatalf("%s: no answer: %v", path, err)
	}
	return strings.TrimSpace(line)
}

// A staff form whose body ends early is answered with the page saying
// nothing was done, even though Go has cancelled the request by then; it
// was an empty 200.
func TestAStaffFormCutShortIsAnsweredWithItsPage(t *testing.T) {
	app, pool := seededApp(t)
	srv := httptest.NewServer(app.Handler())
	t.Cleanup(srv.Close)
	c := signIn(t, srv.URL, "admin@example.org", addStaff(t, pool, "admin@example.org", "admin"))
	for _, path := range []string{"/admin/users/new", "/admin/mailings/new", "/sswweek/subscribe"} {
		if got := sendHalf(t, srv, c, path); got != "HTTP/1.1 400 Bad Request" {
			t.Errorf("%s: %q, want a 400", path, got)
		}
	}
}
