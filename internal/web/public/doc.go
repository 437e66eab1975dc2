// Package public serves what visitors read and fill in: the pages of both
// languages (home, key messages, the Call to Action and signing it, the
// signatories and their open data, toolkit, resources, SSWWeek and its
// sign-up, blog, calendar), the feeds, the sitemap, the files and the
// logos, one file per page or workflow. Handlers are built by New over a
// small Deps (the store among them), so the content editor's preview can
// build them over its transaction.
package public
