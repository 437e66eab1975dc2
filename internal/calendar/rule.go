package calendar

import (
	"fmt"
	"time"
)

// Day returns the civil date y-m-d as midnight UTC.
func Day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// DayOf returns the civil date of t in its own location.
func DayOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return Day(y, m, d)
}

// RuleKind says how a rule picks its dates.
type RuleKind string

// The kinds of rule, as stored in calendar_events.rule.
const (
	Fixed      RuleKind = "fixed"       // the same month and day every year
	NthWeekday RuleKind = "nth-weekday" // the nth (or last) weekday of a month
	Once       RuleKind = "once"        // one date range
)

// Last is the Nth of a rule for the last such weekday of the month.
const Last = -1

// Rule is when an event happens.
type Rule struct {
	Kind    RuleKind
	Month   time.Month   // Fixed, NthWeekday
	Day     int          // Fixed
	Weekday time.Weekday // NthWeekday
	Nth     int          // NthWeekday: 1 to 5, or Last
	// Days is how many days each yearly occurrence lasts (1 when zero).
	Days int
	// StartsOn and EndsOn (inclusive) are the dates of a Once rule.
	StartsOn, EndsOn time.Time
	// FirstYear is the first year a yearly rule applies; 0 for no limit.
	FirstYear int
}

// Occurrence is one time an event happens: from Start to End, both whole
// days and both included.
type Occurrence struct {
	Start, End time.Time
}

// Validate reports a rule that cannot produce dates.
func (r Rule) Validate() error {
	switch r.Kind {
	case Fixed:
		if r.Month < time.January || r.Month > time.December || r.Day < 1 || r.Day > daysIn(2024, r.Month) {
			return fmt.Errorf("calendar: fixed rule: no day %d of month %d", r.Day, r.Month)
		}
	case NthWeekday:
		if r.Month < time.January || r.Month > time.December || r.Weekday < time.Sunday || r.Weekday > time.Saturday {
			return fmt.Errorf("calendar: nth-weekday rule: bad month %d or weekday %d", r.Month, r.Weekday)
		}
		if r.Nth != Last && (r.Nth < 1 || r.Nth > 5) {
			return fmt.Errorf("calendar: nth-weekday rule: nth %d is not 1 to 5 or -1", r.Nth)
		}
	case Once:
		if r.StartsOn.IsZero() || r.EndsOn.Before(r.StartsOn) {
			return fmt.Errorf("calendar: once rule: bad range %s to %s", r.StartsOn.Format(time.DateOnly), r.EndsOn.Format(time.DateOnly))
		}
	default:
		return fmt.Errorf("calendar: unknown rule %q", r.Kind)
	}
	if r.Days < 0 || r.Days > 31 {
		return fmt.Errorf("calendar: duration of %d days", r.Days)
	}
	return nil
}

// InYear returns the occurrence that starts in year, if there is one: a
// fixed 29 February has none in common years, a fifth Monday none in a
// month with four, a yearly rule none before its first year.
func (r Rule) InYear(year int) (Occurrence, bool) {
	var start time.Time
	switch r.Kind {
	case Once:
		if r.StartsOn.Year() != year {
			return Occurrence{}, false
		}
		return Occurrence{Start: DayOf(r.StartsOn), End: DayOf(r.EndsOn)}, true
	case Fixed:
		if r.Day < 1 || r.Day > daysIn(year, r.Month) {
			return Occurrence{}, false
		}
		start = Day(year, r.Month, r.Day)
	case NthWeekday:
		d, ok := nthWeekday(year, r.Month, r.Weekday, r.Nth)
		if !ok {
			return Occurrence{}, false
		}
		start = d
	default:
		return Occurrence{}, false
	}
	if r.FirstYear != 0 && year < r.FirstYear {
		return Occurrence{}, false
	}
	days := max(r.Days, 1)
	return Occurrence{Start: start, End: start.AddDate(0, 0, days-1)}, true
}

// Between returns the occurrences that overlap the days from and to (both
// included), soonest first. An occurrence that starts late in one year and
// runs into the next is found from either side of New Year.
func (r Rule) Between(from, to time.Time) []Occurrence {
	from, to = DayOf(from), DayOf(to)
	var out []Occurrence
	for y := from.Year() - 1; y <= to.Year(); y++ {
		o, ok := r.InYear(y)
		if ok && !o.End.Before(from) && !o.Start.After(to) {
			out = append(out, o)
		}
	}
	return out
}

// nthWeekday is the nth wd of month in year (n = Last for the last one).
func nthWeekday(year int, month time.Month, wd time.Weekday, n int) (time.Time, bool) {
	if n == Last {
		last := Day(year, month, daysIn(year, month))
		back := (int(last.Weekday()) - int(wd) + 7) % 7
		return last.AddDate(0, 0, -back), true
	}
	if n < 1 || n > 5 {
		return time.Time{}, false
	}
	first := Day(year, month, 1)
	day := 1 + (int(wd)-int(first.Weekday())+7)%7 + 7*(n-1)
	if day > daysIn(year, month) {
		return time.Time{}, false
	}
	return Day(year, month, day), true
}

// daysIn is the number of days in month of year.
func daysIn(year int, month time.Month) int {
	return Day(year, month+1, 0).Day()
}
