// Package auth holds what staff sign-in rests on: argon2id password hashes,
// the Postgres store behind scs sessions, the throttle that slows down and
// locks out password guessing, and the staff roles.
package auth

// Role is what a staff member may do in the admin.
type Role string

// The roles. An admin manages staff accounts as well as content; an editor
// edits content only. The values are those stored in users.role.
const (
	RoleAdmin  Role = "admin"
	RoleEditor Role = "editor"
)

// Valid reports whether r is one of the known roles.
func (r Role) Valid() bool { return r == RoleAdmin || r == RoleEditor }
