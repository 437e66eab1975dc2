package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/sswalliance/advocacy/internal/form"
	"github.com/sswalliance/advocacy/internal/links"
	"github.com/sswalliance/advocacy/internal/pagecache"
	"github.com/sswalliance/advocacy/internal/store"
)

// SignFormName is the name the sign form's posts are counted under for
// the rate limit.
const SignFormName = "sign"

// Limits of the sign-up form, per address in SignWindow: accepted
// sign-ups, and every post accepted or not.
const (
	SubscribeLimit        = 5
	SubscribeAttemptLimit = 30
)

// The names the sign-up form's posts are counted under for the limits.
const (
	subscribeFormName    = "subscribe"
	subscribeAttemptName = "subscribe-attempt"
)

// GuardedForm is one public form as the guard sees it: the names its
// posts are counted under, its limits per address in SignWindow, and the
// prefix of its messages' catalogue keys.
type GuardedForm struct {
	// Name counts accepted posts (Admit), at most Limit.
	Name  string
	Limit int
	// Attempts counts every post past the robot checks, at most
	// AttemptLimit, accepted or not.
	Attempts     string
	AttemptLimit int
	// RefuseAtLimit refuses a post before it is read when the address
	// already made Limit accepted posts: for a form whose reading costs
	// (the sign form decodes a logo).
	RefuseAtLimit bool
	// Messages prefixes the keys "<Messages>.error.form.expired" and
	// "<Messages>.error.form.ratelimit".
	Messages string
}

// The public forms the guard keeps.
var (
	SignGuarded = GuardedForm{Name: SignFormName, Limit: SignLimit, Attempts: SignAttemptName,
		AttemptLimit: SignAttemptLimit, RefuseAtLimit: true, Messages: "sign"}
	SubscribeGuarded = GuardedForm{Name: subscribeFormName, Limit: SubscribeLimit, Attempts: subscribeAttemptName,
		AttemptLimit: SubscribeAttemptLimit, Messages: "subscribe"}
)

// Guard is what every public form checks before what was typed: the
// honeypot (a field people never see, named "homepage"), the stamp (when
// the form was shown, signed: a hidden field named "started"), the time
// it took to fill in (MinFillTime at least), and the limits of posts from
// the sender's address.
type Guard struct {
	forms *links.Signer
	store *store.Store
	now   func() time.Time
}

// Guard returns the guard over the site's signer, store and clock (as
// they are now: tests move the clock).
func (s *Site) Guard() Guard { return Guard{forms: s.signer, store: s.store, now: s.Now} }

// Verdict is what the guard makes of a post.
type Verdict struct {
	// Robot is set when the honeypot was filled in or the form came back
	// faster than a person could fill it: answer as if accepted, save
	// nothing.
	Robot bool
	// Flooded is set when the address is over a limit of posts.
	Flooded bool
	// Problems holds a problem with the form as a whole: an expired or
	// forged stamp (show the form again, newly stamped), or a limit.
	Problems form.Problems
}

// Check judges a post of f with values (the fields read so far: the
// honeypot and the stamp come before any file). It counts the post as an
// attempt unless it is a robot's. The error is the database's.
func (g Guard) Check(r *http.Request, values url.Values, f GuardedForm) (Verdict, error) {
	v := Verdict{Problems: form.Problems{}}
	if values.Get("homepage") != "" {
		v.Robot = true
		return v, nil
	}
	if started, ok := g.started(r.Context(), values.Get("started")); !ok {
		// No stamp, or a forged or stale one: the form is shown again,
		// newly stamped, with what was typed.
		v.Problems.Add(form.Whole, f.Messages+".error.form.expired")
	} else if g.now().Sub(started) < MinFillTime {
		v.Robot = true
		return v, nil
	}
	ok, err := g.store.RecordFormPost(r.Context(), f.Attempts, postAddr(r), f.AttemptLimit, SignWindow)
	if err != nil {
		return v, err
	}
	if ok && f.RefuseAtLimit {
		n, err := g.store.CountFormPosts(r.Context(), f.Name, postAddr(r), SignWindow)
		if err != nil {
			return v, err
		}
		ok = n < f.Limit
	}
	if !ok {
		v.Flooded, v.Problems = true, f.Refused()
	}
	return v, nil
}

// Admit counts an accepted post of f from r's address, reporting false
// when the address already made f.Limit of them in SignWindow.
func (g Guard) Admit(r *http.Request, f GuardedForm) (bool, error) {
	return g.store.RecordFormPost(r.Context(), f.Name, postAddr(r), f.Limit, SignWindow)
}

// Refused is the problem of a post of f over a limit.
func (f GuardedForm) Refused() form.Problems {
	return form.Of(f.Messages + ".error.form.ratelimit")
}

// Stamp is the value of a form's hidden "started" field: the time it is
// shown, signed. Every page has one (the footer's sign-up form).
func (g Guard) Stamp(ctx context.Context) (string, error) {
	if m, ok := pagecache.Marker(ctx); ok {
		// A page rendered to be kept: each response gets its own stamp
		// in place of the marker.
		return m, nil
	}
	t := strconv.FormatInt(g.now().UnixMilli(), 10)
	mac, err := g.forms.Sign(ctx, "stamp", t)
	if err != nil {
		return "", err
	}
	return t + "." + mac, nil
}

// Restamp is v when it is a stamp still good, so that a form shown again
// keeps when it was first shown, or else a fresh stamp.
func (g Guard) Restamp(ctx context.Context, v string) (string, error) {
	if _, ok := g.started(ctx, v); ok {
		return v, nil
	}
	return g.Stamp(ctx)
}

// started returns when a form with stamp v was shown, if v is genuine
// and no older than MaxFormAge.
func (g Guard) started(ctx context.Context, v string) (time.Time, bool) {
	t, sig, ok := strings.Cut(v, ".")
	if !ok {
		return time.Time{}, false
	}
	if genuine, err := g.forms.Verify(ctx, sig, "stamp", t); err != nil || !genuine {
		return time.Time{}, false
	}
	ms, err := strconv.ParseInt(t, 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	shown := time.UnixMilli(ms)
	if age := g.now().Sub(shown); age > MaxFormAge || age < -time.Minute {
		return time.Time{}, false
	}
	return shown, true
}
