package app

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/store"
	webpublic "github.com/sswalliance/advocacy/internal/web/public"
)

// fetch GETs u with c (nil: anonymously, without cookies) and returns the
// response with its body read.
func fetch(t *testing.T, c *http.Client, u string) (*http.Response, string) {
	t.Helper()
	if c == nil {
		c = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	}
	res, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(body)
}

// uploadResourceFile posts the new-file form of the call-to-action
// resource with a PDF called name and returns the response, parsed.
func uploadResourceFile(t *testing.T, c *http.Client, base, name, pdf string, fields url.Values) (*http.Response, *goquery.Document) {
	t.Helper()
	form := url.Values{"resource": {"call-to-action"}, "lang": {"en"}, "version": {"0"}}
	for k, v := range fields {
		form[k] = v
	}
	body, ct := multipartForm(t, form, "file", name, strings.NewReader(pdf))
	res, err := c.Post(base+"/admin/content/resource-file/new", ct, body)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	doc, err := goquery.NewDocumentFromReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, doc
}

func TestOnlyFilesOfPublishedResourcesArePublic(t *testing.T) {
	app, pool := seededApp(t)
	srv := httptest.NewServer(app.Handler())
	defer srv.Close()
	ctx := context.Background()
	editor := signIn(t, srv.URL, "editor@example.org", addStaff(t, pool, "editor@example.org", "editor"))

	// notPublic asserts that anonymous visitors cannot tell the file exists,
	// under its name or any other.
	notPublic := func(what string, id int64, name string) {
		t.Helper()
		for _, path := range []string{"/files/" + strconv.FormatInt(id, 10) + "/" + name, "/files/" + strconv.FormatInt(id, 10) + "/guess.pdf"} {
			res, body := fetch(t, nil, srv.URL+path)
			if res.StatusCode != http.StatusNotFound || res.Header.Get("Location") != "" || strings.Contains(body, "%PDF") {
				t.Errorf("%s: anonymous GET %s = %d (Location %q)", what, path, res.StatusCode, res.Header.Get("Location"))
			}
		}
	}

	// A published file is public; once taken off its resource, it is not.
	cta, err := app.store.Resource(ctx, "call-to-action", i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	removed := cta.Files[0]
	if res, _ := fetch(t, nil, srv.URL+removed.URL()); res.StatusCode != http.StatusOK {
		t.Fatalf("published file: %d", res.StatusCode)
	}
	res := postForm(t, editor, srv.URL+"/admin/content/resource-file/"+strconv.FormatInt(removed.FileID, 10)+"/delete", url.Values{"version": {"0"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("remove the file: %s", res.Status)
	}
	notPublic("removed file", removed.FileID, removed.Name)

	// An upload saved in a draft: not public; staff open it at their own
	// address, never cached, and the draft's preview links it there.
	const embargoed = "%PDF-1.7 embargoed report"
	res, _ = uploadResourceFile(t, editor, srv.URL, "embargoed-2027-report.pdf", embargoed, url.Values{"action": {"draft"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save the draft: %s", res.Status)
	}
	draftURL := srv.URL + res.Header.Get("Location")
	res, body := fetch(t, editor, draftURL)
	edit, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("draft's edit page: %d %v", res.StatusCode, err)
	}
	draftID, _ := strconv.ParseInt(edit.Find(`input[name=file__current]`).AttrOr("value", ""), 10, 64)
	staffPath := "/admin/files/" + strconv.FormatInt(draftID, 10) + "/embargoed-2027-report.pdf"
	if href := edit.Find(`[data-testid=current-file] a`).AttrOr("href", ""); href != staffPath {
		t.Errorf("the edit form links the upload at %q, want %q", href, staffPath)
	}
	notPublic("draft's file", draftID, "embargoed-2027-report.pdf")

	res, body = fetch(t, editor, srv.URL+staffPath)
	if res.StatusCode != http.StatusOK || body != embargoed || res.Header.Get("Cache-Control") != "no-store" ||
		!strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment") {
		t.Errorf("staff preview of the draft's file: %d, %q, Cache-Control %q", res.StatusCode, body, res.Header.Get("Cache-Control"))
	}
	if res, _ := fetch(t, nil, srv.URL+staffPath); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/admin/login") {
		t.Errorf("anonymous GET of the staff address: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}

	res, body = fetch(t, editor, draftURL+"/preview")
	preview, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("preview: %d %v", res.StatusCode, err)
	}
	var hrefs []string
	preview.Find(`[data-testid=file] a`).Each(func(_ int, s *goquery.Selection) { hrefs = append(hrefs, s.AttrOr("href", "")) })
	found := false
	for _, href := range hrefs {
		if !strings.HasPrefix(href, "/admin/files/") {
			t.Errorf("the preview links a file at %q, not at its staff address", href)
		}
		found = found || href == staffPath
	}
	if !found {
		t.Errorf("the preview does not link the draft's file: %q", hrefs)
	}

	// An upload whose form was refused (here: no language chosen) is
	// stored, so the form can keep it, but is not public.
	res, refusedForm := uploadResourceFile(t, editor, srv.URL, "refused.pdf", "%PDF-1.7 refused", url.Values{"action": {"publish"}, "lang": {""}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("refused form: %s", res.Status)
	}
	refusedID, err := strconv.ParseInt(refusedForm.Find(`input[name=file__current]`).AttrOr("value", ""), 10, 64)
	if err != nil {
		t.Fatalf("the refused form does not keep its upload: %v", err)
	}
	notPublic("refused form's file", refusedID, "refused.pdf")

	// Published, the draft's file is public.
	res, _ = uploadResourceFile(t, editor, srv.URL, "now-public.pdf", "%PDF-1.7 public", url.Values{"action": {"publish"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %s", res.Status)
	}
	cta, err = app.store.Resource(ctx, "call-to-action", i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	last := cta.Files[len(cta.Files)-1]
	if res, body := fetch(t, nil, srv.URL+last.URL()); res.StatusCode != http.StatusOK || body != "%PDF-1.7 public" ||
		!strings.HasPrefix(res.Header.Get("Cache-Control"), "public") {
		t.Errorf("published file: %d %q", res.StatusCode, body)
	}
}

func TestUnusedFilesAreDeletedAfterTheirGracePeriod(t *testing.T) {
	app, pool := seededApp(t)
	ctx := context.Background()
	st := store.New(pool)
	by := store.Actor{Name: "Editor"}
	k := content.ResourceFileKind
	upload := func(name string) int64 {
		t.Helper()
		id, err := st.CreateFile(ctx, name, "application/pdf", []byte("%PDF-1.7 "+name))
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	doc := func(file int64) content.Doc {
		d := k.New("call-to-action")
		d["file"] = strconv.FormatInt(file, 10)
		return d
	}
	inTx := func(fn func(tx content.DB) error) {
		t.Helper()
		tx, err := pool.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback(ctx) // after a failure, so the pool can close
		if err := fn(tx); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(ctx); err != nil {
			t.Fatal(err)
		}
	}

	orphan := upload("orphan.pdf")     // a refused form's upload, never saved
	recent := upload("recent.pdf")     // the same, but uploaded just now
	draft := upload("draft.pdf")       // in a saved draft
	replaced := upload("replaced.pdf") // published, then replaced: a revision names it
	replacement := upload("replacement.pdf")
	inTx(func(tx content.DB) error {
		_, err := content.Create(ctx, tx, k, "call-to-action", doc(draft), by)
		return err
	})
	var key string
	inTx(func(tx content.DB) (err error) {
		key, err = content.Create(ctx, tx, k, "call-to-action", doc(replaced), by)
		if err == nil {
			key, err = content.Publish(ctx, tx, k, key, 1, by)
		}
		return err
	})
	inTx(func(tx content.DB) (err error) {
		it, err := content.Get(ctx, tx, k, key)
		if err == nil {
			_, err = content.SaveDraft(ctx, tx, k, key, it.Version, doc(replacement), by)
		}
		if err == nil {
			_, err = content.Publish(ctx, tx, k, key, it.Version+1, by)
		}
		return err
	})
	if _, err := pool.Exec(ctx, `UPDATE files SET created_at = now() - interval '8 days' WHERE id <> $1`, recent); err != nil {
		t.Fatal(err)
	}

	chores := webpublic.FileChores(app.site, app.kinds)
	if len(chores) != 1 {
		t.Fatalf("%d file chores", len(chores))
	}
	if err := chores[0].Run(ctx); err != nil {
		t.Fatal(err)
	}
	exists := func(id int64) bool {
		_, err := st.FileMeta(ctx, id)
		return err == nil
	}
	if exists(orphan) {
		t.Error("an orphan past its grace period was kept")
	}
	for name, id := range map[string]int64{"recent upload": recent, "draft's file": draft, "file a revision names": replaced, "published file": replacement} {
		if !exists(id) {
			t.Errorf("the %s was deleted", name)
		}
	}
	cta, err := st.Resource(ctx, "call-to-action", i18n.EN)
	if err != nil || len(cta.Files) == 0 {
		t.Fatalf("the seeded files of call-to-action: %v", err)
	}
	for _, f := range cta.Files {
		if !exists(f.FileID) {
			t.Errorf("published file %s was deleted", f.Name)
		}
	}

	// Restoring the revision that names the replaced file brings it back.
	revs, err := content.Revisions(ctx, pool, k, strconv.FormatInt(replacement, 10))
	if err != nil {
		t.Fatal(err)
	}
	var first int64
	for _, r := range revs {
		if r.Doc["file"] == strconv.FormatInt(replaced, 10) {
			first = r.ID
		}
	}
	inTx(func(tx content.DB) error {
		it, err := content.Get(ctx, tx, k, strconv.FormatInt(replacement, 10))
		if err == nil {
			_, err = content.Restore(ctx, tx, k, it.Key, it.Version, first, by)
		}
		return err
	})
	if meta, err := st.FileMeta(ctx, replaced); err != nil || !meta.Public {
		t.Errorf("the restored file: %+v, %v", meta, err)
	}
}
