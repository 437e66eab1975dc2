package main

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// wrkResult is what one wrk run measured.
type wrkResult struct {
	Requests       int64   // completed requests
	RequestsPerSec float64 // wrk's "Requests/sec"
	P50, P99       time.Duration
	Non2xx3xx      int64 // responses with a status outside 200-399
	Connect        int64 // socket errors, by kind
	Read           int64
	Write          int64
	Timeout        int64
}

// SocketErrors is the number of requests lost to the network layer.
func (r wrkResult) SocketErrors() int64 { return r.Connect + r.Read + r.Write + r.Timeout }

// Failed reports whether the run saw any failed request, or none at all.
func (r wrkResult) Failed() bool {
	return r.Requests == 0 || r.Non2xx3xx > 0 || r.SocketErrors() > 0
}

// ErrorSummary says what went wrong in a few words, or "0".
func (r wrkResult) ErrorSummary() string {
	var parts []string
	if r.Requests == 0 {
		parts = append(parts, "no request completed")
	}
	if r.Non2xx3xx > 0 {
		parts = append(parts, fmt.Sprintf("%d non-2xx/3xx", r.Non2xx3xx))
	}
	for _, e := range []struct {
		n    int64
		kind string
	}{{r.Connect, "connect"}, {r.Read, "read"}, {r.Write, "write"}, {r.Timeout, "timeout"}} {
		if e.n > 0 {
			parts = append(parts, fmt.Sprintf("%d socket %s", e.n, e.kind))
		}
	}
	if len(parts) == 0 {
		return "0"
	}
	return strings.Join(parts, ", ")
}

// The lines of wrk 4's report that matter here. wrk prints the socket-error
// and non-2xx/3xx lines only when their counts are not zero.
var (
	reRequests  = regexp.MustCompile(`(?m)^\s*(\d+) requests in `)
	reReqPerSec = regexp.MustCompile(`(?m)^Requests/sec:\s+([0-9.]+)\s*$`)
	reSocket    = regexp.MustCompile(`(?m)^\s*Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)\s*$`)
	reNon2xx    = regexp.MustCompile(`(?m)^\s*Non-2xx or 3xx responses: (\d+)\s*$`)
	// With --latency: "     50%    4.50ms" (wrk's units: us, ms, s, m, h).
	rePercentile = regexp.MustCompile(`(?m)^\s*(50|99)%\s+([0-9.]+)(us|ms|s|m|h)\s*$`)
)

// parseWrk reads the report wrk --latency prints.
func parseWrk(out string) (wrkResult, error) {
	var r wrkResult
	var err error
	m := reRequests.FindStringSubmatch(out)
	if m == nil {
		return r, errors.New(`wrk output has no "N requests in" line`)
	}
	if r.Requests, err = strconv.ParseInt(m[1], 10, 64); err != nil {
		return r, fmt.Errorf("wrk request count %q: %w", m[1], err)
	}
	m = reReqPerSec.FindStringSubmatch(out)
	if m == nil {
		return r, errors.New(`wrk output has no "Requests/sec:" line`)
	}
	if r.RequestsPerSec, err = strconv.ParseFloat(m[1], 64); err != nil {
		return r, fmt.Errorf("wrk requests/sec %q: %w", m[1], err)
	}

	found := map[string]bool{}
	for _, m := range rePercentile.FindAllStringSubmatch(out, -1) {
		d, err := wrkDuration(m[2], m[3])
		if err != nil {
			return r, err
		}
		if m[1] == "50" {
			r.P50 = d
		} else {
			r.P99 = d
		}
		found[m[1]] = true
	}
	if !found["50"] || !found["99"] {
		return r, errors.New("wrk output has no 50% and 99% latency lines (was it run with --latency?)")
	}

	if m := reSocket.FindStringSubmatch(out); m != nil {
		for i, dst := range []*int64{&r.Connect, &r.Read, &r.Write, &r.Timeout} {
			if *dst, err = strconv.ParseInt(m[i+1], 10, 64); err != nil {
				return r, fmt.Errorf("wrk socket errors %q: %w", m[0], err)
			}
		}
	}
	if m := reNon2xx.FindStringSubmatch(out); m != nil {
		if r.Non2xx3xx, err = strconv.ParseInt(m[1], 10, 64); err != nil {
			return r, fmt.Errorf("wrk non-2xx/3xx count %q: %w", m[1], err)
		}
	}
	return r, nil
}

// wrkDuration converts one of wrk's latency figures ("4.50", "ms").
func wrkDuration(num, unit string) (time.Duration, error) {
	v, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return 0, fmt.Errorf("wrk latency %q: %w", num+unit, err)
	}
	scale := map[string]time.Duration{
		"us": time.Microsecond, "ms": time.Millisecond, "s": time.Second,
		"m": time.Minute, "h": time.Hour,
	}[unit]
	return time.Duration(v * float64(scale)), nil
}
