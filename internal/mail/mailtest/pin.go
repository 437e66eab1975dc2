package mailtest

import (
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the pinned emails (mailtest.Pinned) with what the code writes now")

// Pinned fails t unless got is byte for byte the file at path: an email
// pinned so that a change of its words is seen. With -update it rewrites
// the file instead.
func Pinned(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s changed:\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}
