package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sswalliance/advocacy/internal/i18n"
)

// ResourceType is a kind of resource (a report, a fact sheet...) in one
// language. The toolkit's components are the types with Toolkit set.
type ResourceType struct {
	Slug        string
	Lang        string // the language of the texts (English when untranslated)
	Name        string // singular: "Fact sheet"
	Plural      string // "Fact sheets"
	Description string // what the type, or toolkit component, is for
	Toolkit     bool
	Count       int // how many resources are of this type
}

// Topic is a subject resources are filed under, in one language.
type Topic struct {
	Slug string
	Lang string // the language of Name (English when untranslated)
	Name string
}

// Resource is one item of the library in one language: its texts, topics,
// files and links.
type Resource struct {
	ID           int64
	Slug         string
	Type         ResourceType // Count is not filled here
	Year         int
	Month        int // 1-12, or 0 when only the year is known
	Organisation string
	UpdatedAt    time.Time
	Lang         string // the language of Title, Summary and Body (English when untranslated)
	Title        string
	Summary      string
	Body         string // Markdown
	Topics       []Topic
	Files        []ResourceFile
	Links        []ResourceLink // only filled by Resource
	LeadImage    int64          // the cover, a media library image; 0 for none; only filled by Resource
}

// DocLangs lists the languages the resource's files are written in, in the
// order of the files.
func (r Resource) DocLangs() []string {
	var out []string
	for _, f := range r.Files {
		if !contains(out, f.Lang) {
			out = append(out, f.Lang)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ResourceFile is a downloadable document of a resource.
type ResourceFile struct {
	FileID      int64
	Name        string
	ContentType string
	Size        int64
	Lang        string // the language of the document: en, es, fr or pt
	Label       string // optional, written in the document's language
}

// URL is where the file is served.
func (f ResourceFile) URL() string {
	return "/files/" + strconv.FormatInt(f.FileID, 10) + "/" + f.Name
}

// ResourceLink is a related page elsewhere.
type ResourceLink struct {
	URL   string
	Label string
}

// ResourceFilter selects resources from the library. Zero values select
// everything; Query is a web-search-style query ("quoted phrase", -not, or).
type ResourceFilter struct {
	Query   string
	Type    string // type slug
	Topic   string // topic slug
	DocLang string // resources with a file in this language
	Year    int
	Limit   int
	Offset  int
}

// ResourceHit is a resource found in the library, with a snippet of its
// body around the words searched for.
type ResourceHit struct {
	Resource
	Snippet []Segment // empty without a query
}

// Segment is a piece of a snippet; Mark is set on the words that matched.
type Segment struct {
	Text string
	Mark bool
}

// ResourceResults is one page of a library search.
type ResourceResults struct {
	Total int // resources matching, over all pages
	// More is set when a search matches more than MatchesCounted: Total is
	// then MatchesCounted.
	More bool
	Hits []ResourceHit
}

// MatchesCounted is how many matches of a search are counted: beyond it,
// the page says "more than" that many. Counting every match of a word
// most of a large library holds reads every text (7 ms of a search's 13
// at 10,000 resources); counting up to 1,000 stops early.
const MatchesCounted = 1000

// Snippet marks: characters from Unicode's private use area, removed from
// the body before ts_headline places them, so they can only be its marks.
const (
	markStart = "\uE000"
	markStop  = "\uE001"
)

var headlineOptions = `StartSel=` + markStart + `, StopSel=` + markStop +
	`, MaxWords=32, MinWords=14, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`

// RankedMatches is how many matches of a search are ranked by relevance:
// the newest that many (by year, month, then most recently added). Ranking
// reads each resource's whole search vector, so ranking every match of a
// word most of the library contains would cost more than the rest of the
// page; a search matching more lists its older matches after them, newest
// first. Every demo search matches fewer, so all of its matches are ranked.
const RankedMatches = 100

// SearchResources returns the page of resources matching f, each in lang
// where translated and in English otherwise. With a query, the text shown
// is the text searched, parsed in its own language's configuration (so
// Spanish words are stemmed as Spanish), and results are ranked by
// relevance (see RankedMatches); without one, newest first.
//
// Only what can reach the page is worked on: the texts, ranks and snippets
// of the page's rows (and, with a query, of the ranked matches), never of
// every resource; the filters and the search are answered by indexes.
func (s *Store) SearchResources(ctx context.Context, f ResourceFilter, lang i18n.Lang) (ResourceResults, error) {
	if f.Limit <= 0 {
		f.Limit = 10
	}
	where, args := resourceWhere(f, lang)
	args["limit"], args["offset"] = f.Limit, f.Offset
	var sql string
	if f.Query == "" {
		sql = resourceListSQL(where)
	} else {
		sql = resourceSearchSQL(where, resourceMatchCount(f, lang, where))
		args["ranked"], args["hl"], args["marks"] = RankedMatches, headlineOptions, markStart+markStop
		args["upto"] = max(RankedMatches, f.Offset+f.Limit)
		args["counted"] = MatchesCounted + 1
		// Past the ranked matches a page's rows are picked by their number,
		// so nothing before them is left to skip.
		args["skip"] = f.Offset
		if f.Offset >= RankedMatches {
			args["skip"] = 0
		}
	}
	// Planned for its own words each time, not as a prepared statement's
	// generic plan, which guesses every word rare and, for a common one,
	// walks the library the slow way (50 ms against 15 at 10,000).
	rows, _ := s.db.Query(ctx, sql, pgx.QueryExecModeExec, args)
	hits, headlines, total, err := collectHits(rows)
	if err != nil {
		return ResourceResults{}, fmt.Errorf("store: search resources: %w", err)
	}
	if len(hits) == 0 && f.Offset > 0 {
		// Past the last page: still say how many there are.
		f.Offset, f.Limit = 0, 1
		first, err := s.SearchResources(ctx, f, lang)
		return ResourceResults{Total: first.Total, More: first.More}, err
	}
	list := make([]*Resource, len(hits))
	for i := range hits {
		hits[i].Snippet = segments(headlines[i])
		list[i] = &hits[i].Resource
	}
	if err := s.fillResources(ctx, lang, list); err != nil {
		return ResourceResults{}, err
	}
	res := ResourceResults{Total: total, Hits: hits}
	if f.Query != "" && total > MatchesCounted {
		res.Total, res.More = MatchesCounted, true
	}
	return res, nil
}

// resourceWhere is the condition on resources r for f's filters and
// query, with its arguments: only the clauses f needs, so each query's
// plan fits the filters it has (a plan cached for "no type" would not
// serve a type).
func resourceWhere(f ResourceFilter, lang i18n.Lang) (string, pgx.NamedArgs) {
	// Every resource has an English text (content requires its English
	// title), so it shows in every language (see translated) and counting
	// resources needs no look at their texts.
	args := pgx.NamedArgs{"lang": string(lang)}
	where := []string{"true"}
	if f.Type != "" {
		where = append(where, `r.type_slug = @type`)
		args["type"] = f.Type
	}
	if f.Year != 0 {
		where = append(where, `r.year = @year`)
		args["year"] = f.Year
	}
	if f.Topic != "" {
		where = append(where, `EXISTS (SELECT 1 FROM resource_topics rt JOIN topics tp ON tp.id = rt.topic_id
			WHERE rt.resource_id = r.id AND tp.slug = @topic)`)
		args["topic"] = f.Topic
	}
	if f.DocLang != "" {
		where = append(where, `EXISTS (SELECT 1 FROM resource_files rf WHERE rf.resource_id = r.id AND rf.lang = @doclang)`)
		args["doclang"] = f.DocLang
	}
	if f.Query != "" {
		// The text searched is the one shown: lang's where there is one,
		// English otherwise, each parsed with its language's configuration.
		// Written per language so each branch is a lookup in that
		// language's text index (see migration 00018).
		args["q"] = f.Query
		match := `EXISTS (SELECT 1 FROM resource_texts t WHERE t.resource_id = r.id AND t.lang = 'en'
			AND t.search @@ websearch_to_tsquery('english', @q))`
		if lang == i18n.ES {
			// Written as literals, not @lang, so that the plan, cached or
			// not, can use the Spanish index (whose WHERE must be provable).
			match = `(EXISTS (SELECT 1 FROM resource_texts t WHERE t.resource_id = r.id AND t.lang = 'es'
				AND t.search @@ websearch_to_tsquery('spanish', @q))
			OR (` + match + ` AND NOT EXISTS (SELECT 1 FROM resource_texts t WHERE t.resource_id = r.id AND t.lang = 'es')))`
		}
		where = append(where, match)
	}
	return strings.Join(where, "\n\t\t\tAND "), args
}

// resourceListSQL is the library without a query: newest first, walked in
// the order of the resources_newest index so only the rows up to the page
// (and those sharing its last month, ordered by title) are read.
func resourceListSQL(where string) string {
	return `
		SELECT r.id, r.slug, r.type_slug, r.year, coalesce(r.month, 0)::int, r.organisation, r.updated_at,
			t.lang, t.title, t.summary, (SELECT count(*) FROM resources r WHERE ` + where + `)::int, ''
		FROM resources r
		` + translated("resource_texts", "resource_id", "r.id", "@lang") + `
		WHERE ` + where + `
		ORDER BY r.year DESC, coalesce(r.month, 0) DESC, t.title, r.id
		LIMIT @limit OFFSET @offset`
}

// resourceMatchCount is the query counting the matches of f's search.
// A search without filters counts the matching texts straight from their
// language's index (in Spanish: the Spanish texts that match, and the
// English ones that match of resources with no Spanish text), which reads
// no resource; with filters, the resources that pass them are counted.
// At most MatchesCounted+1 are counted.
func resourceMatchCount(f ResourceFilter, lang i18n.Lang, where string) string {
	upTo := func(sql string) string { return `SELECT count(*) FROM (` + sql + ` LIMIT @counted) c` }
	if f.Type != "" || f.Year != 0 || f.Topic != "" || f.DocLang != "" {
		return upTo(`SELECT 1 FROM resources r WHERE ` + where)
	}
	en := `SELECT 1 FROM resource_texts t WHERE t.lang = 'en' AND t.search @@ websearch_to_tsquery('english', @q)`
	if lang != i18n.ES {
		return upTo(en)
	}
	return `SELECT (` + upTo(`SELECT 1 FROM resource_texts t WHERE t.lang = 'es' AND t.search @@ websearch_to_tsquery('spanish', @q)`) + `)
		+ (` + upTo(en+` AND NOT EXISTS (SELECT 1 FROM resource_texts e WHERE e.resource_id = t.resource_id AND e.lang = 'es')`) + `)`
}

// resourceSearchSQL is the library with a query, its matches counted by
// count. The matches are numbered newest first (n), walking the
// resources_newest index only as far as a page needs (@upto: the ranked
// matches, or the page past them); the first @ranked of them are ranked
// and come first, by relevance, and the rest follow in the order of n. So
// a page reads the texts of the ranked matches and of its own rows only,
// and ts_headline runs for the page's rows only.
func resourceSearchSQL(where, count string) string {
	return `
		WITH matches AS (
			SELECT r.id, r.slug, r.type_slug, r.year, coalesce(r.month, 0)::int AS month, r.organisation, r.updated_at,
				row_number() OVER (ORDER BY r.year DESC, coalesce(r.month, 0) DESC, r.id DESC) AS n
			FROM resources r
			WHERE ` + where + `
			ORDER BY r.year DESC, coalesce(r.month, 0) DESC, r.id DESC
			LIMIT @upto
		), page AS (
			SELECT m.*, t.lang, t.title, t.summary, t.body, t.cfg,
				CASE WHEN m.n <= @ranked THEN ts_rank_cd(t.search, websearch_to_tsquery(t.cfg, @q)) ELSE 0 END AS rank
			FROM matches m
			CROSS JOIN LATERAL (
				SELECT t.*, CASE t.lang WHEN 'es' THEN 'spanish'::regconfig ELSE 'english'::regconfig END AS cfg
				FROM resource_texts t
				WHERE t.resource_id = m.id AND t.lang IN (@lang, 'en')
				ORDER BY t.lang = @lang DESC LIMIT 1
			) t
			WHERE (m.n <= @ranked AND @offset::int < @ranked::int)
				OR (m.n > greatest(@offset::int, @ranked::int) AND m.n <= @offset::int + @limit::int)
			ORDER BY m.n > @ranked, rank DESC, m.year DESC, m.month DESC, t.title, m.n
			LIMIT @limit OFFSET @skip
		)
		SELECT p.id, p.slug, p.type_slug, p.year, p.month, p.organisation, p.updated_at,
			p.lang, p.title, p.summary, (` + count + `)::int,
			ts_headline(p.cfg, translate(p.body, @marks, ''), websearch_to_tsquery(p.cfg, @q), @hl)
		FROM page p
		ORDER BY p.n > @ranked, p.rank DESC, p.year DESC, p.month DESC, p.title, p.n`
}

// collectHits reads the rows of SearchResources.
func collectHits(rows pgx.Rows) ([]ResourceHit, []string, int, error) {
	var (
		hits      []ResourceHit
		headlines []string
		total     int
	)
	for rows.Next() {
		var h ResourceHit
		var headline string
		if err := rows.Scan(&h.ID, &h.Slug, &h.Type.Slug, &h.Year, &h.Month, &h.Organisation, &h.UpdatedAt,
			&h.Lang, &h.Title, &h.Summary, &total, &headline); err != nil {
			rows.Close()
			return nil, nil, 0, err
		}
		hits = append(hits, h)
		headlines = append(headlines, headline)
	}
	return hits, headlines, total, rows.Err()
}

// segments splits a ts_headline result at its marks, turning the Markdown
// of the body into plain words on the way.
func segments(headline string) []Segment {
	headline = plainText(headline)
	if headline == "" {
		return nil
	}
	var out []Segment
	for {
		start := strings.Index(headline, markStart)
		if start < 0 {
			break
		}
		if start > 0 {
			out = append(out, Segment{Text: headline[:start]})
		}
		headline = headline[start+len(markStart):]
		stop := strings.Index(headline, markStop)
		if stop < 0 {
			stop = len(headline)
		}
		if stop > 0 {
			out = append(out, Segment{Text: headline[:stop], Mark: true})
		}
		headline = strings.TrimPrefix(headline[stop:], markStop)
	}
	if headline != "" {
		out = append(out, Segment{Text: headline})
	}
	return out
}

var markdownMarks = strings.NewReplacer("**", "", "__", "", "*", "", "`", "", "#", "", "> ", "")

// plainText drops Markdown emphasis and heading marks and folds line breaks,
// so a snippet reads as a sentence.
func plainText(s string) string {
	s = markdownMarks.Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// Resource returns the resource slug in lang where translated (English
// otherwise), with its type, topics, files and links.
func (s *Store) Resource(ctx context.Context, slug string, lang i18n.Lang) (Resource, error) {
	var r Resource
	err := s.db.QueryRow(ctx, `
		SELECT r.id, r.slug, r.type_slug, r.year, coalesce(r.month, 0)::int, r.organisation,
			r.updated_at, t.lang, t.title, t.summary, t.body, coalesce(r.lead_image, 0)
		FROM resources r
		`+translated("resource_texts", "resource_id", "r.id", "$2")+`
		WHERE r.slug = $1`, slug, string(lang)).
		Scan(&r.ID, &r.Slug, &r.Type.Slug, &r.Year, &r.Month, &r.Organisation,
			&r.UpdatedAt, &r.Lang, &r.Title, &r.Summary, &r.Body, &r.LeadImage)
	if errors.Is(err, pgx.ErrNoRows) {
		return Resource{}, fmt.Errorf("store: resource %s/%s: %w", lang, slug, ErrNotFound)
	}
	if err != nil {
		return Resource{}, fmt.Errorf("store: resource %s/%s: %w", lang, slug, err)
	}
	if err := s.fillResources(ctx, lang, []*Resource{&r}); err != nil {
		return Resource{}, err
	}
	rows, _ := s.db.Query(ctx, `SELECT url, label FROM resource_links WHERE resource_id = $1 ORDER BY position`, r.ID)
	r.Links, err = pgx.CollectRows(rows, pgx.RowToStructByPos[ResourceLink])
	if err != nil {
		return Resource{}, fmt.Errorf("store: links of resource %s: %w", slug, err)
	}
	return r, nil
}

// fillResources adds the type, topics and files to resources read with
// only their own columns, in three queries whatever their number.
func (s *Store) fillResources(ctx context.Context, lang i18n.Lang, list []*Resource) error {
	if len(list) == 0 {
		return nil
	}
	types, err := s.ResourceTypeNames(ctx, lang)
	if err != nil {
		return err
	}
	ids := make([]int64, len(list))
	byID := make(map[int64]*Resource, len(list))
	for i, r := range list {
		ids[i] = r.ID
		byID[r.ID] = r
		for _, t := range types {
			if t.Slug == r.Type.Slug {
				r.Type = t
			}
		}
	}

	rows, _ := s.db.Query(ctx, `
		SELECT rt.resource_id, tp.slug, t.lang, t.name
		FROM resource_topics rt
		JOIN topics tp ON tp.id = rt.topic_id
		`+translated("topic_texts", "topic_id", "tp.id", "$2")+`
		WHERE rt.resource_id = ANY($1)
		ORDER BY t.name`, ids, string(lang))
	var (
		id    int64
		topic Topic
	)
	_, err = pgx.ForEachRow(rows, []any{&id, &topic.Slug, &topic.Lang, &topic.Name}, func() error {
		byID[id].Topics = append(byID[id].Topics, topic)
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: topics of resources: %w", err)
	}

	rows, _ = s.db.Query(ctx, `
		SELECT rf.resource_id, f.id, f.name, f.content_type, f.size, rf.lang, rf.label
		FROM resource_files rf JOIN files f ON f.id = rf.file_id
		WHERE rf.resource_id = ANY($1)
		ORDER BY rf.position, f.id`, ids)
	var file ResourceFile
	_, err = pgx.ForEachRow(rows, []any{&id, &file.FileID, &file.Name, &file.ContentType, &file.Size, &file.Lang, &file.Label}, func() error {
		byID[id].Files = append(byID[id].Files, file)
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: files of resources: %w", err)
	}
	return nil
}

// ResourceTypes lists every resource type in order, each in lang where
// translated, with the number of resources of the type.
func (s *Store) ResourceTypes(ctx context.Context, lang i18n.Lang) ([]ResourceType, error) {
	return s.resourceTypes(ctx, lang, `(SELECT count(*) FROM resources r WHERE r.type_slug = ty.slug)::int`)
}

// ResourceTypeNames is ResourceTypes without the counts (Count is 0), for
// pages that only name the types: counting reads an index entry per
// resource.
func (s *Store) ResourceTypeNames(ctx context.Context, lang i18n.Lang) ([]ResourceType, error) {
	return s.resourceTypes(ctx, lang, `0`)
}

func (s *Store) resourceTypes(ctx context.Context, lang i18n.Lang, count string) ([]ResourceType, error) {
	rows, _ := s.db.Query(ctx, `
		SELECT ty.slug, t.lang, t.name, t.plural, t.description, ty.toolkit, `+count+`
		FROM resource_types ty
		`+translated("resource_type_texts", "type_slug", "ty.slug", "$1")+`
		ORDER BY ty.position, ty.slug`, string(lang))
	return allRows(rows, pgx.RowToStructByPos[ResourceType], "resource types")
}

// Topics lists every topic by name, each in lang where translated.
func (s *Store) Topics(ctx context.Context, lang i18n.Lang) ([]Topic, error) {
	rows, _ := s.db.Query(ctx, `
		SELECT tp.slug, t.lang, t.name
		FROM topics tp
		`+translated("topic_texts", "topic_id", "tp.id", "$1")+`
		ORDER BY t.name, tp.slug`, string(lang))
	return allRows(rows, pgx.RowToStructByPos[Topic], "topics")
}

// ResourceYears returns the first and last year of the library's
// resources (zeros when it is empty): the two ends of resources_newest.
func (s *Store) ResourceYears(ctx context.Context) (first, last int, err error) {
	err = s.db.QueryRow(ctx, `SELECT coalesce(min(year), 0), coalesce(max(year), 0) FROM resources`).Scan(&first, &last)
	if err != nil {
		return 0, 0, fmt.Errorf("store: resource years: %w", err)
	}
	return first, last, nil
}

// ResourceDocLangs lists the languages the library has documents in: one
// index probe per language the schema allows, not a pass over every file.
func (s *Store) ResourceDocLangs(ctx context.Context) ([]string, error) {
	rows, _ := s.db.Query(ctx, `
		SELECT l.lang FROM unnest(ARRAY['en', 'es', 'fr', 'pt']) WITH ORDINALITY AS l (lang, position)
		WHERE EXISTS (SELECT 1 FROM resource_files rf WHERE rf.lang = l.lang)
		ORDER BY l.position`)
	return allRows(rows, pgx.RowTo[string], "resource document languages")
}

// ResourceSlugs lists the slug of every resource.
func (s *Store) ResourceSlugs(ctx context.Context) ([]string, error) {
	rows, _ := s.db.Query(ctx, `SELECT slug FROM resources ORDER BY slug`)
	return allRows(rows, pgx.RowTo[string], "resource slugs")
}
