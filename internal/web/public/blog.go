package public

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/public"
)

// blogPageSize is how many posts a page of the blog lists.
const blogPageSize = 10

// blogPages is how many pages n posts fill (at least one, even if empty).
func blogPages(n int) int { return max(1, (n+blogPageSize-1)/blogPageSize) }

// BlogList serves a page of the blog. A ?page= that is not a page number,
// or past the last page, gets the first page with a message saying why
// (and a 400 or 404 status), never a silent fallback.
func (a *Handlers) BlogList(w http.ResponseWriter, r *http.Request) error {
	ctx, l := r.Context(), web.Lang(r)
	total, err := a.store.BlogPostCount(ctx)
	if err != nil {
		return err
	}
	v := public.BlogListPage{Page: 1, Pages: blogPages(total)}
	status := http.StatusOK
	if q := r.URL.Query(); q.Has("page") {
		raw := q.Get("page")
		n, ok := web.Number(raw, 1, web.MaxPage)
		switch {
		case !ok:
			status, v.Problem = http.StatusBadRequest, fmt.Sprintf(l.T("sswweek.blog.bad_page"), raw)
		case n > v.Pages:
			status, v.Problem = http.StatusNotFound, fmt.Sprintf(l.T("sswweek.blog.no_page"), n, v.Pages)
		default:
			v.Page = n
		}
	}
	v.Posts, err = a.store.BlogPosts(ctx, l, blogPageSize, (v.Page-1)*blogPageSize)
	if err != nil {
		return err
	}
	langs := make([]string, 0, len(v.Posts))
	for _, p := range v.Posts {
		langs = append(langs, p.Lang)
	}
	v.FallbackNote = web.FallbackNote(l, langs...)

	title := l.T("sswweek.blog.title")
	if v.Page > 1 {
		title += " · " + fmt.Sprintf(l.T("sswweek.blog.page_of"), v.Page, v.Pages)
	}
	m := a.Meta(r, title, l.T("sswweek.blog.description"))
	// Later pages are pages of their own: canonical link and language
	// switch keep the page number. A bad ?page= is not for search engines.
	if v.Page > 1 {
		m.Path = "/blog?page=" + strconv.Itoa(v.Page)
	}
	m.NoIndex = status != http.StatusOK
	return a.Render(w, r, status, public.BlogList(m, v))
}

func (a *Handlers) BlogPost(w http.ResponseWriter, r *http.Request) error {
	p, err := a.store.BlogPost(r.Context(), chi.URLParam(r, "slug"), web.Lang(r))
	if err != nil {
		return err
	}
	desc := p.Summary
	if desc == "" {
		desc = p.Title
	}
	m, err := a.WithLead(r.Context(), a.Meta(r, p.Title, desc), p.LeadImage)
	if err != nil {
		return err
	}
	return a.Render(w, r, http.StatusOK, public.BlogPost(m, p))
}
