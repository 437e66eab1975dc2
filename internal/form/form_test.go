package form

import "testing"

func TestTheFirstProblemOfAFieldIsKept(t *testing.T) {
	p := Problems{}
	if !p.OK() {
		t.Fatal("an empty Problems should be OK")
	}
	p.Add("email", "first")
	p.Add("email", "second")
	p.Merge(Problems{"email": "third", "name": "name"})
	if p["email"] != "first" || p["name"] != "name" || len(p) != 2 || p.OK() {
		t.Fatalf("got %v", p)
	}
	if w := Of("busy"); w[Whole] != "busy" || len(w) != 1 {
		t.Fatalf("Of: %v", w)
	}
}

func TestTypableRefusesOnlyWhatPostgresRefuses(t *testing.T) {
	for s, want := range map[string]bool{"": true, "Ünïcode – ok\n\t": true, "a\x00b": false, "caf\xe9": false} {
		if got := Typable(s); got != want {
			t.Errorf("Typable(%q) = %v, want %v", s, got, want)
		}
	}
}
