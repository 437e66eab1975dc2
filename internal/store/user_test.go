package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/sswalliance/advocacy/internal/dbtest"
	"github.com/sswalliance/advocacy/internal/store"
)

func TestUsers(t *testing.T) {
	ctx := context.Background()
	st := store.New(dbtest.New(t))

	ana, err := st.CreateUser(ctx, "Ana@Example.org", "Ana", "admin", "$argon2id$h1")
	if err != nil {
		t.Fatal(err)
	}
	if ana.ID == 0 || ana.Email != "Ana@Example.org" || ana.Name != "Ana" || ana.Role != "admin" || ana.PasswordHash != "$argon2id$h1" ||
		ana.Disabled || ana.CreatedAt.IsZero() || !ana.PasswordChangedAt.Equal(ana.CreatedAt) {
		t.Errorf("created %+v", ana)
	}
	if _, err := st.CreateUser(ctx, "ana@EXAMPLE.org", "Other Ana", "editor", "h"); !errors.Is(err, store.ErrDuplicateEmail) {
		t.Errorf("same email in other case: %v, want ErrDuplicateEmail", err)
	}
	for _, bad := range []struct{ email, name, role string }{
		{"not-an-email", "X", "editor"}, {"x@example.org", "", "editor"}, {"x@example.org", "X", "owner"},
	} {
		if _, err := st.CreateUser(ctx, bad.email, bad.name, bad.role, "h"); err == nil || errors.Is(err, store.ErrDuplicateEmail) {
			t.Errorf("CreateUser(%q, %q, %q): %v, want a refusal", bad.email, bad.name, bad.role, err)
		}
	}
	bo, err := st.CreateUser(ctx, "bo@example.org", "bo", "editor", "h2")
	if err != nil {
		t.Fatal(err)
	}

	got, err := st.UserByEmail(ctx, "ANA@example.ORG")
	if err != nil || got.ID != ana.ID {
		t.Errorf("UserByEmail in other case = %+v, %v", got, err)
	}
	if _, err := st.UserByEmail(ctx, "nobody@example.org"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown email: %v, want ErrNotFound", err)
	}
	if got, err := st.User(ctx, bo.ID); err != nil || got.Email != "bo@example.org" {
		t.Errorf("User(%d) = %+v, %v", bo.ID, got, err)
	}
	if _, err := st.User(ctx, 9999); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown id: %v, want ErrNotFound", err)
	}
	// By name, ignoring case.
	users, err := st.Users(ctx)
	if err != nil || len(users) != 2 || users[0].Name != "Ana" || users[1].Name != "bo" {
		t.Errorf("Users = %+v, %v", users, err)
	}

	time.Sleep(10 * time.Millisecond) // so password_changed_at moves on
	if err := st.SetPassword(ctx, bo.ID, "h3"); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.User(ctx, bo.ID); got.PasswordHash != "h3" || !got.PasswordChangedAt.After(got.CreatedAt) {
		t.Errorf("after SetPassword: %+v", got)
	}
	if err := st.UpdateUser(ctx, bo.ID, "Bo Li", "admin"); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.User(ctx, bo.ID); got.Name != "Bo Li" || got.Role != "admin" {
		t.Errorf("after UpdateUser: %+v", got)
	}
	if n, err := st.CountActiveAdmins(ctx); n != 2 || err != nil {
		t.Errorf("CountActiveAdmins = %d, %v; want 2", n, err)
	}
	if err := st.SetUserDisabled(ctx, bo.ID, true); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.User(ctx, bo.ID); !got.Disabled {
		t.Errorf("after disabling: %+v", got)
	}
	if n, err := st.CountActiveAdmins(ctx); n != 1 || err != nil {
		t.Errorf("CountActiveAdmins with one disabled = %d, %v; want 1", n, err)
	}
	if err := st.SetUserDisabled(ctx, bo.ID, false); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.User(ctx, bo.ID); got.Disabled {
		t.Errorf("after enabling: %+v", got)
	}
	if err := st.UpdateUser(ctx, ana.ID, "Ana", "editor"); err != nil {
		t.Fatal(err)
	}
	if n, err := st.CountActiveAdmins(ctx); n != 1 || err != nil {
		t.Errorf("CountActiveAdmins with one demoted = %d, %v; want 1", n, err)
	}

	for name, err := range map[string]error{
		"SetPassword":     st.SetPassword(ctx, 9999, "h"),
		"SetUserDisabled": st.SetUserDisabled(ctx, 9999, true),
		"UpdateUser":      st.UpdateUser(ctx, 9999, "X", "editor"),
	} {
		if !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s of an unknown user: %v, want ErrNotFound", name, err)
		}
	}
}

// TestCountActiveAdminsLocks shows why the count locks rows inside a
// transaction: a second demotion waits for the first and then sees it.
func TestCountActiveAdminsLocks(t *testing.T) {
	ctx := context.Background()
	st := store.New(dbtest.New(t))
	a, err := st.CreateUser(ctx, "a@example.org", "A", "admin", "h")
	if err != nil {
		t.Fatal(err)
	}
	b, err := st.CreateUser(ctx, "b@example.org", "B", "admin", "h")
	if err != nil {
		t.Fatal(err)
	}
	demote := func(id int64, counted chan<- int, proceed <-chan struct{}) error {
		return st.InTx(ctx, func(tx *store.Store) error {
			n, err := tx.CountActiveAdmins(ctx)
			if err != nil {
				return err
			}
			counted <- n
			if proceed != nil {
				<-proceed
			}
			if n < 2 {
				return errors.New("last admin")
			}
			return tx.UpdateUser(ctx, id, "X", "editor")
		})
	}
	first, second := make(chan int, 1), make(chan int, 1)
	proceed := make(chan struct{})
	errs := make(chan error, 2)
	go func() { errs <- demote(a.ID, first, proceed) }()
	if n := <-first; n != 2 {
		t.Fatalf("first count %d, want 2", n)
	}
	go func() { errs <- demote(b.ID, second, nil) }()
	select {
	case n := <-second:
		t.Fatalf("second count %d came while the first transaction held the rows", n)
	case <-time.After(200 * time.Millisecond):
	}
	close(proceed)
	if n := <-second; n != 1 {
		t.Errorf("second count %d, want 1 (it waited for the first demotion)", n)
	}
	var failed int
	for range 2 {
		if err := <-errs; err != nil {
			failed++
		}
	}
	if failed != 1 {
		t.Errorf("%d demotions refused, want exactly 1", failed)
	}
	if n, _ := st.CountActiveAdmins(ctx); n != 1 {
		t.Errorf("%d admins left, want 1", n)
	}
}
