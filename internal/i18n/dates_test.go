package i18n

import (
	"testing"
	"time"
)

func TestDates(t *testing.T) {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 9, 5, 0, 0, time.UTC) }
	for _, c := range []struct {
		got, want string
	}{
		{EN.Date(d(2018, 9, 24)), "24 September 2018"},
		{ES.Date(d(2018, 9, 24)), "24 de septiembre de 2018"},
		{EN.LongDate(d(2018, 9, 25)), "Tuesday 25 September 2018"},
		{ES.LongDate(d(2018, 9, 25)), "martes 25 de septiembre de 2018"},
		{EN.Month(d(2014, 4, 1)), "April 2014"},
		{ES.Month(d(2014, 4, 1)), "abril de 2014"},
		{EN.DateRange(d(2018, 9, 24), d(2018, 9, 28)), "24–28 September 2018"},
		{ES.DateRange(d(2018, 9, 24), d(2018, 9, 28)), "24 al 28 de septiembre de 2018"},
		{EN.DateRange(d(2020, 9, 30), d(2020, 10, 4)), "30 September – 4 October 2020"},
		{ES.DateRange(d(2020, 9, 30), d(2020, 10, 4)), "30 de septiembre al 4 de octubre de 2020"},
		{EN.DateRange(d(2020, 12, 30), d(2021, 1, 2)), "30 December 2020 – 2 January 2021"},
		{EN.DateRange(d(2018, 9, 24), d(2018, 9, 24)), "24 September 2018"},
		{EN.Time(d(2018, 9, 25)), "9:05 am"},
		{ES.Time(d(2018, 9, 25)), "09:05"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
