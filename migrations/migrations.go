// Package migrations embeds the goose SQL migrations, applied in order by
// `advocacy migrate up` (and at the start of `advocacy dev`).
package migrations

import "embed"

// FS holds every NNNNN_name.sql migration.
//
//go:embed *.sql
var FS embed.FS
