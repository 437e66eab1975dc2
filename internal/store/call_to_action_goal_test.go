package store_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sswalliance/advocacy/internal/dbtest"
	"github.com/sswalliance/advocacy/internal/store"
)

// TestGoalIsReachedWhenTheGoalthShownSignatoryWasApproved: the date a goal
// was reached is the approval of the goal-th signatory still approved, in
// approval order (a signatory added by staff as approved counts from when
// it was added), whether it is read from the first approved or the last;
// with fewer approved than the goal, it is not reached.
func TestGoalIsReachedWhenTheGoalthShownSignatoryWasApproved(t *testing.T) {
	pool := dbtest.New(t)
	ctx := context.Background()
	st := store.New(pool)
	day := func(d int) time.Time { return time.Date(2024, 5, d, 9, 0, 0, 0, time.UTC) }
	// Approved on the 1st to the 6th; the one of the 3rd later hidden, one
	// of the 4th still waiting; two approved at the same moment (the 5th).
	for _, s := range []struct {
		name, status string
		decided      *time.Time
		created      time.Time
	}{
		{"First", "approved", ptr(day(1)), day(1)},
		{"Second", "approved", nil, day(2)}, // added by staff, never decided
		{"Hidden", "hidden", ptr(day(3)), day(3)},
		{"Waiting", "awaiting_review", nil, day(4)},
		{"Fifth A", "approved", ptr(day(5)), day(4)},
		{"Fifth B", "approved", ptr(day(5)), day(4)},
		{"Sixth", "approved", ptr(day(6)), day(1)},
	} {
		if _, err := pool.Exec(ctx, `INSERT INTO signatories (name, status, decided_at, created_at, source) VALUES ($1, $2, $3, $4, 'staff')`,
			s.name, s.status, s.decided, s.created); err != nil {
			t.Fatal(err)
		}
	}
	total, err := st.SignatoryCount(ctx)
	if err != nil || total != 5 {
		t.Fatalf("approved: %d, %v; want 5", total, err)
	}
	for goal, want := range map[int]time.Time{1: day(1), 2: day(2), 3: day(5), 4: day(5), 5: day(6)} {
		got, err := st.GoalReachedAt(ctx, goal, total)
		if err != nil || !got.Equal(want) {
			t.Errorf("goal %d: reached %v, %v; want %v", goal, got, err, want)
		}
	}
	for _, goal := range []int{6, 50, 0} {
		if got, err := st.GoalReachedAt(ctx, goal, total); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("goal %d of %d approved: reached %v, %v; want ErrNotFound", goal, total, got, err)
		}
	}
}

func ptr[T any](v T) *T { return &v }

// TestSignatoryGoalIsEmptyUntilSet: no goal is 0; the goal set is read.
func TestSignatoryGoalIsEmptyUntilSet(t *testing.T) {
	pool := dbtest.New(t)
	ctx := context.Background()
	st := store.New(pool)
	if goal, err := st.SignatoryGoal(ctx); goal != 0 || err != nil {
		t.Errorf("no goal: %d, %v", goal, err)
	}
	if _, err := pool.Exec(ctx, `UPDATE call_to_action SET goal = 50`); err != nil {
		t.Fatal(err)
	}
	if goal, err := st.SignatoryGoal(ctx); goal != 50 || err != nil {
		t.Errorf("goal of 50: %d, %v", goal, err)
	}
	// A forced re-seed deletes the row with the rest of the content.
	if err := st.DeleteAllContent(ctx); err != nil {
		t.Fatal(err)
	}
	if goal, err := st.SignatoryGoal(ctx); goal != 0 || err != nil {
		t.Errorf("after deleting all content: %d, %v", goal, err)
	}
}

// TestSignatoryBreakdownCountsTheApprovedByCountryAndType: only approved
// signatories count, the most first; no country given is a country of
// its own ("").
func TestSignatoryBreakdownCountsTheApprovedByCountryAndType(t *testing.T) {
	pool := dbtest.New(t)
	ctx := context.Background()
	if _, err := pool.Exec(ctx, `
		INSERT INTO signatories (name, status, country, org_type, source)
		VALUES ('A', 'approved', 'KE', 'ngo', 'staff'), ('B', 'approved', 'KE', 'government', 'staff'),
			('C', 'approved', 'PE', 'ngo', 'staff'), ('D', 'approved', '', 'ngo', 'staff'),
			('E', 'hidden', 'PE', 'academic', 'staff'), ('F', 'awaiting_review', 'ZM', 'academic', 'staff')`); err != nil {
		t.Fatal(err)
	}
	b, err := store.New(pool).SignatoryBreakdown(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantCountries := []store.SignatoryTally{{"KE", 2}, {"", 1}, {"PE", 1}}
	wantTypes := []store.SignatoryTally{{"ngo", 3}, {"government", 1}}
	if !slices.Equal(b.Countries, wantCountries) || !slices.Equal(b.Types, wantTypes) {
		t.Errorf("breakdown %+v,\nwant countries %v and types %v", b, wantCountries, wantTypes)
	}
}

// TestGoalReachedReadsOffItsIndex: with 10,000 approved signatories, the
// date of a goal just reached, long passed or in the middle is read off
// signatories_approved_order (from the nearer end) rather than by sorting
// every approved row, whether planned for its values or once for any. The
// breakdown's plan, one pass over the approved rows, is logged for the
// record (go test -v).
func TestGoalReachedReadsOffItsIndex(t *testing.T) {
	pool := dbtest.New(t)
	addApprovedSignatories(t, pool, 10_000)
	ctx := context.Background()
	type plan struct {
		name  string
		sql   string
		args  []any
		index string
	}
	var plans []plan
	for _, goal := range []int{50, 5_000, 9_990} {
		sql, args := store.GoalReachedSQL(goal, 10_000)
		plans = append(plans, plan{"goal reached", sql, args, "signatories_approved_order"})
	}
	plans = append(plans, plan{"breakdown", store.SignatoryBreakdownSQL, nil, ""})
	for _, mode := range []string{"auto", "force_generic_plan"} {
		for _, p := range plans {
			var lines []string
			err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
				if _, err := tx.Exec(ctx, `SET LOCAL plan_cache_mode = `+mode); err != nil {
					return err
				}
				rows, _ := tx.Query(ctx, `EXPLAIN (ANALYZE, BUFFERS) `+p.sql, p.args...)
				var err error
				lines, err = pgx.CollectRows(rows, pgx.RowTo[string])
				return err
			})
			if err != nil {
				t.Fatalf("%s (%s): %v", p.name, mode, err)
			}
			text := strings.Join(lines, "\n")
			t.Logf("%s %v (%s):\n%s", p.name, p.args, mode, text)
			if p.index != "" && (!strings.Contains(text, " using "+p.index+" on signatories") || strings.Contains(text, "Sort")) {
				t.Errorf("%s %v (%s): the plan does not read %s in order:\n%s", p.name, p.args, mode, p.index, text)
			}
		}
	}
}
