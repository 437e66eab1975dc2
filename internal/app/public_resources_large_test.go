package app

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/store"
)

// sqlRecorder keeps the statements a pool runs, with their arguments, so a
// test can ask Postgres how it ran them.
type sqlRecorder struct {
	mu    sync.Mutex
	calls []recordedSQL
}

type recordedSQL struct {
	sql  string
	args []any
}

func (r *sqlRecorder) TraceQueryStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceQueryStartData) context.Context {
	r.mu.Lock()
	r.calls = append(r.calls, recordedSQL{d.SQL, d.Args})
	r.mu.Unlock()
	return ctx
}

func (r *sqlRecorder) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// take returns the statements recorded since the last take.
func (r *sqlRecorder) take() []recordedSQL {
	r.mu.Lock()
	defer r.mu.Unlock()
	c := r.calls
	r.calls = nil
	return c
}

// recordedLargeLibrary is the site over largeLibrary resources, on a pool
// that records its statements.
func recordedLargeLibrary(t *testing.T) (http.Handler, *pgxpool.Pool, *sqlRecorder) {
	t.Helper()
	_, seeded := seededApp(t)
	loadLargeLibrary(t, seeded)
	cfg := seeded.Config().Copy()
	rec := &sqlRecorder{}
	cfg.ConnConfig.Tracer = rec
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	return mustNew(t, testConfig(t, nil), testLogger(t), pool).Handler(), seeded, rec
}

// planNode is a node of EXPLAIN (FORMAT JSON) output.
type planNode struct {
	NodeType     string     `json:"Node Type"`
	RelationName string     `json:"Relation Name"`
	IndexName    string     `json:"Index Name"`
	ActualRows   float64    `json:"Actual Rows"`
	ActualLoops  float64    `json:"Actual Loops"`
	Output       []string   `json:"Output"`
	Plans        []planNode `json:"Plans"`
}

// explain runs statement s again under EXPLAIN ANALYZE and returns its plan.
func explain(t *testing.T, pool *pgxpool.Pool, s recordedSQL) planNode {
	t.Helper()
	var out []struct {
		Plan planNode `json:"Plan"`
	}
	var raw []byte
	if err := pool.QueryRow(context.Background(), "EXPLAIN (ANALYZE, VERBOSE, FORMAT JSON) "+s.sql, s.args...).Scan(&raw); err != nil {
		t.Fatalf("explain %s: %v", s.sql, err)
	}
	if err := json.Unmarshal(raw, &out); err != nil || len(out) != 1 {
		t.Fatalf("explain output %s: %v", raw, err)
	}
	if os.Getenv("EXPLAIN_LOG") != "" {
		var text strings.Builder
		rows, _ := pool.Query(context.Background(), "EXPLAIN (ANALYZE, BUFFERS) "+s.sql, s.args...)
		for rows.Next() {
			var line string
			_ = rows.Scan(&line)
			text.WriteString(line + "\n")
		}
		t.Logf("%s\n%s", s.sql, text.String())
	}
	return out[0].Plan
}

// walk calls f on n and every node under it.
func (n planNode) walk(f func(planNode)) {
	f(n)
	for _, c := range n.Plans {
		c.walk(f)
	}
}

// maxRows is the most rows any node that match accepts produced, over all
// its loops.
func (n planNode) maxRows(match func(planNode) bool) float64 {
	var most float64
	n.walk(func(p planNode) {
		if match(p) && p.ActualRows*p.ActualLoops > most {
			most = p.ActualRows * p.ActualLoops
		}
	})
	return most
}

func computes(fn string) func(planNode) bool {
	return func(p planNode) bool {
		for _, o := range p.Output {
			if strings.Contains(o, fn+"(") {
				return true
			}
		}
		return false
	}
}

// TestResourceLibraryLargeIsRightAndCheap checks, with largeLibrary
// resources, that the library still counts, lists, pages and filters
// right, and that Postgres does the work of the page only: snippets for
// the rows shown, ranks for the ranked matches, texts read for those rows.
// Each bound fails if a query goes back to working on every match.
func TestResourceLibraryLargeIsRightAndCheap(t *testing.T) {
	h, pool, rec := recordedLargeLibrary(t)
	ctx := context.Background()
	count := func(sql string, args ...any) int {
		t.Helper()
		var n int
		if err := pool.QueryRow(ctx, sql, args...).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	workforce := count(`SELECT count(*) FROM resource_texts WHERE lang = 'en' AND search @@ websearch_to_tsquery('english', 'workforce')`)
	reports := count(`SELECT count(*) FROM resources WHERE type_slug = 'report'`)
	if workforce <= store.MatchesCounted || reports <= 10 {
		t.Fatalf("test premise: %d resources match workforce, %d are reports", workforce, reports)
	}

	cases := []struct {
		path      string
		count     string
		firstSlug string // "" when not checked here
		reads     float64
	}{
		{"/resources", fmt.Sprintf("%d resources", largeLibrary), "", 200},
		{"/resources?page=7", fmt.Sprintf("%d resources", largeLibrary), "", 300},
		{"/resources?q=workforce", fmt.Sprintf("More than %d resources match “workforce”", store.MatchesCounted), "", store.RankedMatches + 20},
		// A page past the ranked matches walks the newest as far as itself.
		{"/resources?q=workforce&page=80", fmt.Sprintf("More than %d resources match “workforce”", store.MatchesCounted), "", 800 + 60},
		{"/resources?type=report", fmt.Sprintf("%d resources match your filters", reports), "", 200},
		{"/es/resources?q=trabajadores", "", "", 2 * (store.RankedMatches + 20)}, // a Spanish and an English text each
	}
	for _, c := range cases {
		rec.take()
		res := get(t, h, "GET", c.path, nil)
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", c.path, res.StatusCode)
			continue
		}
		doc := parse(t, res)
		if got := doc.Find(`[data-testid=result-count]`).Text(); c.count != "" && !strings.HasPrefix(got, c.count) {
			t.Errorf("%s: count %q, want %q", c.path, got, c.count)
		}
		if n := len(cardSlugs(doc)); n != 10 {
			t.Errorf("%s: %d cards", c.path, n)
		}
		// First, last, two each side of the current page, two gaps, and
		// previous and next: never a link per page.
		if n := doc.Find(`[data-testid=pagination] li`).Length(); n < 3 || n > 11 {
			t.Errorf("%s: the pager has %d items", c.path, n)
		}
		for _, s := range rec.take() {
			if !strings.Contains(s.sql, "resource_texts") {
				continue
			}
			plan := explain(t, pool, s)
			if n := plan.maxRows(computes("ts_headline")); n > 10 {
				t.Errorf("%s: ts_headline made for %.0f rows", c.path, n)
			}
			if n := plan.maxRows(computes("ts_rank_cd")); n > store.RankedMatches+10 {
				t.Errorf("%s: %.0f matches ranked", c.path, n)
			}
			// Texts read for a row at a time (a lookup repeated per row),
			// and, without a search, texts read at all: a search finds its
			// matches in the text index, which this does not bound.
			readsTexts := func(p planNode) bool {
				return p.RelationName == "resource_texts" && (p.ActualLoops > 1 || !strings.Contains(c.path, "q="))
			}
			if n := plan.maxRows(readsTexts); n > c.reads {
				t.Errorf("%s: %.0f texts read, want at most %.0f", c.path, n, c.reads)
			}
		}
	}
}
