package editor

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/content/editing"
	"github.com/sswalliance/advocacy/internal/form"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/upload"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/admin"
)

// ContentSave handles every button of the edit form: save draft, publish,
// schedule, formatting preview, and the small forms to cancel a schedule
// or discard changes.
func (a *Handlers) ContentSave(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	k, err := a.kind(r)
	if err != nil {
		return err
	}
	isNew := chi.URLParam(r, "key") == ""
	var it content.Item
	if isNew {
		if k.NoCreate {
			return store.ErrNotFound
		}
	} else if it, err = a.item(r); err != nil {
		return err
	}
	values, files, problems, err := readForm(w, r)
	if err != nil {
		a.FlashError(r, "The form could not be read (it may be too large). Nothing was saved; try again.")
		return web.SeeOther(w, r, r.URL.Path)
	}
	version, _ := web.Number(values.Get("version"), 0, web.MaxVersion)
	action := values.Get("action")
	by := web.StaffActor(r)

	switch action {
	case "discard", "unschedule":
		if isNew {
			return store.ErrNotFound
		}
		var err error
		if action == "discard" {
			err = a.editor.Discard(ctx, it, version, by)
		} else {
			err = a.editor.Unschedule(ctx, it, version, by)
		}
		if errors.Is(err, content.ErrConflict) {
			a.FlashError(r, "Someone else changed this meanwhile. Check the latest version and try again.")
			return web.SeeOther(w, r, r.URL.Path)
		}
		if err != nil {
			return err
		}
		if action == "discard" {
			a.Flash(r, "The unpublished changes were discarded.")
			if !it.Published() {
				return web.SeeOther(w, r, "/admin/content/"+k.Name)
			}
		} else {
			a.Flash(r, "The scheduled publish was cancelled. The changes are kept as a draft.")
		}
		return web.SeeOther(w, r, r.URL.Path)
	}

	if isNew {
		it = content.Item{Kind: k, Parent: values.Get(k.ParentField)}
	}
	doc := content.FromForm(k, values)
	if k.ParentField != "" && !isNew {
		doc[k.ParentField] = it.Parent // an item stays with its parent
	}
	// Files: a new upload is checked and stored; otherwise the current one stays.
	for _, f := range k.Fields {
		if f.Type != content.File {
			continue
		}
		doc[f.Name] = values.Get(f.Name + "__current")
		up, ok := files[f.Name]
		if !ok {
			continue
		}
		kind, err := upload.Sniff(up.name, up.data)
		if err != nil {
			problems[f.Name] = strings.ToUpper(err.Error()[:1]) + err.Error()[1:] + "."
			continue
		}
		id, err := a.store.CreateFile(ctx, upload.FileName(up.name, kind), kind.ContentType, up.data)
		if err != nil {
			return err
		}
		doc[f.Name] = strconv.FormatInt(id, 10)
		doc["file_name"] = upload.FileName(up.name, kind)
	}

	ch := editing.Change{Item: it, Version: version, Doc: doc, Action: editing.Action(action),
		PublishAt: values.Get("publish_at"), By: by, Problems: problems}
	rerender := func(status int, problems form.Problems, conflict *admin.Conflict) error {
		v, err := a.editView(ctx, it, doc, problems, action == "markdown")
		if err != nil {
			return err
		}
		v.Version = version
		v.Conflict = conflict
		title := it.Title()
		if isNew {
			title = "New " + strings.ToLower(k.Label)
		}
		return a.Render(w, r, status, admin.Edit(a.Frame(r, title), v))
	}
	if action == "markdown" {
		problems, err := a.editor.Check(ctx, ch)
		if err != nil {
			return err
		}
		return rerender(http.StatusOK, problems, nil)
	}
	saved, problems, err := a.editor.Save(ctx, ch)
	if errors.Is(err, content.ErrConflict) {
		latest, err := content.Get(ctx, a.pool, k, it.Key)
		if err != nil {
			return err
		}
		it = latest
		version = latest.Version
		return rerender(http.StatusConflict, nil, &admin.Conflict{By: orSomeone(latest.UpdatedBy), At: latest.UpdatedAt,
			Changes: content.Diff(k, latest.Current(), doc)})
	}
	if err != nil {
		return err
	}
	if !problems.OK() {
		return rerender(http.StatusUnprocessableEntity, problems, nil)
	}
	title := saved.Title
	switch ch.Action {
	case editing.Publish:
		a.Flash(r, fmt.Sprintf("%s “%s” is published: the public site shows it now.", k.Label, title))
	case editing.Schedule:
		a.Flash(r, fmt.Sprintf("Saved. %s “%s” will be published on %s UTC.", k.Label, title, saved.PublishAt.UTC().Format("2 Jan 2006 at 15:04")))
	default:
		a.Flash(r, fmt.Sprintf("Draft saved. The public site is unchanged until you publish %s “%s”.", strings.ToLower(k.Label), title))
	}
	return web.SeeOther(w, r, "/admin/content/"+k.Name+"/"+saved.Key)
}

func orSomeone(name string) string {
	if name == "" {
		return "Someone"
	}
	return name
}
