package mail_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"mime"
	"net"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sswalliance/advocacy/internal/mail"
	"github.com/sswalliance/advocacy/internal/mail/mailtest"
)

const wait = 5 * time.Second

func newSender(t *testing.T, url string) *mail.SMTP {
	t.Helper()
	s, err := mail.NewSMTP(url, "Campaña SSW <no-reply@example.org>")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSMTPSend(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := mailtest.NewServer(t)
	sender := newSender(t, srv.URL())

	// Longer than a quoted-printable line (76), with '=' that QP must escape.
	link := "https://advocacy.example.org/es/firmar/confirmar?token=Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5d2FsZG8&lang=es"
	body := "Hola, Ana:\n\nGracias por firmar. Confirme su firma aquí:\n" + link + "\n\nSi no fue usted, ignore este mensaje.\n"
	m := mail.Message{
		To:      "ana@example.org",
		ToName:  "Ana Díaz",
		Subject: "Confirmación de su firma",
		Text:    body,
		Headers: map[string]string{
			"List-Unsubscribe":      "<https://advocacy.example.org/unsubscribe/abc123>",
			"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
		},
		ID: "signatory-42.confirm",
	}
	if err := sender.Send(ctx, m); err != nil {
		t.Fatalf("Send: %v", err)
	}
	got := srv.Wait(t, 1, wait)[0]

	if got.From != "no-reply@example.org" {
		t.Errorf("envelope from = %q", got.From)
	}
	if !slices.Equal(got.To, []string{"ana@example.org"}) {
		t.Errorf("envelope to = %q", got.To)
	}
	from, err := got.Header.AddressList("From")
	if err != nil || len(from) != 1 || from[0].Name != "Campaña SSW" || from[0].Address != "no-reply@example.org" {
		t.Errorf("From header = %q (%v), want Campaña SSW <no-reply@example.org>", got.Header.Get("From"), err)
	}
	to, err := got.Header.AddressList("To")
	if err != nil || len(to) != 1 || to[0].Name != "Ana Díaz" || to[0].Address != "ana@example.org" {
		t.Errorf("To header = %q (%v), want Ana Díaz <ana@example.org>", got.Header.Get("To"), err)
	}
	if got.Subject != m.Subject {
		t.Errorf("decoded subject = %q, want %q", got.Subject, m.Subject)
	}
	if got.Body != body {
		t.Errorf("decoded body =\n%q\nwant\n%q", got.Body, body)
	}
	if !strings.Contains(got.Body, "\n"+link+"\n") {
		t.Errorf("the link did not survive encoding on a line of its own:\n%s", got.Body)
	}
	if bytes.Contains(got.Raw, []byte(link)) {
		t.Error("the link went out unencoded; this test would not notice a broken quoted-printable decode")
	}
	for i, b := range got.Raw {
		if b > 127 {
			t.Fatalf("raw message has a non-ASCII byte at %d; subject, names and body should all be encoded", i)
		}
	}

	mediaType, params, err := mime.ParseMediaType(got.Header.Get("Content-Type"))
	if err != nil || mediaType != "text/plain" || !strings.EqualFold(params["charset"], "utf-8") {
		t.Errorf("Content-Type = %q, want text/plain; charset=utf-8", got.Header.Get("Content-Type"))
	}
	wantHeaders := map[string]string{
		"Content-Transfer-Encoding": "quoted-printable",
		"Auto-Submitted":            "auto-generated",
		"Message-Id":                "<signatory-42.confirm@example.org>",
		"List-Unsubscribe":          "<https://advocacy.example.org/unsubscribe/abc123>",
		"List-Unsubscribe-Post":     "List-Unsubscribe=One-Click",
		"Mime-Version":              "1.0",
		"User-Agent":                "",
		"X-Mailer":                  "",
	}
	for name, want := range wantHeaders {
		if v := got.Header.Get(name); v != want {
			t.Errorf("%s = %q, want %q", name, v, want)
		}
	}
	date, err := got.Header.Date()
	if err != nil || time.Since(date).Abs() > time.Minute {
		t.Errorf("Date = %q (%v), want about now", got.Header.Get("Date"), err)
	}

	// A retry of the same message keeps its Message-ID.
	if err := sender.Send(ctx, m); err != nil {
		t.Fatalf("Send again: %v", err)
	}
	again := srv.Wait(t, 2, wait)[1]
	if a, b := got.Header.Get("Message-Id"), again.Header.Get("Message-Id"); a != b {
		t.Errorf("Message-ID changed between sends of the same ID: %q, then %q", a, b)
	}

	// Without an ID, each send gets its own Message-ID at the From domain.
	m.ID = ""
	for range 2 {
		if err := sender.Send(ctx, m); err != nil {
			t.Fatalf("Send without ID: %v", err)
		}
	}
	all := srv.Wait(t, 4, wait)
	a, b := all[2].Header.Get("Message-Id"), all[3].Header.Get("Message-Id")
	if a == b || !strings.HasSuffix(a, "@example.org>") || !strings.HasPrefix(a, "<") {
		t.Errorf("Message-IDs without an ID: %q and %q, want two different <...@example.org>", a, b)
	}
}

func TestSMTPRefusals(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := mailtest.NewServer(t)
	sender := newSender(t, srv.URL())
	m := mail.Message{To: "bo@example.org", Subject: "Approved", Text: "Your story is live."}

	srv.FailNext(1, false)
	err := sender.Send(ctx, m)
	if err == nil || mail.IsPermanent(err) {
		t.Fatalf("after a 451: err = %v, permanent = %t; want a temporary error", err, mail.IsPermanent(err))
	}
	if err := sender.Send(ctx, m); err != nil {
		t.Fatalf("the retry after a 451 failed: %v", err)
	}

	srv.FailNext(1, true)
	err = sender.Send(ctx, m)
	if err == nil || !mail.IsPermanent(err) {
		t.Fatalf("after a 550: err = %v, permanent = %t; want a permanent error", err, mail.IsPermanent(err))
	}
	if n := len(srv.Messages()); n != 1 {
		t.Errorf("server kept %d messages, want 1 (the retry)", n)
	}
}

// SMTP promises to be safe for concurrent use: queue workers share one.
func TestSMTPConcurrent(t *testing.T) {
	t.Parallel()
	srv := mailtest.NewServer(t)
	sender := newSender(t, srv.URL())
	const n = 8
	errs := make(chan error, n)
	for i := range n {
		go func() {
			errs <- sender.Send(context.Background(), mail.Message{
				To: "bo@example.org", Subject: "Newsletter", Text: "Edition", ID: "edition-1.to-" + strconv.Itoa(i)})
		}()
	}
	for range n {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	ids := map[string]bool{}
	for _, r := range srv.Wait(t, n, wait) {
		ids[r.Header.Get("Message-Id")] = true
	}
	if len(ids) != n {
		t.Errorf("%d distinct Message-IDs among %d messages", len(ids), n)
	}
}

func TestSMTPUnreachable(t *testing.T) {
	t.Parallel()
	// A port that was free a moment ago: the connection is refused.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()

	sender := newSender(t, "smtp://"+addr+"?tls=none")
	err = sender.Send(context.Background(), mail.Message{To: "bo@example.org", Subject: "s", Text: "t"})
	if err == nil || mail.IsPermanent(err) {
		t.Fatalf("err = %v, permanent = %t; an unreachable server is worth retrying", err, mail.IsPermanent(err))
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	srv := mailtest.NewServer(t)
	err = newSender(t, srv.URL()).Send(ctx, mail.Message{To: "bo@example.org", Subject: "s", Text: "t"})
	if !errors.Is(err, context.Canceled) || mail.IsPermanent(err) {
		t.Errorf("with a cancelled context: err = %v, want context.Canceled, not permanent", err)
	}
}

func TestSMTPMalformedMessage(t *testing.T) {
	t.Parallel()
	srv := mailtest.NewServer(t)
	sender := newSender(t, srv.URL())
	ok := mail.Message{To: "bo@example.org", Subject: "s", Text: "t"}
	tests := map[string]func(m *mail.Message){
		"bad address":           func(m *mail.Message) { m.To = "not an address" },
		"name in address":       func(m *mail.Message) { m.To = "Bo <bo@example.org>" },
		"header injection":      func(m *mail.Message) { m.Headers = map[string]string{"X-Campaign": "a\r\nBcc: eve@example.org"} },
		"reserved header":       func(m *mail.Message) { m.Headers = map[string]string{"bcc": "eve@example.org"} },
		"bad header name":       func(m *mail.Message) { m.Headers = map[string]string{"X Campaign": "a"} },
		"ID with a space":       func(m *mail.Message) { m.ID = "signatory 42" },
		"ID with an at sign":    func(m *mail.Message) { m.ID = "42@elsewhere.org" },
		"ID with a double dot":  func(m *mail.Message) { m.ID = "a..b" },
		"ID with a leading dot": func(m *mail.Message) { m.ID = ".a" },
	}
	for name, spoil := range tests {
		t.Run(name, func(t *testing.T) {
			m := ok
			spoil(&m)
			err := sender.Send(context.Background(), m)
			if err == nil || !mail.IsPermanent(err) {
				t.Errorf("err = %v, permanent = %t; want a permanent error", err, mail.IsPermanent(err))
			}
		})
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("%d malformed messages reached the server", n)
	}
}

func TestNewSMTP(t *testing.T) {
	t.Parallel()
	if _, err := mail.NewSMTP("smtp://mail.example.org", "no-reply"); err == nil {
		t.Error("a From without a domain was accepted")
	}
	if _, err := mail.NewSMTP("http://mail.example.org", "no-reply@example.org"); err == nil {
		t.Error("an http URL was accepted")
	}
	for _, url := range []string{
		"smtp://user:secret@mail.example.org?tls=required",
		"smtps://mail.example.org",
		"smtp://[::1]:2525?tls=none",
	} {
		if _, err := mail.NewSMTP(url, "Campaign <no-reply@example.org>"); err != nil {
			t.Errorf("NewSMTP(%q): %v", url, err)
		}
	}
}

func TestParseURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		raw      string
		wantHost string // the normalised host:port; "" means an error is expected
		wantErr  string // part of the error message
	}{
		{raw: "smtp://mail.example.org", wantHost: "mail.example.org:587"},
		{raw: "smtps://mail.example.org", wantHost: "mail.example.org:465"},
		{raw: "smtps://mail.example.org?tls=required", wantHost: "mail.example.org:465"},
		{raw: "smtp://user:p%40ss@mail.example.org:2525?tls=required", wantHost: "mail.example.org:2525"},
		{raw: "smtp://127.0.0.1:25?tls=none", wantHost: "127.0.0.1:25"},
		{raw: "SMTP://mail.example.org/?tls=NONE", wantHost: "mail.example.org:587"},
		{raw: "smtp://[::1]", wantHost: "[::1]:587"},

		{raw: "", wantErr: "empty"},
		{raw: "http://mail.example.org", wantErr: `scheme must be smtp or smtps, not "http"`},
		{raw: "mail.example.org", wantErr: "no scheme"},
		{raw: "mail.example.org:587", wantErr: "scheme"},
		{raw: "smtp:mail.example.org", wantErr: "missing //"},
		{raw: "smtp://", wantErr: "no host"},
		{raw: "smtp://user:secret@:25", wantErr: "no host"},
		{raw: "smtp://:secret@mail.example.org", wantErr: "without a user name"},
		{raw: "smtp://mail.example.org:0", wantErr: "port"},
		{raw: "smtp://mail.example.org:70000", wantErr: "port"},
		{raw: "smtp://user:secret@mail.example.org:abc", wantErr: "not a valid URL"},
		{raw: "smtp://mail.example.org/relay", wantErr: "path"},
		{raw: "smtp://mail.example.org#x", wantErr: "fragment"},
		{raw: "smtp://mail.example.org?tls=maybe", wantErr: `tls="maybe" is not none or required`},
		{raw: "smtp://mail.example.org?tls=none&tls=required", wantErr: "more than once"},
		{raw: "smtp://mail.example.org?starttls=1", wantErr: `unknown parameter "starttls"`},
		{raw: "smtps://user:secret@mail.example.org?tls=none", wantErr: "contradicts smtps"},
	}
	for _, tt := range tests {
		u, err := mail.ParseURL(tt.raw)
		if tt.wantHost != "" {
			if err != nil {
				t.Errorf("ParseURL(%q): %v", tt.raw, err)
			} else if u.Host != tt.wantHost {
				t.Errorf("ParseURL(%q).Host = %q, want %q", tt.raw, u.Host, tt.wantHost)
			}
			continue
		}
		switch {
		case err == nil:
			t.Errorf("ParseURL(%q) accepted it; want an error containing %q", tt.raw, tt.wantErr)
		case !strings.Contains(err.Error(), tt.wantErr):
			t.Errorf("ParseURL(%q) = %q, want it to contain %q", tt.raw, err, tt.wantErr)
		case strings.Contains(err.Error(), "secret"):
			t.Errorf("ParseURL(%q) error shows the password: %q", tt.raw, err)
		}
	}

	u, err := mail.ParseURL("smtp://user:p%40ss@mail.example.org")
	if err != nil {
		t.Fatal(err)
	}
	if pass, _ := u.User.Password(); u.User.Username() != "user" || pass != "p@ss" {
		t.Errorf("credentials = %q, %q; want user, p@ss", u.User.Username(), pass)
	}
}

func TestLog(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	sender := mail.Log{Logger: slog.New(slog.NewJSONHandler(&buf, nil))}
	m := mail.Message{
		To:      "ana@example.org",
		Subject: "Confirmación",
		Text:    "Confirme aquí: https://advocacy.example.org/confirm/abc",
		Headers: map[string]string{"List-Unsubscribe": "<https://advocacy.example.org/u/abc>"},
		ID:      "signatory-42",
	}
	if err := sender.Send(context.Background(), m); err != nil {
		t.Fatalf("Send: %v", err)
	}
	var entry struct {
		Level   string            `json:"level"`
		To      string            `json:"to"`
		Subject string            `json:"subject"`
		Body    string            `json:"body"`
		ID      string            `json:"id"`
		Headers map[string]string `json:"headers"`
	}
	dec := json.NewDecoder(&buf)
	if err := dec.Decode(&entry); err != nil {
		t.Fatalf("log output is not one JSON record: %v", err)
	}
	if entry.Level != "INFO" || entry.To != m.To || entry.Subject != m.Subject || entry.Body != m.Text ||
		entry.ID != m.ID || entry.Headers["List-Unsubscribe"] != m.Headers["List-Unsubscribe"] {
		t.Errorf("logged %+v, want the message at INFO", entry)
	}
	if err := dec.Decode(&entry); err != io.EOF {
		t.Errorf("more than one record logged (%v)", err)
	}

	// The zero Log uses the default logger rather than panicking.
	if err := (mail.Log{}).Send(context.Background(), m); err != nil {
		t.Errorf("zero Log: %v", err)
	}
}

func TestPermanent(t *testing.T) {
	t.Parallel()
	base := errors.New("550 no such user")
	if mail.Permanent(nil) != nil {
		t.Error("Permanent(nil) is not nil")
	}
	if mail.IsPermanent(base) || mail.IsPermanent(nil) {
		t.Error("an unmarked error is permanent")
	}
	wrapped := errors.Join(errors.New("queue: job 7"), mail.Permanent(base))
	if !mail.IsPermanent(wrapped) || !errors.Is(wrapped, base) {
		t.Error("a wrapped permanent error lost its mark or its cause")
	}
	if mail.Permanent(base).Error() != base.Error() {
		t.Error("Permanent changed the message")
	}
}
