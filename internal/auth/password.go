package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Params are the argon2id parameters new hashes are made with: the OWASP
// minimum for argon2id (19 MiB, two passes, one lane). It is a variable so
// that a test can change it and see stored hashes flagged for rehashing.
var Params = struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8  // lanes
	SaltLen uint32 // bytes
	KeyLen  uint32 // bytes
}{19 * 1024, 2, 1, 16, 32}

// Limits on what Verify accepts from a stored string, so that a corrupt or
// hostile one cannot make a sign-in allocate gigabytes or spin for minutes.
const (
	maxMemory = 1 << 20 // KiB: 1 GiB
	maxTime   = 64
	minSalt   = 8
	maxSalt   = 64
	minKey    = 16
	maxKey    = 128
)

// ErrMalformedHash is returned by Verify for a string that is not an argon2id
// PHC string it can check.
var ErrMalformedHash = errors.New("auth: malformed password hash")

var b64 = base64.RawStdEncoding

// Hash returns password hashed with argon2id under the current Params, as a
// PHC string: $argon2id$v=19$m=19456,t=2,p=1$<salt>$<key>, both in unpadded
// standard base64. It runs in a slot (see Reserve), waiting at most
// BusyWait for one: ErrBusy when none frees.
func Hash(password string) (encoded string, err error) {
	err = inSlot(func(s *Slot) error {
		encoded, err = s.Hash(password)
		return err
	})
	return encoded, err
}

// Verify reports whether password matches encoded, a PHC string made by
// Hash, comparing in constant time. rehash is true when encoded was made
// with parameters other than the current Params: the caller should then
// store Hash(password) once the password is known to be right. A malformed
// string gives an error wrapping ErrMalformedHash. Like Hash it runs in a
// slot, and gives ErrBusy when none frees within BusyWait.
func Verify(password, encoded string) (ok, rehash bool, err error) {
	err = inSlot(func(s *Slot) error {
		ok, rehash, err = s.Verify(password, encoded)
		return err
	})
	return ok, rehash, err
}

// VerifyNoAccount spends as long as Verify does and always fails. Call it
// when the email has no account (or a disabled one), so the time a sign-in
// takes does not tell a guesser which emails belong to staff. Its only
// error is ErrBusy, as for Verify.
func VerifyNoAccount(password string) error {
	return inSlot(func(s *Slot) error { return s.VerifyNoAccount(password) })
}

// hash is Hash without a slot: callers hold one.
func hash(password string) (string, error) {
	p := Params
	if p.Time < 1 || p.Threads < 1 || p.SaltLen < minSalt || p.KeyLen < minKey {
		return "", fmt.Errorf("auth: hash password: unusable parameters %+v", p)
	}
	salt := make([]byte, p.SaltLen)
	_, _ = rand.Read(salt) // never fails: crypto/rand crashes the program rather than return weak bytes
	key := idKey([]byte(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// verify is Verify without a slot: callers hold one.
func verify(password, encoded string) (ok, rehash bool, err error) {
	h, err := parseHash(encoded)
	if err != nil {
		return false, false, err
	}
	key := idKey([]byte(password), h.salt, h.time, h.memory, h.threads, uint32(len(h.key)))
	if subtle.ConstantTimeCompare(key, h.key) != 1 {
		return false, false, nil
	}
	p := Params
	rehash = h.memory != p.Memory || h.time != p.Time || h.threads != p.Threads ||
		uint32(len(h.salt)) != p.SaltLen || uint32(len(h.key)) != p.KeyLen
	return true, rehash, nil
}

// idKey is the one place argon2id runs, so that Computations counts every
// run.
func idKey(password, salt []byte, passes, memory uint32, threads uint8, keyLen uint32) []byte {
	computed.Add(1)
	return argon2.IDKey(password, salt, passes, memory, threads, keyLen)
}

// decoyHash is checked by VerifyNoAccount; made once, on first use, in the
// slot of the check that needs it.
var decoyHash = sync.OnceValue(func() string {
	h, err := hash("no account has this password")
	if err != nil {
		panic(err) // only with broken Params, which Hash's callers would hit first
	}
	return h
})

type phcHash struct {
	memory, time uint32
	threads      uint8
	salt, key    []byte
}

func parseHash(encoded string) (phcHash, error) {
	var h phcHash
	bad := func(why string) (phcHash, error) {
		return phcHash{}, fmt.Errorf("%w: %s", ErrMalformedHash, why)
	}
	// "", "argon2id", "v=19", "m=..,t=..,p=..", salt, key
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" {
		return bad("not a PHC string")
	}
	if parts[1] != "argon2id" {
		return bad("algorithm is not argon2id")
	}
	var version int
	if n, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || n != 1 || parts[2] != fmt.Sprintf("v=%d", version) {
		return bad("no version")
	}
	if version != argon2.Version {
		return bad(fmt.Sprintf("argon2 version %d", version))
	}
	var threads uint32
	if n, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &h.memory, &h.time, &threads); err != nil || n != 3 ||
		parts[3] != fmt.Sprintf("m=%d,t=%d,p=%d", h.memory, h.time, threads) {
		return bad("parameters")
	}
	if h.time < 1 || h.time > maxTime || threads < 1 || threads > 255 || h.memory < 8*threads || h.memory > maxMemory {
		return bad("parameters out of range")
	}
	h.threads = uint8(threads)
	var err error
	if h.salt, err = b64.Strict().DecodeString(parts[4]); err != nil || len(h.salt) < minSalt || len(h.salt) > maxSalt {
		return bad("salt")
	}
	if h.key, err = b64.Strict().DecodeString(parts[5]); err != nil || len(h.key) < minKey || len(h.key) > maxKey {
		return bad("key")
	}
	return h, nil
}

// passwordAlphabet leaves out characters easily mistaken for one another
// (0 O o, 1 l I) so that a generated password can be read out or copied by
// hand. 56 symbols: 20 of them carry about 116 bits.
const passwordAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// GeneratePassword returns a random 20-character password from an
// unambiguous alphabet, drawn from crypto/rand.
func GeneratePassword() string {
	const length = 20
	// Reject bytes at or above the largest multiple of the alphabet's size,
	// so every symbol is equally likely.
	limit := byte(256 - 256%len(passwordAlphabet))
	out := make([]byte, 0, length)
	buf := make([]byte, 2*length)
	for len(out) < length {
		_, _ = rand.Read(buf) // never fails (see Hash)
		for _, b := range buf {
			if b < limit && len(out) < length {
				out = append(out, passwordAlphabet[int(b)%len(passwordAlphabet)])
			}
		}
	}
	return string(out)
}

// Length limits of a chosen password, in characters.
const (
	MinPasswordLen = 12
	MaxPasswordLen = 256
)

// PasswordProblem returns why password cannot be used by the staff member
// with this email, in a sentence fit to show them, or "" when it is fine.
// Length is what matters most against guessing, so that is what is checked,
// with no rules about kinds of characters.
func PasswordProblem(password, email string) string {
	n := utf8.RuneCountInString(password)
	switch {
	case !utf8.ValidString(password) || strings.ContainsRune(password, 0):
		// No keyboard types these, and the sign-in form refuses them.
		return "The password has a character that cannot be typed. Choose another."
	case n < MinPasswordLen:
		return fmt.Sprintf("The password must be at least %d characters long.", MinPasswordLen)
	case n > MaxPasswordLen:
		return fmt.Sprintf("The password must be at most %d characters long.", MaxPasswordLen)
	case email != "" && strings.EqualFold(strings.TrimSpace(password), strings.TrimSpace(email)):
		return "The password must not be the same as the email address."
	}
	return ""
}
