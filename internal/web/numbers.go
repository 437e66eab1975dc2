package web

import (
	"math"
	"strconv"
)

// Bounds of the numbers read from requests. Each is far beyond any real
// value and small enough that arithmetic on it cannot overflow.
const (
	// MaxID is the largest id of a row (bigserial).
	MaxID = math.MaxInt64
	// MaxPage is the largest page number of a paged list: a million
	// pages of any list, and (MaxPage-1)*perPage is still a sane OFFSET.
	MaxPage = 1_000_000
	// MaxVersion is the largest version of an edited item (an integer
	// column).
	MaxVersion = math.MaxInt32
)

// Number reads a whole number written in a URL (a path segment or a query
// value) or a form field: decimal digits in their one spelling (no sign, no
// leading zero, no space) from lo to hi inclusive. ok is false for
// anything else. Every number the site reads from a request goes through
// it, so none can overflow an OFFSET, a column or a sum.
func Number[N int | int64](s string, lo, hi N) (n N, ok bool) {
	if s == "" || len(s) > 19 || (len(s) > 1 && s[0] == '0') {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil || v < int64(lo) || v > int64(hi) {
		return 0, false
	}
	return N(v), true
}

// RowID reads the id of a row (a path's {id}, a cursor): 1 to MaxID.
func RowID(s string) (int64, bool) { return Number[int64](s, 1, MaxID) }
