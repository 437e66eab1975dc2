// Package content is the editorial model behind the admin, and the only
// writer of the content tables (pages, audiences, resources, editions,
// blog posts, the calendar, rejection reasons, ...): every kind of content
// staff can edit is described once as a Kind, and the drafts, publishing
// and revisions work the same way for all of them. The demo seed writes
// through the same kinds.
//
// The public site reads only the live tables, which always hold the
// published version. An edit is a Doc: a flat snapshot of field name ->
// text. Saving a draft stores the Doc (and a revision) in content_items;
// publishing writes it into the live tables through the kind's Save. So a
// draft can never leak onto the public site, and a preview is the real
// public page rendered inside a transaction that applies the draft and is
// then rolled back.
//
// It owns the defaults of new items (a kind's New), the checks beyond the
// field types (Validate, a kind's Check), and the translated-texts tables
// of the kinds that are a slug plus texts (translationTable). It does not
// import the views: templates may import it, not the other way round.
// The changes staff make, each in its transaction with its audit line, go
// through internal/content/editing.
package content
