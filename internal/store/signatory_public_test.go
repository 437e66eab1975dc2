package store_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/dbtest"
	"github.com/sswalliance/advocacy/internal/store"
)

// addApprovedSignatories inserts n approved signatories in one statement,
// "Organisation 00001" to "Organisation n" (so A to Z is their number),
// every other one with a logo, the higher numbers approved earlier; then
// has Postgres analyse the table, as autovacuum would after such a change.
func addApprovedSignatories(t *testing.T, pool *pgxpool.Pool, n int) {
	t.Helper()
	ctx := context.Background()
	sum := sha256.Sum256([]byte("logo"))
	sha := hex.EncodeToString(sum[:])
	if _, err := pool.Exec(ctx, `INSERT INTO logo_images (sha256, png, width, height) VALUES ($1, 'png', 400, 200)`, sha); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `
		INSERT INTO signatories (name, website, status, country, org_type, name_key, domain, logo_sha, source, decided_at)
		SELECT 'Organisation ' || lpad(i::text, 5, '0'), 'https://org' || i || '.example.org', 'approved',
			(ARRAY['KE', 'ZM', 'PE', 'DE'])[1 + i % 4], (ARRAY['ngo', 'government', 'academic', 'network'])[1 + i % 4],
			'organisation' || lpad(i::text, 5, '0'), 'org' || i || '.example.org',
			CASE WHEN i % 2 = 0 THEN $2 END, 'staff', now() - make_interval(secs => i)
		FROM generate_series(1, $1::int) i`, n, sha); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `ANALYZE signatories`); err != nil {
		t.Fatal(err)
	}
}

var executionTime = regexp.MustCompile(`Execution Time: ([0-9.]+) ms`)

// TestPublicSignatoryQueriesReadOffTheirIndexes: with 10,000 approved
// signatories, a page of the list (the first or the last) and the wall
// read their rows off their indexes in order, instead of reading and
// sorting every approved row, whether Postgres plans the statement for its values or
// once for any (as it does for a statement prepared and run many times).
// The plans and their times are logged (go test -v) for the record.
func TestPublicSignatoryQueriesReadOffTheirIndexes(t *testing.T) {
	pool := dbtest.New(t)
	addApprovedSignatories(t, pool, 10_000)
	ctx := context.Background()
	all := store.PublicFilterArgs(store.PublicFilter{})
	kenya := store.PublicFilterArgs(store.PublicFilter{Country: "KE"})
	search := store.PublicFilterArgs(store.PublicFilter{Query: "0042", QueryKey: "0042"})
	tests := []struct {
		name  string
		sql   string
		args  []any
		index string // the index the plan must read, or "" to only log it
	}{
		{"count", store.PublicSignatoryCountSQL, all, ""},
		{"first page", store.PublicSignatoryPageSQL, append(all, 100, 0), "signatories_public_order"},
		{"last page", store.PublicSignatoryPageSQL, append(all, 100, 9_900), "signatories_public_order"},
		{"a country's last page", store.PublicSignatoryPageSQL, append(kenya, 100, 2_400), ""},
		{"a search", store.PublicSignatoryPageSQL, append(search, 100, 0), ""},
		{"wall", store.SignatoryWallSQL, []any{48}, "signatories_wall"},
		{"every row", store.EveryPublicSignatorySQL, nil, ""}, // sorted or off the index: the planner's choice
	}
	for _, mode := range []string{"auto", "force_generic_plan"} {
		for _, tt := range tests {
			var plan []string
			err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
				if _, err := tx.Exec(ctx, `SET LOCAL plan_cache_mode = `+mode); err != nil {
					return err
				}
				rows, _ := tx.Query(ctx, `EXPLAIN (ANALYZE, BUFFERS) `+tt.sql, tt.args...)
				var err error
				plan, err = pgx.CollectRows(rows, pgx.RowTo[string])
				return err
			})
			if err != nil {
				t.Fatalf("%s (%s): %v", tt.name, mode, err)
			}
			text := strings.Join(plan, "\n")
			ms := 0.0
			if m := executionTime.FindStringSubmatch(text); m != nil {
				ms, _ = strconv.ParseFloat(m[1], 64)
			}
			t.Logf("%s (%s): %.2f ms\n%s", tt.name, mode, ms, text)
			if tt.index != "" && !strings.Contains(text, "Index Scan using "+tt.index) {
				t.Errorf("%s (%s): the plan does not read %s:\n%s", tt.name, mode, tt.index, text)
			}
			// (The count of the wall's statement reads every row, but
			// only the index's: "on signatories", without the alias s.)
			if tt.index != "" && strings.Contains(text, "Seq Scan on signatories s ") {
				t.Errorf("%s (%s): the plan reads every signatory:\n%s", tt.name, mode, text)
			}
		}
	}
}
