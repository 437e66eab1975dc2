package calendar

import (
	"testing"
	"time"
)

// wswd is World Social Work Day: the third Tuesday of March.
var wswd = Rule{Kind: NthWeekday, Month: time.March, Weekday: time.Tuesday, Nth: 3}

func TestWorldSocialWorkDay(t *testing.T) {
	want := map[int]string{
		2018: "2018-03-20", 2019: "2019-03-19", 2020: "2020-03-17",
		2021: "2021-03-16", 2022: "2022-03-15", 2023: "2023-03-21",
		2024: "2024-03-19", 2025: "2025-03-18", 2026: "2026-03-17",
	}
	for year, day := range want {
		o, ok := wswd.InYear(year)
		if !ok {
			t.Errorf("%d: no occurrence", year)
			continue
		}
		if got := o.Start.Format(time.DateOnly); got != day || !o.End.Equal(o.Start) {
			t.Errorf("%d: %s to %s, want %s", year, got, o.End.Format(time.DateOnly), day)
		}
	}
}

func TestInYear(t *testing.T) {
	tests := []struct {
		name string
		rule Rule
		year int
		want string // "start/end", or "" for no occurrence
	}{
		{"fixed", Rule{Kind: Fixed, Month: time.December, Day: 10}, 2026, "2026-12-10/2026-12-10"},
		{"fixed 29 Feb in a leap year", Rule{Kind: Fixed, Month: time.February, Day: 29}, 2024, "2024-02-29/2024-02-29"},
		{"fixed 29 Feb in a common year", Rule{Kind: Fixed, Month: time.February, Day: 29}, 2023, ""},
		{"fixed 29 Feb in 1900 (not leap)", Rule{Kind: Fixed, Month: time.February, Day: 29}, 1900, ""},
		{"fixed 29 Feb in 2000 (leap)", Rule{Kind: Fixed, Month: time.February, Day: 29}, 2000, "2000-02-29/2000-02-29"},
		{"fixed 31 April never", Rule{Kind: Fixed, Month: time.April, Day: 31}, 2026, ""},
		{"fixed, several days", Rule{Kind: Fixed, Month: time.May, Day: 1, Days: 7}, 2026, "2026-05-01/2026-05-07"},
		{"fixed, over New Year", Rule{Kind: Fixed, Month: time.December, Day: 30, Days: 4}, 2026, "2026-12-30/2027-01-02"},
		{"fixed, over a leap day", Rule{Kind: Fixed, Month: time.February, Day: 27, Days: 3}, 2028, "2028-02-27/2028-02-29"},
		{"fixed, before the first year", Rule{Kind: Fixed, Month: time.October, Day: 11, FirstYear: 2012}, 2011, ""},
		{"fixed, in the first year", Rule{Kind: Fixed, Month: time.October, Day: 11, FirstYear: 2012}, 2012, "2012-10-11/2012-10-11"},
		{"first Monday of May, a week", Rule{Kind: NthWeekday, Month: time.May, Weekday: time.Monday, Nth: 1, Days: 7}, 2026, "2026-05-04/2026-05-10"},
		{"first Friday when the 1st is one", Rule{Kind: NthWeekday, Month: time.May, Weekday: time.Friday, Nth: 1}, 2026, "2026-05-01/2026-05-01"},
		{"last Monday of May", Rule{Kind: NthWeekday, Month: time.May, Weekday: time.Monday, Nth: Last}, 2026, "2026-05-25/2026-05-25"},
		{"last Sunday of May, on the 31st", Rule{Kind: NthWeekday, Month: time.May, Weekday: time.Sunday, Nth: Last}, 2026, "2026-05-31/2026-05-31"},
		{"last Thursday of February, leap year", Rule{Kind: NthWeekday, Month: time.February, Weekday: time.Thursday, Nth: Last}, 2024, "2024-02-29/2024-02-29"},
		{"last Thursday of February, common year", Rule{Kind: NthWeekday, Month: time.February, Weekday: time.Thursday, Nth: Last}, 2023, "2023-02-23/2023-02-23"},
		{"fifth Tuesday of March 2026 (31st)", Rule{Kind: NthWeekday, Month: time.March, Weekday: time.Tuesday, Nth: 5}, 2026, "2026-03-31/2026-03-31"},
		{"fifth Tuesday of March 2025: none", Rule{Kind: NthWeekday, Month: time.March, Weekday: time.Tuesday, Nth: 5}, 2025, ""},
		{"fifth Sunday of February 2026: none", Rule{Kind: NthWeekday, Month: time.February, Weekday: time.Sunday, Nth: 5}, 2026, ""},
		{"fifth Thursday of February 2024 (leap)", Rule{Kind: NthWeekday, Month: time.February, Weekday: time.Thursday, Nth: 5}, 2024, "2024-02-29/2024-02-29"},
		{"last Thursday of December, over New Year", Rule{Kind: NthWeekday, Month: time.December, Weekday: time.Thursday, Nth: Last, Days: 5}, 2026, "2026-12-31/2027-01-04"},
		{"once, its year", Rule{Kind: Once, StartsOn: Day(2018, 5, 8), EndsOn: Day(2018, 5, 10)}, 2018, "2018-05-08/2018-05-10"},
		{"once, another year", Rule{Kind: Once, StartsOn: Day(2018, 5, 8), EndsOn: Day(2018, 5, 10)}, 2019, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, ok := tt.rule.InYear(tt.year)
			got := ""
			if ok {
				got = o.Start.Format(time.DateOnly) + "/" + o.End.Format(time.DateOnly)
			}
			if got != tt.want {
				t.Errorf("InYear(%d) = %q, want %q", tt.year, got, tt.want)
			}
		})
	}
}

func TestBetween(t *testing.T) {
	format := func(os []Occurrence) []string {
		var out []string
		for _, o := range os {
			out = append(out, o.Start.Format(time.DateOnly))
		}
		return out
	}
	equal := func(a, b []string) bool {
		if len(a) != len(b) {
			return false
		}
		for i := range a {
			if a[i] != b[i] {
				return false
			}
		}
		return true
	}
	newYearWeek := Rule{Kind: Fixed, Month: time.December, Day: 29, Days: 7}
	tests := []struct {
		name     string
		rule     Rule
		from, to time.Time
		want     []string
	}{
		{"WSWD over three years", wswd, Day(2024, 1, 1), Day(2026, 12, 31), []string{"2024-03-19", "2025-03-18", "2026-03-17"}},
		{"window edges are included", wswd, Day(2025, 3, 18), Day(2026, 3, 17), []string{"2025-03-18", "2026-03-17"}},
		{"a day after misses it", wswd, Day(2025, 3, 19), Day(2026, 3, 16), nil},
		{"a week across New Year, seen from January", newYearWeek, Day(2027, 1, 2), Day(2027, 6, 30), []string{"2026-12-29"}},
		{"a week across New Year, seen from December", newYearWeek, Day(2026, 12, 1), Day(2026, 12, 29), []string{"2026-12-29"}},
		{"29 February over eight years", Rule{Kind: Fixed, Month: time.February, Day: 29}, Day(2020, 1, 1), Day(2027, 12, 31), []string{"2020-02-29", "2024-02-29"}},
		{"first year respected", Rule{Kind: Fixed, Month: time.June, Day: 12, FirstYear: 2002}, Day(2000, 1, 1), Day(2003, 12, 31), []string{"2002-06-12", "2003-06-12"}},
		{"once overlapping the window", Rule{Kind: Once, StartsOn: Day(2018, 12, 30), EndsOn: Day(2019, 1, 2)}, Day(2019, 1, 1), Day(2019, 12, 31), []string{"2018-12-30"}},
		{"times of day are ignored", wswd, time.Date(2026, 3, 17, 23, 59, 0, 0, time.UTC), time.Date(2026, 3, 17, 0, 1, 0, 0, time.UTC), []string{"2026-03-17"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := format(tt.rule.Between(tt.from, tt.to)); !equal(got, tt.want) {
				t.Errorf("Between = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	good := []Rule{
		wswd,
		{Kind: Fixed, Month: time.February, Day: 29},
		{Kind: NthWeekday, Month: time.May, Weekday: time.Monday, Nth: Last, Days: 7},
		{Kind: Once, StartsOn: Day(2018, 5, 8), EndsOn: Day(2018, 5, 8)},
	}
	for _, r := range good {
		if err := r.Validate(); err != nil {
			t.Errorf("%+v: %v", r, err)
		}
	}
	bad := []Rule{
		{Kind: "weekly"},
		{Kind: Fixed, Month: time.April, Day: 31},
		{Kind: Fixed, Month: 13, Day: 1},
		{Kind: NthWeekday, Month: time.March, Weekday: time.Tuesday, Nth: 6},
		{Kind: NthWeekday, Month: time.March, Weekday: time.Tuesday, Nth: 0},
		{Kind: Once, StartsOn: Day(2018, 5, 8), EndsOn: Day(2018, 5, 7)},
		{Kind: Fixed, Month: time.May, Day: 1, Days: 40},
	}
	for _, r := range bad {
		if err := r.Validate(); err == nil {
			t.Errorf("%+v: no error", r)
		}
	}
}
