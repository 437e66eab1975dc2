package editor

import (
	"net/http"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/admin"
)

func (a *Handlers) ContentIndex(w http.ResponseWriter, r *http.Request) error {
	var links []admin.KindLink
	for _, k := range a.kinds.Kinds() {
		if k.Parent != "" {
			continue
		}
		items, err := content.List(r.Context(), a.pool, k, "")
		if err != nil {
			return err
		}
		l := admin.KindLink{Name: k.Name, Plural: k.Plural, Intro: k.Intro, Count: len(items)}
		for _, it := range items {
			if it.Status != content.StatusPublished {
				l.Pending++
			}
		}
		links = append(links, l)
	}
	return a.Render(w, r, http.StatusOK, admin.ContentIndex(a.Frame(r, "Content"), links))
}

func (a *Handlers) ContentList(w http.ResponseWriter, r *http.Request) error {
	k, err := a.kind(r)
	if err != nil {
		return err
	}
	if k.Parent != "" { // child items are listed on their parent's page
		return web.SeeOther(w, r, "/admin/content/"+k.Parent)
	}
	items, err := content.List(r.Context(), a.pool, k, "")
	if err != nil {
		return err
	}
	return a.Render(w, r, http.StatusOK, admin.ContentList(a.Frame(r, k.Plural), admin.ListView{Kind: k, Items: items}))
}

// listURL is where an item is listed: its kind's list, or its parent's page.
func listURL(it content.Item) string {
	if it.Kind.Parent != "" {
		return "/admin/content/" + it.Kind.Parent + "/" + it.Parent
	}
	return "/admin/content/" + it.Kind.Name
}
