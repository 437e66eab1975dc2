package admin

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sswalliance/advocacy/internal/auth"
	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/form"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/admin"
)

// shortcuts are the tasks staff do most.
var shortcuts = []admin.Shortcut{
	{URL: "/admin/content/page/call-to-action", Label: "Edit the Call to Action page"},
	{URL: "/admin/content/recommendation", Label: "Call to Action recommendations"},
	{URL: "/admin/content/page/home", Label: "Edit the home page"},
	{URL: "/admin/content/audience", Label: "Key messages by audience"},
	{URL: "/admin/content/resource/new", Label: "Add a resource to the library"},
	{URL: "/admin/content/blog-post/new", Label: "Write a blog post"},
	{URL: "/admin/content/edition", Label: "Social Service Workforce Week editions"},
	{URL: "/admin/content/calendar-event", Label: "Advocacy calendar"},
}

func (a *Handlers) Dashboard(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	v := admin.DashboardView{Name: web.Staff(r).Name, Shortcuts: shortcuts}
	for _, k := range a.kinds.Kinds() {
		if k.Parent != "" {
			continue
		}
		entries, err := k.List(ctx, a.pool, "")
		if err != nil {
			return err
		}
		v.Counts = append(v.Counts, admin.KindLink{Name: k.Name, Plural: k.Plural, Count: len(entries)})
	}
	rows, _ := a.pool.Query(ctx, `
		SELECT c.kind, c.key, c.draft, c.publish_at, coalesce(c.schedule_problem, ''), c.published, c.updated_at, coalesce(u.name, '')
		FROM content_items c LEFT JOIN users u ON u.id = c.updated_by
		WHERE c.draft IS NOT NULL ORDER BY c.updated_at DESC LIMIT 50`)
	var kind, key, problem, by string
	var draft map[string]string
	var publishAt *time.Time
	var published bool
	var updated time.Time
	_, err := pgx.ForEachRow(rows, []any{&kind, &key, &draft, &publishAt, &problem, &published, &updated, &by}, func() error {
		k, ok := a.kinds.Kind(kind)
		if !ok {
			return nil
		}
		it := content.Item{Kind: k, Key: key, Draft: draft, PublishAt: publishAt, ScheduleProblem: problem}
		if published {
			it.Live = content.Doc{}
		}
		v.Pending = append(v.Pending, admin.Pending{URL: "/admin/content/" + kind + "/" + key, Kind: k.Label,
			Title: it.Title(), Status: string(it.Status()), StatusLabel: it.Status().Label(), PublishAt: publishAt,
			UpdatedBy: by, UpdatedAt: updated})
		return nil
	})
	if err != nil {
		return err
	}
	return a.Render(w, r, http.StatusOK, admin.Dashboard(a.Frame(r, "Dashboard"), v))
}

func (a *Handlers) PasswordForm(w http.ResponseWriter, r *http.Request) error {
	return a.Render(w, r, http.StatusOK, admin.Password(a.Frame(r, "Change your password"), admin.PasswordView{}))
}

func (a *Handlers) ChangePassword(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		return err
	}
	u := web.Staff(r)
	current, next, confirm := r.PostForm.Get("current"), r.PostForm.Get("new"), r.PostForm.Get("confirm")
	problems := form.Problems{}
	if ok, _, err := auth.Verify(current, u.PasswordHash); errors.Is(err, auth.ErrBusy) {
		return a.passwordsBusy(w, r)
	} else if err != nil {
		return err
	} else if !ok {
		problems.Add("current", "Your current password is not right.")
	}
	if msg := auth.PasswordProblem(next, u.Email); msg != "" {
		problems.Add("new", msg)
	} else if next != confirm {
		problems.Add("confirm", "The two new passwords are not the same. Type it again in both.")
	}
	if !problems.OK() {
		v := admin.PasswordView{Current: problems["current"], New: problems["new"], Confirm: problems["confirm"],
			Problems: web.Summary(problems, "current", "new", "confirm")}
		return a.Render(w, r, http.StatusUnprocessableEntity, admin.Password(a.Frame(r, "Change your password"), v))
	}
	hash, err := auth.Hash(next)
	if errors.Is(err, auth.ErrBusy) {
		return a.passwordsBusy(w, r)
	} else if err != nil {
		return err
	}
	if err := a.store.SetPassword(ctx, u.ID, hash); err != nil {
		return err
	}
	u, err = a.store.User(ctx, u.ID)
	if err != nil {
		return err
	}
	// Other sessions end (they predate the change); this one carries on.
	if err := a.sessions.RenewToken(ctx); err != nil {
		return err
	}
	a.sessions.Put(ctx, "password_at_us", u.PasswordChangedAt.UnixMicro())
	a.Audit(r, store.AuditEvent{Action: store.ActionPasswordChange, ObjectKind: "user", ObjectKey: strconv.FormatInt(u.ID, 10), ObjectLabel: u.Name})
	a.Flash(r, "Your password is changed. Other devices signed in as you have been signed out.")
	return web.SeeOther(w, r, "/admin")
}
