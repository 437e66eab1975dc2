package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// User is a staff account.
type User struct {
	ID    int64
	Email string // as entered; compared lowercased
	Name  string
	// Role is "admin" or "editor" (auth.RoleAdmin, auth.RoleEditor).
	Role string
	// PasswordHash is an argon2id PHC string (see auth.Hash).
	PasswordHash      string
	Disabled          bool
	CreatedAt         time.Time
	PasswordChangedAt time.Time
}

// ErrDuplicateEmail is returned when another account has the email, in any
// letter case.
var ErrDuplicateEmail = errors.New("store: email already in use")

const userColumns = `id, email, name, role, password_hash, disabled_at IS NOT NULL, created_at, password_changed_at`

func scanUser(row pgx.CollectableRow) (User, error) {
	var u User
	err := row.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.PasswordHash, &u.Disabled, &u.CreatedAt, &u.PasswordChangedAt)
	return u, err
}

// CreateUser adds a staff account. The email must look like one and the
// name must not be empty (the database checks both); role is "admin" or
// "editor".
func (s *Store) CreateUser(ctx context.Context, email, name, role, passwordHash string) (User, error) {
	rows, err := s.db.Query(ctx, `
		INSERT INTO users (email, name, role, password_hash) VALUES ($1, $2, $3, $4)
		RETURNING `+userColumns, email, name, role, passwordHash)
	if err != nil {
		return User{}, fmt.Errorf("store: create user %q: %w", email, err)
	}
	u, err := pgx.CollectExactlyOneRow(rows, scanUser)
	if pgErr, ok := errors.AsType[*pgconn.PgError](err); ok && pgErr.Code == "23505" && pgErr.ConstraintName == "users_email" {
		return User{}, fmt.Errorf("store: create user %q: %w", email, ErrDuplicateEmail)
	}
	if err != nil {
		return User{}, fmt.Errorf("store: create user %q: %w", email, err)
	}
	return u, nil
}

// UserByEmail returns the account with email, in any letter case.
func (s *Store) UserByEmail(ctx context.Context, email string) (User, error) {
	return s.oneUser(ctx, fmt.Sprintf("user %q", email), `lower(email) = lower($1)`, email)
}

// User returns account id.
func (s *Store) User(ctx context.Context, id int64) (User, error) {
	return s.oneUser(ctx, fmt.Sprintf("user %d", id), `id = $1`, id)
}

func (s *Store) oneUser(ctx context.Context, what, where string, arg any) (User, error) {
	rows, err := s.db.Query(ctx, `SELECT `+userColumns+` FROM users WHERE `+where, arg)
	if err != nil {
		return User{}, fmt.Errorf("store: %s: %w", what, err)
	}
	return exactlyOne(rows, scanUser, what)
}

// Users returns every account, disabled ones included, by name.
func (s *Store) Users(ctx context.Context) ([]User, error) {
	rows, err := s.db.Query(ctx, `SELECT `+userColumns+` FROM users ORDER BY lower(name), id`)
	if err != nil {
		return nil, fmt.Errorf("store: users: %w", err)
	}
	return allRows(rows, scanUser, "users")
}

// SetPassword replaces the password hash of account id and records when.
func (s *Store) SetPassword(ctx context.Context, id int64, hash string) error {
	return s.updateUser(ctx, fmt.Sprintf("set password of user %d", id),
		`UPDATE users SET password_hash = $2, password_changed_at = now() WHERE id = $1`, id, hash)
}

// SetUserDisabled disables account id (it can no longer sign in) or enables
// it again.
func (s *Store) SetUserDisabled(ctx context.Context, id int64, disabled bool) error {
	// Disabling twice keeps the first time.
	return s.updateUser(ctx, fmt.Sprintf("set user %d disabled=%t", id, disabled), `
		UPDATE users SET disabled_at = CASE WHEN $2 THEN coalesce(disabled_at, now()) END
		WHERE id = $1`, id, disabled)
}

// UpdateUser changes the name and role of account id.
func (s *Store) UpdateUser(ctx context.Context, id int64, name, role string) error {
	return s.updateUser(ctx, fmt.Sprintf("update user %d", id),
		`UPDATE users SET name = $2, role = $3 WHERE id = $1`, id, name, role)
}

func (s *Store) updateUser(ctx context.Context, what, sql string, args ...any) error {
	tag, err := s.db.Exec(ctx, sql, args...)
	if err != nil {
		return fmt.Errorf("store: %s: %w", what, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("store: %s: %w", what, ErrNotFound)
	}
	return nil
}

// CountActiveAdmins returns how many enabled admin accounts there are, so
// that the last one is not disabled or made an editor. Inside InTx it also
// locks those accounts' rows until the transaction ends: two admins
// demoting each other at the same moment cannot both see a count of two.
func (s *Store) CountActiveAdmins(ctx context.Context) (int, error) {
	rows, err := s.db.Query(ctx, `SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL FOR UPDATE`)
	if err != nil {
		return 0, fmt.Errorf("store: count active admins: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return 0, fmt.Errorf("store: count active admins: %w", err)
	}
	return len(ids), nil
}
