package editor

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/form"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/admin"
)

func (a *Handlers) ContentDeleteForm(w http.ResponseWriter, r *http.Request) error {
	it, err := a.item(r)
	if err != nil {
		return err
	}
	if it.Kind.NoDelete {
		return store.ErrNotFound
	}
	v := admin.DeleteView{Kind: it.Kind, Key: it.Key, Title: it.Title(), Version: it.Version}
	for _, c := range a.kinds.Children(it.Kind) {
		items, err := content.List(r.Context(), a.pool, c, it.Key)
		if err != nil {
			return err
		}
		if len(items) > 0 {
			v.Children = append(v.Children, fmt.Sprintf("%d %s", len(items), strings.ToLower(c.Plural)))
		}
	}
	return a.Render(w, r, http.StatusOK, admin.Delete(a.Frame(r, "Delete "+it.Title()), v))
}

func (a *Handlers) ContentDelete(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	it, err := a.item(r)
	if err != nil {
		return err
	}
	if it.Kind.NoDelete {
		return store.ErrNotFound
	}
	r.Body = http.MaxBytesReader(w, r.Body, formLimit)
	version, _ := web.Number(r.PostFormValue("version"), 0, web.MaxVersion)
	problems, err := a.editor.Delete(ctx, it, version, web.StaffActor(r))
	if errors.Is(err, content.ErrConflict) {
		a.FlashError(r, "Someone else changed this meanwhile, so it was not deleted. Check the latest version first.")
		return web.SeeOther(w, r, "/admin/content/"+it.Kind.Name+"/"+it.Key)
	}
	if err != nil {
		return err
	}
	if !problems.OK() {
		a.FlashError(r, problems[form.Whole])
		return web.SeeOther(w, r, "/admin/content/"+it.Kind.Name+"/"+it.Key)
	}
	a.Flash(r, fmt.Sprintf("%s “%s” was deleted.", it.Kind.Label, it.Title()))
	return web.SeeOther(w, r, listURL(it))
}
