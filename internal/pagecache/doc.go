// Package pagecache keeps finished public pages in memory, so that a page
// is rendered once per change instead of once per request, and serves
// them at close to the speed of a static file.
//
// A page is kept under its path and the query parameters its route reads
// (Page), with its gzip and brotli forms (an image already compressed, a
// share card, as it is), its headers and a strong ETag.
// What a page shows changes only when the database does: every write to
// a table public pages read sends a Postgres notification (migration
// 00016), and each instance's Listen turns it into a new generation,
// which makes every page kept before it stale at once, on every instance
// over the database. Pages also go stale when their day turns (the
// coming dates on the home page and the calendar). A stale page is
// rendered again; while the database cannot be reached, the last page
// kept is served instead of an error.
//
// The per-response part of a page (the stamp of its sign-up form, which
// the fill-time check needs fresh) is rendered as a marker and replaced
// in each response; see body.
package pagecache
