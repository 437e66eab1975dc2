package routes

import (
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/web"
)

// catchAll is the pattern of the last route of the public pages: custom
// pages, then redirects, then the page not found.
const catchAll = "/*"

// methodNotAllowed answers a method no route takes at a path. The
// catch-all takes GET at every path, so a POST to a path nothing else
// answers lands here too: it gets the 404 it got before there was a
// catch-all.
func methodNotAllowed(s *web.Site) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if content.SiteRoute(r.URL.Path) == content.NoRoute {
			w.Header().Del("Allow")
			s.NotFound(w, r)
			return
		}
		s.MethodNotAllowed(w, r)
	}
}

// Match returns how router answers a path apart from its catch-all, read
// from the router's own routes (walked once, here), so the checks of
// custom pages and redirects cannot go stale as routes are added.
func Match(router chi.Routes) func(path string) content.RouteMatch {
	var patterns, mounts []string
	var walk func(rs chi.Routes, prefix string)
	walk = func(rs chi.Routes, prefix string) {
		for _, rt := range rs.Routes() {
			p := prefix + rt.Pattern
			if rt.SubRoutes != nil {
				base := strings.TrimSuffix(p, "/*")
				if !isLangPrefix(base) {
					mounts = append(mounts, base)
				}
				walk(rt.SubRoutes, base)
				continue
			}
			if isCatchAll(p) {
				continue
			}
			patterns = append(patterns, p)
		}
	}
	walk(router, "")
	return func(path string) content.RouteMatch {
		if isLangPrefix(path) {
			path += "/" // chi answers a mount's own path (/es) as its "/"
		}
		for _, m := range mounts {
			if path == m || strings.HasPrefix(path, m+"/") {
				return content.FixedRoute
			}
		}
		best := content.NoRoute
		for _, p := range patterns {
			best = max(best, matchPattern(p, path))
		}
		return best
	}
}

func isLangPrefix(p string) bool {
	for _, l := range i18n.Langs {
		if l.Prefix() != "" && p == l.Prefix() {
			return true
		}
	}
	return false
}

func isCatchAll(p string) bool {
	for _, l := range i18n.Langs {
		if p == l.Prefix()+catchAll {
			return true
		}
	}
	return false
}

// matchPattern is how chi's pattern answers path: segment by segment, a
// {param} taking one non-empty segment and a final * the rest.
func matchPattern(pattern, path string) content.RouteMatch {
	if pattern == path {
		return content.FixedRoute
	}
	if before, ok := strings.CutSuffix(pattern, "*"); ok && !strings.Contains(before, "{") {
		if strings.HasPrefix(path, before) {
			return content.FixedRoute
		}
		return content.NoRoute
	}
	ps, xs := strings.Split(pattern, "/"), strings.Split(path, "/")
	params := false
	for i, seg := range ps {
		if seg == "*" && i == len(ps)-1 {
			return content.ParamRoute
		}
		if i >= len(xs) {
			return content.NoRoute
		}
		switch {
		case strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}"):
			if xs[i] == "" {
				return content.NoRoute
			}
			params = true
		case seg != xs[i]:
			return content.NoRoute
		}
	}
	if len(xs) != len(ps) {
		return content.NoRoute
	}
	if params {
		return content.ParamRoute
	}
	return content.FixedRoute
}
