// Package i18n knows the site's languages: which ones exist, how a page's
// path changes between them, and the interface text in each.
//
// English lives at "/...", Spanish at "/es/...". Content (pages, messages)
// has per-language rows in the database; this package only holds the words
// of the interface itself.
package i18n
