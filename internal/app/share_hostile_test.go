package app

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/sswalliance/advocacy/internal/store"
)

// supporterPath is the supporter page link the approval email gives the
// signatory id.
func (s signSite) supporterPath(t *testing.T, id int64) string {
	t.Helper()
	ctx := context.Background()
	sig, err := s.app.store.Signatory(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	link, err := s.app.signing.SupporterURL(ctx, sig)
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	return u.Path
}

func TestSupporterPageIsGoneWhileStaffHaveTakenTheOrganisationOffTheWall(t *testing.T) {
	s := newSignSite(t)
	ctx := context.Background()
	staff := store.Actor{Name: "test"}
	id := s.addSignatory(t, "Hidden Org", "https://hidden.example.org", "KE", "ngo", true, store.StatusAwaitingReview)
	if _, err := s.app.signing.Approve(ctx, id, staff); err != nil {
		t.Fatal(err)
	}
	path := s.supporterPath(t, id)
	if res := s.get(t, path); res.StatusCode != http.StatusOK {
		t.Fatalf("approved: %s", res.Status)
	}

	// Hidden by staff, it is not on the wall: no badge saying it supports
	// the Call to Action, no post saying it signed.
	if _, err := s.app.signing.Hide(ctx, id, staff); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, "/es" + path} {
		res := s.get(t, p)
		doc := parse(t, res)
		if res.StatusCode != http.StatusNotFound || doc.Find(`[data-testid=snippet], [data-testid=share-signed]`).Length() != 0 {
			t.Errorf("hidden: %s answers %s with %d snippets or posts", p, res.Status, doc.Find(`[data-testid=snippet], [data-testid=share-signed]`).Length())
		}
	}

	// Back on the wall, the same link works again.
	if _, err := s.app.signing.Unhide(ctx, id, staff); err != nil {
		t.Fatal(err)
	}
	if res := s.get(t, path); res.StatusCode != http.StatusOK {
		t.Errorf("unhidden: %s", res.Status)
	}

	// A link to one never approved (rejected) finds nothing.
	rejected := s.addSignatory(t, "Rejected Org", "https://rejected.example.org", "KE", "ngo", true, store.StatusRejected)
	for _, p := range []string{s.supporterPath(t, rejected)} {
		if res := s.get(t, p); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %s, want 404", p, res.Status)
		}
	}
}

// TestAGoalOfOneOrganisationReadsInTheSingular: 1 is a goal staff may
// set, and the page then speaks of one organisation, before and after it
// is reached, dated or not, in both languages.
func TestAGoalOfOneOrganisationReadsInTheSingular(t *testing.T) {
	s := goalSite(t, 1)
	read := func(path, testid string) string {
		t.Helper()
		return squash(parse(t, s.get(t, path)).Find("[data-testid=" + testid + "]"))
	}
	for path, want := range map[string]string{
		"/call-to-action":    "0 of 1 organisation has signed.",
		"/es/call-to-action": "0 de 1 organización lo ha firmado.",
	} {
		if got := read(path, "signatory-count"); got != want {
			t.Errorf("%s: %q, want %q", path, got, want)
		}
	}
	s.approveOn(t, "The First", "KE", "ngo", time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC))
	for path, want := range map[string]string{
		"/call-to-action":    "The goal of 1 organisation was reached on 1 May 2024.",
		"/es/call-to-action": "La meta de 1 organización se alcanzó el 1 de mayo de 2024.",
	} {
		if got := read(path, "goal-reached"); got != want {
			t.Errorf("%s: %q, want %q", path, got, want)
		}
	}
}
