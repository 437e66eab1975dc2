// Package auth holds what staff sign-in rests on: argon2id password hashes,
// the Postgres store behind scs sessions, the throttle that slows down and
// locks out password guessing, and the staff roles.
package auth
