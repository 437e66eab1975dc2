package links

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/store"
)

// Signer signs and verifies with one site key, named for what it signs
// ("signatory-links", "subscriber-links", "forms").
type Signer struct {
	name string
	keys *store.KeyCache
}

// NewSigner returns the signer with the site key called name, read from
// pool on first use (and made then if it is new).
func NewSigner(pool *pgxpool.Pool, name string) *Signer {
	return &Signer{name: name, keys: store.NewKeyCache(pool, name)}
}

// Load reads the key now. A service calls it before a transaction that
// will sign: loading it inside would take a second pooled connection
// while holding one, and simultaneous requests could then wait on each
// other for ever once the pool is taken.
func (s *Signer) Load(ctx context.Context) error {
	_, err := s.key(ctx)
	return err
}

func (s *Signer) key(ctx context.Context) ([]byte, error) {
	key, err := s.keys.Get(ctx)
	if err != nil {
		return nil, fmt.Errorf("links: key %s: %w", s.name, err)
	}
	return key, nil
}

// linkMAC is the signature of message as links carry it: the first 32
// characters of its base64url HMAC-SHA256 (192 bits), short enough for a
// link in a plain-text email. Links already in mailboxes carry it: its
// form may never change.
func linkMAC(key []byte, message string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(message))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))[:32]
}

// formMAC is the signature of parts as forms carry it: the whole
// base64url HMAC-SHA256 of the parts joined by NUL (so no two lists of
// parts sign alike).
func formMAC(key []byte, parts ...string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(strings.Join(parts, "\x00")))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// SignLink is the signature a link for message carries (a withdraw or
// preferences link: it never expires, so that an organisation or a
// subscriber can always leave).
func (s *Signer) SignLink(ctx context.Context, message string) (string, error) {
	key, err := s.key(ctx)
	if err != nil {
		return "", err
	}
	return linkMAC(key, message), nil
}

// VerifyLink reports whether mac is the signature of a link for message.
func (s *Signer) VerifyLink(ctx context.Context, message, mac string) (bool, error) {
	want, err := s.SignLink(ctx, message)
	if err != nil {
		return false, err
	}
	return hmac.Equal([]byte(mac), []byte(want)), nil
}

// Sealed is the secret of a link for message as an email in the outbox
// holds it: signed only when the email is sent (Fill).
func (s *Signer) Sealed(message string) store.LinkSecret {
	return store.LinkSecret{Key: s.name, Message: message}
}

// Sign is the signature of parts, for a form (a stamp, a logo reference).
func (s *Signer) Sign(ctx context.Context, parts ...string) (string, error) {
	key, err := s.key(ctx)
	if err != nil {
		return "", err
	}
	return formMAC(key, parts...), nil
}

// Verify reports whether mac is the signature of parts; an error when
// the key could not be read.
func (s *Signer) Verify(ctx context.Context, mac string, parts ...string) (bool, error) {
	want, err := s.Sign(ctx, parts...)
	if err != nil {
		return false, err
	}
	return hmac.Equal([]byte(mac), []byte(want)), nil
}

// newToken makes a one-time link token that only the send step can
// write into an email: the token, whose hash is stored, and the secret
// that names it in the outbox. The token is the signature of a random
// nonce, so it is as unguessable as a random token, and can be made
// again from the nonce by whoever holds the key, and nobody else.
func newToken(name string, key []byte) (token string, secret store.LinkSecret) {
	nonce := make([]byte, 16)
	rand.Read(nonce)
	secret = store.LinkSecret{Key: name, Message: "token:" + base64.RawURLEncoding.EncodeToString(nonce)}
	return linkMAC(key, secret.Message), secret
}

// Issue makes owner a one-time link token for purpose that works for ttl,
// stored through st (the caller's transaction) in place of any earlier
// one of the owner's for purpose, and returns the secret that stands for
// it in the email.
func (s *Signer) Issue(ctx context.Context, st *store.Store, owner store.TokenOwner, purpose string, ttl time.Duration) (store.LinkSecret, error) {
	key, err := s.key(ctx)
	if err != nil {
		return store.LinkSecret{}, err
	}
	token, secret := newToken(s.name, key)
	return secret, st.CreateLinkToken(ctx, owner, purpose, token, ttl)
}

// Fill returns e as it is sent: every placeholder in its body and headers
// replaced by the signature of the secret it stands for, with the site
// key the secret names. A placeholder naming no secret of e (typed by a
// visitor, say) stays as it is.
func Fill(ctx context.Context, st *store.Store, e store.Email) (store.Email, error) {
	if len(e.Secrets) == 0 {
		return e, nil
	}
	values := make([]string, len(e.Secrets))
	for i, sec := range e.Secrets {
		key, err := st.SiteKey(ctx, sec.Key)
		if err != nil {
			return store.Email{}, fmt.Errorf("links: email %d secret %d: %w", e.ID, i, err)
		}
		values[i] = linkMAC(key, sec.Message)
	}
	e.Body = store.FillPlaceholders(e.Body, values)
	headers := make(map[string]string, len(e.Headers))
	for k, v := range e.Headers {
		headers[k] = store.FillPlaceholders(v, values)
	}
	e.Headers = headers
	return e, nil
}
