package mail

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	netmail "net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// timeout bounds the dial and each stage of the SMTP conversation, so a
// stalled server cannot hold a queue worker for long.
const timeout = 10 * time.Second

// Default ports: submission with STARTTLS (RFC 6409) and submission over
// implicit TLS (RFC 8314).
const (
	defaultPortSTARTTLS = 587
	defaultPortTLS      = 465
)

// urlForm is the shape of a valid SMTP URL, quoted in error messages.
const urlForm = "smtp://[user:password@]host[:port][?tls=none|required] or smtps://[user:password@]host[:port]"

// server is an SMTP URL taken apart.
type server struct {
	host        string // without brackets, even for an IPv6 literal
	port        int
	implicitTLS bool // smtps: TLS from the first byte
	policy      gomail.TLSPolicy
}

// ParseURL validates an SMTP URL and returns it with the port filled in.
//
//	smtp://[user:password@]host[:port]   STARTTLS when the server offers it; port 587
//	smtp://host?tls=required             refuse to send unless STARTTLS succeeds
//	smtp://host:25?tls=none              never STARTTLS (a relay on the same host)
//	smtps://[user:password@]host[:port]  TLS from the start; port 465
//
// The user name and password are percent-decoded. Errors say what is wrong
// without repeating the URL, which may hold a password; the caller adds the
// variable name (SMTP_URL: ...).
func ParseURL(raw string) (*url.URL, error) {
	u, _, err := parseServer(raw)
	return u, err
}

func parseServer(raw string) (*url.URL, server, error) {
	var srv server
	if strings.TrimSpace(raw) == "" {
		return nil, srv, fmt.Errorf("empty; expected %s", urlForm)
	}
	u, err := url.Parse(raw)
	if err != nil {
		// A url.Error quotes the whole input, password included: keep only
		// the reason.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, srv, fmt.Errorf("not a valid URL (%v); expected %s", err, urlForm)
	}

	switch u.Scheme {
	case "smtp":
	case "smtps":
		srv.implicitTLS = true
	case "":
		return nil, srv, fmt.Errorf("no scheme; expected %s", urlForm)
	default:
		return nil, srv, fmt.Errorf("scheme must be smtp or smtps, not %q", u.Scheme)
	}
	if u.Opaque != "" {
		return nil, srv, fmt.Errorf("missing // after %s:; expected %s", u.Scheme, urlForm)
	}
	srv.host = u.Hostname()
	if srv.host == "" {
		return nil, srv, fmt.Errorf("no host; expected %s", urlForm)
	}
	if u.User != nil && u.User.Username() == "" {
		return nil, srv, errors.New("a password is given without a user name")
	}
	if u.Path != "" && u.Path != "/" {
		return nil, srv, fmt.Errorf("unexpected path %q; an SMTP URL ends after host[:port]", u.Path)
	}
	if u.Fragment != "" {
		return nil, srv, errors.New("unexpected #fragment")
	}

	switch p := u.Port(); {
	case p == "" && srv.implicitTLS:
		srv.port = defaultPortTLS
	case p == "":
		srv.port = defaultPortSTARTTLS
	default:
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return nil, srv, fmt.Errorf("port %q is not a number from 1 to 65535", p)
		}
		srv.port = n
	}

	query, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return nil, srv, fmt.Errorf("query %q is malformed: %v", u.RawQuery, err)
	}
	for name := range query {
		if name != "tls" {
			return nil, srv, fmt.Errorf("unknown parameter %q; the only one is tls (none or required)", name)
		}
	}
	if len(query["tls"]) > 1 {
		return nil, srv, errors.New("tls is given more than once")
	}
	tlsMode := strings.ToLower(query.Get("tls"))
	switch {
	case srv.implicitTLS && (tlsMode == "" || tlsMode == "required"):
		// smtps always encrypts; "required" just says so.
	case srv.implicitTLS:
		return nil, srv, fmt.Errorf("tls=%s contradicts smtps, which always uses TLS; use smtp:// for a plain connection", tlsMode)
	case tlsMode == "":
		srv.policy = gomail.TLSOpportunistic
	case tlsMode == "required":
		srv.policy = gomail.TLSMandatory
	case tlsMode == "none":
		srv.policy = gomail.NoTLS
	default:
		return nil, srv, fmt.Errorf("tls=%q is not none or required (leave it out to use STARTTLS when offered)", query.Get("tls"))
	}

	normal := *u
	normal.Host = net.JoinHostPort(srv.host, strconv.Itoa(srv.port))
	normal.Path = ""
	return &normal, srv, nil
}

// SMTP sends each message over its own connection to one SMTP server. It is
// safe for concurrent use.
//
// A new connection per message keeps failure handling simple: a broken or
// idle-closed connection can never take the next message down with it. The
// queue's volume (transactional mail, one newsletter a day) does not justify
// pooling.
type SMTP struct {
	client *gomail.Client
	from   *netmail.Address
	domain string // of the From address, for Message-IDs
	server string // scheme://host:port, without credentials, for errors
}

var _ Sender = (*SMTP)(nil)

// NewSMTP returns a Sender for a URL that ParseURL accepts. from is the From
// address, with an optional display name: `Campaign <no-reply@example.org>`.
func NewSMTP(rawURL, from string) (*SMTP, error) {
	u, srv, err := parseServer(rawURL)
	if err != nil {
		return nil, fmt.Errorf("mail: SMTP URL: %w", err)
	}
	sender, err := netmail.ParseAddress(from)
	if err != nil {
		return nil, fmt.Errorf("mail: from address %q: %w", from, err)
	}

	opts := []gomail.Option{
		gomail.WithPort(srv.port),
		gomail.WithTimeout(timeout),
		// go-mail would otherwise name the TLS server after its host
		// argument, which carries brackets for an IPv6 literal (below).
		gomail.WithTLSConfig(&tls.Config{ServerName: srv.host, MinVersion: tls.VersionTLS12}),
	}
	if srv.implicitTLS {
		opts = append(opts, gomail.WithSSL())
	} else {
		opts = append(opts, gomail.WithTLSPolicy(srv.policy))
	}
	if u.User != nil {
		password, _ := u.User.Password()
		// Auto-discovery picks the strongest mechanism the server offers and
		// never sends PLAIN or LOGIN over an unencrypted connection.
		opts = append(opts,
			gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(u.User.Username()),
			gomail.WithPassword(password),
		)
	}
	// go-mail joins host and port with a bare colon, so an IPv6 literal
	// needs its brackets here.
	host := srv.host
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	client, err := gomail.NewClient(host, opts...)
	if err != nil {
		return nil, fmt.Errorf("mail: SMTP client for %s: %w", u.Host, err)
	}
	return &SMTP{
		client: client,
		from:   sender,
		domain: sender.Address[strings.LastIndexByte(sender.Address, '@')+1:],
		server: u.Scheme + "://" + u.Host,
	}, nil
}

// Send delivers m, or returns why it could not. A message the server
// refused with a 5xx reply, or one that cannot be written at all (a bad
// address, a header with a line break), gives an error IsPermanent reports.
// Send returns when ctx is done, closing the connection if need be.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	msg, err := s.compose(m)
	if err != nil {
		return Permanent(fmt.Errorf("mail: message to %s: %w", m.To, err))
	}

	conn, err := s.client.DialToSMTPClientWithContext(ctx)
	if err != nil {
		if ctx.Err() != nil {
			err = errors.Join(ctx.Err(), err)
		}
		return fmt.Errorf("mail: connect to %s: %w", s.server, err)
	}
	// go-mail bounds each stage by the timeout but stops watching ctx once
	// connected; closing the connection when ctx ends makes Send give up
	// promptly, on shutdown for example.
	stop := context.AfterFunc(ctx, func() { _ = conn.Close() })
	sendErr := s.client.SendWithSMTPClient(conn, msg)
	cancelled := !stop()
	_ = s.client.CloseWithSMTPClient(conn) // QUIT
	_ = conn.Close()                       // in case QUIT failed and left it open

	switch {
	case msg.IsDelivered():
		// The server took responsibility for the message. A failure of
		// the RSET or QUIT after that must not make the queue send it twice.
		return nil
	case cancelled:
		return fmt.Errorf("mail: send to %s: %w", m.To, errors.Join(ctx.Err(), sendErr))
	case sendErr == nil:
		return fmt.Errorf("mail: send to %s: not delivered, and go-mail gave no reason", m.To)
	case isRefusal(sendErr):
		return Permanent(fmt.Errorf("mail: send to %s: refused: %w", m.To, sendErr))
	default:
		return fmt.Errorf("mail: send to %s: %w", m.To, sendErr)
	}
}

// isRefusal reports whether the server answered a command of the mail
// transaction (MAIL, RCPT, DATA) with a 5xx reply. SendError.IsTemp alone is
// not enough: it is also false for a dropped connection or a timeout, which
// are worth retrying.
func isRefusal(err error) bool {
	var se *gomail.SendError
	return errors.As(err, &se) && se.ErrorCode() >= 500 && se.ErrorCode() <= 599
}

// compose builds the wire message: text/plain in UTF-8, quoted-printable,
// the subject and names RFC 2047-encoded when they are not ASCII.
func (s *SMTP) compose(m Message) (*gomail.Msg, error) {
	to, err := netmail.ParseAddress(m.To)
	if err != nil {
		return nil, fmt.Errorf("recipient %q: %w", m.To, err)
	}
	if to.Name != "" {
		return nil, fmt.Errorf("recipient %q has a display name; put it in ToName", m.To)
	}
	if err := checkHeaders(m.Headers); err != nil {
		return nil, err
	}
	id := m.ID
	if id == "" {
		id = rand.Text()
	} else if err := checkID(id); err != nil {
		return nil, err
	}

	msg := gomail.NewMsg(
		gomail.WithCharset(gomail.CharsetUTF8),
		gomail.WithEncoding(gomail.EncodingQP),
		gomail.WithNoDefaultUserAgent(), // no need to advertise the library and its version
	)
	msg.FromMailAddress(s.from)
	msg.ToMailAddress(&netmail.Address{Name: m.ToName, Address: to.Address})
	msg.Subject(m.Subject)
	msg.SetDate()
	msg.SetMessageIDWithValue(id + "@" + s.domain)
	// RFC 3834: tells auto-responders (out-of-office) not to reply.
	msg.SetGenHeader("Auto-Submitted", "auto-generated")
	for _, name := range sortedKeys(m.Headers) {
		msg.SetGenHeader(gomail.Header(name), m.Headers[name])
	}
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	return msg, nil
}
