package app

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
)

// largeLibrary is the size of the library the search must stay fast at.
const largeLibrary = 10_000

// loadLargeLibrary fills the seeded library up to largeLibrary resources,
// in one statement: copies of the demo resources (their texts in both
// languages, topics and files), each with its own slug and a date spread
// over the demo years, so a search matches as large a share of the
// library as it does of the demo and every filter has thousands of rows.
func loadLargeLibrary(tb testing.TB, pool *pgxpool.Pool) {
	tb.Helper()
	ctx := context.Background()
	_, err := pool.Exec(ctx, `
		WITH demo AS (
			SELECT id, slug, type_slug, organisation, row_number() OVER (ORDER BY id) - 1 AS i,
				count(*) OVER () AS n
			FROM resources
		), plan AS (
			SELECT g, d.id AS demo_id, d.slug || '-' || g AS slug, d.type_slug, d.organisation
			FROM generate_series(1, $1::int - (SELECT count(*) FROM resources)::int) g
			JOIN demo d ON d.i = g % d.n
		), copies AS (
			INSERT INTO resources (slug, type_slug, year, month, organisation, published_at)
			SELECT slug, type_slug, 2015 + g % 9, nullif(g % 13, 0), organisation,
				make_date(2015 + g % 9, greatest(g % 13, 1), 1)
			FROM plan
			RETURNING id, slug
		), pairs AS (
			SELECT c.id, p.demo_id, p.g FROM copies c JOIN plan p USING (slug)
		), texts AS (
			INSERT INTO resource_texts (resource_id, lang, title, summary, body)
			SELECT p.id, t.lang, t.title || ' (' || p.g || ')', t.summary, t.body
			FROM pairs p JOIN resource_texts t ON t.resource_id = p.demo_id
		), topics AS (
			INSERT INTO resource_topics (resource_id, topic_id)
			SELECT p.id, rt.topic_id FROM pairs p JOIN resource_topics rt ON rt.resource_id = p.demo_id
		)
		INSERT INTO resource_files (resource_id, file_id, lang, label, position)
		SELECT p.id, rf.file_id, rf.lang, rf.label, rf.position
		FROM pairs p JOIN resource_files rf ON rf.resource_id = p.demo_id`, largeLibrary)
	if err != nil {
		tb.Fatalf("load %d resources: %v", largeLibrary, err)
	}
	if _, err := pool.Exec(ctx, `ANALYZE`); err != nil {
		tb.Fatal(err)
	}
	var n int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM resources`).Scan(&n); err != nil || n != largeLibrary {
		tb.Fatalf("library holds %d resources (err %v), want %d", n, err, largeLibrary)
	}
}

// largeLibraryHandler is the site over the demo content grown to
// largeLibrary resources.
func largeLibraryHandler(tb testing.TB) (http.Handler, *pgxpool.Pool) {
	tb.Helper()
	app, pool := seededApp(tb)
	loadLargeLibrary(tb, pool)
	return app.Handler(), pool
}

// BenchmarkResourceLibrary measures one library request at a time over
// largeLibrary resources, uncached: the whole list, a search most
// resources match, and a type filter.
func BenchmarkResourceLibrary(b *testing.B) {
	h, _ := largeLibraryHandler(b)
	for _, c := range []struct{ name, path string }{
		{"all", "/resources"},
		{"q=workforce", "/resources?q=workforce"},
		{"es/q=trabajadores", "/es/resources?q=trabajadores"},
		{"type=report", "/resources?type=report"},
		{"q=workforce&type=report&page=3", "/resources?q=workforce&type=report&page=3"},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest("GET", c.path, nil))
				if rec.Code != http.StatusOK {
					b.Fatalf("%s: status %d", c.path, rec.Code)
				}
			}
		})
	}
}
