// Package links signs what the site hands out and must later believe:
// the links in emails (a one-time token for a purpose, an owner and an
// expiry, or a link signed once that never expires), the stamps of public
// forms and the references to uploaded logos. Every HMAC the site makes
// is made here, with a site key read once (store.KeyCache).
//
// A link's secret never sits in the outbox: an email holds placeholders
// (store.SecretPlaceholder) and the secrets they stand for as messages to
// sign (store.LinkSecret); Fill signs them when the email is sent.
package links
