package web

import (
	"math"
	"testing"
)

func TestNumberReadsOnlyCanonicalWholeNumbersWithinBounds(t *testing.T) {
	for _, tc := range []struct {
		in     string
		lo, hi int64
		want   int64
		ok     bool
	}{
		{"1", 1, 10, 1, true},
		{"10", 1, 10, 10, true},
		{"0", 0, 10, 0, true},
		{"0", 1, 10, 0, false},
		{"11", 1, 10, 0, false},
		{"9223372036854775807", 1, math.MaxInt64, math.MaxInt64, true},
		{"9223372036854775807", 1, MaxPage, 0, false},
		{"9223372036854775808", 1, math.MaxInt64, 0, false},
		{"99999999999999999999", 1, math.MaxInt64, 0, false},
		{"-1", -10, 10, 0, false},
		{"+5", 1, 10, 0, false},
		{"05", 1, 10, 0, false},
		{" 5", 1, 10, 0, false},
		{"5 ", 1, 10, 0, false},
		{"1e3", 1, 10000, 0, false},
		{"0x10", 1, 100, 0, false},
		{"٣", 1, 10, 0, false}, // an Arabic-Indic digit
		{"", 0, 10, 0, false},
		{"abc", 0, 10, 0, false},
	} {
		got, ok := Number(tc.in, tc.lo, tc.hi)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Number(%q, %d, %d) = %d, %v; want %d, %v", tc.in, tc.lo, tc.hi, got, ok, tc.want, tc.ok)
		}
	}
}
