package web

import "strings"

// CSVCell defuses a value a spreadsheet would run as a formula (one that
// starts with =, +, -, @, or a tab or carriage return that hides such a
// start) by making it text with a leading apostrophe.
func CSVCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
