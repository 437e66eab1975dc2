package app

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
)

// The database goes away while a page reads the images its text shows
// (the page itself was read): the visitor gets 503 with Retry-After, and
// the page is not kept without its images for the next visitor.
func TestAPageWhoseImagesCannotBeReadIsUnavailableAndNotKept(t *testing.T) {
	app, pool := seededApp(t)
	ctx := context.Background()
	srv := httptest.NewServer(app.Handler())
	defer srv.Close()
	const path = "/blog/the-twitter-chat-in-review" // the seed's post with a figure in its text
	var leadSlug string
	if err := pool.QueryRow(ctx, `SELECT slug FROM blog_posts WHERE lead_image IS NOT NULL ORDER BY slug LIMIT 1`).Scan(&leadSlug); err != nil {
		t.Fatal(err)
	}
	// Only its text's images: no lead image, read before the page renders.
	if _, err := pool.Exec(ctx, `UPDATE blog_posts SET lead_image = NULL WHERE slug = 'the-twitter-chat-in-review'`); err != nil {
		t.Fatal(err)
	}
	// Reading the library now ends the connection, as a restart does.
	if _, err := pool.Exec(ctx, `
		ALTER TABLE media RENAME TO media_real;
		CREATE VIEW media AS SELECT * FROM media_real WHERE pg_terminate_backend(pg_backend_pid());`); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path, "/blog/" + leadSlug, "/es/blog/" + leadSlug} {
		res, err := srv.Client().Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" {
			t.Fatalf("GET %s with the library unreadable: %s, Retry-After %q", p, res.Status, res.Header.Get("Retry-After"))
		}
	}
	if _, err := pool.Exec(ctx, `DROP VIEW media; ALTER TABLE media_real RENAME TO media;`); err != nil {
		t.Fatal(err)
	}
	for _, p := range []struct{ path, sel string }{{path, "main figure.media-figure img"}, {"/blog/" + leadSlug, "[data-testid=lead-image] img"}} {
		res, err := srv.Client().Get(srv.URL + p.path)
		if err != nil {
			t.Fatal(err)
		}
		doc := parse(t, res)
		if res.StatusCode != http.StatusOK || doc.Find(p.sel).Length() != 1 {
			t.Errorf("GET %s once the library is back: %s, %d of %s", p.path, res.Status, doc.Find(p.sel).Length(), p.sel)
		}
	}
}
