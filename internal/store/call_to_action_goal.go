package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// SignatoryGoal returns how many organisations the Call to Action aims to
// have sign, or 0 when staff have set no goal.
func (s *Store) SignatoryGoal(ctx context.Context) (int, error) {
	var goal *int
	err := s.db.QueryRow(ctx, `SELECT goal FROM call_to_action`).Scan(&goal)
	if errors.Is(err, pgx.ErrNoRows) || (err == nil && goal == nil) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("store: signatory goal: %w", err)
	}
	return *goal, nil
}

// GoalReachedAt returns when a goal of goal signatories was reached: when
// the goal-th of the approved signatories, in the order they were
// approved, was approved. total is how many are approved (the count the
// page shows, read just before: which end the goal-th is counted from
// depends on it); with fewer than goal it returns ErrNotFound. A signatory
// hidden or withdrawn since no longer counts, so the date is that of the
// signatories the page shows.
func (s *Store) GoalReachedAt(ctx context.Context, goal, total int) (time.Time, error) {
	if goal < 1 || total < goal {
		return time.Time{}, ErrNotFound
	}
	sql, args := goalReachedSQL(goal, total)
	var at time.Time
	err := s.db.QueryRow(ctx, sql, args...).Scan(&at)
	if errors.Is(err, pgx.ErrNoRows) {
		// Fewer are approved than total said: some were hidden meanwhile,
		// whose change re-renders the page anyway.
		return time.Time{}, ErrNotFound
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("store: goal of %d reached: %w", goal, err)
	}
	return at, nil
}

// goalReachedSQL is GoalReachedAt's statement, with its arguments. It
// reads the index signatories_approved_order from whichever end is nearer
// the goal-th signatory: goal entries from the first approved, or
// total-goal+1 from the last, so a goal long passed costs no more than a
// goal just reached.
func goalReachedSQL(goal, total int) (string, []any) {
	order, offset := `ASC`, goal-1
	if back := total - goal; back < offset {
		order, offset = `DESC`, back
	}
	return `SELECT coalesce(decided_at, created_at) FROM signatories WHERE status = 'approved'
		ORDER BY coalesce(decided_at, created_at) ` + order + `, id ` + order + ` LIMIT 1 OFFSET $1`, []any{offset}
}

// SignatoryTally is how many approved signatories share one value: a
// country code ("" for none given) or an organisation type.
type SignatoryTally struct {
	Value string
	Count int
}

// SignatoryBreakdown counts the approved signatories by country and by
// organisation type, the most first (then by value). There are at most as
// many countries as two-letter codes, and seven types.
type SignatoryBreakdown struct {
	Countries []SignatoryTally
	Types     []SignatoryTally
}

// SignatoryBreakdown returns the approved signatories counted by country
// and by type, both in one statement (one pass over them), so the two add
// up to the same total.
func (s *Store) SignatoryBreakdown(ctx context.Context) (SignatoryBreakdown, error) {
	rows, _ := s.db.Query(ctx, signatoryBreakdownSQL)
	var b SignatoryBreakdown
	var byCountry bool
	var t SignatoryTally
	_, err := pgx.ForEachRow(rows, []any{&byCountry, &t.Value, &t.Count}, func() error {
		if byCountry {
			b.Countries = append(b.Countries, t)
		} else {
			b.Types = append(b.Types, t)
		}
		return nil
	})
	if err != nil {
		return SignatoryBreakdown{}, fmt.Errorf("store: signatory breakdown: %w", err)
	}
	return b, nil
}

// signatoryBreakdownSQL groups the approved signatories twice, by country
// and by type; GROUPING(org_type) is 1 on the rows grouped by country.
const signatoryBreakdownSQL = `
	SELECT GROUPING(org_type) = 1,
		CASE WHEN GROUPING(org_type) = 1 THEN country ELSE org_type END AS value,
		count(*)::int AS n
	FROM signatories WHERE status = 'approved'
	GROUP BY GROUPING SETS ((country), (org_type))
	ORDER BY 1, n DESC, value`
