package admin

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/form"
	"github.com/sswalliance/advocacy/internal/media"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/admin"
)

// mediaTextLimit bounds the upload form besides its file: six short text
// fields come to a few KB.
const mediaTextLimit = 64 << 10

// mediaFields are the ids of the media form's fields from top to bottom,
// for the error summary.
var mediaFields = []string{"alt_en", "alt_es", "decorative", "caption_en", "caption_es", "credit", "file"}

// MediaList is the library: the images, newest first, a page at a time,
// with the upload form.
func (a *Handlers) MediaList(w http.ResponseWriter, r *http.Request) error {
	return a.renderMediaList(w, r, http.StatusOK, admin.MediaUploadForm{})
}

// renderMediaList shows the page of the library ?page= asks for, with the
// upload form f. A ?page= that is not a page number, or past the last
// page, shows the first page with a message saying why (400, 404).
func (a *Handlers) renderMediaList(w http.ResponseWriter, r *http.Request, status int, f admin.MediaUploadForm) error {
	ctx := r.Context()
	v := admin.MediaLibraryView{Page: 1, Form: f}
	page, pageProblem, pageStatus := 1, "", 0
	if q := r.URL.Query(); q.Has("page") {
		raw := q.Get("page")
		n, ok := web.Number(raw, 1, web.MaxPage)
		if !ok {
			pageProblem, pageStatus = fmt.Sprintf("“%s” is not a page number, so the first page is shown.", raw), http.StatusBadRequest
		} else {
			page = n
		}
	}
	imgs, total, err := a.store.ListMedia(ctx, page)
	if err != nil {
		return err
	}
	v.Total = total
	v.Pages = max(1, (total+store.MediaPerPage-1)/store.MediaPerPage)
	if page > v.Pages {
		pageProblem, pageStatus = fmt.Sprintf("There is no page %d: the library has %d. The first page is shown.", page, v.Pages), http.StatusNotFound
		page = 1
		if imgs, total, err = a.store.ListMedia(ctx, page); err != nil {
			return err
		}
		v.Total = total
	}
	v.Page, v.PageProblem = page, pageProblem
	if pageStatus != 0 && status == http.StatusOK {
		status = pageStatus
	}
	ids := make([]int64, 0, len(imgs))
	for _, m := range imgs {
		ids = append(ids, m.ID)
	}
	uses, err := a.store.MediaUseCounts(ctx, ids)
	if err != nil {
		return err
	}
	for _, m := range imgs {
		v.Images = append(v.Images, admin.MediaCard{MediaImage: m, Uses: uses[m.ID]})
	}
	title := "Media library"
	if v.Page > 1 {
		title += fmt.Sprintf(" · page %d of %d", v.Page, v.Pages)
	}
	return a.Render(w, r, status, admin.MediaLibrary(a.Frame(r, title), v))
}

// MediaUpload stores an uploaded image with its texts, or shows the form
// again with a message beside each field to fix, everything typed kept
// and nothing stored.
func (a *Handlers) MediaUpload(w http.ResponseWriter, r *http.Request) error {
	up, err := readMediaForm(w, r, media.MaxBytes)
	if err != nil {
		return web.BadRequest(err)
	}
	texts, problems := mediaTexts(up.values)
	f := admin.MediaUploadForm{MediaTexts: texts}
	busy := false
	var res media.Result
	switch {
	case up.tooLarge:
		problems["file"] = sentence(media.ErrTooLarge)
	case len(up.data) == 0:
		problems["file"] = sentence(media.ErrEmpty)
	default:
		res, err = media.Process(r.Context(), up.data)
		if msg, ok := mediaProblem(err); ok {
			busy, problems["file"] = errors.Is(err, media.ErrBusy), msg
		} else if err != nil {
			return err
		}
	}
	if !problems.OK() {
		// A file input cannot be filled in again by the page: say so when
		// the file was fine but something else was not.
		f.ChooseAgain = up.sent && problems["file"] == ""
		f.FieldProblems = problems
		f.Problems = web.Summary(problems, mediaFields...)
		status := http.StatusUnprocessableEntity
		if busy {
			w.Header().Set("Retry-After", web.RetryAfter)
			status = http.StatusServiceUnavailable
		}
		return a.renderMediaList(w, r, status, f)
	}
	id, err := a.store.CreateMedia(r.Context(), res.Original, res.ContentType, res.Width, res.Height, texts, res.Renditions)
	if err != nil {
		return err
	}
	a.Audit(r, store.AuditEvent{Action: store.ActionMediaAdd, ObjectKind: "media", ObjectKey: strconv.FormatInt(id, 10),
		ObjectLabel: mediaLabel(texts), Detail: fmt.Sprintf("%s, %d×%d", res.ContentType, res.Width, res.Height)})
	a.Flash(r, fmt.Sprintf("The image is in the library. To put it in a page or post, paste ![](media:%d) into its body.", id))
	return web.SeeOther(w, r, string(admin.MediaURL(id)))
}

// MediaShow is an image's page: its renditions, its texts to edit, where
// it is used, and deleting it.
func (a *Handlers) MediaShow(w http.ResponseWriter, r *http.Request) error {
	m, err := rowFromPath(r, "media", a.store.MediaImage)
	if err != nil {
		return err
	}
	return a.renderMediaDetail(w, r, http.StatusOK, m, admin.MediaTextsForm{MediaTexts: m.MediaTexts}, "")
}

// MediaUpdate saves an image's texts.
func (a *Handlers) MediaUpdate(w http.ResponseWriter, r *http.Request) error {
	m, err := rowFromPath(r, "media", a.store.MediaImage)
	if err != nil {
		return err
	}
	if !a.ReadStaffForm(w, r, mediaTextLimit, "saved") {
		return nil
	}
	texts, problems := mediaTexts(r.PostForm)
	if !problems.OK() {
		f := admin.MediaTextsForm{MediaTexts: texts, FieldProblems: problems, Problems: web.Summary(problems, mediaFields...)}
		return a.renderMediaDetail(w, r, http.StatusUnprocessableEntity, m, f, "")
	}
	err = a.store.UpdateMediaTexts(r.Context(), m.ID, texts)
	if err != nil {
		return err
	}
	a.Audit(r, store.AuditEvent{Action: store.ActionMediaUpdate, ObjectKind: "media", ObjectKey: strconv.FormatInt(m.ID, 10), ObjectLabel: mediaLabel(texts)})
	a.Flash(r, "The image’s texts are saved. Pages that show it use them from now on.")
	return web.SeeOther(w, r, string(admin.MediaURL(m.ID)))
}

// MediaDelete deletes an image nothing uses; one that is used is kept,
// with a message saying where it is used.
func (a *Handlers) MediaDelete(w http.ResponseWriter, r *http.Request) error {
	m, err := rowFromPath(r, "media", a.store.MediaImage)
	if err != nil {
		return err
	}
	err = a.store.DeleteMedia(r.Context(), m.ID)
	if errors.Is(err, store.ErrMediaInUse) {
		return a.renderMediaDetail(w, r, http.StatusConflict, m, admin.MediaTextsForm{MediaTexts: m.MediaTexts},
			"The image was not deleted: it is still used in the places listed above. Take it out of each of them first.")
	}
	if err != nil {
		return err
	}
	a.Audit(r, store.AuditEvent{Action: store.ActionMediaDelete, ObjectKind: "media", ObjectKey: strconv.FormatInt(m.ID, 10), ObjectLabel: mediaLabel(m.MediaTexts)})
	a.Flash(r, fmt.Sprintf("Image %d is deleted.", m.ID))
	return web.SeeOther(w, r, "/admin/media")
}

func (a *Handlers) renderMediaDetail(w http.ResponseWriter, r *http.Request, status int, m store.MediaImage, f admin.MediaTextsForm, deleteProblem string) error {
	uses, err := a.store.MediaUsesOf(r.Context(), m.ID)
	if err != nil {
		return err
	}
	v := admin.MediaDetailView{Image: m, Form: f, DeleteProblem: deleteProblem}
	for _, u := range uses {
		// Named by the item's title where it can be read; by its key
		// otherwise (a kind since removed, an item being deleted).
		label := u.Kind + " " + u.Key
		if k, ok := a.kinds.Kind(u.Kind); ok {
			label = k.Label + ": " + u.Key
			it, err := content.Get(r.Context(), a.pool, k, u.Key)
			switch {
			case err == nil:
				label = k.Label + ": " + it.Title()
			case !errors.Is(err, content.ErrNotFound):
				return err
			}
		}
		v.Uses = append(v.Uses, admin.MediaUseLink{Label: label, URL: "/admin/content/" + url.PathEscape(u.Kind) + "/" + url.PathEscape(u.Key)})
	}
	return a.Render(w, r, status, admin.MediaDetail(a.Frame(r, fmt.Sprintf("Image %d", m.ID)), v))
}

// mediaTexts reads an image's texts from a form and checks them: alt
// text in both languages unless the image is decorative, and every text
// within its length. Problems are by field name.
func mediaTexts(values url.Values) (store.MediaTexts, form.Problems) {
	values, garbled := web.CleanText(values)
	get := func(name string) string { return strings.TrimSpace(values.Get(name)) }
	t := store.MediaTexts{AltEN: get("alt_en"), AltES: get("alt_es"), Decorative: values.Get("decorative") != "",
		CaptionEN: get("caption_en"), CaptionES: get("caption_es"), Credit: get("credit")}
	p := form.Problems{}
	long := func(field, s, what string, limit int) {
		if n := utf8.RuneCountInString(s); n > limit {
			p[field] = fmt.Sprintf("%s is %d characters long: shorten it to %d or fewer.", what, n, limit)
		}
	}
	if !t.Decorative {
		if t.AltEN == "" {
			p["alt_en"] = "Describe the image in English for people who cannot see it, or tick “decorative” if it adds nothing to the text."
		}
		if t.AltES == "" {
			p["alt_es"] = "Describe the image in Spanish for people who cannot see it, or tick “decorative” if it adds nothing to the text."
		}
	}
	long("alt_en", t.AltEN, "The English alt text", admin.MaxMediaAlt)
	long("alt_es", t.AltES, "The Spanish alt text", admin.MaxMediaAlt)
	long("caption_en", t.CaptionEN, "The English caption", admin.MaxMediaCaption)
	long("caption_es", t.CaptionES, "The Spanish caption", admin.MaxMediaCaption)
	long("credit", t.Credit, "The credit", admin.MaxMediaCredit)
	for field := range garbled {
		if _, ok := values[field]; ok && field != "decorative" {
			p[field] = "This text has characters that cannot be stored. Type it again rather than pasting it."
		}
	}
	return t, p
}

// mediaProblem returns the message beside the file field for one of
// Process's refusals of the file itself, and whether err is one: the
// message of media's own error, not err's text, which may carry the
// wording of the check beneath it (a logo's).
func mediaProblem(err error) (string, bool) {
	for _, e := range []error{media.ErrEmpty, media.ErrTooLarge, media.ErrSVG, media.ErrNotImage, media.ErrCorrupt,
		media.ErrTooManyPixels, media.ErrTooSmall, media.ErrTooDeep, media.ErrBusy} {
		if errors.Is(err, e) {
			return sentence(e), true
		}
	}
	return "", false
}

// sentence is err's message as a sentence beside a field: media's
// errors are written to follow a colon.
func sentence(err error) string {
	msg := err.Error()
	return strings.ToUpper(msg[:1]) + msg[1:] + "."
}

// mediaLabel names an image in the audit log: its English alt text, cut
// short.
func mediaLabel(t store.MediaTexts) string {
	s := t.AltEN
	if s == "" {
		s = "(decorative image)"
	}
	if utf8.RuneCountInString(s) > 80 {
		s = string([]rune(s)[:79]) + "…"
	}
	return s
}

// mediaUpload is the upload form as read: its text fields and its file.
type mediaUpload struct {
	values url.Values
	data   []byte
	// sent is set when a file was chosen, kept or not; tooLarge when it
	// was over the limit (read through and dropped).
	sent, tooLarge bool
}

// readMediaForm reads the upload form, bounded whatever is sent: its text
// fields (and the parts' headers) up to mediaTextLimit in all, the file
// in "file" up to maxFile bytes in memory (over that, read through and
// dropped, so the member gets a message rather than a cut connection),
// any other file part read through and dropped. The whole body is cut
// off past 2*maxFile plus the text: then the fields read before the cut
// are returned, with tooLarge. The StaffUploadSlot around every staff
// upload bounds how many are held at once.
func readMediaForm(w http.ResponseWriter, r *http.Request, maxFile int64) (mediaUpload, error) {
	u := mediaUpload{values: url.Values{}}
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		r.Body = http.MaxBytesReader(w, r.Body, mediaTextLimit)
		if err := r.ParseForm(); err != nil {
			return u, err
		}
		u.values = r.PostForm
		return u, nil
	}
	r.Body = http.MaxBytesReader(w, r.Body, 2*maxFile+mediaTextLimit)
	mr, err := r.MultipartReader()
	if err != nil {
		return u, err
	}
	text := 0
	for {
		part, err := mr.NextPart()
		var cut *http.MaxBytesError
		switch {
		case err == io.EOF:
			return u, nil
		case errors.As(err, &cut):
			u.sent, u.tooLarge, u.data = true, true, nil
			return u, nil
		case err != nil:
			return u, err
		}
		name := part.FormName()
		if part.FileName() == "" {
			b, err := io.ReadAll(io.LimitReader(part, int64(mediaTextLimit-text)+1))
			if err != nil {
				return u, err
			}
			if text += len(name) + len(b) + 16; text > mediaTextLimit {
				return u, errors.New("web: media form text over the limit")
			}
			u.values.Add(name, string(b))
			continue
		}
		if name != "file" || u.sent {
			if _, err := io.Copy(io.Discard, part); err != nil {
				if errors.As(err, &cut) {
					return u, nil
				}
				return u, err
			}
			continue
		}
		// One buffer of the size the body announces, at most the limit:
		// not one that doubles as it fills.
		var buf bytes.Buffer
		if r.ContentLength > 0 {
			buf.Grow(int(min(r.ContentLength, maxFile+1)))
		}
		_, err = buf.ReadFrom(io.LimitReader(part, maxFile+1))
		data := buf.Bytes()
		if errors.As(err, &cut) {
			u.sent, u.tooLarge = true, true
			return u, nil
		}
		if err != nil {
			return u, err
		}
		if int64(len(data)) > maxFile {
			u.sent, u.tooLarge = true, true
			if _, err := io.Copy(io.Discard, part); err != nil {
				if errors.As(err, &cut) {
					return u, nil
				}
				return u, err
			}
			continue
		}
		u.sent, u.data = len(data) > 0, data
	}
}
