// Package subscribe is how people sign up for the SSWWeek daily emails and
// general updates: a sign-up confirmed by a link emailed to the address
// (double opt-in), preferences changed and subscriptions ended from a
// signed link in every email, without an account. Every step runs in one
// transaction with its audit line and the email it causes.
//
// Signing up never tells the visitor whether the address was known: the
// answer on the page is always the same, and what differs goes by email
// to the address itself.
//
// Like package signing, the service is given the job queue when it is
// made, signs its links with package links, shares package workflow's
// transaction and confirmation cap, and takes its email texts from the
// i18n catalogue (messages_subscribe.go).
package subscribe
