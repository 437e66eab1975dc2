// Package app is the composition root: New builds, once and in order, the
// mail sender, the workflows (signing, subscribing, the newsletter), the
// job queue that sends their email and runs their chores, and the HTTP
// handlers, and App hands cmd/advocacy the handler (Handler), the
// background work (RunBackground) and the start-up check of the file
// copies (CheckFileCopies). Its tests drive the assembled site through
// its router.
package app
