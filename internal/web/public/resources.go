package public

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-chi/chi/v5"

	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/public"
)

const (
	resourcesPerPage = 10
	pagerSpan        = 2   // pages linked on each side of the current one
	maxQueryLength   = 200 // characters of a library search
)

// knownDocLangs are the document languages the schema allows.
var knownDocLangs = []string{"en", "es", "fr", "pt"}

// ResourceURLs lists the English path of every public page of this part, for
// the sitemap.
func (a *Handlers) ResourceURLs(ctx context.Context) ([]string, error) {
	slugs, err := a.store.ResourceSlugs(ctx)
	if err != nil {
		return nil, err
	}
	urls := []string{"/resources"}
	for _, s := range slugs {
		urls = append(urls, "/resources/"+s)
	}
	return urls, nil
}

// ResourceLibrary serves the library: search, filters and a page of
// results. Every choice lives in the query string, so any view can be
// shared as a link. A value the library does not know is named in a
// message beside the form (status 400), and the rest of the query still
// applies.
func (a *Handlers) ResourceLibrary(w http.ResponseWriter, r *http.Request) error {
	ctx, l := r.Context(), web.Lang(r)
	p, err := a.store.Page(ctx, "resources", l)
	if err != nil {
		return err
	}
	types, err := a.store.ResourceTypeNames(ctx, l)
	if err != nil {
		return err
	}
	topics, err := a.store.Topics(ctx, l)
	if err != nil {
		return err
	}
	docLangs, err := a.store.ResourceDocLangs(ctx)
	if err != nil {
		return err
	}
	first, last, err := a.store.ResourceYears(ctx)
	if err != nil {
		return err
	}

	q := r.URL.Query()
	v := public.LibraryView{
		Page:     p,
		Form:     public.LibraryForm{Q: q.Get("q"), Type: q.Get("type"), Topic: q.Get("topic"), Lang: q.Get("lang"), Year: q.Get("year")},
		Types:    types,
		Topics:   topics,
		DocLangs: docLangs,
	}
	for y := last; y >= first && y > 0; y-- {
		v.Years = append(v.Years, y)
	}
	fail := func(field, key string, repl ...string) {
		v.Errors = append(v.Errors, public.LibraryError{Field: field, Message: resourceMsg(l, key, repl...)})
	}

	// Check each input; a bad one is reported and left out of the search.
	f := store.ResourceFilter{Limit: resourcesPerPage}
	if query := strings.Join(strings.Fields(v.Form.Q), " "); utf8.RuneCountInString(query) > maxQueryLength {
		fail(public.LibraryFieldQ, "resource.error.q", "{max}", strconv.Itoa(maxQueryLength))
	} else {
		f.Query = query
	}
	if t := v.Form.Type; t != "" {
		if resourceKnown(t, types, func(x store.ResourceType) string { return x.Slug }) {
			f.Type = t
		} else {
			fail(public.LibraryFieldType, "resource.error.type", "{v}", t)
		}
	}
	if t := v.Form.Topic; t != "" {
		if resourceKnown(t, topics, func(x store.Topic) string { return x.Slug }) {
			f.Topic = t
		} else {
			fail(public.LibraryFieldTopic, "resource.error.topic", "{v}", t)
		}
	}
	if dl := v.Form.Lang; dl != "" {
		if resourceKnown(dl, knownDocLangs, func(x string) string { return x }) {
			f.DocLang = dl
			if !resourceKnown(dl, v.DocLangs, func(x string) string { return x }) {
				v.DocLangs = append(v.DocLangs, dl) // offered, so the form can show it chosen
			}
		} else {
			fail(public.LibraryFieldLang, "resource.error.lang", "{v}", dl)
		}
	}
	if ys := v.Form.Year; ys != "" {
		y, ok := web.Number(ys, 0, 9999)
		switch {
		case !ok:
			fail(public.LibraryFieldYear, "resource.error.year", "{v}", ys)
		case y < first || y > last:
			fail(public.LibraryFieldYear, "resource.error.year_range", "{v}", ys, "{first}", strconv.Itoa(first), "{last}", strconv.Itoa(last))
		default:
			f.Year = y
		}
	}
	page := 1
	if ps := q.Get("page"); ps != "" {
		if n, ok := web.Number(ps, 1, web.MaxPage); ok {
			page = n
		} else {
			fail("", "resource.error.page", "{v}", ps)
		}
	}

	f.Offset = (page - 1) * resourcesPerPage
	res, err := a.store.SearchResources(ctx, f, l)
	if err != nil {
		return err
	}
	pages := (res.Total + resourcesPerPage - 1) / resourcesPerPage
	if page > 1 && page > pages {
		fail("", "resource.error.page", "{v}", strconv.Itoa(page))
		page, f.Offset = 1, 0
		if res, err = a.store.SearchResources(ctx, f, l); err != nil {
			return err
		}
	}
	v.Results = res

	// The count says what was asked for: everything, a search, or filters.
	v.Filtered = f.Query != "" || f.Type != "" || f.Topic != "" || f.DocLang != "" || f.Year != 0 || len(v.Errors) > 0
	n := strconv.Itoa(res.Total)
	plural := ".other"
	if res.Total == 1 {
		plural = ".one"
	}
	switch {
	case f.Query != "" && res.More:
		v.Count = resourceMsg(l, "resource.match.more", "{n}", n, "{q}", f.Query)
	case f.Query != "":
		v.Count = resourceMsg(l, "resource.match"+plural, "{n}", n, "{q}", f.Query)
	case v.Filtered:
		v.Count = resourceMsg(l, "resource.filtered"+plural, "{n}", n)
	default:
		v.Count = resourceMsg(l, "resource.count"+plural, "{n}", n)
	}

	// Pages link with the filters that applied, never the rejected ones.
	pageURL := func(n int) string {
		vals := url.Values{}
		set := func(k, v string) {
			if v != "" {
				vals.Set(k, v)
			}
		}
		set("q", f.Query)
		set("type", f.Type)
		set("topic", f.Topic)
		set("lang", f.DocLang)
		if f.Year != 0 {
			set("year", strconv.Itoa(f.Year))
		}
		if n > 1 {
			set("page", strconv.Itoa(n))
		}
		if len(vals) == 0 {
			return l.Path("/resources")
		}
		return l.Path("/resources") + "?" + vals.Encode()
	}
	// The pager links the first and last pages and those near the current
	// one, with a gap between: a bounded list whatever the library's size.
	for i := 1; i <= pages; i++ {
		switch {
		case i == 1 || i == pages || (i >= page-pagerSpan && i <= page+pagerSpan):
			v.Pages = append(v.Pages, public.LibraryPageLink{N: i, URL: pageURL(i), Current: i == page})
		case len(v.Pages) > 0 && !v.Pages[len(v.Pages)-1].Gap:
			v.Pages = append(v.Pages, public.LibraryPageLink{Gap: true})
		}
		if i > page+pagerSpan && i < pages {
			i = pages - 1 // skip to the last page
		}
	}
	if page > 1 {
		v.Prev = pageURL(page - 1)
	}
	if page < pages {
		v.Next = pageURL(page + 1)
	}

	if p.Lang != string(l) {
		v.FallbackNote = "fallback.partial"
	}
	for _, h := range res.Hits {
		if h.Lang != string(l) {
			v.FallbackNote = "fallback.partial"
		}
	}

	title := p.Title
	if page > 1 {
		title = resourceMsg(l, "resource.title.page", "{title}", title, "{n}", strconv.Itoa(page))
	}
	status := http.StatusOK
	if len(v.Errors) > 0 {
		title = resourceMsg(l, "resource.title.error", "{title}", title)
		status = http.StatusBadRequest
	}
	m, err := a.WithLead(r.Context(), a.Meta(r, title, p.Description), p.LeadImage)
	if err != nil {
		return err
	}
	return a.Render(w, r, status, public.ResourceLibrary(m, v))
}

// ResourceDetail serves one resource.
func (a *Handlers) ResourceDetail(w http.ResponseWriter, r *http.Request) error {
	res, err := a.store.Resource(r.Context(), chi.URLParam(r, "slug"), web.Lang(r))
	if err != nil {
		return err
	}
	m, err := a.WithLead(r.Context(), a.Meta(r, res.Title, res.Summary), res.LeadImage)
	if err != nil {
		return err
	}
	return a.Render(w, r, http.StatusOK, public.ResourceDetail(m, res))
}

// resourceMsg returns the interface text key in l with its placeholders
// replaced: resourceMsg(l, "resource.page", "{n}", "2").
func resourceMsg(l i18n.Lang, key string, replacements ...string) string {
	return strings.NewReplacer(replacements...).Replace(l.T(key))
}

// resourceKnown reports whether s is the key of one of list's items.
func resourceKnown[T any](s string, list []T, key func(T) string) bool {
	for _, x := range list {
		if key(x) == s {
			return true
		}
	}
	return false
}
