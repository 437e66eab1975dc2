// Package seed loads the demo content that `make run` and many tests show
// on a fresh database. Demo rows live here, in code, never in migrations.
//
// It owns the demo data only: every content item is written through its
// content.Kind's Save (from the kind's New, so defaults are the editor's),
// and files through the same upload checks as staff uploads. The
// signatories, which are not content, go through the store.
package seed
