package editor

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/content/editing"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/admin"
)

func (a *Handlers) ContentHistory(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	it, err := a.item(r)
	if err != nil {
		return err
	}
	revs, err := content.Revisions(ctx, a.pool, it.Kind, it.Key)
	if err != nil {
		return err
	}
	v := admin.HistoryView{Kind: it.Kind, Key: it.Key, Title: it.Title(), Version: it.Version, Revisions: revs}
	q := r.URL.Query()
	from, _ := web.RowID(q.Get("from"))
	to, _ := web.RowID(q.Get("to"))
	var a1, b1 *content.Revision
	for i := range revs {
		if revs[i].ID == from {
			a1 = &revs[i]
		}
		if revs[i].ID == to {
			b1 = &revs[i]
		}
	}
	if a1 != nil && b1 != nil {
		if a1.Version > b1.Version { // always show older -> newer
			a1, b1 = b1, a1
		}
		v.From, v.To = a1.ID, b1.ID
		v.FromLabel, v.ToLabel = "version "+strconv.Itoa(a1.Version), "version "+strconv.Itoa(b1.Version)
		v.Changes = content.Diff(it.Kind, a1.Doc, b1.Doc)
	}
	return a.Render(w, r, http.StatusOK, admin.History(a.Frame(r, "History of "+it.Title()), v))
}

func (a *Handlers) ContentRestore(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	it, err := a.item(r)
	if err != nil {
		return err
	}
	id, _ := web.RowID(r.URL.Query().Get("rev"))
	version, _ := web.Number(r.URL.Query().Get("version"), 0, web.MaxVersion)
	key, err := a.editor.Restore(ctx, it, version, id, web.StaffActor(r))
	var refused *editing.Refused
	switch {
	case errors.As(err, &refused):
		a.FlashError(r, "Nothing was restored: "+refused.Problem)
		return web.SeeOther(w, r, "/admin/content/"+it.Kind.Name+"/"+it.Key+"/history")
	case errors.Is(err, content.ErrNotFound):
		return store.ErrNotFound
	case errors.Is(err, content.ErrConflict):
		a.FlashError(r, "Someone else saved a newer version meanwhile. Nothing was restored; check the history and try again.")
		return web.SeeOther(w, r, "/admin/content/"+it.Kind.Name+"/"+it.Key+"/history")
	case err != nil:
		return err
	}
	if it.Published() {
		a.Flash(r, "The earlier version is restored and published.")
	} else {
		a.Flash(r, "The earlier version is restored as the draft.")
	}
	return web.SeeOther(w, r, "/admin/content/"+it.Kind.Name+"/"+key)
}
