package subscribe

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/form"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/jobs"
	"github.com/sswalliance/advocacy/internal/mail"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/workflow"
)

const (
	// ConfirmFor is how long a confirmation link works; a sign-up left
	// unconfirmed is deleted after it.
	ConfirmFor = 7 * 24 * time.Hour
	// RemindEvery is the least time between two "you are already
	// subscribed" emails to one address, however often it is typed in.
	RemindEvery = time.Hour
	// ConfirmEmailEvery is the least time between two confirmation emails
	// to one address: signing an address up again and again cannot flood
	// its mailbox.
	ConfirmEmailEvery = time.Hour
)

// confirmKind is the kind of the email with a confirmation link.
const confirmKind = "subscriber-confirm"

// confirmCap holds each address to one confirmation email every
// ConfirmEmailEvery.
var confirmCap = workflow.ConfirmCap{Kind: confirmKind, Every: ConfirmEmailEvery}

// Field limits, in characters.
const (
	MaxEmail = 254
	MaxName  = 120
)

// ErrNotFound is returned for an unknown, used or expired confirmation
// link, and for a preferences or unsubscribe link whose signature is not
// ours.
var ErrNotFound = store.ErrNotFound

// ErrStateChanged is returned when the subscriber is not in a state the
// action applies to (already unsubscribed, no longer pending).
var ErrStateChanged = store.ErrStateChanged

// TokenConfirm is the purpose of a confirmation link's token.
const TokenConfirm = "confirm"

// Visitor is the actor for a sign-up from the public form.
func Visitor(ip string) store.Actor { return store.Actor{Name: "visitor (sign-up form)", IP: ip} }

// ByLink is the actor for what a subscriber does from a link in our
// emails.
func ByLink(ip string) store.Actor { return store.Actor{Name: "subscriber (by email link)", IP: ip} }

// System is the actor for timed work.
var System = store.Actor{Name: "system"}

// Check tidies in (trims and collapses spaces) and returns what is wrong
// with it: field name to the i18n key of a message. consent is the
// consent box of the form.
func Check(in *store.SubscriberInput, consent bool) form.Problems {
	p := form.Problems{}
	in.Email = strings.TrimSpace(in.Email)
	in.Name = strings.Join(strings.Fields(in.Name), " ")
	switch {
	case in.Email == "":
		p["email"] = "subscribe.error.email.required"
	case len(in.Email) > MaxEmail || !mail.ValidAddress(in.Email):
		p["email"] = "subscribe.error.email.invalid"
	}
	switch {
	case utf8.RuneCountInString(in.Name) > MaxName:
		p["name"] = "subscribe.error.name.long"
	case mail.LinkLike(in.Name):
		// The name is written into the email sent to the address: a
		// link there would let anyone send links to anyone.
		p["name"] = "subscribe.error.name.link"
	}
	if _, ok := i18n.Parse(in.Lang); !ok {
		p["lang"] = "subscribe.error.lang.required"
	}
	if !in.Daily && !in.Updates {
		p["lists"] = "subscribe.error.lists.required"
	}
	if !consent {
		p["consent"] = "subscribe.error.consent.required"
	}
	return p
}

// CheckPreferences returns what is wrong with preferences sent from the
// preferences page (field name to i18n key).
func CheckPreferences(p store.SubscriberPreferences) form.Problems {
	out := form.Problems{}
	if _, ok := i18n.Parse(p.Lang); !ok {
		out["lang"] = "subscribe.error.lang.required"
	}
	if !p.Daily && !p.Updates {
		out["lists"] = "subscribe.error.lists.preferences"
	}
	return out
}

// Mask shows an address without giving it away to whoever holds the link:
// "ana@example.org" becomes "a***@example.org".
func Mask(email string) string {
	at := strings.LastIndexByte(email, '@')
	if at <= 0 {
		return "***"
	}
	first, _ := utf8.DecodeRuneInString(email)
	return string(first) + "***" + email[at:]
}

// Service runs the subscription workflow.
type Service struct {
	workflow.Base
}

// New returns the workflow over pool, queueing email on queue, with
// links in emails made absolute against baseURL.
func New(pool *pgxpool.Pool, queue *jobs.Queue, baseURL *url.URL) *Service {
	return &Service{Base: workflow.NewBase(pool, queue, baseURL, linkKey)}
}

// audit records an action on sub. The label is the masked address: the
// log is read by every staff member, who need to tell lines apart, not
// to read addresses.
func audit(ctx context.Context, st *store.Store, a store.Actor, action string, sub store.Subscriber, detail string) error {
	return st.Audit(ctx, a.Event(action, "subscriber", strconv.FormatInt(sub.ID, 10), Mask(sub.Email), detail))
}

// Subscribe takes a sign-up (checked with Check). A new address is saved
// pending, with a confirmation email. An address already pending, or one
// that had unsubscribed, starts over as pending with what was typed now
// and a fresh link. An active subscriber is left as it is and emailed,
// at most once every RemindEvery, that it is already subscribed, with
// its preferences link. The caller answers the same in every case.
//
// An address not yet confirmed gets at most one confirmation email every
// ConfirmEmailEvery: a sign-up within that time changes nothing and sends
// nothing (the first email's link still works).
func (s *Service) Subscribe(ctx context.Context, in store.SubscriberInput, ip string) error {
	err := s.InTx(ctx, func(tx pgx.Tx, st *store.Store) error {
		id, created, err := st.CreateSubscriber(ctx, in)
		if err != nil {
			return err
		}
		if created {
			sub, err := st.Subscriber(ctx, id)
			if err != nil {
				return err
			}
			// The address may have had one within the hour, before it was
			// erased: it is kept pending, and the next sign-up sends.
			sent, err := s.sendConfirm(ctx, tx, st, sub)
			if err != nil {
				return err
			}
			detail := "new sign-up"
			if !sent {
				detail = "new sign-up: " + capped
			}
			return audit(ctx, st, Visitor(ip), store.ActionSubscriberSubscribe, sub, detail)
		}
		sub, err := st.LockSubscriberByEmail(ctx, in.Email)
		if err != nil {
			return err
		}
		switch sub.Status {
		case store.SubscriberActive:
			sent, err := st.MarkSubscriberReminded(ctx, sub.ID, RemindEvery)
			if err != nil {
				return err
			}
			detail := "signed up again while subscribed: nothing changed, reminder already sent within the hour"
			if sent {
				if err := s.sendReminder(ctx, tx, sub); err != nil {
					return err
				}
				detail = "signed up again while subscribed: nothing changed, reminder sent"
			}
			return audit(ctx, st, Visitor(ip), store.ActionSubscriberSubscribe, sub, detail)
		default:
			detail := "signed up again while pending"
			if sub.Status == store.SubscriberUnsubscribed {
				detail = "signed up again after unsubscribing"
			}
			if ok, err := confirmCap.Take(ctx, st, sub.Email); err != nil {
				return err
			} else if !ok {
				return audit(ctx, st, Visitor(ip), store.ActionSubscriberSubscribe, sub, detail+": nothing changed, "+capped)
			}
			if sub, err = st.RestartSubscriber(ctx, sub.ID, in); err != nil {
				return err
			}
			if err := s.queueConfirm(ctx, tx, st, sub); err != nil {
				return err
			}
			return audit(ctx, st, Visitor(ip), store.ActionSubscriberSubscribe, sub, detail)
		}
	})
	if err != nil {
		return fmt.Errorf("subscribe: sign up %s: %w", Mask(in.Email), err)
	}
	return nil
}

// capped is the audit detail of a sign-up that sent no email.
const capped = "confirmation email already sent within the hour, none sent"

// sendConfirm queues sub's confirmation email unless its address had one
// within ConfirmEmailEvery, and reports whether it did.
func (s *Service) sendConfirm(ctx context.Context, tx pgx.Tx, st *store.Store, sub store.Subscriber) (bool, error) {
	if ok, err := confirmCap.Take(ctx, st, sub.Email); err != nil || !ok {
		return false, err
	}
	return true, s.queueConfirm(ctx, tx, st, sub)
}

// queueConfirm queues sub's confirmation email with a fresh link (the
// caller has taken the address's send).
func (s *Service) queueConfirm(ctx context.Context, tx pgx.Tx, st *store.Store, sub store.Subscriber) error {
	secret, err := s.Links.Issue(ctx, st, store.TokenOwner{Kind: store.OwnerSubscriber, ID: sub.ID}, TokenConfirm, ConfirmFor)
	if err != nil {
		return err
	}
	l := subscriberLang(sub)
	// The link's secret is filled in only when the email is sent (see
	// store.LinkSecret).
	link := s.link(sub, "/sswweek/subscribe/confirm") + "/" + store.SecretPlaceholder(0)
	subject, body := confirmEmail(l, sub, s.Site(), link)
	// No List-Unsubscribe: the address is not subscribed to anything yet.
	return s.queue(ctx, tx, sub, confirmKind, subject, body, nil, []store.LinkSecret{secret})
}

func (s *Service) sendReminder(ctx context.Context, tx pgx.Tx, sub store.Subscriber) error {
	// Both links carry the subscriber's signature, filled in only when
	// the email is sent.
	secrets := []store.LinkSecret{s.Links.Sealed(signedMessage(sub.ID))}
	sealed := func(path string) string {
		return s.link(sub, fmt.Sprintf("%s/%d", path, sub.ID)) + "/" + store.SecretPlaceholder(0)
	}
	prefs, unsubscribe := sealed("/sswweek/subscription"), sealed("/sswweek/unsubscribe")
	subject, body := reminderEmail(subscriberLang(sub), sub, s.Site(), prefs)
	return s.queue(ctx, tx, sub, "subscriber-reminder", subject, body, listHeaders(unsubscribe), secrets)
}

// queue adds one email to sub in the outbox, in tx, with the secrets its
// links' placeholders stand for.
func (s *Service) queue(ctx context.Context, tx pgx.Tx, sub store.Subscriber, kind, subject, body string, headers map[string]string, secrets []store.LinkSecret) error {
	toName := sub.Name
	if sub.Status != store.SubscriberActive {
		// The address is not confirmed: nothing the visitor typed goes in
		// the headers.
		toName = ""
	}
	_, err := s.Jobs.QueueEmail(ctx, tx, store.Email{Kind: kind, To: sub.Email, ToName: toName,
		Subject: subject, Body: body, Headers: headers, Secrets: secrets})
	return err
}

// Pending returns the sign-up a confirmation link is for, changing
// nothing: the page the link opens shows it with a button that POSTs.
func (s *Service) Pending(ctx context.Context, token string) (store.Subscriber, error) {
	sub, err := store.New(s.Pool).SubscriberByToken(ctx, token, TokenConfirm)
	if err != nil {
		return store.Subscriber{}, err
	}
	if sub.Status != store.SubscriberPending {
		return store.Subscriber{}, ErrNotFound
	}
	return sub, nil
}

// Confirm spends a confirmation token: the subscriber becomes active.
func (s *Service) Confirm(ctx context.Context, token, ip string) (store.Subscriber, error) {
	var sub store.Subscriber
	err := s.InTx(ctx, func(tx pgx.Tx, st *store.Store) error {
		cur, err := st.SubscriberByToken(ctx, token, TokenConfirm)
		if err != nil {
			return err
		}
		if sub, err = st.ActivateSubscriber(ctx, cur.ID); errors.Is(err, store.ErrStateChanged) {
			return ErrNotFound
		} else if err != nil {
			return err
		}
		if err := st.DeleteLinkToken(ctx, token); err != nil {
			return err
		}
		// The address's owner has answered: a later sign-up (after
		// unsubscribing, say) may send at once.
		if err := confirmCap.Forget(ctx, st, sub.Email); err != nil {
			return err
		}
		return audit(ctx, st, ByLink(ip), store.ActionSubscriberConfirm, sub, listsDetail(sub))
	})
	if err != nil {
		return store.Subscriber{}, fmt.Errorf("subscribe: confirm: %w", err)
	}
	return sub, nil
}

// UpdatePreferences changes an active subscriber's lists and language
// (from the preferences page, checked with CheckPreferences).
func (s *Service) UpdatePreferences(ctx context.Context, id int64, p store.SubscriberPreferences, ip string) (store.Subscriber, error) {
	var sub store.Subscriber
	err := s.InTx(ctx, func(tx pgx.Tx, st *store.Store) error {
		var err error
		if sub, err = st.UpdateSubscriberPreferences(ctx, id, p); err != nil {
			return err
		}
		return audit(ctx, st, ByLink(ip), store.ActionSubscriberPreferences, sub, listsDetail(sub))
	})
	if err != nil {
		return store.Subscriber{}, fmt.Errorf("subscribe: preferences of %d: %w", id, err)
	}
	return sub, nil
}

// Unsubscribe takes a subscriber off every list at once; how says where
// from ("one-click", "preferences page"), for the audit log. It returns
// ErrStateChanged when the subscriber had already left.
func (s *Service) Unsubscribe(ctx context.Context, id int64, ip, how string) (store.Subscriber, error) {
	var sub store.Subscriber
	err := s.InTx(ctx, func(tx pgx.Tx, st *store.Store) error {
		var err error
		if sub, err = st.UnsubscribeSubscriber(ctx, id); err != nil {
			return err
		}
		return audit(ctx, st, ByLink(ip), store.ActionSubscriberUnsubscribe, sub, how)
	})
	if err != nil {
		return store.Subscriber{}, fmt.Errorf("subscribe: unsubscribe %d: %w", id, err)
	}
	return sub, nil
}

// ExpireUnconfirmed deletes sign-ups left unconfirmed for longer than
// ConfirmFor, and returns how many went.
func (s *Service) ExpireUnconfirmed(ctx context.Context) (int, error) {
	n := 0
	err := s.InTx(ctx, func(tx pgx.Tx, st *store.Store) error {
		list, err := st.PendingSubscribersBefore(ctx, s.Now().Add(-ConfirmFor))
		if err != nil {
			return err
		}
		for _, sub := range list {
			if err := st.DeleteSubscriber(ctx, sub.ID); err != nil {
				return err
			}
			if err := audit(ctx, st, System, store.ActionSubscriberExpire, sub, expiredDetail); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("subscribe: expire unconfirmed: %w", err)
	}
	return n, nil
}

// expiredDetail is the audit detail of a sign-up deleted unconfirmed.
var expiredDetail = fmt.Sprintf("not confirmed within %d days", ConfirmFor/(24*time.Hour))

// Chores are the workflow's timed work, for the job runner.
func (s *Service) Chores() []jobs.Chore {
	return []jobs.Chore{
		{Name: "expire-unconfirmed-subscribers", Interval: time.Hour, Run: func(ctx context.Context) error {
			_, err := s.ExpireUnconfirmed(ctx)
			return err
		}},
		confirmCap.Chore("forget-subscriber-confirmation-sends", s.Pool, func() time.Time { return s.Now() }),
	}
}

// listsDetail names a subscriber's lists and language, for the audit log.
func listsDetail(sub store.Subscriber) string {
	var lists []string
	if sub.Daily {
		lists = append(lists, "daily")
	}
	if sub.Updates {
		lists = append(lists, "updates")
	}
	return "lists: " + strings.Join(lists, ", ") + "; language: " + sub.Lang
}

func subscriberLang(sub store.Subscriber) i18n.Lang {
	l, _ := i18n.Parse(sub.Lang)
	return l
}

// link is an absolute link to path on the site, in sub's language.
func (s *Service) link(sub store.Subscriber, path string) string {
	return s.Link(subscriberLang(sub), path)
}

// linkKey names the site key that signs the links in the emails.
const linkKey = "subscriber-links"

func signedMessage(id int64) string { return fmt.Sprintf("subscriber:%d", id) }

// signedLink is the link to path for sub, with the signature that proves
// it was made here for that subscriber. The links never expire: a
// subscriber must be able to leave from any email, however old.
func (s *Service) signedLink(ctx context.Context, sub store.Subscriber, path string) (string, error) {
	mac, err := s.Links.SignLink(ctx, signedMessage(sub.ID))
	if err != nil {
		return "", fmt.Errorf("subscribe: %w", err)
	}
	return s.link(sub, fmt.Sprintf("%s/%d/%s", path, sub.ID, mac)), nil
}

// PreferencesURL is the signed link to sub's preferences page, where its
// lists and language can be changed and everything unsubscribed.
func (s *Service) PreferencesURL(ctx context.Context, sub store.Subscriber) (string, error) {
	return s.signedLink(ctx, sub, "/sswweek/subscription")
}

// UnsubscribeURL is the signed one-click unsubscribe link (RFC 8058): a
// POST to it unsubscribes, a GET shows a page with a button that does.
func (s *Service) UnsubscribeURL(ctx context.Context, sub store.Subscriber) (string, error) {
	return s.signedLink(ctx, sub, "/sswweek/unsubscribe")
}

// Headers are the headers every email to a subscriber carries, so mail
// programs can offer to unsubscribe in one click (RFC 2369 and RFC 8058).
func (s *Service) Headers(ctx context.Context, sub store.Subscriber) (map[string]string, error) {
	u, err := s.UnsubscribeURL(ctx, sub)
	if err != nil {
		return nil, err
	}
	return listHeaders(u), nil
}

// listHeaders are the one-click unsubscribe headers for the link u.
func listHeaders(u string) map[string]string {
	return map[string]string{
		"List-Unsubscribe":      "<" + u + ">",
		"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
	}
}

// FromLink returns the subscriber a preferences or unsubscribe link
// names, or ErrNotFound when its signature is not ours (or the subscriber
// was deleted since).
func (s *Service) FromLink(ctx context.Context, id int64, sig string) (store.Subscriber, error) {
	if ok, err := s.Links.VerifyLink(ctx, signedMessage(id), sig); err != nil {
		return store.Subscriber{}, fmt.Errorf("subscribe: %w", err)
	} else if !ok {
		return store.Subscriber{}, ErrNotFound
	}
	return store.New(s.Pool).Subscriber(ctx, id)
}

// The emails. Each is plain text in the subscriber's language, every
// sentence from the i18n catalogue (messages_subscribe.go).

func greeting(l i18n.Lang, sub store.Subscriber) string {
	if sub.Name == "" {
		return l.T("email.greeting.anonymous")
	}
	return l.F("email.greeting", "{name}", sub.Name)
}

func emailBody(l i18n.Lang, sub store.Subscriber, site string, paragraphs ...string) string {
	var b strings.Builder
	b.WriteString(greeting(l, sub))
	for _, p := range paragraphs {
		b.WriteString("\n\n")
		b.WriteString(p)
	}
	b.WriteString("\n\n")
	b.WriteString(l.T("email.campaign") + "\n")
	b.WriteString(site)
	b.WriteString("\n")
	return b.String()
}

// listNames names what sub receives, as a phrase.
func listNames(l i18n.Lang, sub store.Subscriber) string {
	switch {
	case sub.Daily && sub.Updates:
		return l.T("subscribe.email.lists.both")
	case sub.Daily:
		return l.T("subscribe.email.lists.daily")
	}
	return l.T("subscribe.email.lists.updates")
}

// confirmEmail goes to an address nobody has confirmed: its subject is
// fixed, and the only words of the visitor's in it are the name, which
// Check holds to mail.LinkLike.
func confirmEmail(l i18n.Lang, sub store.Subscriber, site, link string) (subject, body string) {
	return l.T("subscribe.email.confirm.subject"), emailBody(l, sub, site,
		l.F("subscribe.email.confirm.asked", "{lists}", listNames(l, sub)),
		l.T("subscribe.email.confirm.open")+"\n"+link,
		l.T("subscribe.email.confirm.expiry"))
}

func reminderEmail(l i18n.Lang, sub store.Subscriber, site, prefs string) (subject, body string) {
	return l.T("subscribe.email.reminder.subject"), emailBody(l, sub, site,
		l.F("subscribe.email.reminder.again", "{lists}", listNames(l, sub)),
		l.T("subscribe.email.reminder.prefs")+"\n"+prefs)
}
