// Package editing is every change staff make to content, as one service:
// saving a draft, creating, publishing, scheduling and its cancelling,
// discarding, restoring, deleting and moving, and publishing what is due
// (a periodic job on the queue, so however many servers run, each due
// change is published once).
//
// It owns each change's transaction, with the change's audit line written
// inside it (a change is recorded if and only if it happened); the
// rehearsal, a publish written and rolled back so the database's own
// refusals are found before anything is kept; and the words staff read
// when the database refuses. internal/content is the editorial model it
// works through; this is a package of its own because it runs on the job
// queue, which the views that import internal/content must not pull in.
package editing
