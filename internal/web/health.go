package web

import (
	"io"
	"net/http"
	"time"

	"github.com/sswalliance/advocacy/internal/db"
)

// Healthz answers as long as the process serves HTTP.
func (a *Site) Healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	io.WriteString(w, "ok\n")
}

// Readyz answers 200 only while the database answers, so a load balancer
// stops sending visitors to an instance that cannot serve them.
func (a *Site) Readyz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	start := time.Now()
	if err := db.Ping(r.Context(), a.pool); err != nil {
		if r.Context().Err() != nil {
			return // the prober hung up: no one to answer
		}
		a.outage.failed(r.Context(), start, err)
		w.Header().Set("Retry-After", RetryAfter)
		w.WriteHeader(http.StatusServiceUnavailable)
		io.WriteString(w, "database unavailable\n")
		return
	}
	a.outage.recovered(start)
	io.WriteString(w, "ready\n")
}

func (a *Site) Robots(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	io.WriteString(w, "User-agent: *\nDisallow: /admin/\n\nSitemap: "+a.cfg.BaseURL.String()+"/sitemap.xml\n")
}
