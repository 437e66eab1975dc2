package content_test

import (
	"context"
	"strings"
	"testing"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/dbtest"
)

// A chain grows at either end: a redirect added after the last of 15
// would make visitors from the first pass through 16, more than browsers
// follow, and is refused as one added in front of them is.
func TestARedirectAddedAtTheEndOfALongChainIsRefused(t *testing.T) {
	ctx := context.Background()
	pool := dbtest.New(t)
	// /chain/1 -> /chain/2 -> ... -> /chain/15 -> /chain/16 (a 404 now).
	if _, err := pool.Exec(ctx, `INSERT INTO redirects (from_path, from_query, to_target, status)
		SELECT '/chain/' || n, '', '/chain/' || (n + 1), 301 FROM generate_series(1, 15) n`); err != nil {
		t.Fatal(err)
	}
	_, _, problems, err := content.AddRedirect(ctx, pool, content.RedirectForm{From: "/chain/16", To: "/toolkit", Status: "301"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(problems["to"], "more than 15 redirects") {
		t.Errorf("the 16th redirect of a chain, added at its end: problems %v", problems)
	}
	// One hop shorter is accepted: from /chain/2 visitors pass through 15.
	if _, err := pool.Exec(ctx, `DELETE FROM redirects WHERE from_path = '/chain/1'`); err != nil {
		t.Fatal(err)
	}
	if _, _, problems, err := content.AddRedirect(ctx, pool, content.RedirectForm{From: "/chain/16", To: "/toolkit", Status: "301"}); err != nil || len(problems) > 0 {
		t.Errorf("the 15th redirect of a chain: %v %v", problems, err)
	}
}

// Only the redirects that really lead to a new one count: a chain into
// /q?x=1, which a redirect of its own takes, does not reach one added for
// /q alone; one into /q with another query does.
func TestAChainThatATakenQueryTurnsAsideDoesNotCountTowardsANewRedirect(t *testing.T) {
	ctx := context.Background()
	pool := dbtest.New(t)
	if _, err := pool.Exec(ctx, `INSERT INTO redirects (from_path, from_query, to_target, status)
		SELECT '/chain/' || n, '', CASE WHEN n = 15 THEN '/q?x=1' ELSE '/chain/' || (n + 1) END, 301 FROM generate_series(1, 15) n
		UNION ALL SELECT '/q', 'x=1', '/toolkit', 301`); err != nil {
		t.Fatal(err)
	}
	if _, _, problems, err := content.AddRedirect(ctx, pool, content.RedirectForm{From: "/q", To: "/toolkit", Status: "301"}); err != nil || len(problems) > 0 {
		t.Errorf("/q alone, which the chain does not reach: %v %v", problems, err)
	}
	if _, err := pool.Exec(ctx, `UPDATE redirects SET to_target = '/r?utm_source=mail&x=2' WHERE from_path = '/chain/15'`); err != nil {
		t.Fatal(err)
	}
	_, _, problems, err := content.AddRedirect(ctx, pool, content.RedirectForm{From: "/r?x=2", To: "/toolkit", Status: "301"})
	if err != nil || !strings.Contains(problems["to"], "more than 15 redirects") {
		t.Errorf("/r?x=2, which the chain reaches: %v %v", problems, err)
	}
}

// The parameters that only say where a click came from are dropped even
// when another part of the query is not well formed (a bare % in a
// campaign's name, a ; of an old site), so such a link is still sent on.
func TestTrackingParametersAreDroppedFromAQueryThatDoesNotParse(t *testing.T) {
	for raw, want := range map[string]string{
		"utm_source=x&lang=es":                 "lang=es",
		"lang=es&utm_campaign=50%off":          "lang=es",
		"lang=es&UTM_Campaign=50%off&Fbclid=1": "lang=es",
		"lang=es;x&fbclid=abc":                 "lang=es;x",
		"a=%zz&gclid=1":                        "a=%zz",
		"utm_source=%zz":                       "",
	} {
		if got := content.CanonicalQuery(raw); got != want {
			t.Errorf("CanonicalQuery(%q) = %q, want %q", raw, got, want)
		}
	}
}

// An old address whose query is only tracking parameters would be saved
// as a redirect of the path for any query, which is not what was typed:
// it is refused with a sentence saying what to enter instead.
func TestARedirectFromOnlyTrackingParametersIsRefusedBesideTheField(t *testing.T) {
	ctx := context.Background()
	pool := dbtest.New(t)
	_, _, problems, err := content.AddRedirect(ctx, pool, content.RedirectForm{From: "/x?utm_source=news", To: "/toolkit", Status: "301"})
	if err != nil || !strings.Contains(problems["from"], "/x") {
		t.Errorf("problems %v %v", problems, err)
	}
	var n int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM redirects`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d redirects saved (%v)", n, err)
	}
}
