// Package editor serves the content editor of the staff area: the list of
// every kind of content, new, edit and save (drafts, publishing,
// scheduling), history and restore, delete, move, the Markdown preview,
// and the preview of a public page, which builds the public handlers over
// a transaction that applies the draft and is rolled back, and shows the
// layout's preview banner.
package editor
