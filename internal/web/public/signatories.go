package public

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/org"
	"github.com/sswalliance/advocacy/internal/signing"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/public"
)

// maxSignatoryQuery is the longest name search, in characters.
const maxSignatoryQuery = 200

// signatoriesPerPage is how many signatories a page of the list shows.
const signatoriesPerPage = 100

// PublicSignatories lists the approved signatories, a page at a time, with
// a name search and filters by country and type. A value the list does not
// know is named beside its control (status 400) and the rest of the query
// still applies. A ?page= that is not a page number (not plain digits, 0,
// beyond web.MaxPage) is a 400 and one past the last page a 404; both show
// the first page, with a message saying why, so the visitor can go on.
func (a *Handlers) PublicSignatories(w http.ResponseWriter, r *http.Request) error {
	ctx, l := r.Context(), web.Lang(r)
	codes, err := a.store.SignatoryCountries(ctx)
	if err != nil {
		return err
	}
	if codes == nil {
		codes = []string{} // nil would mean every country
	}
	q := r.URL.Query()
	v := public.SignatoriesView{
		Form:      public.SignatoriesForm{Q: q.Get("q"), Country: q.Get("country"), Type: q.Get("type")},
		Countries: org.CountriesByName(l, codes),
		Page:      1,
	}
	fail := func(field, key string, repl ...string) {
		v.Errors = append(v.Errors, public.LibraryError{Field: field, Message: resourceMsg(l, key, repl...)})
	}
	var f store.PublicFilter
	if query := strings.Join(strings.Fields(v.Form.Q), " "); utf8.RuneCountInString(query) > maxSignatoryQuery {
		fail(public.SignatoriesFieldQ, "cta.list.error.q", "{max}", strconv.Itoa(maxSignatoryQuery))
	} else {
		f.Query, f.QueryKey = query, signing.NameKey(query)
	}
	if c := v.Form.Country; c != "" {
		if slices.Contains(codes, c) {
			f.Country = c
		} else {
			fail(public.SignatoriesFieldCountry, "cta.list.error.country", "{v}", org.CountryName(c, l))
		}
	}
	if t := v.Form.Type; t != "" {
		if slices.Contains(store.OrgTypes, t) {
			f.OrgType = t
		} else {
			fail(public.SignatoriesFieldType, "cta.list.error.type", "{v}", t)
		}
	}
	n, err := a.store.PublicSignatoryCount(ctx, f)
	if err != nil {
		return err
	}
	v.Pages = max(1, (n+signatoriesPerPage-1)/signatoriesPerPage)
	status := http.StatusOK
	if raw := q.Get("page"); raw != "" {
		page, ok := web.Number(raw, 1, web.MaxPage)
		switch {
		case !ok:
			status, v.PageProblem = http.StatusBadRequest, resourceMsg(l, "cta.list.error.page", "{v}", raw)
		case page > v.Pages:
			status, v.PageProblem = http.StatusNotFound, resourceMsg(l, "cta.list.error.no_page", "{n}", raw, "{pages}", strconv.Itoa(v.Pages))
		default:
			v.Page = page
		}
	}
	if v.Signatories, err = a.store.PublicSignatoryPage(ctx, f, signatoriesPerPage, (v.Page-1)*signatoriesPerPage, n); err != nil {
		return err
	}
	v.Filtered = f.Query != "" || f.Country != "" || f.OrgType != "" || len(v.Errors) > 0
	plural := ".other"
	if n == 1 {
		plural = ".one"
	}
	if v.Filtered {
		v.Count = resourceMsg(l, "cta.list.match"+plural, "{n}", strconv.Itoa(n))
	} else {
		v.Count = resourceMsg(l, "cta.list.count"+plural, "{n}", strconv.Itoa(n))
	}
	if len(v.Signatories) > 0 && v.Pages > 1 {
		first := (v.Page-1)*signatoriesPerPage + 1
		v.Showing = resourceMsg(l, "cta.list.showing", "{from}", strconv.Itoa(first),
			"{to}", strconv.Itoa(first+len(v.Signatories)-1), "{n}", strconv.Itoa(n))
	}

	// Pages link with the search and filters that applied, never the
	// rejected ones (they would only fail again).
	pagePath := func(page int) string {
		vals := url.Values{}
		for k, val := range map[string]string{"q": f.Query, "country": f.Country, "type": f.OrgType} {
			if val != "" {
				vals.Set(k, val)
			}
		}
		if page > 1 {
			vals.Set("page", strconv.Itoa(page))
		}
		if len(vals) == 0 {
			return "/call-to-action/signatories"
		}
		return "/call-to-action/signatories?" + vals.Encode() // Encode sorts the keys: one URL per page
	}
	v.Pager = signatoryPager(l, v.Page, v.Pages, pagePath)

	m := a.signMeta(r, "cta.list.title", "cta.list.description", false)
	if v.Page > 1 {
		// A later page is a page of its own: its canonical link and the
		// language switch keep its number and filters.
		m.Title = resourceMsg(l, "cta.list.title.page", "{title}", m.Title, "{n}", strconv.Itoa(v.Page), "{pages}", strconv.Itoa(v.Pages))
		m.Path = pagePath(v.Page)
	}
	if len(v.Errors) > 0 {
		status = http.StatusBadRequest
	}
	if status != http.StatusOK {
		m.Title = l.T("form.error.prefix") + " " + m.Title
		m.NoIndex = v.PageProblem != "" // a page number that is not there is not for search engines
	}
	return a.Render(w, r, status, public.Signatories(m, v))
}

// signatoryPager links the pages of the list around page, of pages: the
// first and the last, the two on each side of the current one, and gaps
// for those left out, so the pager stays short however long the list.
func signatoryPager(l i18n.Lang, page, pages int, path func(int) string) public.SignatoryPager {
	if pages <= 1 {
		return public.SignatoryPager{}
	}
	p := public.SignatoryPager{Label: l.T("cta.list.pages"), Position: resourceMsg(l, "cta.list.page_of", "{n}", strconv.Itoa(page), "{pages}", strconv.Itoa(pages))}
	if page > 1 {
		p.Prev = l.Path(path(page - 1))
	}
	if page < pages {
		p.Next = l.Path(path(page + 1))
	}
	last := 0
	add := func(i int) {
		if last != 0 && i > last+1 {
			p.Links = append(p.Links, public.SignatoryPageLink{}) // a gap
		}
		p.Links = append(p.Links, public.SignatoryPageLink{N: i, URL: l.Path(path(i)), Current: i == page})
		last = i
	}
	// A gap never hides a single page: that page is shown instead.
	lo, hi := max(2, page-2), min(pages-1, page+2)
	if lo == 3 {
		lo = 2
	}
	if hi == pages-2 {
		hi = pages - 1
	}
	add(1)
	for i := lo; i <= hi; i++ {
		add(i)
	}
	add(pages)
	return p
}

// signatoryRecord is one signatory in the open data: the organisation,
// never its contact.
type signatoryRecord struct {
	Name        string `json:"name"`
	Website     string `json:"website"`
	Country     string `json:"country"`      // ISO 3166-1 alpha-2, or ""
	CountryName string `json:"country_name"` // in English
	Type        string `json:"type"`
	ApprovedAt  string `json:"approved_at"` // an RFC 3339 full date
	LogoURL     string `json:"logo_url"`    // absolute, or "" without a logo
}

// signatoryRecordOf returns s as open data; base is the site's origin.
func signatoryRecordOf(s store.PublicSignatory, base string) signatoryRecord {
	rec := signatoryRecord{Name: s.Name, Website: s.Website, Country: s.Country, Type: s.OrgType,
		ApprovedAt: s.ApprovedAt.UTC().Format(time.DateOnly)}
	if s.Country != "" {
		rec.CountryName = org.CountryName(s.Country, i18n.EN)
	}
	if s.LogoSHA != "" {
		rec.LogoURL = base + public.LogoPath(s.LogoSHA)
	}
	return rec
}

// openDataHeaders mark the open data as public, briefly cacheable, and
// readable by scripts on other sites (it holds nothing private).
func openDataHeaders(w http.ResponseWriter, contentType string) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Cache-Control", "public, max-age=300")
	h.Set("Access-Control-Allow-Origin", "*")
}

// openDataBuffer is how much of a download is gathered before it is sent:
// the most of it held in memory at once, besides one row.
const openDataBuffer = 32 << 10

// openDataFormat writes the open data in one format: begin once, before
// the first row (with total 0 when there is none), row for each, end after
// the last.
type openDataFormat interface {
	begin(b *bufio.Writer, total int) error
	row(b *bufio.Writer, rec signatoryRecord) error
	end(b *bufio.Writer) error
}

// streamSignatories writes every approved signatory to w in format as it
// is read from the database, through a buffer of openDataBuffer bytes:
// memory stays the same however long the list. headers sets the
// response's headers, called when its first byte goes.
//
// Until then a failure is an ordinary error (the visitor gets the 503 or
// 500 page). Once the answer has begun, a failure of the database aborts
// it instead (http.ErrAbortHandler: the connection is cut, without the
// end of a chunked or compressed body), so that part of the list can
// never pass for all of it.
func (a *Handlers) streamSignatories(w http.ResponseWriter, r *http.Request, headers func(http.Header), format openDataFormat) error {
	out := &startingWriter{w: w, start: func() { headers(w.Header()) }}
	b := bufio.NewWriterSize(out, openDataBuffer)
	base := strings.TrimSuffix(a.cfg.BaseURL.String(), "/")
	begun := false
	err := a.store.EachPublicSignatory(r.Context(), func(total int, s store.PublicSignatory) error {
		if !begun {
			begun = true
			if err := format.begin(b, total); err != nil {
				return err
			}
		}
		return format.row(b, signatoryRecordOf(s, base))
	})
	if err == nil && !begun {
		err = format.begin(b, 0)
	}
	if err == nil {
		err = format.end(b)
	}
	if err == nil {
		err = b.Flush()
	}
	if err != nil && out.started && out.err == nil && r.Context().Err() == nil {
		// Not the visitor going away (a failed write, a cancelled
		// request): the database failed with the answer under way.
		a.logger.ErrorContext(r.Context(), "open data cut short", "error", err, "path", web.LogPath(r.URL.Path),
			"request_id", web.RequestID(r.Context()))
		panic(http.ErrAbortHandler)
	}
	return err
}

// startingWriter calls start before its first byte goes to w, and keeps
// the first error writing to w (the visitor went away).
type startingWriter struct {
	w       io.Writer
	start   func()
	started bool
	err     error
}

func (s *startingWriter) Write(p []byte) (int, error) {
	if !s.started {
		s.started = true
		s.start()
	}
	n, err := s.w.Write(p)
	if err != nil && s.err == nil {
		s.err = err
	}
	return n, err
}

// SignatoriesJSON serves the approved signatories as JSON:
// {"count": N, "signatories": [...]}.
func (a *Handlers) SignatoriesJSON(w http.ResponseWriter, r *http.Request) error {
	return a.streamSignatories(w, r, func(h http.Header) { openDataHeaders(w, "application/json; charset=utf-8") }, &signatoriesJSON{})
}

// signatoriesJSON writes, a row at a time, the bytes json.MarshalIndent
// with two spaces gives for the whole list, and a newline.
type signatoriesJSON struct{ rows int }

func (j *signatoriesJSON) begin(b *bufio.Writer, total int) error {
	_, err := fmt.Fprintf(b, "{\n  \"count\": %d,\n  \"signatories\": [", total)
	return err
}

func (j *signatoriesJSON) row(b *bufio.Writer, rec signatoryRecord) error {
	// The record at its depth in the document: the array's elements are
	// four spaces in, their fields six.
	body, err := json.MarshalIndent(rec, "    ", "  ")
	if err != nil {
		return err
	}
	if j.rows > 0 {
		b.WriteByte(',')
	}
	j.rows++
	b.WriteString("\n    ")
	_, err = b.Write(body)
	return err
}

func (j *signatoriesJSON) end(b *bufio.Writer) error {
	if j.rows > 0 {
		b.WriteString("\n  ")
	}
	_, err := b.WriteString("]\n}\n")
	return err
}

// signatoryCSVHeader names the CSV's columns, as in the JSON.
var signatoryCSVHeader = []string{"name", "website", "country", "country_name", "type", "approved_at", "logo_url"}

// SignatoriesCSV serves the approved signatories as CSV, with a header
// row. It starts with a byte order mark, without which Excel misreads
// accented names as another encoding.
func (a *Handlers) SignatoriesCSV(w http.ResponseWriter, r *http.Request) error {
	return a.streamSignatories(w, r, func(h http.Header) {
		openDataHeaders(w, "text/csv; charset=utf-8; header=present")
		h.Set("Content-Disposition", `attachment; filename="call-to-action-signatories.csv"`)
	}, &signatoriesCSV{})
}

type signatoriesCSV struct{ cw *csv.Writer }

func (c *signatoriesCSV) begin(b *bufio.Writer, _ int) error {
	b.WriteString("\ufeff")
	c.cw = csv.NewWriter(b) // writes straight into b: a bufio.Writer this large is not wrapped again
	return c.cw.Write(signatoryCSVHeader)
}

func (c *signatoriesCSV) row(_ *bufio.Writer, s signatoryRecord) error {
	return c.cw.Write([]string{web.CSVCell(s.Name), web.CSVCell(s.Website), web.CSVCell(s.Country), web.CSVCell(s.CountryName),
		web.CSVCell(s.Type), web.CSVCell(s.ApprovedAt), web.CSVCell(s.LogoURL)})
}

func (c *signatoriesCSV) end(*bufio.Writer) error {
	c.cw.Flush()
	return c.cw.Error()
}
