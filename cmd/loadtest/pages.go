package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"time"
)

// maxBody bounds what is read of one answer: the biggest page of a site
// with 10,000 signatories was under 5 MB.
const maxBody = 64 << 20

// fetched is one answer, body as sent on the wire.
type fetched struct {
	Status          int
	ContentType     string
	ContentEncoding string
	Header          http.Header
	Body            []byte
}

// fetch GETs url once, asking for gzip or not, without following
// redirects (wrk follows none) and without Go's transparent decompression,
// so the body is the bytes the server sent.
func fetch(ctx context.Context, url string, gzipOK bool) (fetched, error) {
	client := &http.Client{
		Timeout:       30 * time.Second,
		Transport:     &http.Transport{DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	defer client.CloseIdleConnections()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return fetched{}, err
	}
	if gzipOK {
		req.Header.Set("Accept-Encoding", "gzip")
	}
	res, err := client.Do(req)
	if err != nil {
		return fetched{}, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, maxBody+1))
	if err != nil {
		return fetched{}, fmt.Errorf("GET %s: %w", url, err)
	}
	if len(body) > maxBody {
		return fetched{}, fmt.Errorf("GET %s: body over %d MiB", url, maxBody>>20)
	}
	return fetched{
		Status: res.StatusCode, ContentType: res.Header.Get("Content-Type"),
		ContentEncoding: res.Header.Get("Content-Encoding"), Header: res.Header, Body: body,
	}, nil
}

// decoded is f's body without its content encoding.
func (f fetched) decoded() ([]byte, error) {
	switch strings.ToLower(f.ContentEncoding) {
	case "":
		return f.Body, nil
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(f.Body))
		if err != nil {
			return nil, err
		}
		return io.ReadAll(io.LimitReader(zr, maxBody))
	default:
		return nil, fmt.Errorf("content encoding %q, asked for gzip only", f.ContentEncoding)
	}
}

// takeSnapshot fetches path from the site twice, with and without gzip,
// and keeps what nginx needs to answer the same. It wants 200: a redirect
// or an error page would measure the wrong thing.
func takeSnapshot(ctx context.Context, base, path string) (snapshot, error) {
	zipped, err := fetch(ctx, base+path, true)
	if err != nil {
		return snapshot{}, err
	}
	plain, err := fetch(ctx, base+path, false)
	if err != nil {
		return snapshot{}, err
	}
	for _, f := range []fetched{zipped, plain} {
		if f.Status != http.StatusOK {
			return snapshot{}, fmt.Errorf("GET %s answered %d %s, want 200 OK", path, f.Status, http.StatusText(f.Status))
		}
	}
	if plain.ContentEncoding != "" {
		return snapshot{}, fmt.Errorf("GET %s without Accept-Encoding came %s-encoded", path, plain.ContentEncoding)
	}
	s := snapshot{Path: path, ContentType: zipped.ContentType, Identity: plain.Body, Headers: sortedHeaders(zipped.Header)}
	switch strings.ToLower(zipped.ContentEncoding) {
	case "":
	case "gzip":
		s.Gzip = zipped.Body
	default:
		return snapshot{}, fmt.Errorf("GET %s: content encoding %q, asked for gzip only", path, zipped.ContentEncoding)
	}
	if s.ContentType == "" {
		s.ContentType = "application/octet-stream"
	}
	return s, nil
}

// The per-response parts of a page: the stamp of a form (a hidden input
// named "started", the time the form was shown, signed) and any nonce.
var (
	reInputTag   = regexp.MustCompile(`(?i)<input\b[^>]*>`)
	reStartedFld = regexp.MustCompile(`(?i)\bname\s*=\s*("started"|'started'|started[\s/>])`)
	reValueAttr  = regexp.MustCompile(`(?i)\bvalue\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)`)
	reNonceAttr  = regexp.MustCompile(`(?i)\bnonce\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)`)
)

// maskPerResponse replaces the value of every form stamp and nonce in body
// with a fixed mark, so that two answers of the same page compare equal.
func maskPerResponse(body []byte) []byte {
	body = reInputTag.ReplaceAllFunc(body, func(tag []byte) []byte {
		if !reStartedFld.Match(tag) {
			return tag
		}
		return reValueAttr.ReplaceAll(tag, []byte(`value="(stamp)"`))
	})
	return reNonceAttr.ReplaceAll(body, []byte(`nonce="(nonce)"`))
}

// sameBytes compares what nginx sent for a path with a fresh answer of the
// site, both asked with gzip: the same encoding, the same content type,
// and the same body once decoded and masked. It returns "" when they
// match, or what differs.
func sameBytes(site, nginx fetched) string {
	var diffs []string
	if site.Status != nginx.Status {
		diffs = append(diffs, fmt.Sprintf("status %d, nginx %d", site.Status, nginx.Status))
	}
	if site.ContentEncoding != nginx.ContentEncoding {
		diffs = append(diffs, fmt.Sprintf("Content-Encoding %q, nginx %q", site.ContentEncoding, nginx.ContentEncoding))
	}
	if site.ContentType != nginx.ContentType {
		diffs = append(diffs, fmt.Sprintf("Content-Type %q, nginx %q", site.ContentType, nginx.ContentType))
	}
	a, errA := site.decoded()
	b, errB := nginx.decoded()
	switch {
	case errA != nil:
		diffs = append(diffs, "site body: "+errA.Error())
	case errB != nil:
		diffs = append(diffs, "nginx body: "+errB.Error())
	default:
		a, b = maskPerResponse(a), maskPerResponse(b)
		if !bytes.Equal(a, b) {
			diffs = append(diffs, fmt.Sprintf("bodies differ (site %d bytes, nginx %d) from byte %d: site %q, nginx %q",
				len(a), len(b), firstDiff(a, b), excerpt(a, firstDiff(a, b)), excerpt(b, firstDiff(a, b))))
		}
	}
	return strings.Join(diffs, "; ")
}

// firstDiff is the index of the first byte where a and b differ.
func firstDiff(a, b []byte) int {
	n := min(len(a), len(b))
	for i := range n {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// excerpt is up to 60 bytes of b from i.
func excerpt(b []byte, i int) string {
	if i >= len(b) {
		return ""
	}
	return string(b[i:min(len(b), i+60)])
}
