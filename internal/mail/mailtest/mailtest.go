package mailtest

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// Received is one message as the server received it.
type Received struct {
	From    string      // envelope sender (MAIL FROM)
	To      []string    // envelope recipients (RCPT TO)
	Header  mail.Header // the message's header fields, as sent
	Subject string      // the Subject header, RFC 2047 decoded
	// Body is the text body with its transfer encoding (quoted-printable or
	// base64) undone and line endings turned into \n. Multipart messages are
	// not taken apart: Body is then the raw body.
	Body string
	Raw  []byte // the message exactly as sent after DATA
}

// Server is an SMTP server listening on a loopback port, without TLS or
// authentication. It accepts every message unless told to refuse some with
// FailNext.
type Server struct {
	smtp *smtp.Server
	addr string

	mu       sync.Mutex
	messages []Received
	arrived  chan struct{} // closed and replaced whenever a message arrives
	failLeft int
	failPerm bool
}

// NewServer starts a server on 127.0.0.1 and a free port. It is closed
// when the test ends.
func NewServer(t testing.TB) *Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("mailtest: listen: %v", err)
	}
	s := &Server{addr: ln.Addr().String(), arrived: make(chan struct{})}
	logs := &testLog{t: t}

	s.smtp = smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) {
		return &session{server: s}, nil
	}))
	s.smtp.Domain = "mailtest.localhost"
	s.smtp.ReadTimeout = 10 * time.Second
	s.smtp.WriteTimeout = 10 * time.Second
	s.smtp.MaxMessageBytes = 10 << 20
	s.smtp.ErrorLog = logs

	served := make(chan struct{})
	go func() {
		defer close(served)
		_ = s.smtp.Serve(ln) // returns smtp.ErrServerClosed at cleanup
	}()
	t.Cleanup(func() {
		logs.stop()
		_ = s.smtp.Close()
		// Close only closes the listeners Serve has registered; if the test
		// ended before the goroutine got that far, this stops it.
		_ = ln.Close()
		<-served
	})
	return s
}

// URL is the server's address as an SMTP URL for mail.NewSMTP.
func (s *Server) URL() string {
	return "smtp://" + s.addr + "?tls=none"
}

// Messages returns the messages received so far, oldest first.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.messages...)
}

// Wait returns the messages received once there are at least n, or fails
// the test if fewer than n have arrived within timeout. Call it from the
// test's goroutine.
func (s *Server) Wait(t testing.TB, n int, timeout time.Duration) []Received {
	t.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		got, arrived := len(s.messages), s.arrived
		if got >= n {
			messages := append([]Received(nil), s.messages...)
			s.mu.Unlock()
			return messages
		}
		s.mu.Unlock()

		select {
		case <-arrived:
		case <-deadline.C:
			t.Fatalf("mailtest: %d of %d messages arrived within %s", got, n, timeout)
			return nil
		}
	}
}

// FailNext makes the server refuse the next n messages at the end of DATA:
// with 451 (try again later) or, when permanent, with 550. A refused
// message is not recorded.
func (s *Server) FailNext(n int, permanent bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failLeft, s.failPerm = n, permanent
}

// refusal returns the error for the next message to refuse, or nil.
func (s *Server) refusal() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failLeft <= 0 {
		return nil
	}
	s.failLeft--
	if s.failPerm {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 7, 1}, Message: "mailtest: message refused, as the test asked"}
	}
	return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "mailtest: try again later, as the test asked"}
}

func (s *Server) record(r Received) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.messages = append(s.messages, r)
	close(s.arrived)
	s.arrived = make(chan struct{})
}

// session is one SMTP connection's transaction state.
type session struct {
	server *Server
	from   string
	to     []string
}

func (ss *session) Mail(from string, _ *smtp.MailOptions) error {
	ss.from = from
	return nil
}

func (ss *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.to = append(ss.to, to)
	return nil
}

func (ss *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if err := ss.server.refusal(); err != nil {
		return err
	}
	received, err := parse(raw)
	if err != nil {
		// Refusing makes a malformed message fail the sending test loudly.
		return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 6, 0}, Message: "mailtest: " + err.Error()}
	}
	received.From = ss.from
	received.To = append([]string(nil), ss.to...)
	ss.server.record(received)
	return nil
}

func (ss *session) Reset() {
	ss.from, ss.to = "", nil
}

func (ss *session) Logout() error { return nil }

// parse decodes the parts of a message a test asserts on.
func parse(raw []byte) (Received, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return Received{}, fmt.Errorf("read message: %w", err)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		return Received{}, fmt.Errorf("decode subject: %w", err)
	}
	var body io.Reader = msg.Body
	switch strings.ToLower(strings.TrimSpace(msg.Header.Get("Content-Transfer-Encoding"))) {
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, body) // skips line breaks itself
	}
	text, err := io.ReadAll(body)
	if err != nil {
		return Received{}, fmt.Errorf("decode body: %w", err)
	}
	return Received{
		Header:  msg.Header,
		Subject: subject,
		Body:    strings.ReplaceAll(string(text), "\r\n", "\n"),
		Raw:     raw,
	}, nil
}

// testLog sends the SMTP server's error log to the test log until the test
// ends; logging to a finished test would panic.
type testLog struct {
	mu   sync.Mutex
	t    testing.TB
	done bool
}

func (l *testLog) Printf(format string, v ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.done {
		l.t.Logf("mailtest server: "+format, v...)
	}
}

func (l *testLog) Println(v ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.done {
		l.t.Log(append([]any{"mailtest server:"}, v...)...)
	}
}

func (l *testLog) stop() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.done = true
}
