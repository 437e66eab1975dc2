package mail

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	netmail "net/mail"
	"slices"
	"strings"
)

// Message is one email to one recipient, in plain text (UTF-8).
type Message struct {
	To      string            // the recipient's address only, e.g. ana@example.org
	ToName  string            // optional display name for the recipient
	Subject string            // any UTF-8; encoded for the wire by the Sender
	Text    string            // the body, plain text
	Headers map[string]string // extra headers, e.g. List-Unsubscribe, List-Unsubscribe-Post
	// ID, when set, makes the Message-ID stable (<ID@from-domain>), so a
	// message retried by the queue is recognisably the same message to the
	// receiving servers. Letters, digits, dots and the other characters RFC
	// 5322 allows in a dot-atom.
	ID string
}

// Sender delivers one message. An error means "not delivered, may retry";
// an error for which IsPermanent reports true means retrying cannot help
// (the server refused the message or the recipient with a 5xx reply, or the
// message itself is malformed).
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// Permanent marks err as not worth retrying. Permanent(nil) is nil.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return &permanentError{err: err}
}

// IsPermanent reports whether err, or any error it wraps, was marked with
// Permanent. Everything else, including a nil error, is not permanent.
func IsPermanent(err error) bool {
	var p *permanentError
	return errors.As(err, &p)
}

type permanentError struct{ err error }

func (e *permanentError) Error() string { return e.err.Error() }
func (e *permanentError) Unwrap() error { return e.err }

// Log is the Sender used when no SMTP server is configured (development):
// it writes each message to the logger at info level, so the link in a
// confirmation email can be copied from the terminal, and reports success.
type Log struct {
	// Logger receives the messages; nil means slog.Default().
	Logger *slog.Logger
}

var _ Sender = Log{}

// Send logs m and returns nil.
func (l Log) Send(ctx context.Context, m Message) error {
	logger := l.Logger
	if logger == nil {
		logger = slog.Default()
	}
	attrs := []slog.Attr{
		slog.String("to", m.To),
		slog.String("subject", m.Subject),
	}
	if m.ToName != "" {
		attrs = append(attrs, slog.String("to_name", m.ToName))
	}
	if m.ID != "" {
		attrs = append(attrs, slog.String("id", m.ID))
	}
	if len(m.Headers) > 0 {
		headers := make([]any, 0, len(m.Headers))
		for _, name := range sortedKeys(m.Headers) {
			headers = append(headers, slog.String(name, m.Headers[name]))
		}
		attrs = append(attrs, slog.Group("headers", headers...))
	}
	attrs = append(attrs, slog.String("body", m.Text))
	logger.LogAttrs(ctx, slog.LevelInfo, "mail: not sent (no SMTP_URL), logged instead", attrs...)
	return nil
}

// reservedHeaders are set by the Sender itself; letting Message.Headers
// override them would produce duplicate or contradictory fields.
var reservedHeaders = []string{
	"From", "Sender", "To", "Cc", "Bcc", "Reply-To", "Subject", "Date",
	"Message-ID", "MIME-Version", "Content-Type", "Content-Transfer-Encoding",
	"Auto-Submitted",
}

// checkHeaders refuses extra headers that would break the message: names
// that are not RFC 5322 field names, names the Sender sets itself, and
// values with line breaks (which would let a value inject headers).
func checkHeaders(headers map[string]string) error {
	for name, value := range headers {
		if name == "" {
			return errors.New("extra header with an empty name")
		}
		for _, c := range []byte(name) {
			if c < 33 || c > 126 || c == ':' {
				return fmt.Errorf("extra header name %q is not a valid field name", name)
			}
		}
		for _, r := range reservedHeaders {
			if strings.EqualFold(name, r) {
				return fmt.Errorf("extra header %q is set by the sender and cannot be overridden", name)
			}
		}
		if strings.ContainsAny(value, "\r\n\x00") {
			return fmt.Errorf("extra header %q has a line break or NUL in its value", name)
		}
	}
	return nil
}

// checkID accepts IDs that make a valid Message-ID left part: a dot-atom
// (RFC 5322 section 3.2.3), without leading, trailing or doubled dots.
func checkID(id string) error {
	if len(id) > 200 {
		return fmt.Errorf("message ID is %d bytes long, more than 200", len(id))
	}
	if strings.HasPrefix(id, ".") || strings.HasSuffix(id, ".") || strings.Contains(id, "..") {
		return fmt.Errorf("message ID %q has a leading, trailing or doubled dot", id)
	}
	for _, c := range []byte(id) {
		isAtext := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			strings.IndexByte("!#$%&'*+-/=?^_`{|}~.", c) >= 0
		if !isAtext {
			return fmt.Errorf("message ID %q has the character %q, not allowed in a Message-ID", id, c)
		}
	}
	return nil
}

// sortedKeys gives a fixed order, so the wire format and the logs are
// reproducible.
func sortedKeys(m map[string]string) []string {
	return slices.Sorted(maps.Keys(m))
}

// ValidAddress reports whether s is an address the site accepts from a
// form: a bare address (no display name, nothing quoted) whose domain has
// a dot.
func ValidAddress(s string) bool {
	a, err := netmail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" || strings.ContainsAny(s, " \"()<>[],;:\\") {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	domain := s[at+1:]
	return at > 0 && strings.Contains(domain, ".") && !strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}
