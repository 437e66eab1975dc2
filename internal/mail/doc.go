// Package mail sends the site's email: transactional messages (confirm your
// submission, approved, rejected) and newsletters. A job queue calls a Sender
// once per queued message and retries what fails, so the one decision this
// package makes for its callers is which failures are worth retrying.
package mail
