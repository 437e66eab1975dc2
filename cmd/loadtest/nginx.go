package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// nginxBinary is where Debian's nginx-light package puts nginx.
const nginxBinary = "/usr/sbin/nginx"

// snapshot is one path's answer as the site gave it, kept to be served
// again by nginx: the body sent without compression and, when the site
// compressed it, the gzip body as sent.
type snapshot struct {
	Path        string
	ContentType string
	Identity    []byte
	Gzip        []byte // nil when the site did not compress the answer
	// Headers are the site's other response headers worth sending again
	// (security headers, caching, Vary), so both servers send answers of
	// about the same size.
	Headers [][2]string
}

// replayedHeader reports whether nginx should send header name as the
// site did. Framing and per-connection headers are nginx's own to write;
// a cookie must not be handed to every client.
func replayedHeader(name string) bool {
	switch http.CanonicalHeaderKey(name) {
	case "Date", "Content-Length", "Content-Encoding", "Content-Type", "Transfer-Encoding",
		"Connection", "Keep-Alive", "Server", "Set-Cookie", "Last-Modified", "Accept-Ranges":
		return false
	}
	return true
}

// nginxSite is the configuration of the nginx that serves snapshots.
type nginxSite struct {
	Dir   string // holds nginx.conf, the error log, the pid file and temp folders
	Root  string // the files served: the snapshots, one per path (and its .gz)
	Addr  string // host:port to listen on
	Pages []snapshot
}

// pageURI is the URI nginx serves page i from, internally: each path,
// query string included, has a file (and a location) of its own.
func pageURI(i int) string { return "/_page/" + strconv.Itoa(i) }

// nginxQuote writes s as an nginx string in double quotes. nginx reads
// "$name" in most strings as a variable and has no escape for "$", so a
// value holding one is refused rather than served changed.
func nginxQuote(s string) (string, error) {
	if strings.ContainsAny(s, "$\x00\r\n") {
		return "", fmt.Errorf("%q: nginx cannot be given a $ or a line break in a string", s)
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`, nil
}

// config is the nginx.conf that serves s.Pages at s.Addr: each path's
// $request_uri (path and query string, exactly as wrk sends it) is mapped
// to the internal URI of its file, which has a location of its own with
// the content type and headers the site sent. gzip_static sends the .gz
// beside a file to clients that accept gzip, as bytes already compressed,
// the way the site should; nothing is compressed per request.
//
// Logging matches the site under load: the site runs at LOG_LEVEL=warn,
// which writes no access log line, so nginx has access_log off and logs
// only warnings and errors.
func (s nginxSite) config() (string, error) {
	var b strings.Builder
	// Every file nginx writes is in s.Dir, quoted.
	in := map[string]string{}
	for _, name := range []string{"nginx.pid", "nginx.lock", "error.log",
		"tmp/client_body", "tmp/proxy", "tmp/fastcgi", "tmp/uwsgi", "tmp/scgi"} {
		q, err := nginxQuote(filepath.Join(s.Dir, name))
		if err != nil {
			return "", err
		}
		in[name] = q
	}
	root, err := nginxQuote(s.Root)
	if err != nil {
		return "", err
	}
	longest := 0
	for _, p := range s.Pages {
		longest = max(longest, len(p.Path))
	}
	// Each map key must fit a hash bucket with its pointer; 64 is nginx's
	// usual default on this architecture.
	bucket := 64
	for bucket < longest+16 {
		bucket *= 2
	}

	fmt.Fprintf(&b, `# Written by cmd/loadtest: nginx serving the bytes the site answered.
worker_processes auto;
daemon off;
pid %s;
lock_file %s;
error_log %s warn;

events {
    worker_connections 4096;
}

http {
    access_log off;
    server_tokens off;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    open_file_cache max=1000 inactive=60s;
    # Keep connections as the site's Go server does: open until the
    # client closes them, however many requests they carry.
    keepalive_timeout 75s;
    keepalive_requests 1000000000;
    gzip off;
    gzip_static on;
    gzip_vary off;
    etag off;
    types {}
    default_type application/octet-stream;

    client_body_temp_path %s;
    proxy_temp_path %s;
    fastcgi_temp_path %s;
    uwsgi_temp_path %s;
    scgi_temp_path %s;

    map_hash_bucket_size %d;
    map $request_uri $page {
        default /_missing;
`, in["nginx.pid"], in["nginx.lock"], in["error.log"],
		in["tmp/client_body"], in["tmp/proxy"], in["tmp/fastcgi"], in["tmp/uwsgi"], in["tmp/scgi"], bucket)
	for i, p := range s.Pages {
		if !strings.HasPrefix(p.Path, "/") {
			return "", fmt.Errorf("path %q: must start with /", p.Path)
		}
		key, err := nginxQuote(p.Path)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&b, "        %s %s;\n", key, pageURI(i))
	}
	fmt.Fprintf(&b, `    }

    server {
        listen %s backlog=4096;
        root %s;
        # At server level, before a location is chosen: every request is
        # sent to its page's location, or to the 404.
        rewrite ^ $page last;

        location = /_missing {
            return 404;
        }
`, s.Addr, root)
	for i, p := range s.Pages {
		ctype, err := nginxQuote(p.ContentType)
		if err != nil {
			return "", fmt.Errorf("%s: content type: %w", p.Path, err)
		}
		fmt.Fprintf(&b, "\n        # %s\n        location = %s {\n            internal;\n            default_type %s;\n",
			strings.ReplaceAll(p.Path, "\n", " "), pageURI(i), ctype)
		for _, h := range p.Headers {
			v, err := nginxQuote(h[1])
			if err != nil {
				return "", fmt.Errorf("%s: header %s: %w", p.Path, h[0], err)
			}
			fmt.Fprintf(&b, "            add_header %s %s;\n", h[0], v)
		}
		b.WriteString("        }\n")
	}
	b.WriteString("    }\n}\n")
	return b.String(), nil
}

// writeFiles writes the configuration and every page's files.
func (s nginxSite) writeFiles() error {
	conf, err := s.config()
	if err != nil {
		return err
	}
	for _, d := range []string{s.Root, filepath.Join(s.Dir, "tmp")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	for i, p := range s.Pages {
		name := filepath.Join(s.Root, filepath.FromSlash(strings.TrimPrefix(pageURI(i), "/")))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(name, p.Identity, 0o644); err != nil {
			return err
		}
		if p.Gzip != nil {
			if err := os.WriteFile(name+".gz", p.Gzip, 0o644); err != nil {
				return err
			}
		}
	}
	return os.WriteFile(filepath.Join(s.Dir, "nginx.conf"), []byte(conf), 0o644)
}

// findNginx returns nginxBinary, or says which package to install.
func findNginx() (string, error) {
	if fi, err := os.Stat(nginxBinary); err != nil || fi.IsDir() || fi.Mode()&0o111 == 0 {
		return "", fmt.Errorf("%s not found: install Debian's nginx-light package (sudo apt-get install nginx-light)", nginxBinary)
	}
	return nginxBinary, nil
}

// freeLoopbackAddr returns a loopback address with a port free a moment ago.
func freeLoopbackAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// startNginx writes s's files into s.Dir, starts nginx in the foreground
// (its master as our child, so it stops with us) and waits until it
// accepts connections. stop ends it and waits for it.
func startNginx(ctx context.Context, bin string, s nginxSite) (stop func() error, err error) {
	if err := s.writeFiles(); err != nil {
		return nil, err
	}
	// The folders MkdirTemp made are 0700; as root, nginx's workers run as
	// another user and must read the pages.
	for _, d := range []string{s.Dir, s.Root} {
		if err := os.Chmod(d, 0o755); err != nil {
			return nil, err
		}
	}
	conf := filepath.Join(s.Dir, "nginx.conf")
	errorLog := filepath.Join(s.Dir, "error.log")
	var out bytes.Buffer
	cmd := exec.Command(bin, "-p", s.Dir, "-e", errorLog, "-c", conf)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start nginx: %w", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	report := func(err error) error {
		log, _ := os.ReadFile(errorLog)
		return fmt.Errorf("nginx (config %s): %w\n%s%s", conf, err, out.String(), log)
	}
	stop = func() error {
		select {
		case err := <-exited:
			return report(fmt.Errorf("stopped before its time: %v", err))
		default:
		}
		// SIGTERM is nginx's fast shutdown: connections are closed at once.
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
			return nil
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
			return errors.New("nginx did not stop within 10s of SIGTERM; killed")
		}
	}

	deadline := time.Now().Add(10 * time.Second)
	for {
		select {
		case err := <-exited:
			return nil, report(fmt.Errorf("exited at start: %v", err))
		case <-ctx.Done():
			return nil, errors.Join(ctx.Err(), stop())
		default:
		}
		c, err := net.DialTimeout("tcp", s.Addr, 200*time.Millisecond)
		if err == nil {
			c.Close()
			return stop, nil
		}
		if time.Now().After(deadline) {
			return nil, errors.Join(report(fmt.Errorf("not listening on %s after 10s", s.Addr)), stop())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// sortedHeaders returns the headers of h that nginx should send again,
// in a stable order.
func sortedHeaders(h http.Header) [][2]string {
	var out [][2]string
	for name, values := range h {
		if !replayedHeader(name) {
			continue
		}
		for _, v := range values {
			out = append(out, [2]string{http.CanonicalHeaderKey(name), v})
		}
	}
	slices.SortStableFunc(out, func(a, b [2]string) int { return strings.Compare(a[0], b[0]) })
	return out
}
