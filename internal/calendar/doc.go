// Package calendar knows when things happen and how to tell other
// calendars about it: it expands the stored rules of yearly observances
// (a fixed date, the nth weekday of a month, or a single date range) into
// dated occurrences, and writes events as an RFC 5545 iCalendar feed.
//
// Dates are civil days: a time.Time at midnight UTC whose zone means
// nothing. Use Day to make one.
package calendar
