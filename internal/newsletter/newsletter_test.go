package newsletter_test

import (
	"context"
	"io"
	"log/slog"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/dbtest"
	"github.com/sswalliance/advocacy/internal/jobs"
	"github.com/sswalliance/advocacy/internal/mail"
	"github.com/sswalliance/advocacy/internal/mail/mailtest"
	"github.com/sswalliance/advocacy/internal/newsletter"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/subscribe"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// site is a database with n active daily subscribers, a real SMTP server,
// and what sends to them.
type site struct {
	pool   *pgxpool.Pool
	queue  *jobs.Queue
	smtp   *mailtest.Server
	sender *newsletter.Sender
	logger *slog.Logger
}

func newSite(t *testing.T, n int) site {
	t.Helper()
	pool := dbtest.New(t)
	if _, err := pool.Exec(context.Background(), `
		INSERT INTO subscribers (email, lang, daily, status, confirmed_at)
		SELECT 'reader' || i || '@example.org', CASE WHEN i % 3 = 0 THEN 'es' ELSE 'en' END, true, 'active', now()
		FROM generate_series(1, $1) i`, n); err != nil {
		t.Fatal(err)
	}
	smtp := mailtest.NewServer(t)
	m, err := mail.NewSMTP(smtp.URL(), "Campaign <news@example.org>")
	if err != nil {
		t.Fatal(err)
	}
	base, _ := url.Parse("https://example.org")
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	queue, err := jobs.NewQueue(pool, logger)
	if err != nil {
		t.Fatal(err)
	}
	return site{pool: pool, queue: queue, smtp: smtp, logger: logger,
		sender: newsletter.New(pool, queue, m, subscribe.New(pool, queue, base), logger, 0)}
}

// runner starts a job runner working the sender's jobs.
func (s site) runner(t *testing.T) *jobs.Runner {
	t.Helper()
	r, err := jobs.NewRunner(s.pool, s.queue, s.logger, mail.Log{Logger: s.logger}, "log", s.sender.Register)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	return r
}

func (s site) mailing(t *testing.T) int64 {
	t.Helper()
	id, err := store.New(s.pool).CreateMailing(context.Background(), store.Mailing{Kind: "daily",
		SubjectEN: "Day 1: why the workforce matters", BodyEN: "Today's theme.",
		SubjectES: "Día 1: por qué importa la fuerza laboral", BodyES: "El tema de hoy."})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func (s site) waitSent(t *testing.T, id int64, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		m, err := store.New(s.pool).Mailing(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if m.Status == "sent" {
			return
		}
		if time.Now().After(deadline) {
			counts, _ := store.New(s.pool).DeliveryCounts(context.Background(), id)
			t.Fatalf("mailing still %s after %s: %v", m.Status, timeout, counts)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// perRecipient counts the emails each address received.
func (s site) perRecipient() map[string]int {
	got := map[string]int{}
	for _, m := range s.smtp.Messages() {
		for _, to := range m.To {
			got[to]++
		}
	}
	return got
}

// TestCrashHalfwayResumesWithoutDuplicates stops the sender abruptly
// halfway through 1,000 subscribers and starts it again: everyone gets
// exactly one email, with the unsubscribe headers.
func TestCrashHalfwayResumesWithoutDuplicates(t *testing.T) {
	const n = 1000
	s := newSite(t, n)
	ctx := context.Background()
	id := s.mailing(t)
	first := s.runner(t)
	if err := s.sender.SendNow(ctx, id); err != nil {
		t.Fatal(err)
	}
	for len(s.smtp.Messages()) < n/2 {
		time.Sleep(5 * time.Millisecond)
	}
	stop, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := first.StopAndCancel(stop); err != nil {
		t.Fatal(err)
	}
	halfway := len(s.smtp.Messages())
	if halfway >= n {
		t.Fatalf("all %d sent before the stop: the test proves nothing", halfway)
	}

	second := s.runner(t)
	defer second.Stop(ctx)
	// River runs the stopped job again: the rest are sent.
	s.waitSent(t, id, 60*time.Second)

	got := s.perRecipient()
	if len(got) != n {
		t.Errorf("%d addresses got the email, want %d", len(got), n)
	}
	for to, k := range got {
		if k != 1 {
			t.Errorf("%s got %d emails", to, k)
		}
	}
	m := s.smtp.Messages()[0]
	if !strings.HasPrefix(m.Header.Get("List-Unsubscribe"), "<https://example.org/") || m.Header.Get("List-Unsubscribe-Post") != "List-Unsubscribe=One-Click" {
		t.Errorf("unsubscribe headers: %q %q", m.Header.Get("List-Unsubscribe"), m.Header.Get("List-Unsubscribe-Post"))
	}
	t.Logf("stopped after %d of %d, resumed, %d delivered once each", halfway, n, len(got))
}

// TestSendToTenThousand measures sending to 10,000 subscribers.
func TestSendToTenThousand(t *testing.T) {
	const n = 10000
	s := newSite(t, n)
	ctx := context.Background()
	id := s.mailing(t)
	r := s.runner(t)
	defer r.Stop(ctx)
	start := time.Now()
	if err := s.sender.SendNow(ctx, id); err != nil {
		t.Fatal(err)
	}
	s.waitSent(t, id, 5*time.Minute)
	took := time.Since(start)
	if got := len(s.perRecipient()); got != n {
		t.Fatalf("%d delivered, want %d", got, n)
	}
	t.Logf("10,000 emails in %s: %.0f per second", took.Round(time.Millisecond), float64(n)/took.Seconds())
}
