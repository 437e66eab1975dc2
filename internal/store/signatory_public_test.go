package store_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"slices"
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
// has Postgres vacuum and analyse the table, as autovacuum would after
// such a change.
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
	if _, err := pool.Exec(ctx, `VACUUM ANALYZE signatories`); err != nil {
		t.Fatal(err)
	}
}

var executionTime = regexp.MustCompile(`Execution Time: ([0-9.]+) ms`)

// TestPublicSignatoryQueriesReadOffTheirIndexes: with 10,000 approved
// signatories, a page of the list (the first, the middle or the last,
// which is read backwards from the end), the wall and the countries
// read their rows off their indexes, instead of reading and sorting every
// approved row, whether Postgres plans the statement for its values or
// once for any (as it does for a statement prepared and run many times).
// The plans and their times are logged (go test -v) for the record.
func TestPublicSignatoryQueriesReadOffTheirIndexes(t *testing.T) {
	pool := dbtest.New(t)
	addApprovedSignatories(t, pool, 10_000)
	ctx := context.Background()
	page := func(f store.PublicFilter, offset int) (string, []any) {
		total := 10_000
		if f.Country != "" {
			total = 2_500
		}
		return store.PublicSignatoryPageSQL(f, 100, offset, total)
	}
	count, countArgs := store.PublicSignatoryCountSQL(store.PublicFilter{})
	first, firstArgs := page(store.PublicFilter{}, 0)
	middle, middleArgs := page(store.PublicFilter{}, 4_900)
	last, lastArgs := page(store.PublicFilter{}, 9_900)
	kenya, kenyaArgs := page(store.PublicFilter{Country: "KE"}, 2_400)
	search, searchArgs := store.PublicSignatoryPageSQL(store.PublicFilter{Query: "organisation 0042", QueryKey: "organisation0042"}, 100, 0, 10)
	tests := []struct {
		name  string
		sql   string
		args  []any
		index string // the index the plan must read, or "" to only log it
	}{
		{"count", count, countArgs, ""},
		{"first page", first, firstArgs, "signatories_public_order"},
		{"the middle page", middle, middleArgs, "signatories_public_order"},
		{"last page", last, lastArgs, "signatories_public_order"},
		{"a country's last page", kenya, kenyaArgs, ""},
		{"a search", search, searchArgs, ""},
		{"wall", store.SignatoryWallSQL, []any{48}, "signatories_wall"},
		{"countries", store.SignatoryCountriesSQL, nil, "signatories_public_country"},
		// A batch of the downloads, from the middle of the list: off the index.
		{"a batch of every row", store.EveryKeyedSignatorySQL, []any{pgx.NamedArgs{"key": "organisation5000", "name": "", "id": 0, "batch": 500}}, "signatories_public_order"},
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
			if tt.index != "" && !strings.Contains(text, " using "+tt.index+" on signatories") {
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

// TestPublicSignatoryPagesMakeTheWholeList: read page by page (those past
// the middle from the end), the list is the whole list in its order,
// each signatory once, with names that tie and names without a key.
func TestPublicSignatoryPagesMakeTheWholeList(t *testing.T) {
	pool := dbtest.New(t)
	addApprovedSignatories(t, pool, 240)
	ctx := context.Background()
	if _, err := pool.Exec(ctx, `
		INSERT INTO signatories (name, status, name_key, country, source, decided_at)
		SELECT name, 'approved', key, 'KE', 'staff', now()
		FROM (VALUES ('***', ''), ('!!!', ''), ('¡¡¡', ''), ('Same', 'same'), ('SAME', 'same'), ('same', 'same'),
			('Organisation 00100', 'organisation00100'), ('Zeta', 'zeta'), ('Ärzte', 'arzte'), ('Arzte', 'arzte')) v (name, key)`); err != nil {
		t.Fatal(err)
	}
	st := store.New(pool)
	var want []int64
	if err := st.EachPublicSignatory(ctx, func(_ int, s store.PublicSignatory) error {
		want = append(want, s.ID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []store.PublicFilter{{}, {Country: "KE"}} {
		total, err := st.PublicSignatoryCount(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, size := range []int{100, 7, 1} {
			var got []int64
			for offset := 0; offset < total; offset += size {
				page, err := st.PublicSignatoryPage(ctx, f, size, offset, total)
				if err != nil {
					t.Fatal(err)
				}
				if len(page) != min(size, total-offset) {
					t.Fatalf("%+v, %d from %d: %d rows", f, size, offset, len(page))
				}
				for _, s := range page {
					got = append(got, s.ID)
				}
			}
			if page, _ := st.PublicSignatoryPage(ctx, f, size, total, total); len(page) != 0 {
				t.Errorf("%+v: past the end, %d rows", f, len(page))
			}
			if f.Country == "" && !slices.Equal(got, want) {
				t.Errorf("pages of %d do not make the whole list:\n%v\nwant\n%v", size, got, want)
			}
			if f.Country != "" && (len(got) != total || !isSubsequence(got, want)) {
				t.Errorf("Kenya in pages of %d: %d of %d, or out of order", size, len(got), total)
			}
		}
	}
}

// isSubsequence reports whether sub is in list, in list's order.
func isSubsequence(sub, list []int64) bool {
	i := 0
	for _, v := range list {
		if i < len(sub) && sub[i] == v {
			i++
		}
	}
	return i == len(sub)
}
