package auth_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/sswalliance/advocacy/internal/auth"
	"github.com/sswalliance/advocacy/internal/dbtest"
)

func TestSessionStore(t *testing.T) {
	ctx := context.Background()
	pool := dbtest.New(t)
	s := auth.NewSessionStore(pool)

	if b, found, err := s.Find("nope"); found || b != nil || err != nil {
		t.Fatalf("Find(unknown) = %q, %v, %v; want nothing, no error", b, found, err)
	}
	if err := s.Commit("tok", []byte("one"), time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if b, found, err := s.Find("tok"); !found || string(b) != "one" || err != nil {
		t.Fatalf("Find = %q, %v, %v; want one", b, found, err)
	}
	// Committing again replaces the data and the expiry.
	if err := s.CommitCtx(ctx, "tok", []byte("two"), time.Now().Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if b, found, err := s.FindCtx(ctx, "tok"); !found || string(b) != "two" || err != nil {
		t.Fatalf("Find after second commit = %q, %v, %v; want two", b, found, err)
	}
	if err := s.Delete("tok"); err != nil {
		t.Fatal(err)
	}
	if _, found, _ := s.Find("tok"); found {
		t.Fatal("found after Delete")
	}
	if err := s.DeleteCtx(ctx, "tok"); err != nil {
		t.Errorf("deleting an unknown token: %v, want no error", err)
	}

	// An expired session is not found, and Cleanup removes only those.
	if err := s.Commit("old", []byte("x"), time.Now().Add(-time.Second)); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit("live", []byte("y"), time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, found, err := s.Find("old"); found || err != nil {
		t.Errorf("Find(expired) = %v, %v; want not found", found, err)
	}
	n, err := s.Cleanup(ctx)
	if err != nil || n != 1 {
		t.Fatalf("Cleanup = %d, %v; want 1 removed", n, err)
	}
	var left int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM sessions`).Scan(&left); err != nil || left != 1 {
		t.Errorf("%d rows left (%v), want the live one", left, err)
	}
	if _, found, _ := s.Find("live"); !found {
		t.Error("Cleanup removed a live session")
	}
}

func TestSessionStoreRunCleanup(t *testing.T) {
	pool := dbtest.New(t)
	s := auth.NewSessionStore(pool)
	if err := s.Commit("old", []byte("x"), time.Now().Add(-time.Second)); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.RunCleanup(ctx, 10*time.Millisecond); close(done) }()
	var n int
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if err := pool.QueryRow(context.Background(), `SELECT count(*) FROM sessions`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
	}
	cancel()
	<-done // returns once ctx ends
	if n != 0 {
		t.Errorf("%d expired sessions left after RunCleanup", n)
	}
}

// TestSessionStoreWithSCS checks the store through a real scs manager: a
// value put in one request is there in the next, by cookie.
func TestSessionStoreWithSCS(t *testing.T) {
	sm := scs.New()
	sm.Store = auth.NewSessionStore(dbtest.New(t))
	h := sm.LoadAndSave(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			sm.Put(r.Context(), "user", int64(7))
			return
		}
		if sm.GetInt64(r.Context(), "user") != 7 {
			w.WriteHeader(http.StatusUnauthorized)
		}
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", nil))
	cookies := rec.Result().Cookies()
	if len(cookies) != 1 {
		t.Fatalf("cookies %v, want the session's", cookies)
	}
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.AddCookie(cookies[0])
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Errorf("second request: status %d, want the stored user", rec.Code)
	}
}
