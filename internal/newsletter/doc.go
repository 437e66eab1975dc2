// Package newsletter sends mailings (the SSWWeek daily emails and one-off
// updates) to their subscribers, reliably: every recipient is a delivery
// row, claimed before its email goes and marked after, so a crash or
// restart halfway resumes with the rest and nobody is sent one twice.
//
// The Sender is given the job queue when it is made; its worker
// (Register) and chores (Chores) go to the runner made after it.
package newsletter
