package content_test

import (
	"context"
	"testing"

	"github.com/sswalliance/advocacy/internal/content"
)

// TestNumberFieldsSayWhichBoundTheyPassed: a bounded Number field names
// the bound a value passes, even one too long for an int, and asks for
// digits otherwise; an unbounded one takes any whole number as before.
func TestNumberFieldsSayWhichBoundTheyPassed(t *testing.T) {
	k := &content.Kind{Name: "n", Fields: []content.Field{
		{Name: "goal", Label: "Goal", Type: content.Number, Min: 1, Max: 1000},
		{Name: "year", Label: "Year", Type: content.Number},
	}}
	for _, tt := range []struct{ field, value, want string }{
		{"goal", "1", ""},
		{"goal", "1000", ""},
		{"goal", "+7", ""},
		{"goal", "0", "Goal must be 1 or more."},
		{"goal", "-1", "Goal must be 1 or more."},
		{"goal", "-99999999999999999999", "Goal must be 1 or more."},
		{"goal", "1001", "Goal must be 1000 or less."},
		{"goal", "99999999999999999999", "Goal must be 1000 or less."},
		{"goal", "1.5", "Enter a whole number from 1 to 1000 in digits only, without decimals, commas or spaces."},
		{"goal", "ten", "Enter a whole number from 1 to 1000 in digits only, without decimals, commas or spaces."},
		{"year", "-5", ""},
		{"year", "99999999999999999999", "Enter a whole number, like 2018."},
		{"year", "2018.5", "Enter a whole number, like 2018."},
	} {
		problems, err := content.Validate(context.Background(), nil, k, "", content.Doc{tt.field: tt.value})
		if err != nil {
			t.Fatal(err)
		}
		if got := problems[tt.field]; got != tt.want {
			t.Errorf("%s %q: %q, want %q", tt.field, tt.value, got, tt.want)
		}
	}
}
