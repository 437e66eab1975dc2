package i18n

import (
	"strconv"
	"time"
)

var months = map[Lang][12]string{
	EN: {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	ES: {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
}

var weekdays = map[Lang][7]string{
	EN: {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
	ES: {"domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"},
}

// MonthName is the name of month m in l ("September", "septiembre").
func (l Lang) MonthName(m time.Month) string { return months[l.known()][m-1] }

// WeekdayName is the name of d in l ("Tuesday", "martes").
func (l Lang) WeekdayName(d time.Weekday) string { return weekdays[l.known()][d] }

// Date formats a calendar date: "24 September 2018", "24 de septiembre de 2018".
func (l Lang) Date(t time.Time) string {
	d := strconv.Itoa(t.Day())
	y := strconv.Itoa(t.Year())
	if l == ES {
		return d + " de " + l.MonthName(t.Month()) + " de " + y
	}
	return d + " " + l.MonthName(t.Month()) + " " + y
}

// LongDate adds the weekday: "Tuesday 25 September 2018", "martes 25 de
// septiembre de 2018".
func (l Lang) LongDate(t time.Time) string {
	return l.WeekdayName(t.Weekday()) + " " + l.Date(t)
}

// Month formats a month and year: "April 2014", "abril de 2014".
func (l Lang) Month(t time.Time) string {
	if l == ES {
		return l.MonthName(t.Month()) + " de " + strconv.Itoa(t.Year())
	}
	return l.MonthName(t.Month()) + " " + strconv.Itoa(t.Year())
}

// DateRange formats two dates as compactly as is still clear:
// "24–28 September 2018", "30 September – 4 October 2018",
// "24 al 28 de septiembre de 2018".
func (l Lang) DateRange(from, to time.Time) string {
	fy, fm, fd := from.Date()
	ty, tm, td := to.Date()
	switch {
	case fy == ty && fm == tm && fd == td:
		return l.Date(from)
	case fy == ty && fm == tm:
		if l == ES {
			return strconv.Itoa(fd) + " al " + l.Date(to)
		}
		return strconv.Itoa(fd) + "–" + l.Date(to)
	case fy == ty:
		if l == ES {
			return strconv.Itoa(fd) + " de " + l.MonthName(fm) + " al " + l.Date(to)
		}
		return strconv.Itoa(fd) + " " + l.MonthName(fm) + " – " + l.Date(to)
	default:
		if l == ES {
			return l.Date(from) + " al " + l.Date(to)
		}
		return l.Date(from) + " – " + l.Date(to)
	}
}

// Time formats a clock time: "9:00 am" in English, "9:00" in Spanish.
func (l Lang) Time(t time.Time) string {
	if l == ES {
		return t.Format("15:04")
	}
	return t.Format("3:04 pm")
}

func (l Lang) known() Lang {
	if _, ok := months[l]; ok {
		return l
	}
	return EN
}
