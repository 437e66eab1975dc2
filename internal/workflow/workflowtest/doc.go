// Package workflowtest starts what the tests of an emailed-link workflow
// (signing, subscribing) run against: the workflow's service over a test
// database, its email delivered by the job queue to a real SMTP server in
// the test, and its chores on the queue's runner.
package workflowtest
