package newsletter

import (
	"context"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/sswalliance/advocacy/internal/jobs"
	"github.com/sswalliance/advocacy/internal/mail"
	"github.com/sswalliance/advocacy/internal/store"
)

// Tuning of sending.
const (
	// Attempts is how many times one recipient's email is tried.
	Attempts = 5
	// Parallel is how many emails of one mailing are in flight at once.
	Parallel = 4
	// InterruptedAfter is how long a claimed delivery may stay unmarked
	// before it counts as interrupted (its sender stopped mid-way).
	InterruptedAfter = 10 * time.Minute
)

// Links gives what every email to a subscriber carries: the one-click
// unsubscribe headers (RFC 8058) and the address of their preferences page.
// (package subscribe's Service).
type Links interface {
	Headers(ctx context.Context, sub store.Subscriber) (map[string]string, error)
	PreferencesURL(ctx context.Context, sub store.Subscriber) (string, error)
}

// SendArgs is the job that sends a mailing's queued deliveries.
type SendArgs struct {
	MailingID int64 `json:"mailing_id"`
}

// Kind names the job in River's table.
func (SendArgs) Kind() string { return "send_mailing" }

// InsertOpts keeps one sending job per mailing at a time.
func (SendArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 1000, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: pendingStates}}
}

// pendingStates are those of a job not yet finished.
var pendingStates = []rivertype.JobState{rivertype.JobStateAvailable, rivertype.JobStatePending,
	rivertype.JobStateRunning, rivertype.JobStateRetryable, rivertype.JobStateScheduled}

// Sender sends mailings.
type Sender struct {
	pool   *pgxpool.Pool
	mail   mail.Sender
	links  Links
	logger *slog.Logger
	// PerMinute caps emails sent per minute over all mailings (0: no cap),
	// for the mail provider's limits.
	PerMinute int
	// Now is the clock.
	Now func() time.Time

	mu   sync.Mutex
	next time.Time // when the cap allows the next email
	jobs *jobs.Queue
}

// New returns a Sender delivering through m, queueing its sending jobs on
// queue.
func New(pool *pgxpool.Pool, queue *jobs.Queue, m mail.Sender, links Links, logger *slog.Logger, perMinute int) *Sender {
	return &Sender{pool: pool, jobs: queue, mail: m, links: links, logger: logger, PerMinute: perMinute, Now: time.Now}
}

// Register adds the sending worker to a job runner's workers (pass it to
// jobs.NewRunner).
func (s *Sender) Register(w *river.Workers) { river.AddWorker(w, &worker{s: s}) }

// Chores are the Sender's timed work: starting mailings whose time has
// come, and giving up on deliveries a crash left half done.
func (s *Sender) Chores() []jobs.Chore {
	return []jobs.Chore{{Name: "start-due-mailings", Interval: 30 * time.Second, Run: s.StartDue}}
}

// StartDue starts every scheduled mailing whose time has come: its
// deliveries are written and its sending job queued, in one transaction.
func (s *Sender) StartDue(ctx context.Context) error {
	if _, err := store.New(s.pool).FailInterrupted(ctx, s.Now().Add(-InterruptedAfter)); err != nil {
		return err
	}
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		st := store.FromTx(tx)
		due, err := st.DueMailings(ctx, s.Now())
		if err != nil {
			return err
		}
		for _, id := range due {
			if err := s.start(ctx, tx, id); err != nil {
				return err
			}
		}
		return nil
	})
}

// SendNow starts a mailing at once (staff pressed Send).
func (s *Sender) SendNow(ctx context.Context, id int64) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error { return s.start(ctx, tx, id) })
}

func (s *Sender) start(ctx context.Context, tx pgx.Tx, id int64) error {
	n, err := store.FromTx(tx).StartMailing(ctx, id)
	if err != nil {
		return err
	}
	s.logger.Info("mailing started", "mailing", id, "recipients", n)
	return s.jobs.Insert(ctx, tx, SendArgs{MailingID: id})
}

// wait blocks until the per-minute cap allows one more email.
func (s *Sender) wait(ctx context.Context) error {
	if s.PerMinute <= 0 {
		return nil
	}
	s.mu.Lock()
	now := time.Now()
	if s.next.Before(now) {
		s.next = now
	}
	at := s.next
	s.next = s.next.Add(time.Minute / time.Duration(s.PerMinute))
	s.mu.Unlock()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(time.Until(at)):
		return nil
	}
}

type worker struct {
	river.WorkerDefaults[SendArgs]
	s *Sender
}

// Timeout: a mailing to thousands takes as long as it takes.
func (w *worker) Timeout(*river.Job[SendArgs]) time.Duration { return -1 }

func (w *worker) Work(ctx context.Context, job *river.Job[SendArgs]) error {
	s, id := w.s, job.Args.MailingID
	st := store.New(s.pool)
	m, err := st.Mailing(ctx, id)
	if err != nil {
		return err
	}
	if m.Status != "sending" {
		return nil
	}
	var wg sync.WaitGroup
	errs := make(chan error, Parallel)
	for range Parallel {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := w.drain(ctx, st, m); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return err
	}
	if next, ok, err := st.NextDelivery(ctx, id); err != nil {
		return err
	} else if ok {
		return river.JobSnooze(max(time.Until(next), time.Second)) // retries not yet due
	}
	if _, err := st.FinishMailing(ctx, id); err != nil {
		return err
	}
	counts, _ := st.DeliveryCounts(ctx, id)
	s.logger.Info("mailing sent", "mailing", id, "sent", counts["sent"], "failed", counts["failed"], "skipped", counts["skipped"])
	return nil
}

// drain sends deliveries of m until none is due, or until ctx ends. A
// stop never cuts an email in half: a claimed delivery is sent (or fails)
// and recorded before drain returns, so its outcome is never in doubt.
// Only a crash of the process leaves one unrecorded (see FailInterrupted).
func (w *worker) drain(ctx context.Context, st *store.Store, m store.Mailing) error {
	s := w.s
	work := context.WithoutCancel(ctx)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		d, ok, err := st.ClaimDelivery(work, m.ID)
		if err != nil || !ok {
			return err
		}
		if err := s.wait(ctx); err != nil {
			// Stopped while waiting for the cap: not sent; back in the queue.
			if merr := st.MarkDelivery(work, m.ID, d.SubscriberID, "queued", "", s.Now()); merr != nil {
				return merr
			}
			return err
		}
		err = s.send(work, m, d)
		switch {
		case err == nil:
			err = st.MarkDelivery(work, m.ID, d.SubscriberID, "sent", "", time.Time{})
		case mail.IsPermanent(err) || d.Attempts >= Attempts:
			err = st.MarkDelivery(work, m.ID, d.SubscriberID, "failed", err.Error(), time.Time{})
		default:
			backoff := time.Duration(d.Attempts*d.Attempts) * 30 * time.Second
			err = st.MarkDelivery(work, m.ID, d.SubscriberID, "queued", err.Error(), s.Now().Add(backoff))
		}
		if err != nil {
			return err
		}
	}
}

// send composes and sends one delivery, within a time limit of its own.
func (s *Sender) send(ctx context.Context, m store.Mailing, d store.Delivery) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	msg, err := s.compose(ctx, m, d)
	if err != nil {
		return err
	}
	return s.mail.Send(ctx, msg)
}

// compose writes m for one recipient, in their language, with the footer
// and headers every list email carries.
func (s *Sender) compose(ctx context.Context, m store.Mailing, d store.Delivery) (mail.Message, error) {
	sub := store.Subscriber{ID: d.SubscriberID, Email: d.Email, Name: d.Name, Lang: d.Lang}
	headers, err := s.links.Headers(ctx, sub)
	if err != nil {
		return mail.Message{}, err
	}
	prefs, err := s.links.PreferencesURL(ctx, sub)
	if err != nil {
		return mail.Message{}, err
	}
	subject, text := Letter(m, d.Lang, prefs)
	return mail.Message{To: d.Email, ToName: d.Name, Subject: subject, Headers: headers, Text: text,
		ID: "mailing-" + strconv.FormatInt(m.ID, 10) + "-" + strconv.FormatInt(d.SubscriberID, 10)}, nil
}
