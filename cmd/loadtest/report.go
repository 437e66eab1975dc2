package main

import (
	"fmt"
	"io"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

// pathResult is every round of one path, on both servers.
type pathResult struct {
	Path        string
	Size        int // bytes of the answer without compression
	GzipSize    int // bytes of the gzip answer, or 0 when the site sent none
	Site, Nginx []wrkResult
}

// row is what the table shows of a path: each figure the median of its
// rounds.
type row struct {
	SiteRPS, NginxRPS float64
	SiteP99, NginxP99 time.Duration // -1 when no round completed a request
	// Ratio is the median of each round's site/nginx req/s: a round's two
	// runs are next to each other in time, so what else the machine was
	// doing weighs on both alike.
	Ratio float64
}

func (p pathResult) summary() row {
	var r row
	var siteRPS, nginxRPS, siteP99, nginxP99, ratios []float64
	for i := range min(len(p.Site), len(p.Nginx)) {
		s, n := p.Site[i], p.Nginx[i]
		siteRPS = append(siteRPS, s.RequestsPerSec)
		nginxRPS = append(nginxRPS, n.RequestsPerSec)
		// A run that completed nothing has no latency to report (wrk
		// prints 0).
		if s.Requests > 0 {
			siteP99 = append(siteP99, float64(s.P99))
		}
		if n.Requests > 0 {
			nginxP99 = append(nginxP99, float64(n.P99))
		}
		if n.RequestsPerSec > 0 {
			ratios = append(ratios, s.RequestsPerSec/n.RequestsPerSec)
		}
	}
	r.SiteRPS, r.NginxRPS = median(siteRPS), median(nginxRPS)
	r.SiteP99, r.NginxP99 = latency(median(siteP99)), latency(median(nginxP99))
	r.Ratio = median(ratios)
	return r
}

// latency is the median d of some latencies, or -1 for none (NaN).
func latency(d float64) time.Duration {
	if math.IsNaN(d) {
		return -1
	}
	return time.Duration(d)
}

// median is the middle value of xs (the mean of the two middle ones for
// an even count), or NaN for none. xs is not changed.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if n := len(s); n%2 == 1 {
		return s[n/2]
	} else {
		return (s[n/2-1] + s[n/2]) / 2
	}
}

// failures names each path and server whose runs saw a failed request.
func failures(results []pathResult) []string {
	var out []string
	for _, p := range results {
		for _, srv := range []struct {
			name string
			runs []wrkResult
		}{{"site", p.Site}, {"nginx", p.Nginx}} {
			var bad []string
			for i, r := range srv.runs {
				if r.Failed() {
					bad = append(bad, fmt.Sprintf("round %d: %s", i+1, r.ErrorSummary()))
				}
			}
			if len(bad) > 0 {
				out = append(out, fmt.Sprintf("%s from the %s (%s)", p.Path, srv.name, strings.Join(bad, ", ")))
			}
		}
	}
	return out
}

func printReport(w io.Writer, results []pathResult, opt options, version string, warnings []string) {
	fmt.Fprintf(w, "\nwrk --latency -t %d -c %d -d %ds --timeout %ds, Accept-Encoding: gzip; site and nginx alternated, %d round(s) each; medians of the rounds\n",
		opt.threads, opt.connections, int(opt.duration/time.Second), int(opt.timeout/time.Second), opt.rounds)
	if opt.resources > 0 || opt.signatories > 0 {
		fmt.Fprintf(w, "Demo content plus %s resources and %s signatories\n", thousands(float64(opt.resources)), thousands(float64(opt.signatories)))
	} else {
		fmt.Fprintln(w, "Demo content only")
	}
	fmt.Fprintln(w)
	printTable(w, results)
	fmt.Fprintf(w, "\nratio: site req/s / nginx req/s, the median of the rounds' ratios. size: the answer as sent with gzip (without). p99 \"-\": no request completed.\n")
	fmt.Fprintf(w, "Machine: %s, %d CPUs, GOMAXPROCS %d, %s %s/%s, %s; nginx worker_processes auto, access_log off (the site logs no request at LOG_LEVEL=warn); server and wrk on the same machine\n",
		cpuModel(), runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version(), runtime.GOOS, runtime.GOARCH, version)
	if len(warnings) > 0 {
		fmt.Fprintln(w, "\nWarnings:")
		for _, s := range warnings {
			fmt.Fprintln(w, "- "+s)
		}
	}
}

// printTable writes the Markdown table of results.
func printTable(w io.Writer, results []pathResult) {
	fmt.Fprintln(w, "| path | site req/s | site p99 | nginx req/s | nginx p99 | ratio | size |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|")
	for _, p := range results {
		r := p.summary()
		size := kb(p.Size)
		if p.GzipSize > 0 {
			size = kb(p.GzipSize) + " (" + kb(p.Size) + ")"
		}
		fmt.Fprintf(w, "| `%s` | %s | %s | %s | %s | %s | %s |\n", p.Path,
			thousands(r.SiteRPS), ms(r.SiteP99), thousands(r.NginxRPS), ms(r.NginxP99), ratio(r.Ratio), size)
	}
}

// thousands is v rounded to a whole number, with commas: 138,170.
func thousands(v float64) string {
	if math.IsNaN(v) {
		return "-"
	}
	s := strconv.FormatInt(int64(math.Round(v)), 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// ratio is r with two significant digits (0.55, 0.012, 1.2), never in
// exponent form.
func ratio(r float64) string {
	if math.IsNaN(r) || math.IsInf(r, 0) {
		return "-"
	}
	if r == 0 {
		return "0"
	}
	digits := max(0, 1-int(math.Floor(math.Log10(math.Abs(r)))))
	return strconv.FormatFloat(r, 'f', digits, 64)
}

func ms(d time.Duration) string {
	if d < 0 {
		return "-"
	}
	if d >= 100*time.Millisecond {
		return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond))
	}
	return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
}

// kb is n bytes in KB (1,000 bytes), one decimal under 100 KB.
func kb(n int) string {
	if n < 100_000 {
		return fmt.Sprintf("%.1f KB", float64(n)/1000)
	}
	return thousands(float64(n)/1000) + " KB"
}
