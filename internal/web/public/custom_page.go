package public

import (
	"net/http"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/public"
)

// CustomPage serves a page staff added (content.CustomPageKind) at any
// path no other route answers; a path with no page is not found, which
// first looks for a redirect.
func (a *Handlers) CustomPage(w http.ResponseWriter, r *http.Request) error {
	_, path := i18n.Split(r.URL.Path)
	if !content.CustomPagePath.MatchString(path) {
		return store.ErrNotFound
	}
	p, err := a.store.CustomPage(r.Context(), path, web.Lang(r))
	if err != nil {
		return err
	}
	desc := p.Description
	if desc == "" {
		desc = p.Title
	}
	return a.Render(w, r, http.StatusOK, public.CustomPage(a.Meta(r, p.Title, desc), p))
}
