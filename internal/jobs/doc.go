// Package jobs is the site's background work, on a Postgres job queue
// (River): email from the outbox, sent with retries, and timed chores.
//
// It comes in two parts, made in this order. The Queue inserts jobs, in
// the same transaction as whatever caused them, so a submission and its
// confirmation email are saved together or not at all; the services are
// given it when they are made. The Runner works the jobs: it is made
// after the services, from their workers (Register) and timed chores
// (Chores), and is started and stopped with the server.
package jobs
