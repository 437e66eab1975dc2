// Package mailtest runs a real SMTP server inside a test, so code that sends
// email is tested over the wire, through the same client as in production,
// and the test can read back what arrived.
package mailtest
