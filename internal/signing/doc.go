// Package signing is how organisations sign the Call to Action: a
// submission confirmed by email, reviewed by staff, then shown on the
// public wall until it is withdrawn or hidden. Every step runs in one
// transaction with its audit line and the emails it causes, so nothing is
// half done and no email goes out for a change that was rolled back.
//
// The service is given the job queue when it is made (jobs.Queue) and
// hands its timed work to the runner (Chores). Its links are signed by
// package links; what it shares with package subscribe (the transaction
// with the link key loaded, the cap on confirmation emails) is in package
// workflow; its email texts are in the i18n catalogue
// (messages_signing.go); countries and organisation types are in
// package org.
package signing
