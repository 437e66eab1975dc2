package editor

import (
	"fmt"
	"net/http"

	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
)

func (a *Handlers) ContentMove(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	it, err := a.item(r)
	if err != nil {
		return err
	}
	if !it.Kind.Ordered || !it.Published() {
		return store.ErrNotFound
	}
	r.Body = http.MaxBytesReader(w, r.Body, formLimit)
	delta := 1
	if r.PostFormValue("delta") == "-1" {
		delta = -1
	}
	if err := a.editor.Move(ctx, it, delta, web.StaffActor(r)); err != nil {
		return err
	}
	dir := "down"
	if delta < 0 {
		dir = "up"
	}
	a.Flash(r, fmt.Sprintf("“%s” moved %s. The public site shows the new order now.", it.Title(), dir))
	return web.SeeOther(w, r, listURL(it))
}
