package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func gzipped(t *testing.T, b []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// testPages are three snapshots whose paths differ only in their query
// strings, the case a location per path on $uri would get wrong.
func testPages(t *testing.T) []snapshot {
	page := func(s string) []byte {
		return []byte(`<!doctype html><title>` + s + `</title><form><input type="hidden" name="started" value="1700000000000.abc"></form>`)
	}
	html := "text/html; charset=utf-8"
	return []snapshot{
		{Path: "/resources", ContentType: html, Identity: page("all"), Gzip: gzipped(t, page("all")),
			Headers: [][2]string{{"Vary", "Accept-Encoding"}, {"Content-Security-Policy", `default-src 'self'; style-src 'self' 'nonce-abc'`}}},
		{Path: "/resources?q=workforce", ContentType: html, Identity: page("search"), Gzip: gzipped(t, page("search"))},
		{Path: "/resources?type=report", ContentType: html, Identity: page("reports"), Gzip: gzipped(t, page("reports"))},
		// Not compressed by the site: nginx must not compress it either.
		{Path: "/logos/x.png", ContentType: "image/png", Identity: []byte("\x89PNG not really")},
	}
}

func TestNginxConfigMapsEachRequestURIToItsOwnLocation(t *testing.T) {
	s := nginxSite{Dir: "/tmp/load dir", Root: "/tmp/load dir/root", Addr: "127.0.0.1:8099", Pages: testPages(t)}
	conf, err := s.config()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"worker_processes auto;", "access_log off;", "gzip_static on;", "gzip off;",
		"keepalive_timeout 75s;", "listen 127.0.0.1:8099 backlog=4096;", `root "/tmp/load dir/root";`,
		`pid "/tmp/load dir/nginx.pid";`, "rewrite ^ $page last;",
		// The query string is part of the key: each search has its own file.
		`"/resources" /_page/0;`, `"/resources?q=workforce" /_page/1;`, `"/resources?type=report" /_page/2;`,
		"default /_missing;",
		"location = /_page/1 {", `default_type "text/html; charset=utf-8";`, `default_type "image/png";`,
		`add_header Content-Security-Policy "default-src 'self'; style-src 'self' 'nonce-abc'";`,
		`add_header Vary "Accept-Encoding";`,
	} {
		if !strings.Contains(conf, want) {
			t.Errorf("config lacks %q:\n%s", want, conf)
		}
	}
	if n := len(regexp.MustCompile(`(?m)^\s*location = /_page/\d+ \{$`).FindAllString(conf, -1)); n != len(s.Pages) {
		t.Errorf("%d page locations, want one per path (%d)", n, len(s.Pages))
	}
	if strings.Count(conf, "{") != strings.Count(conf, "}") {
		t.Errorf("unbalanced braces:\n%s", conf)
	}
}

func TestNginxConfigRefusesWhatItCannotWrite(t *testing.T) {
	for name, mutate := range map[string]func(*nginxSite){
		"dollar in a header":   func(s *nginxSite) { s.Pages[0].Headers = [][2]string{{"X-Price", "$5"}} },
		"line break in a type": func(s *nginxSite) { s.Pages[0].ContentType = "text/html\nX: y" },
		"relative path":        func(s *nginxSite) { s.Pages[0].Path = "resources" },
		"dollar in a path":     func(s *nginxSite) { s.Pages[0].Path = "/a$b" },
	} {
		s := nginxSite{Dir: "/tmp/d", Root: "/tmp/d/root", Addr: "127.0.0.1:1", Pages: testPages(t)}
		mutate(&s)
		if conf, err := s.config(); err == nil {
			t.Errorf("%s: config written:\n%s", name, conf)
		}
	}
}

func TestNginxQuoteEscapes(t *testing.T) {
	got, err := nginxQuote(`a "b" \c`)
	if want := `"a \"b\" \\c"`; err != nil || got != want {
		t.Errorf("nginxQuote = %s, %v; want %s", got, err, want)
	}
}

func TestNginxFilesHaveAGzipOnlyWhereTheSiteCompressed(t *testing.T) {
	dir := t.TempDir()
	s := nginxSite{Dir: dir, Root: filepath.Join(dir, "root"), Addr: "127.0.0.1:1", Pages: testPages(t)}
	if err := s.writeFiles(); err != nil {
		t.Fatal(err)
	}
	for i, p := range s.Pages {
		name := filepath.Join(s.Root, "_page", string(rune('0'+i)))
		b, err := os.ReadFile(name)
		if err != nil || !bytes.Equal(b, p.Identity) {
			t.Errorf("%s: %s holds %q, %v", p.Path, name, b, err)
		}
		z, err := os.ReadFile(name + ".gz")
		switch {
		case p.Gzip == nil && !os.IsNotExist(err):
			t.Errorf("%s: a .gz for an answer the site sent uncompressed (%v)", p.Path, err)
		case p.Gzip != nil && !bytes.Equal(z, p.Gzip):
			t.Errorf("%s: .gz is not the site's gzip bytes (%v)", p.Path, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "nginx.conf")); err != nil {
		t.Error(err)
	}
}

// The real nginx, on the generated config: each path, query string
// included, answers its own bytes, compressed exactly when the site
// compressed, with the site's content type and headers; any other path is
// a 404. (nginx is what `make load` compares with, so the test needs it
// as the benchmark does.)
func TestNginxServesEachPathTheSiteBytes(t *testing.T) {
	bin, err := findNginx()
	if err != nil {
		t.Fatal(err)
	}
	addr, err := freeLoopbackAddr()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	// As root, nginx's workers run as nobody: they must reach the folder
	// (run's is inside the cluster's folder, which is 0755).
	if err := os.Chmod(filepath.Dir(dir), 0o755); err != nil {
		t.Fatal(err)
	}
	s := nginxSite{Dir: dir, Root: filepath.Join(dir, "root"), Addr: addr, Pages: testPages(t)}
	stop, err := startNginx(context.Background(), bin, s)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := stop(); err != nil {
			t.Error(err)
		}
	}()
	ctx := context.Background()
	for _, p := range s.Pages {
		for _, gz := range []bool{true, false} {
			got, err := fetch(ctx, "http://"+addr+p.Path, gz)
			if err != nil {
				t.Fatal(err)
			}
			want := fetched{Status: http.StatusOK, ContentType: p.ContentType, Body: p.Identity}
			if gz && p.Gzip != nil {
				want.ContentEncoding, want.Body = "gzip", p.Gzip
			}
			if d := sameBytes(want, got); d != "" {
				t.Errorf("%s (gzip %v): %s", p.Path, gz, d)
			}
			if !bytes.Equal(got.Body, want.Body) {
				t.Errorf("%s (gzip %v): not the very bytes written", p.Path, gz)
			}
			for _, h := range p.Headers {
				if v := got.Header.Values(h[0]); len(v) != 1 || v[0] != h[1] {
					t.Errorf("%s: %s %q, want %q once", p.Path, h[0], v, h[1])
				}
			}
			if got.Header.Get("ETag") != "" {
				t.Errorf("%s: nginx added an ETag the site did not send", p.Path)
			}
		}
	}
	for _, path := range []string{"/resources?q=other", "/_page/0", "/nginx.conf", "/root/_page/0"} {
		got, err := fetch(ctx, "http://"+addr+path, true)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, got.Status)
		}
	}
}
