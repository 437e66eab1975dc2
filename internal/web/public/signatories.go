package public

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
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

// PublicSignatories lists the approved signatories, with a name search and
// filters by country and type. A value the list does not know is named
// beside its control (status 400) and the rest of the query still applies.
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
	if v.Signatories, err = a.store.PublicSignatories(ctx, f); err != nil {
		return err
	}
	v.Filtered = f.Query != "" || f.Country != "" || f.OrgType != "" || len(v.Errors) > 0
	n, plural := len(v.Signatories), ".other"
	if n == 1 {
		plural = ".one"
	}
	if v.Filtered {
		v.Count = resourceMsg(l, "cta.list.match"+plural, "{n}", strconv.Itoa(n))
	} else {
		v.Count = resourceMsg(l, "cta.list.count"+plural, "{n}", strconv.Itoa(n))
	}

	status := http.StatusOK
	m := a.signMeta(r, "cta.list.title", "cta.list.description", false)
	if len(v.Errors) > 0 {
		status = http.StatusBadRequest
		m.Title = l.T("form.error.prefix") + " " + m.Title
	}
	return a.Render(w, r, status, public.Signatories(m, v))
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

// signatoryRecords returns every approved signatory as open data.
func (a *Handlers) signatoryRecords(ctx context.Context) ([]signatoryRecord, error) {
	list, err := a.store.PublicSignatories(ctx, store.PublicFilter{})
	if err != nil {
		return nil, err
	}
	base := strings.TrimSuffix(a.cfg.BaseURL.String(), "/")
	out := make([]signatoryRecord, len(list))
	for i, s := range list {
		rec := signatoryRecord{Name: s.Name, Website: s.Website, Country: s.Country, Type: s.OrgType,
			ApprovedAt: s.ApprovedAt.UTC().Format(time.DateOnly)}
		if s.Country != "" {
			rec.CountryName = org.CountryName(s.Country, i18n.EN)
		}
		if s.LogoSHA != "" {
			rec.LogoURL = base + public.LogoPath(s.LogoSHA)
		}
		out[i] = rec
	}
	return out, nil
}

// openDataHeaders mark the open data as public, briefly cacheable, and
// readable by scripts on other sites (it holds nothing private).
func openDataHeaders(w http.ResponseWriter, contentType string) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Cache-Control", "public, max-age=300")
	h.Set("Access-Control-Allow-Origin", "*")
}

// SignatoriesJSON serves the approved signatories as JSON:
// {"count": N, "signatories": [...]}.
func (a *Handlers) SignatoriesJSON(w http.ResponseWriter, r *http.Request) error {
	list, err := a.signatoryRecords(r.Context())
	if err != nil {
		return err
	}
	body, err := json.MarshalIndent(struct {
		Count       int               `json:"count"`
		Signatories []signatoryRecord `json:"signatories"`
	}{len(list), list}, "", "  ")
	if err != nil {
		return err
	}
	openDataHeaders(w, "application/json; charset=utf-8")
	_, err = w.Write(append(body, '\n'))
	return err
}

// signatoryCSVHeader names the CSV's columns, as in the JSON.
var signatoryCSVHeader = []string{"name", "website", "country", "country_name", "type", "approved_at", "logo_url"}

// SignatoriesCSV serves the approved signatories as CSV, with a header
// row. It starts with a byte order mark, without which Excel misreads
// accented names as another encoding.
func (a *Handlers) SignatoriesCSV(w http.ResponseWriter, r *http.Request) error {
	list, err := a.signatoryRecords(r.Context())
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString("\ufeff")
	cw := csv.NewWriter(&b)
	cw.Write(signatoryCSVHeader)
	for _, s := range list {
		cw.Write([]string{web.CSVCell(s.Name), web.CSVCell(s.Website), web.CSVCell(s.Country), web.CSVCell(s.CountryName),
			web.CSVCell(s.Type), web.CSVCell(s.ApprovedAt), web.CSVCell(s.LogoURL)})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	openDataHeaders(w, "text/csv; charset=utf-8; header=present")
	w.Header().Set("Content-Disposition", `attachment; filename="call-to-action-signatories.csv"`)
	_, err = w.Write([]byte(b.String()))
	return err
}
