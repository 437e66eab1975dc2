package auth

// Role is what a staff member may do in the admin.
type Role string

// The roles. An editor edits content (pages, resources, blog posts,
// editions, events) and moderates signatories (approve, reject, ask for
// changes, hide, add, correct). An admin does all that and also holds
// what is personal data in bulk or speaks for the site: subscribers (list,
// CSV, erasure), mailings, the outbox, signatory erasure and logo
// originals, staff accounts and the audit log. internal/web's adminRoutes
// enforce this. The values are those stored in users.role.
const (
	RoleAdmin  Role = "admin"
	RoleEditor Role = "editor"
)

// Valid reports whether r is one of the known roles.
func (r Role) Valid() bool { return r == RoleAdmin || r == RoleEditor }
