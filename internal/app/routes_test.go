package app

import (
	"maps"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"
)

// readmeRoute is a row of the README's route table: *en, es* rows answer
// at their path and under /es.
var readmeRoute = regexp.MustCompile("^\\| (GET|POST|any) \\| `([^`]+)` \\| (en, es)? *\\|$")

// TestTheREADMEListsEveryRoute: the README's route table and the router
// agree, method and path, both ways, so the table can be trusted.
func TestTheREADMEListsEveryRoute(t *testing.T) {
	raw, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(raw), "\n### Routes\n")
	if !ok {
		t.Fatal("README has no Routes section")
	}
	section, _, _ = strings.Cut(section, "\n## ")
	want := map[string]bool{}
	for _, line := range strings.Split(section, "\n") {
		m := readmeRoute.FindStringSubmatch(line)
		if m == nil {
			if strings.HasPrefix(line, "| ") && !strings.HasPrefix(line, "| Method") {
				t.Errorf("README route row not understood: %q", line)
			}
			continue
		}
		methods := []string{m[1]}
		if m[1] == "any" {
			methods = allMethods
		}
		for _, method := range methods {
			want[method+" "+m[2]] = true
			if m[3] != "" {
				want[method+" "+esPath(m[2])] = true
			}
		}
	}
	if len(want) < 100 {
		t.Fatalf("only %d routes read from the README", len(want))
	}

	app, _ := seededApp(t)
	got := map[string]bool{}
	err = chi.Walk(routesOf(app.Handler()), func(method, pattern string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		got[method+" "+pattern] = true
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range slices.Sorted(maps.Keys(got)) {
		if !want[r] {
			t.Errorf("the router has %s, which the README's route table does not", r)
		}
	}
	for _, r := range slices.Sorted(maps.Keys(want)) {
		if !got[r] {
			t.Errorf("the README's route table has %s, which the router does not", r)
		}
	}
}

// allMethods are the methods chi routes for a route registered for any.
var allMethods = []string{"CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "QUERY", "TRACE"}

// esPath is the Spanish twin of an English path, as chi names it.
func esPath(p string) string {
	if p == "/" {
		return "/es/"
	}
	return "/es" + p
}
