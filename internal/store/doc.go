// Package store holds the site's SQL for reading content and for
// everything that is not content: one file per entity, every method taking
// a context first, ErrNotFound for a missing row.
//
// The content tables are written only by internal/content (the editor's
// publish and the seed both go through it); store reads them for the
// public pages. What store writes itself: signatories and their logos,
// subscribers, tokens, emails, mailings, staff accounts, the audit log,
// uploaded files, site keys and form limits.
package store
