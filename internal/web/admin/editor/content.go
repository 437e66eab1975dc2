package editor

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/content/editing"
	"github.com/sswalliance/advocacy/internal/form"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/markdown"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/upload"
	"github.com/sswalliance/advocacy/internal/web"
	publicweb "github.com/sswalliance/advocacy/internal/web/public"
	"github.com/sswalliance/advocacy/templates/admin"
)

// author is the signed-in member as the editorial model records them.
func author(r *http.Request) store.Actor {
	u := web.Staff(r)
	return store.Actor{ID: &u.ID, Name: u.Name, IP: web.ClientIP(r)}
}

func (a *Handlers) kind(r *http.Request) (*content.Kind, error) {
	k, ok := a.kinds.Kind(chi.URLParam(r, "kind"))
	if !ok {
		return nil, store.ErrNotFound
	}
	return k, nil
}

func (a *Handlers) item(r *http.Request) (content.Item, error) {
	k, err := a.kind(r)
	if err != nil {
		return content.Item{}, err
	}
	it, err := content.Get(r.Context(), a.pool, k, chi.URLParam(r, "key"))
	if errors.Is(err, content.ErrNotFound) {
		return content.Item{}, store.ErrNotFound
	}
	return it, err
}

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
		Parent: it.Parent, PublishAt: it.PublishAt, UpdatedBy: it.UpdatedBy, UpdatedAt: it.UpdatedAt}
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
				fv.Preview = markdown.HTML(fv.Value)
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

// formLimit bounds everything but uploaded files in one form.
const formLimit = 2 << 20

// readForm reads a submitted edit form. Uploaded files are returned by
// field name; one over upload.MaxSize is not kept, and its field gets a
// problem instead, with the rest of the form still read so nothing typed
// is lost (file inputs come last in the form).
func readForm(w http.ResponseWriter, r *http.Request) (url.Values, map[string]uploaded, form.Problems, error) {
	values, files, tooLarge, err := readMultipartForm(w, r, upload.MaxSize)
	if err != nil {
		return nil, nil, nil, err
	}
	problems := form.Problems{}
	for _, name := range tooLarge {
		problems[name] = "The file is larger than 50 MB. Make it smaller (for example, export a compressed PDF) and upload it again."
	}
	return values, files, problems, nil
}

// readMultipartForm reads a form, streaming a multipart body: text fields
// up to formLimit in all, and files up to maxFile each. A file over
// maxFile is read to its end and dropped, and its field named in
// tooLarge, so the visitor gets a message rather than a cut connection.
// A body too large even for that is cut off; the error is then an
// *http.MaxBytesError, returned with the text fields read before the cut.
func readMultipartForm(w http.ResponseWriter, r *http.Request, maxFile int64) (form url.Values, files map[string]uploaded, tooLarge []string, err error) {
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		r.Body = http.MaxBytesReader(w, r.Body, formLimit)
		if err := r.ParseForm(); err != nil {
			return nil, nil, nil, err
		}
		return r.PostForm, nil, nil, nil
	}
	// Room for one file over the limit to be read and refused politely,
	// rather than the connection cut mid-upload.
	r.Body = http.MaxBytesReader(w, r.Body, 2*maxFile+formLimit)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, nil, nil, err
	}
	form = url.Values{}
	files = map[string]uploaded{}
	textBytes := 0
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return form, nil, nil, err
		}
		if err != nil {
			return nil, nil, nil, err
		}
		name := part.FormName()
		if part.FileName() == "" {
			b, err := io.ReadAll(io.LimitReader(part, formLimit-int64(textBytes)+1))
			if err != nil {
				return nil, nil, nil, err
			}
			if textBytes += len(b); textBytes > formLimit {
				return nil, nil, nil, errors.New("form too large")
			}
			form.Add(name, string(b))
			continue
		}
		data, err := readUpload(part, maxFile, r.ContentLength)
		var cut *http.MaxBytesError
		switch {
		case errors.As(err, &cut):
			return form, nil, nil, err
		case errors.Is(err, web.ErrFileTooLarge):
			tooLarge = append(tooLarge, name)
		case err != nil:
			return nil, nil, nil, err
		case len(data) > 0:
			files[name] = uploaded{name: part.FileName(), data: data}
		}
	}
	return form, files, tooLarge, nil
}

type uploaded struct {
	name string
	data []byte
}

func readUpload(part *multipart.Part, max, bodySize int64) ([]byte, error) {
	// One buffer of the size the body announces (at most max+1), not one
	// that doubles as it fills: a 50 MB file then takes 50 MB, not 128.
	var buf bytes.Buffer
	if bodySize > 0 {
		buf.Grow(int(min(bodySize, max+1)))
	}
	_, err := buf.ReadFrom(io.LimitReader(part, max+1))
	if err != nil {
		return nil, err
	}
	data := buf.Bytes()
	if int64(len(data)) > max {
		_, err := io.Copy(io.Discard, part) // read the rest, to answer on an intact connection
		if err != nil {
			return nil, err
		}
		return nil, web.ErrFileTooLarge
	}
	return data, nil
}

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
	by := author(r)

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

// ContentPreview renders the public page of an item's current (or a past)
// version exactly as publishing would make it: the version is written into
// the live tables inside a transaction, the public handlers render the
// page from that transaction, and the transaction is rolled back.
func (a *Handlers) ContentPreview(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	it, err := a.item(r)
	if err != nil {
		return err
	}
	k := it.Kind
	doc := it.Current()
	if rev := r.URL.Query().Get("rev"); rev != "" {
		revs, err := content.Revisions(ctx, a.pool, k, it.Key)
		if err != nil {
			return err
		}
		doc = nil
		for _, rv := range revs {
			if strconv.FormatInt(rv.ID, 10) == rev {
				doc = rv.Doc
			}
		}
		if doc == nil {
			return store.ErrNotFound
		}
	}
	l := i18n.EN
	if r.URL.Query().Get("lang") == "es" {
		l = i18n.ES
	}
	liveKey := it.Key
	if !it.Published() {
		liveKey = ""
	}
	rec := &bufferedResponse{header: http.Header{}}
	errPreview := errors.New("preview done")
	err = pgx.BeginFunc(ctx, a.pool, func(tx pgx.Tx) error {
		key, err := k.Save(ctx, tx, liveKey, doc)
		if err != nil {
			return err
		}
		path := ""
		if k.PublicPath != nil {
			path = k.PublicPath(key, doc)
		}
		if path == "" {
			return store.ErrNotFound
		}
		// The public handlers, built over the transaction.
		d := a.public
		d.Store = store.FromTx(tx)
		pub := publicweb.New(a.Site, d)
		router := chi.NewRouter()
		router.NotFound(a.NotFound)
		pages := func(r chi.Router) { a.publicPages(r, pub) }
		router.Group(pages)
		router.Route("/es", pages)
		target, err := url.Parse(l.Path(path))
		if err != nil {
			return err
		}
		// A fresh routing context: the public router routes the page path
		// from the start, not from where the admin router left off. Every
		// page rendered for it shows the preview banner first.
		pctx := web.WithBanner(context.WithValue(ctx, chi.RouteCtxKey, (*chi.Context)(nil)), admin.PreviewBanner(admin.ItemURL(k, it.Key)))
		req := r.Clone(pctx)
		req.URL, req.RequestURI = target, target.RequestURI()
		router.ServeHTTP(rec, req)
		return errPreview
	})
	if err != nil && !errors.Is(err, errPreview) {
		return err
	}
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Robots-Tag", "noindex")
	body := rec.body.String()
	// The draft's files are not public until it is published: staff open
	// them at their staff-only address.
	body = strings.ReplaceAll(body, `href="/files/`, `href="/admin/files/`)
	w.WriteHeader(rec.status)
	_, err = io.WriteString(w, body)
	return err
}

// bufferedResponse collects a response to rewrite before sending it.
type bufferedResponse struct {
	header http.Header
	body   strings.Builder
	status int
}

func (b *bufferedResponse) Header() http.Header { return b.header }
func (b *bufferedResponse) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}
func (b *bufferedResponse) WriteHeader(status int) {
	if b.status == 0 {
		b.status = status
	}
}

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
	key, err := a.editor.Restore(ctx, it, version, id, author(r))
	switch {
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
	problems, err := a.editor.Delete(ctx, it, version, author(r))
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
	if err := a.editor.Move(ctx, it, delta, author(r)); err != nil {
		return err
	}
	dir := "down"
	if delta < 0 {
		dir = "up"
	}
	a.Flash(r, fmt.Sprintf("“%s” moved %s. The public site shows the new order now.", it.Title(), dir))
	return web.SeeOther(w, r, listURL(it))
}

// MarkdownPreview renders Markdown exactly as public pages do, for the
// editor's live preview.
func (a *Handlers) MarkdownPreview(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, formLimit)
	src, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, "too large", http.StatusRequestEntityTooLarge)
		return nil
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, err = io.WriteString(w, markdown.HTML(string(src)))
	return err
}

// listURL is where an item is listed: its kind's list, or its parent's page.
func listURL(it content.Item) string {
	if it.Kind.Parent != "" {
		return "/admin/content/" + it.Kind.Parent + "/" + it.Parent
	}
	return "/admin/content/" + it.Kind.Name
}
