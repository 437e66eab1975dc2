// Package public serves what visitors read: the pages of both languages
// (home, key messages, the Call to Action, toolkit, resources, SSWWeek,
// blog, calendar), the feeds, the sitemap and the files, one file per page.
// Handlers are built by New over a small Deps (the store among them), so
// the content editor's preview can build them over a transaction.
package public
