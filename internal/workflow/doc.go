// Package workflow holds what the two emailed-link workflows (signing the
// Call to Action, subscribing to the emails) do the same way: every step
// runs in one transaction, with the key that signs its links loaded
// first, and an address is sent at most one confirmation email of a
// workflow in a window. Base is the service shape both embed (pool,
// queue, site address, clock, link signer). What differs between them (states, emails,
// audit lines) stays in packages signing and subscribe.
package workflow
