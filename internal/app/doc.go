// Package app is the composition root. New builds, once and in order, the
// mail sender, the job queue, the workflows (signing, subscribing, the
// newsletter) over it, the runner that works their jobs and chores, and
// the HTTP handlers (public, admin, editor) over one web.Site; App hands
// cmd/advocacy the handler (Handler), the background work (RunBackground:
// session cleanup, the runner, scheduled publishing) and the start-up
// check of the file copies (CheckFileCopies). Its tests drive the
// assembled site through its router.
package app
