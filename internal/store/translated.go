package store

// translated joins, as t, a row's texts in the language bound to param
// ("$2", "@lang"), or in English where the row is not translated into it
// (a row with neither is left out): the one rule for every table of
// texts. texts is that table, key its column naming the row, and of the
// row's own column it matches. Every argument is a name or placeholder
// written in this package, never a value from a request.
func translated(texts, key, of, param string) string {
	return `JOIN LATERAL (
			SELECT * FROM ` + texts + ` t
			WHERE t.` + key + ` = ` + of + ` AND t.lang IN (` + param + `, 'en')
			ORDER BY t.lang = ` + param + ` DESC LIMIT 1
		) t ON true`
}
