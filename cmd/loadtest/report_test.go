package main

import (
	"io"
	"math"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestMedian(t *testing.T) {
	for _, tt := range []struct {
		in   []float64
		want float64
	}{
		{[]float64{3}, 3},
		{[]float64{9, 1, 5}, 5},
		{[]float64{4, 1, 3, 2}, 2.5},
		{[]float64{100, 1, 2}, 2}, // one wild round does not move it
	} {
		in := slices.Clone(tt.in)
		if got := median(in); got != tt.want {
			t.Errorf("median(%v) = %v, want %v", tt.in, got, tt.want)
		}
		if !slices.Equal(in, tt.in) {
			t.Errorf("median reordered its argument: %v", in)
		}
	}
	if !math.IsNaN(median(nil)) {
		t.Error("median of nothing is a number")
	}
}

func round(rps float64, p99 time.Duration) wrkResult {
	return wrkResult{Requests: 1000, RequestsPerSec: rps, P99: p99}
}

func TestSummaryTakesMediansAndTheMedianOfEachRoundsRatio(t *testing.T) {
	p := pathResult{
		Path: "/",
		// The machine got busy in round 2: both servers slowed down.
		Site:  []wrkResult{round(1000, 30*time.Millisecond), round(500, 90*time.Millisecond), round(1100, 20*time.Millisecond)},
		Nginx: []wrkResult{round(10000, 2*time.Millisecond), round(5000, 9*time.Millisecond), round(20000, time.Millisecond)},
	}
	got := p.summary()
	want := row{SiteRPS: 1000, NginxRPS: 10000, SiteP99: 30 * time.Millisecond, NginxP99: 2 * time.Millisecond,
		Ratio: 0.1} // ratios 0.1, 0.1, 0.055: not 1000/10000 by chance
	if got != want {
		t.Errorf("summary = %+v, want %+v", got, want)
	}
	p.Nginx[0].RequestsPerSec, p.Nginx[1].RequestsPerSec = 2000, 1000 // ratios 0.5, 0.5, 0.055
	if got := p.summary(); got.Ratio != 0.5 || got.NginxRPS != 2000 {
		t.Errorf("ratio %v, nginx %v: want the median of the rounds' ratios, 0.5, and of nginx's req/s, 2000", got.Ratio, got.NginxRPS)
	}
}

func TestTableHasAColumnPerFigure(t *testing.T) {
	results := []pathResult{
		{Path: "/resources?q=workforce", Size: 27_500, GzipSize: 6_400,
			Site: []wrkResult{round(432, 239*time.Millisecond)}, Nginx: []wrkResult{round(105_165, 1500*time.Microsecond)}},
		{Path: "/logos/a.png", Size: 4_000,
			Site: []wrkResult{round(9000, 5*time.Millisecond)}, Nginx: []wrkResult{round(18000, 2*time.Millisecond)}},
	}
	var b strings.Builder
	printTable(&b, results)
	want := "| path | site req/s | site p99 | nginx req/s | nginx p99 | ratio | size |\n" +
		"|---|---:|---:|---:|---:|---:|---:|\n" +
		"| `/resources?q=workforce` | 432 | 239 ms | 105,165 | 1.50 ms | 0.0041 | 6.4 KB (27.5 KB) |\n" +
		"| `/logos/a.png` | 9,000 | 5.00 ms | 18,000 | 2.00 ms | 0.50 | 4.0 KB |\n"
	if b.String() != want {
		t.Errorf("table:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestRoundsThatCompletedNothingHaveNoLatency(t *testing.T) {
	p := pathResult{Path: "/resources",
		Site:  []wrkResult{{Timeout: 64}, {Timeout: 64}, round(2, 9*time.Second)},
		Nginx: []wrkResult{round(40000, time.Millisecond), round(40000, 3*time.Millisecond), round(40000, 2*time.Millisecond)}}
	if got := p.summary(); got.SiteP99 != 9*time.Second || got.SiteRPS != 0 || got.Ratio != 0 {
		t.Errorf("one round of three completed requests: %+v", got)
	}
	p.Site[2] = wrkResult{Timeout: 64}
	var b strings.Builder
	printTable(&b, []pathResult{p})
	if !strings.Contains(b.String(), "| `/resources` | 0 | - | 40,000 | 2.00 ms | 0 |") {
		t.Errorf("no request completed, yet:\n%s", b.String())
	}
}

func TestFailuresNameThePathServerAndRound(t *testing.T) {
	ok := round(100, time.Millisecond)
	bad := wrkResult{Requests: 10, RequestsPerSec: 5, Timeout: 3}
	got := failures([]pathResult{
		{Path: "/", Site: []wrkResult{ok, ok}, Nginx: []wrkResult{ok, ok}},
		{Path: "/resources", Site: []wrkResult{ok, bad}, Nginx: []wrkResult{ok, ok}},
	})
	if want := []string{"/resources from the site (round 2: 3 socket timeout)"}; !slices.Equal(got, want) {
		t.Errorf("failures = %q, want %q", got, want)
	}
}

func TestNumberFormats(t *testing.T) {
	for v, want := range map[float64]string{0: "0", 999.4: "999", 1000: "1,000", 138170.2: "138,170", 1234567: "1,234,567"} {
		if got := thousands(v); got != want {
			t.Errorf("thousands(%v) = %q, want %q", v, got, want)
		}
	}
	for r, want := range map[float64]string{0.55: "0.55", 0.01: "0.010", 0.00412: "0.0041", 1.234: "1.2", 12.5: "12", 0: "0", math.NaN(): "-"} {
		if got := ratio(r); got != want {
			t.Errorf("ratio(%v) = %q, want %q", r, got, want)
		}
	}
}

func TestOptionsDefaultToTheIssuesPathsAndLoad(t *testing.T) {
	opt, err := parseOptions(nil, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"/", "/call-to-action", "/toolkit", "/sswweek/2018", "/key-messages/donors",
		"/resources", "/resources?q=workforce", "/resources?type=report", "/es/"}
	if !slices.Equal(opt.paths, want) || opt.threads != 2 || opt.connections != 64 || opt.rounds < 2 ||
		opt.resources != 0 || opt.signatories != 0 {
		t.Errorf("defaults %+v", opt)
	}

	opt, err = parseOptions([]string{"-paths", "/a?x=1, /b", "-resources", "10000", "-signatories", "10000", "-rounds", "5"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(opt.paths, []string{"/a?x=1", "/b"}) || opt.resources != 10000 || opt.signatories != 10000 || opt.rounds != 5 {
		t.Errorf("parsed %+v", opt)
	}

	for _, args := range [][]string{
		{"-paths", "resources"}, {"-paths", "/a b"}, {"-paths", "/a$b"}, {"-paths", "/a,/a"}, {"-paths", ","},
		{"-resources", "-1"}, {"-signatories", "2000000"}, {"-rounds", "0"}, {"-duration", "1500ms"}, {"-timeout", "0s"},
		{"-threads", "4", "-connections", "2"}, {"extra"},
	} {
		if _, err := parseOptions(args, io.Discard); err == nil {
			t.Errorf("%q accepted", args)
		}
	}
}
