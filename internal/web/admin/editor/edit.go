package editor

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/form"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/templates/admin"
)

func (a *Handlers) ContentNew(w http.ResponseWriter, r *http.Request) error {
	k, err := a.kind(r)
	if err != nil {
		return err
	}
	if k.NoCreate {
		return store.ErrNotFound
	}
	parent := r.URL.Query().Get("parent")
	if k.Parent != "" && parent == "" {
		return store.ErrNotFound
	}
	it := content.Item{Kind: k, Parent: parent, Draft: k.New(parent)}
	v, err := a.editView(r.Context(), it, it.Draft, nil, false)
	if err != nil {
		return err
	}
	return a.Render(w, r, http.StatusOK, admin.Edit(a.Frame(r, "New "+strings.ToLower(k.Label)), v))
}

func (a *Handlers) ContentEdit(w http.ResponseWriter, r *http.Request) error {
	it, err := a.item(r)
	if err != nil {
		return err
	}
	v, err := a.editView(r.Context(), it, it.Current(), nil, false)
	if err != nil {
		return err
	}
	return a.Render(w, r, http.StatusOK, admin.Edit(a.Frame(r, it.Title()), v))
}

// editView builds the form for item showing doc, with problems beside
// their fields; withPreviews renders Markdown fields (the no-JavaScript
// preview).
func (a *Handlers) editView(ctx context.Context, it content.Item, doc content.Doc, problems form.Problems, withPreviews bool) (admin.EditView, error) {
	k := it.Kind
	v := admin.EditView{Kind: k, Key: it.Key, Title: it.Title(), Status: it.Status(), Version: it.Version,
		Parent: it.Parent, PublishAt: it.PublishAt, ScheduleProblem: it.ScheduleProblem, UpdatedBy: it.UpdatedBy, UpdatedAt: it.UpdatedAt}
	if it.Key == "" {
		v.Title = "New " + strings.ToLower(k.Label)
	}
	if k.Parent != "" {
		v.ParentKind, _ = a.kinds.Kind(k.Parent)
		if parent, err := content.Get(ctx, a.pool, v.ParentKind, it.Parent); err == nil {
			v.ParentTitle = parent.Title()
		} else {
			v.ParentTitle = it.Parent
		}
	}
	common := admin.FieldGroup{Legend: "Details"}
	byLang := map[i18n.Lang]*admin.FieldGroup{}
	for _, l := range i18n.Langs {
		byLang[l] = &admin.FieldGroup{Legend: l.Name(), Lang: string(l)}
		if l != i18n.EN {
			byLang[l].Legend = l.Name() + " (leave empty to show the English text)"
		}
	}
	for _, f := range k.Fields {
		var opts []content.Option
		if f.Options != nil {
			var err error
			if opts, err = f.Options(ctx, a.pool, doc); err != nil {
				return v, err
			}
		}
		langs := []i18n.Lang{""}
		if f.Translated {
			langs = i18n.Langs
		}
		for _, l := range langs {
			key := content.Key(f.Name, l)
			fv := admin.FieldView{Field: f, ID: "f-" + strings.ReplaceAll(key, ".", "-"), Key: key, Value: doc[key],
				Problem: problems[key], Options: opts, LangCode: string(l)}
			if f.Type == content.Choices {
				fv.Selected = map[string]bool{}
				for _, s := range strings.Split(doc[key], "\n") {
					fv.Selected[s] = true
				}
			}
			if f.Type == content.Image {
				if id, err := strconv.ParseInt(doc[key], 10, 64); err == nil {
					if m, err := a.store.MediaImage(ctx, id); err == nil {
						fv.Thumb = m.Thumb().URL()
					}
				}
			}
			if f.Type == content.File {
				v.Multipart = true
				if id, err := strconv.ParseInt(doc[key], 10, 64); err == nil {
					if m, err := a.store.FileMeta(ctx, id); err == nil {
						fv.File = &admin.FileInfo{ID: doc[key], Name: m.Name, Size: i18n.EN.FileSize(m.Size),
							URL: fmt.Sprintf("/admin/files/%d/%s", m.ID, m.Name)} // a draft's upload is not public yet
					}
				}
			}
			if withPreviews && f.Type == content.Markdown && fv.Value != "" {
				pl := i18n.Lang(l)
				if pl == "" {
					pl = i18n.EN
				}
				html, err := a.MarkdownHTML(ctx, pl, fv.Value)
				if err != nil {
					return admin.EditView{}, err
				}
				fv.Preview = html
			}
			if fv.Problem != "" {
				v.Problems = append(v.Problems, admin.Problem{ID: fv.ID, Message: problemLabel(f, l) + fv.Problem})
			}
			if l == "" {
				common.Fields = append(common.Fields, fv)
			} else {
				byLang[l].Fields = append(byLang[l].Fields, fv)
			}
		}
	}
	// Problems not about one field of the form go at the top.
	for key, msg := range problems {
		if !slices.ContainsFunc(k.Fields, func(f content.Field) bool { return slices.Contains(f.Keys(), key) }) {
			v.Problems = append(v.Problems, admin.Problem{ID: "main", Message: msg})
		}
	}
	v.Groups = append(v.Groups, common)
	for _, l := range i18n.Langs {
		v.Groups = append(v.Groups, *byLang[l])
	}
	if it.Key != "" {
		for _, c := range a.kinds.Children(k) {
			items, err := content.List(ctx, a.pool, c, it.Key)
			if err != nil {
				return v, err
			}
			v.Children = append(v.Children, admin.ChildList{Kind: c, Parent: it.Key, Items: items})
		}
		if k.PublicPath != nil && k.PublicPath(it.Key, doc) != "" {
			base := "/admin/content/" + k.Name + "/" + it.Key + "/preview"
			v.Previews = []admin.PreviewLink{{Label: "Preview in English", URL: base}, {Label: "Preview in Spanish", URL: base + "?lang=es"}}
		}
	}
	return v, nil
}

// problemLabel names the field a message is about, with its language.
func problemLabel(f content.Field, l i18n.Lang) string {
	if l == "" {
		return f.Label + ": "
	}
	return f.Label + " (" + l.Name() + "): "
}
