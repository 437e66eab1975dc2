package auth_test

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sswalliance/advocacy/internal/auth"
)

func TestHashVerify(t *testing.T) {
	h, err := auth.Hash("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`).MatchString(h) {
		t.Errorf("hash %q is not the expected PHC string", h)
	}
	if h2, _ := auth.Hash("correct horse battery"); h2 == h {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	ok, rehash, err := auth.Verify("correct horse battery", h)
	if !ok || rehash || err != nil {
		t.Errorf("Verify(right password) = %v, %v, %v; want true, false, nil", ok, rehash, err)
	}
	for _, wrong := range []string{"correct horse batter", "Correct horse battery", "", "correct horse battery "} {
		if ok, rehash, err := auth.Verify(wrong, h); ok || rehash || err != nil {
			t.Errorf("Verify(%q) = %v, %v, %v; want false, false, nil", wrong, ok, rehash, err)
		}
	}
}

func TestVerifyMalformed(t *testing.T) {
	good, err := auth.Hash("a password for this test")
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(good, "$")
	salt, key := parts[4], parts[5]
	for _, bad := range []string{
		"",
		"plaintext",
		"$argon2id$",
		good + "$",
		strings.Replace(good, "argon2id", "argon2i", 1),
		strings.Replace(good, "v=19", "v=16", 1),
		strings.Replace(good, "v=19", "v=019", 1),
		strings.Replace(good, "v=19", "19", 1),
		strings.Replace(good, "m=19456,t=2,p=1", "m=19456,t=0,p=1", 1),
		strings.Replace(good, "m=19456,t=2,p=1", "m=19456,t=2,p=0", 1),
		strings.Replace(good, "m=19456,t=2,p=1", "m=19456,t=2,p=300", 1),
		strings.Replace(good, "m=19456,t=2,p=1", "m=4294967295,t=2,p=1", 1), // would allocate 4 TiB
		strings.Replace(good, "m=19456,t=2,p=1", "m=19456,t=99999,p=1", 1),
		strings.Replace(good, "m=19456,t=2,p=1", "m=1,t=2,p=1", 1),
		strings.Replace(good, "m=19456,t=2,p=1", "m=19456,t=2", 1),
		strings.Replace(good, "m=19456,t=2,p=1", "m=19456,t=2,p=1,x=3", 1),
		strings.Replace(good, "m=19456,t=2,p=1", "m=-1,t=2,p=1", 1),
		strings.Replace(good, salt, "!!!notbase64", 1),
		strings.Replace(good, salt, salt+"==", 1),
		strings.Replace(good, salt, "", 1),
		strings.Replace(good, salt, "AAAA", 1), // 3 bytes: too short
		strings.Replace(good, key, key[:4], 1),
		strings.Replace(good, key, "", 1),
	} {
		ok, rehash, err := auth.Verify("a password for this test", bad)
		if ok || rehash || !errors.Is(err, auth.ErrMalformedHash) {
			t.Errorf("Verify(%q) = %v, %v, %v; want an ErrMalformedHash", bad, ok, rehash, err)
		}
	}
}

func TestRehashAfterParamsChange(t *testing.T) {
	old, err := auth.Hash("a password for this test")
	if err != nil {
		t.Fatal(err)
	}
	saved := auth.Params
	t.Cleanup(func() { auth.Params = saved })
	auth.Params.Time = 3
	auth.Params.Memory = 12 * 1024

	ok, rehash, err := auth.Verify("a password for this test", old)
	if !ok || !rehash || err != nil {
		t.Fatalf("Verify(old hash) after a parameter change = %v, %v, %v; want true, true, nil", ok, rehash, err)
	}
	// A wrong password is not flagged: the caller must not store anything.
	if ok, rehash, _ := auth.Verify("wrong", old); ok || rehash {
		t.Errorf("Verify(wrong) = %v, %v; want false, false", ok, rehash)
	}
	fresh, err := auth.Hash("a password for this test")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(fresh, "$m=12288,t=3,p=1$") {
		t.Errorf("new hash %q does not use the new parameters", fresh)
	}
	if ok, rehash, err := auth.Verify("a password for this test", fresh); !ok || rehash || err != nil {
		t.Errorf("Verify(new hash) = %v, %v, %v; want true, false, nil", ok, rehash, err)
	}
}

func TestVerifyNoAccount(t *testing.T) {
	auth.VerifyNoAccount("anything") // must not panic; nothing to return
}

func TestGeneratePassword(t *testing.T) {
	seen := map[string]bool{}
	counts := map[rune]int{}
	for range 200 {
		p := auth.GeneratePassword()
		if len(p) != 20 {
			t.Fatalf("password %q has %d characters, want 20", p, len(p))
		}
		if strings.ContainsAny(p, "0O1lIo") {
			t.Errorf("password %q has an ambiguous character", p)
		}
		if !regexp.MustCompile(`^[a-zA-Z2-9]+$`).MatchString(p) {
			t.Errorf("password %q has a character outside the alphabet", p)
		}
		if problem := auth.PasswordProblem(p, "someone@example.org"); problem != "" {
			t.Errorf("generated password %q is refused: %s", p, problem)
		}
		if seen[p] {
			t.Fatalf("password %q generated twice", p)
		}
		seen[p] = true
		for _, r := range p {
			counts[r]++
		}
	}
	// 4000 draws from 56 symbols: every symbol turns up.
	if len(counts) != 56 {
		t.Errorf("%d distinct characters in 4000, want all 56", len(counts))
	}
}

func TestPasswordProblem(t *testing.T) {
	tests := []struct {
		password, email string
		want            string // part of the problem, "" for none
	}{
		{"short", "a@b.org", "at least 12"},
		{"elevenchars", "a@b.org", "at least 12"},
		{"twelve chars", "a@b.org", ""},
		{"ñññññññññññ", "a@b.org", "at least 12"}, // 11 characters in 22 bytes
		{strings.Repeat("x", 256), "a@b.org", ""},
		{strings.Repeat("x", 257), "a@b.org", "at most 256"},
		{"Someone@Example.org", "someone@example.org", "email"},
		{"someone@example.org2", "someone@example.org", ""},
		{"twelve chars\x00", "a@b.org", "cannot be typed"},
		{"twelve chars\xff", "a@b.org", "cannot be typed"},
	}
	for _, tt := range tests {
		got := auth.PasswordProblem(tt.password, tt.email)
		if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
			t.Errorf("PasswordProblem(%q, %q) = %q, want something with %q", tt.password, tt.email, got, tt.want)
		}
	}
}

func TestHashingRefusedWhenEverySlotIsTaken(t *testing.T) {
	ctx := context.Background()
	var held []*auth.Slot
	for range auth.Capacity() {
		s, err := auth.Reserve(ctx, 0)
		if err != nil {
			t.Fatalf("slot %d of %d: %v", len(held)+1, auth.Capacity(), err)
		}
		held = append(held, s)
	}
	defer func() {
		for _, s := range held {
			s.Release()
		}
	}()
	good, err := held[0].Hash("a password for this test")
	if err != nil {
		t.Fatal(err)
	}

	before := auth.Computations()
	start := time.Now()
	if _, err := auth.Hash("another password"); !errors.Is(err, auth.ErrBusy) {
		t.Errorf("Hash with every slot taken: %v, want ErrBusy", err)
	}
	if waited := time.Since(start); waited < auth.BusyWait || waited > auth.BusyWait+2*time.Second {
		t.Errorf("Hash gave up after %v, want about %v", waited, auth.BusyWait)
	}
	if _, _, err := auth.Verify("a password for this test", good); !errors.Is(err, auth.ErrBusy) {
		t.Errorf("Verify with every slot taken: %v, want ErrBusy", err)
	}
	if err := auth.VerifyNoAccount("anything"); !errors.Is(err, auth.ErrBusy) {
		t.Errorf("VerifyNoAccount with every slot taken: %v, want ErrBusy", err)
	}
	if _, err := auth.Reserve(ctx, 0); !errors.Is(err, auth.ErrBusy) {
		t.Errorf("Reserve without waiting: %v, want ErrBusy", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := auth.Reserve(cancelled, time.Minute); !errors.Is(err, context.Canceled) {
		t.Errorf("Reserve with a cancelled context: %v", err)
	}
	if n := auth.Computations() - before; n != 0 {
		t.Errorf("%d computations ran with every slot taken", n)
	}

	// A slot freed is taken by the next caller; a released slot is no
	// longer usable, and releasing it again changes nothing.
	held[0].Release()
	held[0].Release()
	if _, _, err := held[0].Verify("a password for this test", good); err == nil {
		t.Error("a released slot still checks passwords")
	}
	if ok, _, err := auth.Verify("a password for this test", good); !ok || err != nil {
		t.Errorf("Verify once a slot is free: %v, %v", ok, err)
	}
}
