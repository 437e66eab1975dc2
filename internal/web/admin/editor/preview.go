package editor

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	publicweb "github.com/sswalliance/advocacy/internal/web/public"
	"github.com/sswalliance/advocacy/templates/admin"
)

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
		pctx = web.WithMenusFrom(pctx, d.Store)
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
