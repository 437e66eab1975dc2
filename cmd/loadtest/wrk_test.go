package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The samples in testdata are real output of Debian's wrk 4.1.0 with
// --latency: a clean run, a run where every response was a 404, and a run
// against a deliberately slow, flaky server with --timeout 1s.
func TestParseWrk(t *testing.T) {
	tests := []struct {
		file        string
		want        wrkResult
		failed      bool
		wantSummary string
	}{
		{"wrk-ok.txt", wrkResult{Requests: 621, RequestsPerSec: 295.75,
			P50: 23910 * time.Microsecond, P99: 66800 * time.Microsecond}, false, "0"},
		{"wrk-non2xx.txt", wrkResult{Requests: 3544, RequestsPerSec: 1769.42,
			P50: 3190 * time.Microsecond, P99: 7070 * time.Microsecond, Non2xx3xx: 3544}, true, "3544 non-2xx/3xx"},
		{"wrk-errors.txt", wrkResult{Requests: 89, RequestsPerSec: 29.61,
			P50: 43940 * time.Microsecond, P99: 208270 * time.Microsecond, Non2xx3xx: 13, Timeout: 16}, true,
			"13 non-2xx/3xx, 16 socket timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			got, err := parseWrk(string(b))
			if err != nil {
				t.Fatal(err)
			}
			// Float parsing of "23.91" may land a nanosecond off.
			if d := got.P50 - tt.want.P50; d < -time.Microsecond || d > time.Microsecond {
				t.Errorf("p50 = %v, want %v", got.P50, tt.want.P50)
			}
			if d := got.P99 - tt.want.P99; d < -time.Microsecond || d > time.Microsecond {
				t.Errorf("p99 = %v, want %v", got.P99, tt.want.P99)
			}
			got.P50, got.P99 = tt.want.P50, tt.want.P99
			if got != tt.want {
				t.Errorf("parsed\n %+v\nwant\n %+v", got, tt.want)
			}
			if got.Failed() != tt.failed {
				t.Errorf("Failed() = %v, want %v", got.Failed(), tt.failed)
			}
			if s := got.ErrorSummary(); s != tt.wantSummary {
				t.Errorf("ErrorSummary() = %q, want %q", s, tt.wantSummary)
			}
		})
	}
}

func TestParseWrkRejectsIncompleteOutput(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "wrk-ok.txt"))
	if err != nil {
		t.Fatal(err)
	}
	full := string(b)
	for name, tt := range map[string]struct {
		out  string
		want string
	}{
		"connection refused": {"unable to connect to 127.0.0.1:1 Connection refused\n", "requests in"},
		"no --latency":       {strings.Replace(full, "     99%   66.80ms\n", "", 1), "--latency"},
		"no Requests/sec":    {strings.Replace(full, "Requests/sec:    295.75\n", "", 1), "Requests/sec"},
	} {
		_, err := parseWrk(tt.out)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want one mentioning %q", name, err, tt.want)
		}
	}
}

func TestWrkDurationUnits(t *testing.T) {
	for _, tt := range []struct {
		num, unit string
		want      time.Duration
	}{
		{"812.00", "us", 812 * time.Microsecond},
		{"4.50", "ms", 4500 * time.Microsecond},
		{"1.20", "s", 1200 * time.Millisecond},
		{"1.50", "m", 90 * time.Second},
	} {
		got, err := wrkDuration(tt.num, tt.unit)
		if err != nil || got != tt.want {
			t.Errorf("wrkDuration(%q, %q) = %v, %v; want %v", tt.num, tt.unit, got, err, tt.want)
		}
	}
	// Units are read whole: "ms" is not taken for minutes.
	r, err := parseWrk("  10 requests in 1.00s, 1KB read\n     50%    4.00ms\n     99%    2.00m\nRequests/sec:     10.00\n")
	if err != nil || r.P50 != 4*time.Millisecond || r.P99 != 2*time.Minute {
		t.Errorf("milliseconds/minutes: %+v, %v", r, err)
	}
}
